"""Character-level normalization that keeps, for every output character, its original index.

Steps, in order: garbled stretches repaired or blanked (``garble``), invisible characters
and control characters (other than tab and newline) dropped, full-width ASCII forms folded
to ASCII, inserted pinyin annotations removed, traditional characters converted to simplified
(OpenCC t2s), lines trimmed and blank lines dropped. Chinese punctuation outside the
full-width ASCII block (“”‘’《》。、…—) is kept as written: extractors rely on it.
Full-width ``，：；（）！？`` fold to their ASCII forms so every input matches the same patterns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import compress

from orggraph.ingest.garble import Garbled, find_garbled
from orggraph.resources.script import to_simplified

# Invisible characters, and C0/C1 controls other than tab and newline (not text: an ESC
# sequence in a report must not reach a terminal or hide text in a label).
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u2060\ufeff\r\x00-\x08\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\v\f]")
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_SYLLABLE = rf"(?:[a-zü]*[{_TONED}][a-zü]*|[a-zü]+[1-5])"
_ANNOTATION = rf"\({_SYLLABLE}(?:[ '-]{_SYLLABLE})*\)"
# (?<=Han)(?:ANNOTATION)+, written to start with its "(" so the regex engine can skip to them
_PINYIN = re.compile(rf"\((?<=[\u3400-\u9fff\uf900-\ufaff]\(){_ANNOTATION[2:]}(?:{_ANNOTATION})*")
_LINE_PADDING = re.compile(r"^ +| +$| (?= )", re.MULTILINE)
_BLANK_LINES = re.compile(r"^\n+|\n(?=\n)|\n+$")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
TRADITIONAL_SHARE = 0.05  # share of Han characters t2s changes in a traditional text
_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}  # full-width ASCII forms
_FULL_WIDTH = re.compile(r"[\uff01-\uff5e]")


@dataclass
class Mapped:
    """Text under construction: each character with the original index it derives from."""

    chars: list[str]
    index: list[int]
    end: int  # end of the text in the original

    @classmethod
    def of(cls, text: str) -> Mapped:
        return cls(list(text), list(range(len(text))), len(text))

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def drop(self, spans: Iterable[tuple[int, int]]) -> Mapped:
        """Remove ``[start, end)`` spans of the current text."""
        spans = list(spans)
        if not spans:
            return self._select(None)
        keep = [True] * len(self.chars)
        for start, end in spans:
            keep[start:end] = [False] * (min(end, len(keep)) - start)
        return self._select(keep)

    def keep(self, spans: Iterable[tuple[int, int]]) -> Mapped:
        """Keep only ``[start, end)`` spans of the current text."""
        keep = [False] * len(self.chars)
        for start, end in spans:
            keep[start:end] = [True] * (min(end, len(keep)) - start)
        return self._select(keep)

    def _select(self, keep: Sequence[bool] | None) -> Mapped:
        """A new text of the characters flagged in ``keep`` (None: all of them)."""
        if keep is None:
            chars, index = list(self.chars), list(self.index)
        else:
            chars, index = list(compress(self.chars, keep)), list(compress(self.index, keep))
        return Mapped(chars, index, index[-1] + 1 if index else 0)

    def replace(self, start: int, end: int, new: str) -> None:
        """Replace ``[start, end)`` by ``new``, spreading its characters over the old ones."""
        old = self.index[start:end]
        self.chars[start:end] = list(new)
        self.index[start:end] = [old[k * len(old) // len(new)] for k in range(len(new))]

    def offsets(self) -> tuple[int, ...]:
        return (*self.index, self.end)


@dataclass(frozen=True)
class Normalized:
    text: str
    offsets: tuple[int, ...]  # len(text) + 1 indices into the original
    traditional: bool = False
    garbled: tuple[tuple[str, Garbled], ...] = field(default=())  # (original stretch, fix)


def normalize(original: str, markup: Iterable[tuple[int, int]] = ()) -> Normalized:
    """Normalize ``original``; ``markup`` spans (e.g. Markdown syntax) are dropped first."""
    original = _SURROGATES.sub("\ufffd", original)  # lone surrogates (JSON escapes): not text
    mapped = Mapped.of(original)
    garbled = find_garbled(original)
    for fix in reversed(garbled):
        mapped.replace(fix.start, fix.end, fix.replacement)
    # Markup spans are in original coordinates; garbled stretches never contain markup.
    dropped = {i for start, end in markup for i in range(start, end)}
    mapped = mapped._select([i not in dropped for i in mapped.index] if dropped else None)
    mapped = normalize_mapped(mapped)
    changed = _to_simplified(mapped)
    han = _HAN.subn("", mapped.text)[1]  # how many Han characters
    return Normalized(
        text=mapped.text,
        offsets=mapped.offsets(),
        traditional=han > 0 and changed >= TRADITIONAL_SHARE * han,
        garbled=tuple((original[g.start : g.end], g) for g in garbled),
    )


def normalize_mapped(mapped: Mapped) -> Mapped:
    """Invisible characters, spaces, widths, pinyin and line tidying (not script).

    Returns a new ``Mapped``; the text is joined once per step that changes it.
    """
    mapped = mapped.drop(m.span() for m in _INVISIBLE.finditer(mapped.text))  # a copy
    text = mapped.text
    spaced = _SPACES.sub(" ", text)
    folded = spaced.translate(_FOLD) if _FULL_WIDTH.search(spaced) else spaced
    if folded != text:
        mapped.chars, text = list(folded), folded
    for pattern in (_PINYIN, _LINE_PADDING, _BLANK_LINES):
        if pattern is _LINE_PADDING and not _padded(text):
            continue
        if pattern is _BLANK_LINES and not _blank_lines(text):
            continue
        spans = [m.span() for m in pattern.finditer(text)]
        if spans:
            mapped = mapped.drop(spans)
            text = mapped.text
    return mapped


def _padded(text: str) -> bool:
    """Whether ``_LINE_PADDING`` can match (a test in C: its regex tries every position)."""
    return "  " in text or " \n" in text or "\n " in text or text[:1] == " " or text[-1:] == " "


def _blank_lines(text: str) -> bool:
    """Whether ``_BLANK_LINES`` can match."""
    return "\n\n" in text or text[:1] == "\n" or text[-1:] == "\n"


def _to_simplified(mapped: Mapped) -> int:
    """Convert in place to simplified script; return how many characters changed."""
    convert = to_simplified
    changed = 0
    pos = 0
    text = mapped.text
    if convert(text) == text:  # OpenCC matches no phrase across a line break: no line changes
        return 0
    for line in text.split("\n"):
        converted = convert(line)
        if converted == line:
            pos += len(line) + 1
            continue
        if len(converted) != len(line):  # a phrase changed length: go character by character
            converted = "".join(c if len(s := convert(c)) != 1 else s for c in line)
        for k, (old, new) in enumerate(zip(line, converted, strict=True)):
            if old != new:
                mapped.chars[pos + k] = new
                changed += 1
        pos += len(line) + 1
    return changed


def simplify(text: str) -> str:
    """``text`` normalized without offsets (for matching strings against normalized text)."""
    return normalize(text).text
