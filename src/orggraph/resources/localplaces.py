"""Townships (乡/镇/街道/苏木) and villages (村/社区) of every county, with lookup by name.

The data file ``data/localplaces.tsv.gz`` (see ``data/localplaces.SOURCE.md``) holds one row per
village or community, and one row with an empty village for a township without villages. It is
read on first use only: the whole file is decompressed and each county's byte range found;
a county's rows are decoded into :class:`Township` and :class:`Village` objects the first
time that county is asked for.

Names are matched exactly first and then by :func:`stem`, the name without its administrative
suffix, so 北斗溪乡 (its 2019 name) and 北斗溪 both find 北斗溪镇, and 茅坡 finds 茅坡村.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from types import MappingProxyType
from typing import Literal

from orggraph.resources.tables import table

DATA_FILE = "localplaces.tsv.gz"
SUFFIX_FILE = "place_suffixes.tsv"
HEADER = (
    "county",
    "township_code",
    "township",
    "township_stem",
    "township_2019",
    "village",
    "kind",
)

VillageKind = Literal["village", "community"]


@dataclass(frozen=True, slots=True)
class Township:
    """A township-level division (乡, 镇, 街道, 苏木, 民族乡 …) as listed on 2025-12-31.

    ``code`` is its 9-digit national code; ``county`` the 6-digit adcode of its county;
    ``kind`` one of ``town``, ``township``, ``street``, ``sumu``; ``name_2019`` the name under
    which the 2019 village list filed it when that differs (北斗溪乡 for 北斗溪镇), else "".
    """

    code: str
    name: str
    stem: str
    kind: str
    county: str
    name_2019: str = ""


@dataclass(frozen=True, slots=True)
class Village:
    """A village (村, 嘎查) or urban community (社区, 居委会) under a township, as of 2019.

    The source gives no village codes, so :attr:`key` (township code, slash, name) is the
    stable identifier.
    """

    name: str
    stem: str
    kind: VillageKind
    township: str
    county: str

    @property
    def key(self) -> str:
        """``<township code>/<village name>``, unique within the data."""
        return f"{self.township}/{self.name}"


@dataclass(frozen=True, slots=True)
class _Suffixes:
    committee: tuple[tuple[str, str], ...]  # (suffix, kind), longest first
    admin: tuple[tuple[str, str, str], ...]  # (suffix, role, kind), longest first
    nations: tuple[str, ...]  # longest first
    nation_word: tuple[str, ...] = ()  # the word after a nation's name (X族)
    village_word: tuple[str, ...] = ()  # a committee name opening with it keeps it (X村民委员会)
    village_ends: tuple[str, ...] = ()  # suffixes of village-level names
    community_ends: tuple[str, ...] = ()  # endings that make a name a community's


@cache
def _suffixes() -> _Suffixes:
    body = [
        (r["suffix"], r["level"], r["role"], r["kind"])
        for r in table(SUFFIX_FILE.removesuffix(".tsv"))
    ]
    committee = [(s, k) for s, _lvl, role, k in body if role == "committee"]
    admin = [(s, role, k) for s, _lvl, role, k in body if role in ("suffix", "ethnic")]
    nations = [s for s, _lvl, role, _k in body if role == "nation"]

    def role(name: str) -> tuple[str, ...]:
        return tuple(s for s, _lvl, r, _k in body if r == name)

    return _Suffixes(
        committee=tuple(sorted(committee, key=lambda r: -len(r[0]))),
        admin=tuple(sorted(admin, key=lambda r: -len(r[0]))),
        nations=tuple(sorted(nations, key=len, reverse=True)),
        nation_word=role("nation_word"),
        village_word=role("village_word"),
        village_ends=tuple(s for s, lvl, r, _k in body if r == "suffix" and lvl == "village"),
        community_ends=role("community_end"),
    )


def _strip_nations(name: str) -> str:
    """Drop the ethnic groups ending a township's name (红旗满 → 红旗, 牛场苗族彝 → 牛场)."""
    suffixes = _suffixes()
    nations = suffixes.nations
    while True:
        nation = next((n for n in nations if name.endswith(n) and len(name) > len(n)), None)
        if nation is None:
            return name
        name = name[: -len(nation)]
        word = next((w for w in suffixes.nation_word if name.endswith(w)), None)
        if word is None or len(name) <= len(word):
            return name
        name = name[: -len(word)]


