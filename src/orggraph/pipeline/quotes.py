"""Quoted phrases (“…”) and titles (《…》) of a text, and the cue tables used to read them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from orggraph.pipeline.text import UNUSABLE
from orggraph.resources.tables import table

OPEN_QUOTES = "“「‘"
CLOSE_QUOTES = "”」’"
MAX_QUOTE = 40
MAX_TITLE = 80
# ends a clause: nothing a rule reads reaches across it
CLAUSE_END = re.compile(r"[，,。；;：:！!？?\n]")
SENTENCE_PUNCT = set("，,。；;：:！!？?\n\t \u3000")


@dataclass(frozen=True)
class Bracketed:
    """A quoted phrase or a title: ``start``/``end`` include the brackets."""

    start: int
    end: int

    @property
    def inner_start(self) -> int:
        return self.start + 1

    @property
    def inner_end(self) -> int:
        return self.end - 1

    def inner(self, text: str) -> str:
        return text[self.start + 1 : self.end - 1]


@cache
def _marks(chars: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(chars)}\n]")


def _pairs(text: str, opens: str, closes: str, limit: int) -> list[Bracketed]:
    found: list[Bracketed] = []
    start: int | None = None
    for m in _marks(opens + closes).finditer(text):  # only the brackets and line breaks
        i, ch = m.start(), m.group()
        if ch in opens:
            start = i
        elif ch in closes and start is not None:
            inner = text[start + 1 : i]
            if 0 < len(inner) <= limit and "\n" not in inner and UNUSABLE not in inner:
                found.append(Bracketed(start, i + 1))
            start = None
        elif ch == "\n":
            start = None
    return found


def quoted_phrases(text: str) -> list[Bracketed]:
    """Every “…” (or 「…」, or nested ‘…’) phrase on one line, innermost pairing, in order."""
    return _pairs(text, OPEN_QUOTES, CLOSE_QUOTES, MAX_QUOTE)


def titles(text: str) -> list[Bracketed]:
    """Every 《…》 title on one line, in text order."""
    return _pairs(text, "《", "》", MAX_TITLE)


def inside(spans: list[Bracketed], start: int, end: int) -> bool:
    """Whether [start, end) lies within one of ``spans``."""
    return any(s.start <= start and end <= s.end for s in spans)


def clause_start(text: str, offset: int, limit: int = 40) -> int:
    """Start of the clause holding ``offset``, at most ``limit`` characters back."""
    floor = max(0, offset - limit)
    for i in range(offset - 1, floor - 1, -1):
        if CLAUSE_END.match(text[i]):
            return i + 1
    return floor


@cache
def cue_table(name: str) -> dict[str, tuple[str, ...]]:
    """A data file ``data/<name>.tsv`` as its second column → its first (words, longest first)."""
    groups: dict[str, list[str]] = {}
    for row in table(name):
        word, role = list(row.values())[:2]
        groups.setdefault(role, []).append(word)
    return {role: tuple(sorted(set(ws), key=lambda w: (-len(w), w))) for role, ws in groups.items()}


def starts_with_any(text: str, words: tuple[str, ...]) -> str | None:
    """The longest of ``words`` that ``text`` starts with."""
    return next((w for w in words if text.startswith(w)), None)
