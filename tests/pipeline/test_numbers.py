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


@pytest.mark.parametrize("digits", [19, 21, 25, 29, 60])
@pytest.mark.parametrize("mult", ["", "万", "亿"])
def test_overlong_digit_runs_are_no_value_never_a_crash(digits: int, mult: str) -> None:
    assert parse_numeral("1" * digits + mult) is None


@pytest.mark.parametrize("value", ["1" * 18 + "E8", "NaN", "Infinity", "1E-40"])
def test_normalize_never_traps(value: str) -> None:
    from orggraph.pipeline.numbers import normalize

    normalize(Decimal(value))


def test_an_overlong_number_in_a_report_is_a_warning() -> None:
    from orggraph.build import extract_one
    from tests.factories import source

    text = "某市组织工作。\n某市培训干部12396478944732570441397061741期，发展党员1200名。"
    facts = extract_one(source(text))
    assert [m.value for m in facts.metrics] == [Decimal(1200)]
    assert any("29 digits" in w and "out of range" in w for w in facts.warnings)