def committee_name(raw: str) -> tuple[str, VillageKind]:
    """The village or community name in a committee's name, and its kind.

    茅坡村村委会 → (茅坡村, village); 梅尖村民委员会 → (梅尖村, village);
    新兴社区居委会 → (新兴社区, community). A name without committee suffix is kept.
    """
    name, kind = raw, "village"
    suffixes = _suffixes()
    for suffix, suffix_kind in suffixes.committee:
        if raw.endswith(suffix) and len(raw) > len(suffix):
            name, kind = raw[: -len(suffix)], suffix_kind
            word = next((w for w in suffixes.village_word if suffix.startswith(w)), None)
            if word is not None and not name.endswith(suffixes.village_ends):
                name += word  # 梅尖村民委员会: the 村 belongs to the name
            break
    if name.endswith(suffixes.community_ends):
        kind = "community"
    return name, "community" if kind == "community" else "village"


@lru_cache(maxsize=1 << 16)
def split_suffix(name: str) -> tuple[str, str]:
    """``(stem, kind)`` of a township or village name; kind is "" when no suffix matched.

    Kinds: ``town``, ``township``, ``street``, ``sumu`` (townships), ``village``,
    ``community`` (villages). Ethnic townships lose their groups: 长营回族乡 → 长营.
    """
    base = name
    committee, admin = _suffix_index()
    if base.endswith(committee.ends) and any(
        base[-size:] in committee for size in committee.sizes if len(base) > size
    ):
        base, _ = committee_name(base)
    size = len(base)
    for suffix, role, kind in admin.by_last.get(base[-1:], ()):  # the longest that fits
        if size > len(suffix) and base.endswith(suffix):
            rest = base[: -len(suffix)]
            return (_strip_nations(rest) if role == "ethnic" else rest), kind
    return base, ""


class _ByEnding(dict[str, tuple[str, str]]):
    """Suffixes by their text (the first listed wins) and their lengths, longest first."""

    sizes: tuple[int, ...] = ()
    ends: tuple[str, ...] = ()
    #: suffixes (with role and kind) by their last character, longest first
    by_last: Mapping[str, tuple[tuple[str, str, str], ...]] = MappingProxyType({})


@cache
def _suffix_index() -> tuple[_ByEnding, _ByEnding]:
    """The committee and administrative suffixes for look-up by a name's last characters."""
    committee, admin = _ByEnding(), _ByEnding()
    for suffix, kind in _suffixes().committee:
        committee.setdefault(suffix, ("", kind))
    for suffix, role, kind in _suffixes().admin:
        admin.setdefault(suffix, (role, kind))
    for index in (committee, admin):
        index.sizes = tuple(sorted({len(s) for s in index}, reverse=True))
        index.ends = tuple(index)
        by_last: dict[str, list[tuple[str, str, str]]] = {}
        for suffix, (role, kind) in sorted(index.items(), key=lambda item: -len(item[0])):
            by_last.setdefault(suffix[-1], []).append((suffix, role, kind))
        index.by_last = {last: tuple(rows) for last, rows in by_last.items()}
    return committee, admin


def stem(name: str) -> str:
    """The name without administrative suffix: 北斗溪乡/北斗溪镇 → 北斗溪, 茅坡村村委会 → 茅坡."""
    return split_suffix(name)[0]


@cache
def _data() -> tuple[bytes, dict[str, tuple[int, int]]]:
    """The decompressed file and each county's byte range in it (the whole file, read once).

    The rows are sorted, so each county is one run of lines; its end is found by bisecting on
    line starts, without splitting or decoding the 36 MB of text.
    """
    raw = gzip.decompress((files("orggraph.resources") / "data" / DATA_FILE).read_bytes())
    first = raw.find(b"\n") + 1
    if tuple(raw[: first - 1].decode("utf-8").split("\t")) != HEADER:
        raise ValueError(f"{DATA_FILE}: unexpected header {raw[: first - 1]!r}")
    ranges: dict[str, tuple[int, int]] = {}
    pos, size = first, len(raw)
    while pos < size:
        county = raw[pos : pos + 6]
        lo, hi = pos, size  # the first line after hi is another county's, the one after lo not
        while hi - lo > 1:
            mid = (lo + hi) // 2
            line = raw.find(b"\n", mid) + 1 or size
            if line < size and raw[line : line + 6] == county:
                lo = mid
            else:
                hi = mid
        stop = raw.find(b"\n", lo) + 1 or size
        while stop < size and raw[stop : stop + 6] == county:
            stop = raw.find(b"\n", stop) + 1 or size
        ranges[county.decode("ascii")] = (pos, stop)
        pos = stop
    return raw, ranges


def _lines(adcode: str) -> list[str]:
    raw, ranges = _data()
    if adcode not in ranges:
        return []
    start, stop = ranges[adcode]
    return raw[start:stop].decode("utf-8").splitlines()


@dataclass(frozen=True, slots=True)
class _County:
    townships: tuple[Township, ...]
    villages: dict[str, tuple[Village, ...]]  # by township code


