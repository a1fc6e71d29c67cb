"""The controlled list of units and classifiers that make a number a measured quantity."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from orggraph.resources.tables import table, word_set


class UnitKind(StrEnum):
    PERSON = "person"
    HOUSEHOLD = "household"
    ORGANIZATION = "organization"
    EVENT = "event"
    ITEM = "item"
    MONEY = "money"
    PERCENT = "percent"
    AGE = "age"
    AREA = "area"
    LENGTH = "length"
    WEIGHT = "weight"
    MULTIPLE = "multiple"
    TIME = "time"


@dataclass(frozen=True)
class Unit:
    unit: str  # as written: "人次"
    kind: UnitKind
    gloss: str  # English meaning
    currency: str | None = None  # ISO 4217 code for money
    arabic_only: bool = False  # only after Arabic digits ("1200小时", not the idiom "八小时")
    classifier: bool = False  # a 量词 whose counted noun follows it ("个", "名"), not a noun ("人")


@cache
def load_units() -> dict[str, Unit]:
    """Every known unit by its written form, loaded once."""
    units: dict[str, Unit] = {}
    for row in table("units"):
        unit = row["unit"]
        arabic_only = row["numerals"] == "arabic"
        units[unit] = Unit(
            unit,
            UnitKind(row["kind"]),
            row["gloss"],
            row["currency"] or None,
            arabic_only,
            row["classifier"] == "noun",
        )
    return units


@cache
def unit_pattern() -> str:
    """Regex alternation of all units, longest first."""
    return "|".join(re.escape(u) for u in sorted(load_units(), key=lambda u: (-len(u), u)))


def unit_info(unit: str) -> Unit | None:
    """The unit written ``unit``; a compound such as "人(个)" is known by its first part."""
    units = load_units()
    if unit in units:
        return units[unit]
    head = unit.split("(", 1)[0]
    return units.get(head)


@cache
def numeral_words() -> frozenset[str]:
    """Words whose numeral and classifier are vocabulary ("三个代表"), loaded once."""
    return word_set("numeral_words")
