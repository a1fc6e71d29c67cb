"""The national gazetteer: every province-, prefecture- and county-level division with its adcode.

Reference data is read once per process through ``orggraph.resources.tables`` (see the
``*.SOURCE.md`` files):
``gazetteer.tsv`` (GB/T 2260 divisions), ``capitals.tsv`` (省会/首府), ``nicknames.tsv`` (别称 and
fixed abbreviations such as 北上广深).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from orggraph.records import Place, PlaceLevel
from orggraph.resources.tables import table, word_set

#: Short names that are also everyday words (安康 "well-being"): matched only in full form.
COMMON_SHORTS = word_set("common_shorts", "short")
#: Suffix of a place without a national code → its level (in table order).
LOCAL_SUFFIXES: dict[str, PlaceLevel] = {
    row["suffix"]: PlaceLevel(row["level"]) for row in table("local_suffixes")
}


@dataclass(frozen=True)
class Nickname:
    alias: str
    places: tuple[str, ...]  # adcodes
    group: bool  # a fixed abbreviation of several places, valid everywhere


@dataclass(frozen=True)
class Gazetteer:
    """Lookups over the national divisions, keyed by adcode."""

    places: dict[str, Place]
    shorts: dict[str, str]  # adcode -> short name ("" if none)
    by_name: dict[str, tuple[str, ...]]  # full name -> adcodes
    by_short: dict[str, tuple[str, ...]]  # short name -> adcodes
    capitals: dict[str, str]  # province adcode -> capital adcode
    nicknames: dict[str, Nickname] = field(default_factory=dict)

    def get(self, key: str | None) -> Place | None:
        """The division with this adcode."""
        return self.places.get(key) if key else None

    def named(self, name: str) -> tuple[Place, ...]:
        """Divisions whose full official name is ``name``."""
        return tuple(self.places[c] for c in self.by_name.get(name, ()))

    def shortly_named(self, short: str) -> tuple[Place, ...]:
        """Divisions whose short name (name without suffix) is ``short``."""
        return tuple(self.places[c] for c in self.by_short.get(short, ()))

    def short(self, key: str) -> str:
        """The short name of a division, "" if it has none."""
        return self.shorts.get(key, "")

    def chain(self, key: str) -> Iterator[Place]:
        """The division and its ancestors up to the province, nearest first."""
        place = self.get(key)
        while place is not None:
            yield place
            place = self.get(place.parent)

    def province_of(self, key: str) -> Place | None:
        """The province-level division containing ``key`` (itself if a province)."""
        return self.get(key[:2] + "0000") if key[:6].isdigit() else None

    def within(self, key: str, ancestor: str) -> bool:
        """Whether division ``key`` is ``ancestor`` or lies inside it."""
        return any(p.key == ancestor for p in self.chain(key))

    def capital_of(self, key: str) -> Place | None:
        """The capital (省会/首府) of the province containing ``key``."""
        province = self.province_of(key)
        return self.get(self.capitals.get(province.key)) if province else None

    def distance(self, a: str, b: str) -> float:
        """Rough distance in degrees between two divisions (inf when unknown)."""
        pa, pb = self.get(a), self.get(b)
        if not pa or not pb or pa.lon is None or pb.lon is None:
            return math.inf
        assert pa.lat is not None and pb.lat is not None
        return math.hypot(pa.lon - pb.lon, pa.lat - pb.lat)


def local_place(parent: Place, name: str, level: PlaceLevel) -> Place:
    """A place without a national code, keyed under its parent: ``"<parent key>/<name>"``."""
    return Place(key=f"{parent.key}/{name}", name=name, level=level, parent=parent.key)


def local_level(name: str) -> PlaceLevel | None:
    """The level a local place name's suffix implies (南湖街道 → township), or None."""
    for suffix, level in LOCAL_SUFFIXES.items():
        if name.endswith(suffix) and len(name) > len(suffix):
            return level
    return None


def _unique(index: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    return {name: tuple(sorted(codes)) for name, codes in index.items()}


@cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer, read once per process."""
    places: dict[str, Place] = {}
    shorts: dict[str, str] = {}
    by_name: dict[str, list[str]] = defaultdict(list)
    by_short: dict[str, list[str]] = defaultdict(list)
    for row in table("gazetteer"):
        code = row["adcode"]
        places[code] = Place(
            key=code,
            name=row["name"],
            level=PlaceLevel(row["level"]),
            adcode=code,
            parent=row["parent"] or None,
            lon=float(row["lon"]) if row["lon"] else None,
            lat=float(row["lat"]) if row["lat"] else None,
        )
        shorts[code] = row["short"]
        by_name[row["name"]].append(code)
        if row["short"]:
            by_short[row["short"]].append(code)
    gaz = Gazetteer(places, shorts, _unique(by_name), _unique(by_short), {})
    for row in table("capitals"):
        province = _resolve(gaz, row["province"], None)
        gaz.capitals[province] = _resolve(gaz, row["capital"], province)
    for row in table("nicknames"):
        codes = tuple(_resolve(gaz, name, None) for name in row["places"].split())
        gaz.nicknames[row["alias"]] = Nickname(row["alias"], codes, row["kind"] == "group")
    return gaz


def _resolve(gaz: Gazetteer, name: str, within: str | None) -> str:
    """The one adcode of a full name (inside ``within`` if given); reference data is unambiguous."""
    codes = [p.key for p in gaz.named(name) if within is None or gaz.within(p.key, within)]
    if len(codes) != 1:
        raise ValueError(f"reference data names {name!r} ambiguously or unknown: {codes}")
    return codes[0]
