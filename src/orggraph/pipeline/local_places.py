"""Towns and villages linked to the national reference data, only inside the article's context.

A town or village name repeats all over the country, so it is looked up only under a parent
written right before it (县|镇|村), else among the townships and villages of the counties the
article names (its context), never nationally by name alone. The characters before a suffix
(镇, 乡, 街道, 村, 社区, …) are tried longest first, so a verb glued to the front of a name
(是X镇, 回X村) falls away. A name missing from the reference data is kept only with strong
evidence: a written parent right before it, a list of names, or an organ after it (X村党支部),
and never when the characters before the suffix end in a verb or function word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from orggraph.pipeline import place_rules as rules
from orggraph.pipeline.text import Spans
from orggraph.records import Place, PlaceLevel
from orggraph.resources import localplaces as ref
from orggraph.resources.gazetteer import LOCAL_SUFFIXES, Gazetteer
from orggraph.resources.tables import table

MAX_STEM = 6
LOCAL_LEVELS = (PlaceLevel.TOWNSHIP, PlaceLevel.VILLAGE, PlaceLevel.COMMUNITY)
SUFFIXES = [s for s, level in LOCAL_SUFFIXES.items() if level in LOCAL_LEVELS]
SUFFIX = re.compile("|".join(re.escape(s) for s in SUFFIXES))
STEM_CHAR = re.compile(r"[\u4e00-\u9fff0-9]")
HAN_CHAR = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Local:
    """A local place found at [start, end) of the text."""

    start: int
    end: int
    place: Place
    linked: bool  # found in the reference data


def township_place(t: ref.Township) -> Place:
    return Place(key=t.code, name=t.name, level=PlaceLevel.TOWNSHIP, adcode=t.code, parent=t.county)


def village_place(v: ref.Village) -> Place:
    level = PlaceLevel.COMMUNITY if v.kind == "community" else PlaceLevel.VILLAGE
    return Place(key=v.key, name=v.name, level=level, parent=v.township)


def ancestors(place: Place, gaz: Gazetteer) -> list[Place]:
    """The place and every place above it up to the province."""
    chain = [place]
    if place.level in (PlaceLevel.VILLAGE, PlaceLevel.COMMUNITY) and place.parent:
        town = ref.township(place.parent) if place.parent.isdigit() else None
        if town is not None:
            chain.append(township_place(town))
    top = chain[-1].parent
    chain.extend(gaz.chain(top) if top else ())
    return chain


def is_town_name(name: str) -> bool:
    level = next((lv for s, lv in LOCAL_SUFFIXES.items() if name.endswith(s)), None)
    return level == PlaceLevel.TOWNSHIP


def lookup(name: str, counties: Iterable[str], township: str | None = None) -> list[Place]:
    """Places called ``name`` in a township (9-digit code) or in any of the counties."""
    if township is not None:
        found = ref.find_village(township[:6], name, township)
        return [village_place(v) for v in found]
    out: list[Place] = []
    town = is_town_name(name)
    for county in counties:
        if town:
            out += [township_place(t) for t in ref.townships_named(county, name)]
        else:
            out += [village_place(v) for v in ref.find_village(county, name)]
    return out


def under(parent: Place) -> tuple[list[str], str | None]:
    """The counties and township a name written right after ``parent`` is looked up in."""
    if parent.level == PlaceLevel.TOWNSHIP and parent.adcode:
        return [parent.adcode[:6]], parent.adcode
    if parent.level == PlaceLevel.COUNTY and parent.adcode:
        return [parent.adcode], None
    return [], None


def after_parent(text: str, pos: int, parent: Place) -> Local | None:
    """A town or village written right after its parent (<county>X镇, <town>Y村)."""
    counties, township = under(parent)
    best: Local | None = None
    for m in SUFFIX.finditer(text, pos + 1, min(len(text), pos + MAX_STEM + 3)):
        stem = text[pos : m.start()]
        if not all(STEM_CHAR.match(c) for c in stem):
            break
        name = stem + m.group()
        found = lookup(name, counties, township) if counties else []
        if len(found) == 1:
            local = Local(pos, m.end(), found[0], True)
            if best is None or _rank(local) < _rank(best):
                best = local
    if best is not None:
        return best
    if parent.level in (PlaceLevel.VILLAGE, PlaceLevel.COMMUNITY):
        return None  # nothing lies below a village
    tail = next((w for w in rules.unit_tails() if parent.name.endswith(w)), "")
    if tail and text.startswith(tail, pos) and not text.endswith(tail, 0, pos):
        pos += len(tail)  # <county short name>|县|X村: the county's own suffix comes first
    office = next((w for w in rules.offices() if text.startswith(w, pos)), "")
    if office and parent.level == PlaceLevel.TOWNSHIP:
        pos += len(office)  # X街道|办事处|Y社区: the street's office, then the community
    written = rules.local_after(text, pos)
    level = _level(written.name) if written else None
    if written is None or level is None:
        return None
    if level in LOCAL_LEVELS and parent.level in (PlaceLevel.PREFECTURE, PlaceLevel.PROVINCE):
        return None  # a town is written after its county, not right after its city
    return Local(written.start, written.end, unlinked(parent, written.name), False)


def zone_after(text: str, start: int, end: int, parent: Place) -> Local | None:
    """A development zone named by its city as written: <city>经开区 → <city>经济开发区."""
    if parent.level not in (PlaceLevel.PREFECTURE, PlaceLevel.COUNTY):
        return None
    for row in table("place_words"):
        if row["role"] == "zone" and text.startswith(row["word"], end):
            name = text[start:end] + _in_full(text, text[start:end], row["word"], row["value"])
            place = Place(f"{parent.key}/{name}", name, PlaceLevel.COUNTY, parent=parent.key)
            return Local(start, end + len(row["word"]), place, False)
    return None


def _in_full(text: str, city: str, short: str, default: str) -> str:
    """安顺经开区 in an article that writes 安顺经济技术开发区: a zone's short form stands for the
    full form the article gives with the same city (its characters in order), else ``default``."""
    fulls = sorted({r["value"] for r in table("place_words") if r["role"] == "zone"}, key=len)
    for full in reversed(fulls):
        if full != short and _in_order(short, full) and city + full in text:
            return full
    return default


def _in_order(short: str, full: str) -> bool:
    rest = iter(full)
    return all(c in rest for c in short)


def any_suffix(text: str, pos: int) -> bool:
    """Whether a local place suffix (镇, 村, 新区, …) starts at ``pos``."""
    return any(text.startswith(s, pos) for s in LOCAL_SUFFIXES)


def named_after_county(text: str, start: int, end: int, county: Place) -> Local | None:
    """A town named after its county, written as the county's short name and a suffix."""
    m = SUFFIX.match(text, end)
    if m is None or county.level != PlaceLevel.COUNTY or not county.adcode:
        return None
    found = lookup(text[start:end] + m.group(), [county.adcode])
    return Local(start, m.end(), found[0], True) if len(found) == 1 else None


