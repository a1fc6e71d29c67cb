"""Garbled (mojibake) stretches: detection and, where the bytes allow it, repair.

A stretch is garbled when several consecutive Han characters form no dictionary word
with their neighbours and are themselves rare as words (the signature of bytes read
in the wrong encoding or off by one byte), often with stray ASCII such as ``?`` glued
on. Character and word frequencies come from jieba's dictionary. Repair re-encodes the
stretch and decodes it again (other codec, one byte shifted, lost high bit restored);
a candidate is accepted only if it reads as ordinary text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from orggraph.resources.script import to_simplified
from orggraph.resources.wordlist import word_freq, word_tags

RARE_WORD_FREQ = 600  # a Han character less frequent than this as a word of its own is rare
MIN_RARE = 3  # rare unbound characters that make a stretch garbled on their own
MIN_RARE_WITH_JUNK = 2  # ... or with stray ASCII glued to the stretch
MAX_JUNK = 3  # stray ASCII characters absorbed into a stretch on each side
REPLACEMENT = "\ufffd"

# Han characters, plus the non-Han symbols of GBK/Big5 double-byte rows (Greek, Cyrillic,
# kana, bopomofo, box drawing, small forms) that misread bytes produce, plus U+FFFD.
_HAN_RUN = re.compile(
    r"[\u3400-\u9fff\uf900-\ufaff\u0370-\u03ff\u0400-\u04ff\u3040-\u30ff\u3100-\u312f"
    r"\u2500-\u257f\ufe30-\ufe4f\ufffd]+"
)
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_JUNK = re.compile(r"[!?@A-Z\[\\\]^_`a-z{|}~\ufffd]")
_PUNCT_OK = set("“”‘’。，、：；！？《》「」『』（）·…—")
_CODECS = ("gbk", "big5")
_DECODERS = ("gbk", "big5", "utf-8")


@dataclass(frozen=True)
class Garbled:
    """A garbled stretch ``[start, end)`` of a text and what replaces it."""

    start: int
    end: int
    replacement: str  # the repaired text, or one U+FFFD per garbled character
    repaired: bool


def _simplified(text: str) -> str:
    """Character-by-character simplified form (same length as ``text``)."""
    convert = to_simplified
    return "".join(c if len(s := convert(c)) != 1 else s for c in text)


def _bound(run: str) -> list[bool]:
    """Whether each character of a Han run is part of a dictionary word of 2-4 characters."""
    words = word_tags()
    bound = [False] * len(run)
    for size in (2, 3, 4):
        for i in range(len(run) - size + 1):
            if run[i : i + size] in words:
                bound[i : i + size] = [True] * size
    return bound


def _is_rare(char: str) -> bool:
    return word_freq(char) < RARE_WORD_FREQ


def _unbound_runs(text: str) -> Iterator[tuple[int, int, int]]:
    """(start, end, rare count) of each run of consecutive unbound Han characters."""
    for m in _HAN_RUN.finditer(_simplified(text)):
        flags = _bound(m.group())
        i = 0
        while i < len(flags):
            if flags[i]:
                i += 1
                continue
            j = i
            while j < len(flags) and not flags[j]:
                j += 1
            rare = sum(_is_rare(c) for c in m.group()[i:j])
            yield m.start() + i, m.start() + j, rare
            i = j


def _extend(text: str, start: int, end: int) -> tuple[int, int, int]:
    """Absorb stray ASCII glued to a stretch; also return how many were absorbed."""
    a, b = start, end
    while a > 0 and start - a < MAX_JUNK and _JUNK.fullmatch(text[a - 1]):
        a -= 1
    while b < len(text) and b - end < MAX_JUNK and _JUNK.fullmatch(text[b]):
        b += 1
    return a, b, (start - a) + (b - end)


def find_garbled(text: str) -> list[Garbled]:
    """Garbled stretches of ``text``, in order, each repaired or blanked out."""
    found: list[Garbled] = []
    for start, end, rare in _unbound_runs(text):
        a, b, junk = _extend(text, start, end)
        if rare >= MIN_RARE or (rare >= MIN_RARE_WITH_JUNK and junk):
            if found and a < found[-1].end:
                continue
            found.append(_fix(text[a:b], a, b))
    return found


def _fix(stretch: str, start: int, end: int) -> Garbled:
    lost = len(stretch) - len(stretch.lstrip("?" + REPLACEMENT))
    repaired = repair(stretch[lost:])
    if repaired is None:
        return Garbled(start, end, REPLACEMENT * len(stretch), False)
    return Garbled(start, end, REPLACEMENT * lost + repaired, True)


def repair(stretch: str) -> str | None:
    """The text a garbled stretch was before its bytes were misread, if it can be recovered."""
    best: tuple[int, str] | None = None
    for codec in _CODECS:
        try:
            data = stretch.encode(codec)
        except UnicodeEncodeError:
            continue
        for variant in _byte_variants(data):
            for decoder in _DECODERS:
                try:
                    candidate = variant.decode(decoder)
                except UnicodeDecodeError:
                    continue
                score = _plausibility(candidate)
                if score is not None and (best is None or score > best[0]):
                    best = (score, candidate)
    return None if best is None else best[1]


def _byte_variants(data: bytes) -> Iterator[bytes]:
    yield data
    if data and data[0] < 0x80:
        yield bytes([data[0] | 0x80]) + data[1:]  # a lead byte that lost its high bit
    yield data[1:]  # one byte out of step


def _plausibility(candidate: str) -> int | None:
    """Bound Han characters of a candidate, or None unless it reads as ordinary text."""
    han = _simplified(candidate)
    if not han or any(not _HAN.fullmatch(c) and c not in _PUNCT_OK for c in han):
        return None
    bound = 0
    for m in _HAN_RUN.finditer(han):
        flags = _bound(m.group())
        if any(not f and _is_rare(c) for f, c in zip(flags, m.group(), strict=True)):
            return None
        bound += sum(flags)
    han_count = len(_HAN.findall(han))
    return bound if han_count and 2 * bound >= han_count else None
