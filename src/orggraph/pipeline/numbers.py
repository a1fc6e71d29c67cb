"""Numerals as written in Chinese reports: Arabic, Chinese, and mixed with 万/亿 multipliers.

Pure functions over strings (no spaCy). Chinese numerals are read with ``cn2an``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation, localcontext

from orggraph.resources.tables import table, words

_ROWS = table("numerals")
#: Digit characters in table order ("零〇一二两三四五六七八九").
CHINESE_DIGITS = "".join(r["word"] for r in _ROWS if r["role"] == "digit")
#: Power characters in table order ("十百千万亿").
CHINESE_POWERS = "".join(r["word"] for r in _ROWS if r["role"] == "power")
_POWER_VALUES = {r["word"]: int(r["value"]) for r in _ROWS if r["role"] == "power"}
_VARIANTS = {r["word"]: r["value"] for r in _ROWS if r["role"] == "variant"}
_ONE = next(r["word"] for r in _ROWS if r["role"] == "digit" and r["value"] == "1")
MULTIPLIERS = {r["word"]: int(r["value"]) for r in _ROWS if r["role"] == "multiplier"}

ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
CHINESE = f"[{CHINESE_DIGITS}{CHINESE_POWERS}]+"
MULTIPLIER = "|".join(words("numerals", role="multiplier"))
APPROX_INFIX = "|".join(words("numerals", role="approx_infix"))

# A numeral as written: Arabic digits with an optional multiplier ("2.93亿", "20多万"),
# or a run of Chinese numerals ("二十", "一万", "千"). Named groups feed ``parse_numeral``.
NUMERAL = (
    rf"(?:(?P<arabic>{ARABIC})(?P<infix>{APPROX_INFIX})?(?P<mult>{MULTIPLIER})?"
    rf"|(?P<chinese>{CHINESE}))"
)
NUMERAL_RE = re.compile(NUMERAL)

_CHINESE_RE = re.compile(CHINESE)
# Digits a reported count can have; longer runs (IDs, garbage) are out of range, not values.
MAX_DIGITS = 18
_LONG_DIGITS = re.compile(rf"\d{{{MAX_DIGITS + 1},}}")


def out_of_range(text: str) -> list[tuple[int, int]]:
    """Spans of digit runs too long to be a reported value (read as no number, with a warning)."""
    return [m.span() for m in _LONG_DIGITS.finditer(text)]


def parse_chinese(text: str) -> Decimal | None:
    """Value of a Chinese numeral ("二十" → 20, "两千" → 2000, "千" → 1000), or None."""
    if not text or not _CHINESE_RE.fullmatch(text):
        return None
    for variant, digit in _VARIANTS.items():
        text = text.replace(variant, digit)
    if _POWER_VALUES.get(text[0], 10) != 10:
        text = _ONE + text  # a bare power other than ten: 千 → 一千
    import cn2an  # on first use: its import compiles large patterns (a third of a second)

    try:
        value = cn2an.cn2an(text, "strict")
    except (ValueError, KeyError):
        return None
    return Decimal(int(value)) if float(value).is_integer() else None


def parse_arabic(text: str, multiplier: str | None = None) -> Decimal | None:
    """Value of Arabic digits, with thousands separators and an optional 万/亿 multiplier."""
    digits = text.replace(",", "")
    if len(digits.partition(".")[0]) > MAX_DIGITS:
        return None
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return None
    if multiplier:
        value *= MULTIPLIERS[multiplier]
    return normalize(value)


def normalize(value: Decimal) -> Decimal:
    """The same value without trailing zeros after the point (12000.0 → 12000)."""
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, len(value.as_tuple().digits) + 20)
        try:
            value = value.normalize()
            return value.quantize(Decimal(1)) if value == value.to_integral_value() else value
        except InvalidOperation:  # NaN, infinities: leave as they are
            return value


def parse_numeral(text: str) -> Decimal | None:
    """Value of one whole numeral as written ("3.6万" → 36000, "二十" → 20), or None."""
    m = NUMERAL_RE.fullmatch(text)
    if m is None:
        return None
    return value_of(m)


def value_of(m: re.Match[str]) -> Decimal | None:
    """Value of a match of ``NUMERAL`` (its named groups)."""
    if m.group("arabic"):
        return parse_arabic(m.group("arabic"), m.group("mult"))
    return parse_chinese(m.group("chinese"))
