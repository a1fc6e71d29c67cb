from decimal import Decimal

import cn2an
import pytest
from hypothesis import given
from hypothesis import strategies as st

from orggraph.pipeline.numbers import parse_arabic, parse_chinese, parse_numeral


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", "12"),
        ("46.3", "46.3"),
        ("3.6万", "36000"),
        ("1.2万", "12000"),
        ("8500万", "85000000"),
        ("2.93亿", "293000000"),
        ("21亿", "2100000000"),
        ("20多万", "200000"),
        ("12,000", "12000"),
        ("二十", "20"),
        ("十五", "15"),
        ("一万", "10000"),
        ("两千", "2000"),
        ("千", "1000"),
        ("百", "100"),
        ("三百五十", "350"),
    ],
)
def test_parse_numeral(text: str, value: str) -> None:
    assert parse_numeral(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "abc", "十几", "2018年", "1.2.3"])
def test_parse_numeral_rejects_non_numerals(text: str) -> None:
    assert parse_numeral(text) is None


def test_values_have_no_trailing_zeros() -> None:
    assert str(parse_numeral("1.2万")) == "12000"
    assert str(parse_arabic("0.50")) == "0.5"


@given(st.integers(min_value=0, max_value=10**12))
def test_arabic_integers_round_trip(n: int) -> None:
    assert parse_numeral(str(n)) == n


@given(st.integers(min_value=1, max_value=99_999), st.sampled_from(["万", "亿"]))
def test_multipliers_scale(n: int, mult: str) -> None:
    assert parse_numeral(f"{n}{mult}") == n * (10_000 if mult == "万" else 100_000_000)


@given(st.integers(min_value=1, max_value=10**8))
def test_chinese_numerals_read_back(n: int) -> None:
    assert parse_chinese(cn2an.an2cn(n)) == n
