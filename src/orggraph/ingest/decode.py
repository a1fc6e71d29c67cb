"""Bytes to text: size and binary checks, BOMs, strict UTF-8, then charset detection.

The encoding is decided from the bytes alone, never from the file name. Nothing is
silently replaced: bytes that no supported encoding reads raise ``DecodeError`` naming
the byte offset.

Bytes with NULs are UTF-16/32 without a BOM when charset-normalizer finds one of those
encodings (NULs in every other byte, text that reads coherently), else binary. When
charset-normalizer cannot tell GB18030 from Big5 (equal scores: a few characters read
as plausible text either way), GB18030 wins: the reports are mainland ones, Big5 the
exception.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from orggraph.errors import DecodeError, EmptyInputError, InputTooLargeError, UnsupportedInputError

MAX_BYTES = 50 * 1024 * 1024
DETECTABLE = ("utf_8", "gb18030", "gbk", "big5", "cp950", "utf_16", "utf_32")
WIDE = ("utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be")  # without a BOM
_MAINLAND = ("gb18030", "gbk")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf_32"),
    (codecs.BOM_UTF32_BE, "utf_32"),
    (codecs.BOM_UTF8, "utf_8_sig"),
    (codecs.BOM_UTF16_LE, "utf_16"),
    (codecs.BOM_UTF16_BE, "utf_16"),
)
# C0 controls other than tab, newline, vertical tab, form feed, carriage return, escape.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
_MAX_CONTROL_SHARE = 0.01


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def read_bytes(path: Path, label: str) -> bytes:
    """The bytes of a file, refusing files over ``MAX_BYTES`` before reading them."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputTooLargeError(
            f"{label}: {size / 2**20:.0f} MB is over the {MAX_BYTES // 2**20} MB limit"
        )
    if size == 0:
        raise EmptyInputError(f"{label}: empty file")
    return path.read_bytes()


def decode(data: bytes, label: str) -> Decoded:
    """Decode bytes as UTF-8/16/32 (BOM), strict UTF-8, or a detected Chinese encoding."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(_strict(data, encoding, label), encoding)
    if b"\0" in data:
        wide = _wide(data)
        if wide is not None:
            return wide
    _refuse_binary(data, label)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as err:
        utf8_error = err
    detected = _detected(data)
    if detected is not None:
        try:
            return Decoded(data.decode(detected), detected)
        except UnicodeDecodeError:
            pass
    raise DecodeError(
        f"{label}: undecodable bytes at byte offset {utf8_error.start} "
        f"(not UTF-8, GB18030, GBK, Big5 or UTF-16)"
    )


def _wide(data: bytes) -> Decoded | None:
    """UTF-16/32 text without a BOM, if charset-normalizer finds it and it holds no controls."""
    best = from_bytes(data, cp_isolation=list(WIDE)).best()
    if best is None:
        return None
    try:
        text = data.decode(best.encoding)
    except UnicodeDecodeError:
        return None
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\v\f\r\x1b")
    return Decoded(text, best.encoding) if controls == 0 else None


def _detected(data: bytes) -> str | None:
    """charset-normalizer's encoding for non-UTF-8 bytes; GB18030 when tied with Big5."""
    matches = list(from_bytes(data, cp_isolation=list(DETECTABLE)))
    if not matches or matches[0].encoding == "utf_8":
        return None
    best = matches[0]
    for other in matches[1:]:
        tied = (other.chaos, other.coherence) == (best.chaos, best.coherence)
        if tied and other.encoding in _MAINLAND and best.encoding not in _MAINLAND:
            return str(other.encoding)
    return str(best.encoding)


def _strict(data: bytes, encoding: str, label: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise DecodeError(
            f"{label}: undecodable bytes at byte offset {err.start} for {encoding}"
        ) from None


def _refuse_binary(data: bytes, label: str) -> None:
    nul = data.find(b"\0")
    if nul >= 0:
        raise UnsupportedInputError(f"{label}: binary file (NUL byte at byte offset {nul})")
    sample = data[:65536]
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    if controls > _MAX_CONTROL_SHARE * len(sample):
        raise UnsupportedInputError(f"{label}: binary file ({controls} control bytes)")
