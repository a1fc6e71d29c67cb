"""Fuzz properties over reading and the whole build (short runs; scripts/fuzz.py runs long)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzzing import check_build, check_decode, check_normalize, check_read, report

FAST = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


@FAST
@given(st.binary(max_size=400))
def test_any_bytes_decode_or_raise_a_typed_error(data: bytes) -> None:
    check_decode(data)


@FAST
@given(st.one_of(report, st.text()))
def test_normalize_keeps_offsets_on_any_text(text: str) -> None:
    check_normalize(text)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(report, st.text(st.characters(exclude_categories=()))))
def test_every_form_reads_or_raises_a_typed_error(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        check_read(text, Path(tmp))


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(report, min_size=1, max_size=3))
def test_the_whole_build_holds_on_report_like_text(texts: list[str]) -> None:
    check_build(texts)


def test_crashes_found_by_fuzzing_stay_fixed() -> None:
    check_build(["12396478944732570441397061741期"])  # F3: decimal.InvalidOperation
    check_build(["怀化市\ud800开展培训1万人次。"])  # F7: lone surrogate
    check_build(["某市" + "1" * 25 + "万人次，" + "2" * 21 + "亿元。"])  # F3 with multipliers
    check_normalize("\ud800\x1b[8m隐藏\x1b[0m")
