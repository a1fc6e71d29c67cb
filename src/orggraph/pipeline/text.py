"""Character-level helpers over the normalized text: sentences and spans."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

SENTENCE_END = re.compile(r"[。！？!?；;]+[”’」』]?|\n+")
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


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span so it neither starts nor ends with white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
