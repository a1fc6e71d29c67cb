import re

import pytest

from orggraph.resources.units import UnitKind, load_units, numeral_words, unit_info, unit_pattern


@pytest.mark.parametrize(
    ("unit", "kind"),
    [
        ("名", UnitKind.PERSON),
        ("人次", UnitKind.PERSON),
        ("人(个)", UnitKind.PERSON),
        ("家", UnitKind.ORGANIZATION),
        ("期", UnitKind.EVENT),
        ("元", UnitKind.MONEY),
        ("%", UnitKind.PERCENT),
        ("岁", UnitKind.AGE),
        ("平方米", UnitKind.AREA),
        ("倍", UnitKind.MULTIPLE),
    ],
)
def test_unit_kinds(unit: str, kind: UnitKind) -> None:
    info = unit_info(unit)
    assert info is not None and info.kind == kind


def test_money_has_a_currency() -> None:
    assert all(u.currency for u in load_units().values() if u.kind == UnitKind.MONEY)
    assert unit_info("元").currency == "CNY"  # type: ignore[union-attr]


@pytest.mark.parametrize("word", ["年", "月", "日", "级", "大"])
def test_dates_and_ranks_are_not_units(word: str) -> None:
    assert unit_info(word) is None


@pytest.mark.parametrize("word", ["种", "类"])
def test_counts_of_categories_are_item_units(word: str) -> None:
    """ "10种情形", "5类事项": a count of kinds is a figure (programs-and-time issue)."""
    assert unit_info(word).kind == UnitKind.ITEM  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "unit"), [("人次", "人次"), ("场次", "场次"), ("平方米", "平方米")]
)
def test_pattern_prefers_the_longest_unit(text: str, unit: str) -> None:
    m = re.match(unit_pattern(), text)
    assert m is not None and m.group() == unit


def test_time_units_need_arabic_digits() -> None:
    assert unit_info("小时").arabic_only  # type: ignore[union-attr]
    assert not unit_info("名").arabic_only  # type: ignore[union-attr]


def test_every_unit_has_a_gloss() -> None:
    assert all(u.gloss for u in load_units().values())


def test_numeral_words_hold_political_formulas() -> None:
    assert {"三个代表", "八项规定"} <= numeral_words()
