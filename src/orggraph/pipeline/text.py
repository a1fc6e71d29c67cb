"""Character-level helpers over the normalized text: sentences and spans."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TypeVar

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc

SENTENCE_END = re.compile(r"[。！？!?；;]+[”’」』]?|\n+")
T = TypeVar("T")
UNUSABLE = "\ufffd"  # garbled characters in the normalized text; nothing is extracted across them


@dataclass(frozen=True)
class Sentences:
    """Sentence boundaries of a text, for offset lookups."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> Sentences:
        starts, ends, pos = [], [], 0
        for m in SENTENCE_END.finditer(text):
            end = m.end() if m.group().strip() else m.start()
            if text[pos:end].strip():
                starts.append(pos)
                ends.append(end)
            pos = m.end()
        if text[pos:].strip():
            starts.append(pos)
            ends.append(len(text))
        return cls(tuple(starts), tuple(ends))

    def around(self, offset: int) -> tuple[int, int]:
        """The (start, end) of the sentence holding ``offset``."""
        i = bisect.bisect_right(self.starts, offset) - 1
        if i < 0:
            return 0, self.ends[0] if self.ends else 0
        return self.starts[i], self.ends[i]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(zip(self.starts, self.ends, strict=True))


class TextDoc(Doc):
    """A Doc that builds its text once: spaCy's ``Doc.text`` joins every token on each access.

    The tokenizer makes these; nothing here retokenizes, so the cached text stays true.
    """

    @property
    def text(self) -> str:  # type: ignore[override]
        cached: str | None = self.__dict__.get("_og_text")
        if cached is None:
            cached = Doc.text.__get__(self)  # type: ignore[attr-defined]
            self.__dict__["_og_text"] = cached
        return cached


def token_starts(doc: Doc) -> set[int]:
    """Character offsets where tokens start (computed once per doc; do not modify)."""
    return _bounds(doc)[0]


def token_ends(doc: Doc) -> set[int]:
    """Character offsets where tokens end (computed once per doc; do not modify)."""
    return _bounds(doc)[1]


def single_char_tokens(doc: Doc) -> dict[int, str]:
    """The one-character tokens by their offset (without making a Token object per token)."""
    starts, ends = _bounds(doc)
    text = doc.text
    return {i: text[i] for i in starts if i + 1 in ends}


def _bounds(doc: Doc) -> tuple[set[int], set[int]]:
    cache = doc.__dict__ if isinstance(doc, TextDoc) else {}
    bounds: tuple[set[int], set[int]] | None = cache.get("_og_bounds")
    if bounds is None:
        arr = doc.to_array([IDX, LENGTH]).astype("int64")
        starts = arr[:, 0].tolist() if len(doc) else []
        ends = (arr[:, 0] + arr[:, 1]).tolist() if len(doc) else []
        bounds = set(starts), set(ends)
        cache["_og_bounds"] = bounds
    return bounds


def covering(spans: list[tuple[int, int]]) -> Callable[[int], bool]:
    """A test of whether an offset lies in any of ``spans`` ([start, end)), in log time."""
    ordered = sorted(spans)
    starts = [a for a, _ in ordered]
    reach: list[int] = []  # the furthest end among spans starting at or before each one
    for _, b in ordered:
        reach.append(max(b, reach[-1]) if reach else b)

    def covers(offset: int) -> bool:
        i = bisect.bisect_right(starts, offset)
        return i > 0 and reach[i - 1] > offset

    return covers


def sorted_between(
    doc: Doc, name: str, items: Sequence[T], start_of: Callable[[T], int], lo: int, hi: int
) -> list[T]:
    """The items with ``lo <= start_of(item) < hi``, in their order; log time when ``items`` is
    in start order (its index is kept on the doc under ``name`` while ``items`` is unchanged)."""
    cache = doc.__dict__ if isinstance(doc, TextDoc) else {}
    key = (id(items), len(items))
    entry = cache.get(name)
    if entry is None or entry[0] != key:
        starts = [start_of(item) for item in items]
        ordered = all(a <= b for a, b in pairwise(starts))
        entry = cache[name] = (key, starts if ordered else None)
    index: list[int] | None = entry[1]
    if index is None:
        return [item for item in items if lo <= start_of(item) < hi]
    return list(items[bisect.bisect_left(index, lo) : bisect.bisect_left(index, hi)])


class Spans:
    """[start, end) spans that grow, with look-ups by the characters they cover: whether an
    offset lies in any (``covers``), whether a range overlaps any (``crosses``)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._covered: set[int] = set()
        self._odd: list[tuple[int, int]] = []  # empty or reversed spans: checked one by one
        for span in spans:
            self.append(span)

    def append(self, span: tuple[int, int]) -> None:
        start, end = span
        if start < end:
            self._covered.update(range(start, end))
        else:
            self._odd.append(span)

    def covers(self, offset: int) -> bool:
        """``any(s <= offset < e for s, e in spans)``."""
        return offset in self._covered

    def crosses(self, start: int, end: int) -> bool:
        """``any(s < end and start < e for s, e in spans)``."""
        if start >= end:
            raise ValueError("crosses() needs a non-empty range")
        covered = self._covered
        return any(i in covered for i in range(start, end)) or any(
            s < end and start < e for s, e in self._odd
        )
