"""Quantities as found in the text, and the two ends of a range ("5—15户")."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from orggraph.pipeline.numbers import normalize
from orggraph.records import Metric
from orggraph.resources.tables import words


@dataclass(frozen=True)
class Quantity:
    """A number with its unit as found in the text, before its context is read."""

    start: int
    end: int
    number_start: int
    value: Decimal
    unit: str
    approximate: bool
    low: Decimal | None = None  # the lower end of a range ("5—15户"), which starts at ``start``
    low_end: int = 0


@cache
def range_low() -> re.Pattern[str]:
    """The lower end and the mark before the upper end of a range ("5—", "5~")."""
    marks = "".join(re.escape(c) for c in words("unit_guards", role="range_mark"))
    return re.compile(rf"(?<![\d.])(?P<low>\d+(?:\.\d+)?)\s*[{marks}]{{1,2}}\s*$")


def with_range(text: str, q: Quantity) -> Quantity:
    """ "5—15户": the quantity's span opens at the lower end, which is kept as ``low``."""
    if q.start != q.number_start or not text[q.number_start : q.number_start + 1].isdigit():
        return q
    m = range_low().search(text, max(0, q.start - 14), q.start)
    if m is None:
        return q
    digits = re.match(r"\d+(?:\.\d+)?", text[q.number_start :])
    base = Decimal(digits.group()) if digits else Decimal(0)
    if not base:
        return q
    low = normalize(Decimal(m.group("low")) * q.value / base)
    return dataclasses.replace(q, start=m.start(), low=low, low_end=m.end("low"))


def low_end(text: str, q: Quantity, high: Metric) -> Metric:
    """The lower end of a range: its own observation, sharing the range's reading."""
    ev = high.evidence
    return dataclasses.replace(
        high,
        surface=text[q.start : q.low_end],
        value=q.low if q.low is not None else high.value,
        evidence=dataclasses.replace(ev, start=q.start, end=q.low_end, rule="metrics.range_low"),
    )
