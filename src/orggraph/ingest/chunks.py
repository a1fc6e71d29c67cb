"""Long articles go through the pipeline in parts cut at paragraph boundaries.

A part is a ``SourceText`` over a stretch of the normalized text whose ``offsets`` still point
into the whole original, so every quote and original offset stays right. The facts of the
parts are merged back into one article: their normalized offsets are shifted by the part's
start, places are united, and the article's focus is the first part's (where the title and
opening are).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import TypeVar

from orggraph.records import ArticleFacts, Evidence, Section, SourceText, merged_places

MAX_PART = 100_000  # characters of normalized text the pipeline sees at once

_T = TypeVar("_T")


def split_source(source: SourceText, limit: int = MAX_PART) -> list[tuple[int, SourceText]]:
    """``(start, part)`` pairs covering ``source.text``; one pair when it is short enough."""
    text = source.text
    if len(text) <= limit:
        return [(0, source)]
    parts = []
    start = 0
    while start < len(text):
        end = _cut(text, start, limit)
        part = dataclasses.replace(
            source,
            text=text[start:end],
            offsets=(*source.offsets[start:end], source.offsets[end]),
            warnings=(),
        )
        parts.append((start, part))
        start = end
    return parts


def _cut(text: str, start: int, limit: int) -> int:
    """End of the part from ``start``: after the last newline within ``limit``, else hard."""
    if len(text) - start <= limit:
        return len(text)
    newline = text.rfind("\n", start, start + limit)
    if newline > start:
        return newline + 1
    for stop in ("。", "；", ";", "，", ","):  # one paragraph longer than a part
        at = text.rfind(stop, start, start + limit)
        if at > start:
            return at + 1
    return start + limit


def split_warning(source: SourceText, parts: int) -> str:
    return (
        f"{source.source_file}: {len(source.text):,} characters, read in {parts} parts "
        f"of at most {MAX_PART:,} cut at paragraph ends"
    )


def merge_facts(source: SourceText, parts: Sequence[tuple[int, ArticleFacts]]) -> ArticleFacts:
    """One article's facts from the facts of its parts (``(start, facts)`` pairs)."""
    return ArticleFacts(
        source=source,
        places=merged_places(p for _, facts in parts for p in facts.places),
        place_mentions=_shifted(parts, lambda f: f.place_mentions),
        sections=_shifted(parts, lambda f: f.sections),
        focus=parts[0][1].focus,
        programs=_shifted(parts, lambda f: f.programs),
        documents=_shifted(parts, lambda f: f.documents),
        metrics=_shifted(parts, lambda f: f.metrics),
        warnings=(split_warning(source, len(parts)), *(w for _, f in parts for w in f.warnings)),
    )


def _shifted(
    parts: Sequence[tuple[int, ArticleFacts]], pick: Callable[[ArticleFacts], Sequence[_T]]
) -> tuple[_T, ...]:
    return tuple(shift(item, start) for start, facts in parts for item in pick(facts))


def shift(item: _T, delta: int) -> _T:
    """``item`` with every normalized offset moved by ``delta``."""
    if not delta:
        return item
    if isinstance(item, Section):
        return dataclasses.replace(item, start=item.start + delta, end=item.end + delta)  # type: ignore[return-value]
    ev = getattr(item, "evidence", None)
    if not isinstance(ev, Evidence):
        return item
    moved = Evidence(
        ev.start + delta,
        ev.end + delta,
        ev.sentence_start + delta,
        ev.sentence_end + delta,
        ev.rule,
    )
    return dataclasses.replace(item, evidence=moved)  # type: ignore[type-var]
