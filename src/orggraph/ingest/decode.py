"""Bytes to text: size and binary checks, BOMs, strict UTF-8, then charset detection.

The encoding is decided from the bytes alone, never from the file name. Nothing is
silently replaced: bytes that no supported encoding reads raise ``DecodeError`` naming
the byte offset.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from orggraph.errors import DecodeError, EmptyInputError, InputTooLargeError, UnsupportedInputError

MAX_BYTES = 50 * 1024 * 1024
DETECTABLE = ("utf_8", "gb18030", "gbk", "big5", "cp950", "utf_16", "utf_32")
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
    _refuse_binary(data, label)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as err:
        utf8_error = err
    best = from_bytes(data, cp_isolation=list(DETECTABLE)).best()
    if best is not None and best.encoding != "utf_8":
        try:
            return Decoded(data.decode(best.encoding), best.encoding)
        except UnicodeDecodeError:
            pass
    raise DecodeError(
        f"{label}: undecodable bytes at byte offset {utf8_error.start} "
        f"(not UTF-8, GB18030, GBK, Big5 or UTF-16)"
    )


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
