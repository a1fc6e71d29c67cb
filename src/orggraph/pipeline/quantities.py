"""Quantities in text: a number with a unit, classifier or %, not a date, ordinal or idiom.

The words read around a number live in ``resources/data/quantity_words.tsv``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from orggraph.pipeline.figure_names import is_not_a_figure
from orggraph.pipeline.numbers import CHINESE_DIGITS, NUMERAL, normalize, value_of
from orggraph.pipeline.ranges import Quantity, with_range
from orggraph.resources.tables import table, word_set
from orggraph.resources.units import numeral_words, unit_info, unit_pattern

TABLE = "quantity_words"


def ordered(role: str, name: str = TABLE) -> tuple[str, ...]:
    """The words of one role of a table in file order (regex alternatives keep their order)."""
    return tuple(row["word"] for row in table(name) if row["role"] == role)


def alternation(role: str, name: str = TABLE) -> str:
    """The words of ``role`` as a regex alternation, in file order."""
    return "|".join(re.escape(w) for w in ordered(role, name))


def one(role: str) -> str:
    """The single word of a one-word role."""
    (word,) = ordered(role)
    return word


PRE = alternation("approx_before")
POST = alternation("approx_after")
APPROX_TAIL = alternation("approx_infix", "numerals")
LATE_MULTIPLIERS = {
    r["word"]: int(r["value"]) for r in table(TABLE) if r["role"] == "late_multiplier"
}
BARE_POWERS = word_set(TABLE, role="bare_power")
BARE_POWER_CUES = word_set(TABLE, role="bare_power_cue")
BARE_POWER_ONLY = word_set(TABLE, role="bare_power_only")
NOT_A_COUNT = word_set(TABLE, role="not_a_count")
IDIOM_NUMERALS = frozenset(CHINESE_DIGITS) | word_set(TABLE, role="idiom_numeral")
NOT_AFTER = word_set(TABLE, role="not_after")
MINUS = word_set(TABLE, role="minus")
SESSION_UNITS = word_set(TABLE, role="session_unit")
_PLENUM = f"[{''.join(ordered('session_numeral'))}]+{alternation('plenum_mark')}"
ORDINAL_AFTER = re.compile(f"{_PLENUM}|{alternation('session_after')}")


@cache
def quantity_re() -> re.Pattern[str]:
    units = unit_pattern()
    late = "|".join(re.escape(w) for w in LATE_MULTIPLIERS)
    return re.compile(
        rf"(?P<pre>{PRE})?{NUMERAL}(?P<post>{APPROX_TAIL})?(?P<mult2>{late})?"
        rf"(?P<post2>{APPROX_TAIL})?"
        rf"(?P<unit>{units})(?P<alt>[(（](?:{units})[)）])?(?P<suffix>{POST})?"
    )


PERCENT_WORDS = re.compile(rf"{alternation('percent_words')}(?P<n>{NUMERAL})")


def find_quantities(text: str) -> Iterator[Quantity]:
    """Every number with a unit in ``text`` that is a quantity, not a date, ordinal or idiom."""
    for m in quantity_re().finditer(text):
        q = _quantity(text, m)
        if q is not None:
            yield with_range(text, q)
    for m in PERCENT_WORDS.finditer(text):
        value = value_of(m)
        if value:
            yield Quantity(m.start(), m.end(), m.start(), value, "%", False)


def _quantity(text: str, m: re.Match[str]) -> Quantity | None:
    chinese, pre = m.group("chinese"), m.group("pre")
    if chinese and (chinese in NOT_A_COUNT or _is_idiom(text, m)):
        return None
    if chinese and chinese in BARE_POWERS and pre not in BARE_POWER_CUES:
        return None
    if pre in BARE_POWER_ONLY and not (chinese and chinese in BARE_POWERS):
        pre = None
    start = (
        m.start("pre") if pre else m.start("arabic") if m.group("arabic") else m.start("chinese")
    )
    number_start = m.start("arabic") if m.group("arabic") else m.start("chinese")
    unit = m.group("unit") + (m.group("alt") or "").replace("（", "(").replace("）", ")")
    info = unit_info(unit)
    if info is None or (chinese and info.arabic_only):
        return None
    if _is_not_quantity(text, number_start, m.end("unit"), m.group("unit")) or is_not_a_figure(
        text, number_start, m.end("unit"), m.group("unit")
    ):
        return None
    value = value_of(m)
    if value is None or value == 0:
        return None
    mult = m.group("mult2")
    if mult and not m.group("mult"):
        value *= LATE_MULTIPLIERS[mult]
    approx = bool(
        pre or m.group("post") or m.group("post2") or m.group("infix") or m.group("suffix")
    )
    return Quantity(start, m.end(), number_start, normalize(value), unit, approx)


def _is_not_quantity(text: str, number_start: int, unit_end: int, unit: str) -> bool:
    """Ordinals (第三次), plenums (二十届三中全会), words (人员, 期间) and vocabulary (三个代表)."""
    ranged = text[number_start - 2 : number_start - 1].isdigit()
    before = text[number_start - 1 : number_start]
    if (
        before in NOT_AFTER
        or (not ranged and before in MINUS)
        or (
            number_start > 0
            and text[number_start - 1].isascii()
            and text[number_start - 1].isalnum()
        )
    ):
        return True
    after = text[unit_end : unit_end + 6]
    if unit in SESSION_UNITS and ORDINAL_AFTER.match(after):
        return True
    if len(unit) == 1 and text[unit_end - 1 : unit_end + 1] in word_set(
        "unit_guards", role="word_after"
    ):
        return True
    if len(unit) == 1 and text[number_start : unit_end - 1] in word_set(
        "unit_guards", role="ordinal"
    ):
        return True
    window = text[max(0, number_start - 6) : unit_end + 6]
    return any(w in window and _covers(text, w, number_start) for w in numeral_words())


def _covers(text: str, word: str, offset: int) -> bool:
    lo = max(0, offset - len(word))
    for m in re.finditer(re.escape(word), text[lo : offset + len(word)]):
        if lo + m.start() <= offset < lo + m.end():
            return True
    return False


def _is_idiom(text: str, m: re.Match[str]) -> bool:
    """Numeral–word–numeral–word idioms: 千家万户, 一人一策, 三严三实."""
    s = m.start("chinese")
    if len(m.group("chinese")) != 1:
        return False
    ahead = text[s + 2 : s + 3]
    behind = text[s - 2 : s - 1] if s >= 2 else ""
    return ahead in IDIOM_NUMERALS or behind in IDIOM_NUMERALS