#: Counties decoded, and (county, township) village indexes built (their look-ups are cheap).
_DECODED: set[str] = set()
_INDEXED: set[tuple[str, str | None]] = set()


@lru_cache(maxsize=4096)
def _county(adcode: str) -> _County:
    _DECODED.add(adcode)
    townships: dict[str, Township] = {}
    villages: dict[str, list[Village]] = {}
    for line in _lines(adcode):
        county, code, name, tstem, name_2019, village, kind = line.split("\t")
        if code not in townships:
            townships[code] = Township(code, name, tstem, split_suffix(name)[1], county, name_2019)
            villages[code] = []
        if village:
            villages[code].append(Village(village, stem(village), _kind(kind), code, county))
    return _County(tuple(townships.values()), {code: tuple(vs) for code, vs in villages.items()})


def _kind(kind: str) -> VillageKind:
    return "community" if kind == "community" else "village"


def load() -> int:
    """Read the data file now (otherwise done on first use); the number of counties."""
    return len(_data()[1])


def counties() -> tuple[str, ...]:
    """The adcodes of all counties that have townships in the data, sorted."""
    return tuple(sorted(_data()[1]))


def townships(county_adcode: str) -> tuple[Township, ...]:
    """The townships of a county (6-digit adcode) in code order; () for an unknown county."""
    return _county(county_adcode).townships


def township(code: str) -> Township | None:
    """The township with this 9-digit code, or None."""
    return next((t for t in townships(code[:6]) if t.code == code), None)


def villages(township_code: str) -> tuple[Village, ...]:
    """The villages and communities of a township (9-digit code), sorted by name."""
    return _county(township_code[:6]).villages.get(township_code, ())


def townships_named(county_adcode: str, name: str) -> tuple[Township, ...]:
    """All townships of the county that ``name`` may denote: exact (current or 2019) name,
    else the same stem."""
    key = stem(name)
    if name and county_adcode not in _DECODED and not _written(county_adcode, name, key):
        return ()
    ts = townships(county_adcode)
    exact = tuple(t for t in ts if name in (t.name, t.name_2019))
    if exact:
        return exact
    return tuple(t for t in ts if t.stem == key) if key else ()


def _written(county_adcode: str, name: str, key: str) -> bool:
    """Whether ``name`` or its stem ``key`` occurs in the county's rows at all: a byte search
    that spares decoding (and indexing) a county no name of the article can match. A
    township's name, 2019 name and stem are columns of its rows, and a village's stem is the
    start of its name, so no match can hide from it."""
    raw, ranges = _data()
    start, stop = ranges.get(county_adcode, (0, 0))
    return any(w and raw.find(w.encode("utf-8"), start, stop) >= 0 for w in (name, key))


def find_township(county_adcode: str, name: str) -> Township | None:
    """The township of the county called ``name`` (北斗溪镇, 北斗溪乡, 北斗溪), if unambiguous."""
    found = townships_named(county_adcode, name)
    return found[0] if len(found) == 1 else None


@dataclass(frozen=True, slots=True)
class _Names:
    """Villages by exact name and by stem, each in the order of the data."""

    exact: dict[str, list[Village]]  # (lists: made into tuples only when looked up)
    stems: dict[str, list[Village]]


def _names(pool: Iterable[Village]) -> _Names:
    exact: dict[str, list[Village]] = {}
    stems: dict[str, list[Village]] = {}
    for v in pool:
        exact.setdefault(v.name, []).append(v)
        stems.setdefault(v.stem, []).append(v)
    return _Names(exact, stems)


@lru_cache(maxsize=4096)
def _village_names(county_adcode: str, township_code: str | None) -> _Names:
    """The name index of a township's villages, or of all the county's (built once)."""
    _INDEXED.add((county_adcode, township_code))
    if township_code is not None:
        return _names(villages(township_code))
    county = _county(county_adcode)
    return _names(v for vs in county.villages.values() for v in vs)


def _match(names: _Names, name: str) -> tuple[Village, ...]:
    exact = names.exact.get(name)
    if exact:
        return tuple(exact)
    key = stem(name)
    return tuple(names.stems.get(key, ())) if key else ()


def find_village(
    county_adcode: str, name: str, township_code: str | None = None
) -> tuple[Village, ...]:
    """Villages called ``name`` (茅坡村 or 茅坡) in a township, or anywhere in the county.

    Exact names win over stem matches. More than one result means the name is ambiguous
    within the county; () means no match.
    """
    if township_code is not None and not township_code.startswith(county_adcode):
        return ()
    indexed = (county_adcode, township_code) in _INDEXED
    if not indexed and not _written(county_adcode, name, stem(name)):
        return ()
    return _match(_village_names(county_adcode, township_code), name)
