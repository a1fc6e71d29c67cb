"""Bytes to text: encodings detected from content, typed errors for unusable files."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from orggraph.errors import (
    DecodeError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    UnsupportedInputError,
)
from orggraph.ingest.decode import MAX_BYTES, decode, read_bytes

SIMPLIFIED = "怀化市组织系统坚持以党建引领基层治理,全年举办培训班12期,覆盖党员3.6万余名。"
TRADITIONAL = "懷化市組織系統堅持以黨建引領基層治理,全年舉辦培訓班12期,覆蓋黨員3.6萬餘名。"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (SIMPLIFIED, "utf-8"),
        (SIMPLIFIED, "utf-8-sig"),
        (SIMPLIFIED, "gbk"),
        (SIMPLIFIED, "gb18030"),
        (SIMPLIFIED, "utf-16"),
        (TRADITIONAL, "big5"),
        (TRADITIONAL, "utf-16"),
        (TRADITIONAL, "utf-8"),
        (SIMPLIFIED[:8], "gbk"),
    ],
)
def test_decodes_each_encoding_from_the_bytes(text: str, encoding: str) -> None:
    assert decode(text.encode(encoding), "x").text == text


def test_nul_byte_is_binary() -> None:
    with pytest.raises(UnsupportedInputError, match=r"x\.txt.*NUL byte at byte offset 6"):
        decode(SIMPLIFIED[:2].encode() + b"\0" + SIMPLIFIED.encode(), "x.txt")


def test_random_bytes_fail_fast_with_a_typed_error() -> None:
    data = random.Random(3).randbytes(2_000_000)
    began = time.perf_counter()
    with pytest.raises(InputError, match=r"noise\.txt"):
        decode(data, "noise.txt")
    assert time.perf_counter() - began < 5


def test_random_bytes_without_nul_are_undecodable() -> None:
    data = random.Random(5).randbytes(200_000).replace(b"\0", b"")
    with pytest.raises((DecodeError, UnsupportedInputError), match=r"noise\.txt"):
        decode(data, "noise.txt")


def test_invalid_byte_reports_its_offset() -> None:
    good = SIMPLIFIED.encode()
    with pytest.raises(DecodeError, match=f"byte offset {len(good)}"):
        decode(good + b"\xff\xfe\xfd" + good, "bad.txt")


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(100 * 2**20)  # sparse: nothing is written
    began = time.perf_counter()
    with pytest.raises(InputTooLargeError, match=r"big\.txt.*100 MB"):
        read_bytes(big, str(big))
    assert time.perf_counter() - began < 1
    assert big.stat().st_size > MAX_BYTES


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(EmptyInputError, match=r"empty\.txt"):
        read_bytes(empty, str(empty))


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le"])
def test_utf16_and_utf32_without_a_bom_are_read(encoding: str) -> None:
    text = SIMPLIFIED + "\n\n" + TRADITIONAL + "\n"
    decoded = decode(text.encode(encoding), "wide.txt")
    assert decoded.text == text and decoded.encoding == encoding.replace("-", "_")


def test_a_few_gbk_characters_read_as_gbk_not_big5() -> None:
    for text in ("组织", "党建", SIMPLIFIED[:4]):
        assert decode(text.encode("gbk"), "tiny.txt").text == text
