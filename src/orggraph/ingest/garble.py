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
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from orggraph.resources.script import to_simplified
from orggraph.resources.wordlist import word_entries, word_freq

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


#: Per character seen: its simplified form where that differs (one character), else absent.
_SIMPLE: dict[int, str] = {}
_CHANGED: set[str] = set()
_SEEN: set[str] = set()
#: Per character seen: whether it is rare (see ``_is_rare``).
_RARE: dict[str, bool] = {}
_RARE_TABLE = np.zeros(0x110000, dtype=bool)


def _simplified(text: str) -> str:
    """Character-by-character simplified form (same length as ``text``)."""
    chars = set(text)
    for c in chars - _SEEN:  # each distinct character goes through OpenCC once per process
        if len(s := to_simplified(c)) == 1 and s != c:
            _SIMPLE[ord(c)] = s
            _CHANGED.add(c)
        _SEEN.add(c)
    return text if _CHANGED.isdisjoint(chars) else text.translate(_SIMPLE)


def _rare_positions(text: str) -> list[int]:
    """Offsets of the rare characters of ``text`` that can stand in a Han run, in order."""
    for c in set(text):
        if c not in _RARE:
            _RARE[c] = flag = _is_rare(c) and _HAN_RUN.fullmatch(c) is not None
            _RARE_TABLE[ord(c)] = flag
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    found: list[int] = np.flatnonzero(_RARE_TABLE[codes]).tolist()
    return found


def _bound(run: str) -> list[bool]:
    """Whether each character of a Han run is part of a dictionary word of 2-4 characters."""
    words = word_entries()
    bound = [False] * len(run)
    for size in (2, 3, 4):
        for i in range(len(run) - size + 1):
            if words.get(run[i : i + size]):
                bound[i : i + size] = [True] * size
    return bound


def _is_rare(char: str) -> bool:
    return word_freq(char) < RARE_WORD_FREQ


def _unbound_runs(text: str) -> Iterator[tuple[int, int, int]]:
    """(start, end, rare count) of each run of consecutive unbound Han characters.

    Runs with fewer rare characters than a garbled stretch needs are left out.
    """
    least = min(MIN_RARE, MIN_RARE_WITH_JUNK)
    simple = _simplified(text)
    rare = _rare_positions(simple)

    def count(start: int, end: int) -> int:
        return bisect_left(rare, end) - bisect_left(rare, start)

    for m in _HAN_RUN.finditer(simple):
        if count(m.start(), m.end()) < least:
            continue  # no stretch of this run can hold enough rare characters to be garbled
        flags = _bound(m.group())
        i = 0
        while i < len(flags):
            if flags[i]:
                i += 1
                continue
            j = i
            while j < len(flags) and not flags[j]:
                j += 1
            yield m.start() + i, m.start() + j, count(m.start() + i, m.start() + j)
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