def _rank(local: Local) -> tuple[int, int]:
    """Towns before villages (X村镇 is a town), then the longer name."""
    return (0 if local.place.level == PlaceLevel.TOWNSHIP else 1, local.start - local.end)


def _level(name: str) -> PlaceLevel | None:
    for suffix, level in LOCAL_SUFFIXES.items():
        if name.endswith(suffix) and len(name) > len(suffix):
            return level
    return None


def unlinked(parent: Place, name: str) -> Place:
    level = _level(name)
    assert level is not None
    return Place(key=f"{parent.key}/{name}", name=name, level=level, parent=parent.key)


def in_context(
    text: str,
    counties: list[str],
    towns: list[str],
    taken: Spans,
) -> Iterator[Local]:
    """Every suffixed name of a town or village of the context counties, outside ``taken``."""
    for m in SUFFIX.finditer(text):
        if _inside(m.start(), taken) or rules.opens_word(text, m.start()):
            continue
        found = _longest(text, m, counties, towns, taken)
        if found is not None:
            yield found


def _longest(
    text: str,
    m: re.Match[str],
    counties: list[str],
    towns: list[str],
    taken: Spans,
) -> Local | None:
    for size in range(MAX_STEM, 0, -1):
        start = m.start() - size
        stem = text[start : m.start()] if start >= 0 else ""
        if (
            not stem
            or not all(STEM_CHAR.match(c) for c in stem)
            or _crosses(start, m.start(), taken)
        ):
            continue
        if size == 1 and start > 0 and STEM_CHAR.match(text[start - 1]):
            continue
        found = pick(lookup(stem + m.group(), counties), towns)
        if found is not None:
            return Local(start, m.end(), found, True)
    return None


def pick(found: list[Place], towns: list[str]) -> Place | None:
    """The one place found, or the one under a town the article names."""
    unique = list({p.key: p for p in found}.values())
    if len(unique) > 1:
        unique = [p for p in unique if p.parent in towns]
    return unique[0] if len(unique) == 1 else None


def vouched(text: str, taken: Spans) -> Iterator[tuple[int, int, str]]:
    """Names missing from the reference data but vouched for: X村党支部, X村、Y村."""
    for m in SUFFIX.finditer(text):
        if _inside(m.start(), taken) or rules.opens_word(text, m.start()):
            continue
        street = rules.street_named(text, m.start(), m.group())
        if not (street or rules.has_holder(text, m.end()) or _in_suffixed_list(text, m)):
            continue
        start = m.start()
        while start > 0 and m.start() - start < 4 and HAN_CHAR.match(text[start - 1]):
            start -= 1
        stem = rules.trim_phrase(text[start : m.start()])
        start = rules.after_unit_tail(text, m.start() - len(stem), m.start())
        stem = text[start : m.start()]
        if len(stem) >= 2 and not _crosses(start, m.start(), taken) and not rules.generic(stem):
            yield start, m.end(), stem + m.group()


def _in_suffixed_list(text: str, m: re.Match[str]) -> bool:
    """X村、Y村: the name is followed or preceded by another name with the same suffix."""
    after = text[m.end() : m.end() + 1] == "、"
    return after and bool(_named_with(m.group()).match(text, m.end() + 1))


@cache
def _named_with(suffix: str) -> re.Pattern[str]:
    """Two to four Han characters, then ``suffix``."""
    return re.compile(rf"[\u4e00-\u9fff]{{2,4}}{re.escape(suffix)}")


def _inside(pos: int, spans: Spans) -> bool:
    return spans.covers(pos)


def _crosses(start: int, end: int, spans: Spans) -> bool:
    return spans.crosses(start, end)
