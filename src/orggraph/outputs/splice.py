"""graph.ttl by difference: a rebuild that changed few articles edits the previous graph.ttl.

A graph is the union of its fragments (``rdf.fragments``): the shared part and one per
article. What a build's graph held is kept for the next (``rdf.fragments.GraphState``),
among it how many fragments state each triple stated by more than one. A rebuild then knows
every triple that changes from the fragments that left and those that came (the shared part
is one of each) alone: a triple holds while some fragment states it. Only the subjects those
fragments touch are read back from the previous text (``outputs.turtle.parse_block``) and
written again; every other subject's block is kept as it was. The text is byte for byte what
a full merge writes (tests), and the triples deleted and inserted update the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from orggraph.outputs.turtle import (
    BLOCK_END,
    LAST_END,
    Rendered,
    block,
    head,
    parse_block,
)
from orggraph.rdf.fragments import Fragment

_SEP, _LAST = BLOCK_END.encode(), LAST_END.encode()


@dataclass(frozen=True)
class Spliced:
    """The new Turtle text (UTF-8, in pieces: most are views of the previous text), the triples
    it no longer and newly states, and the triples stated by more than one fragment with how
    many."""

    pieces: list[bytes | memoryview]
    deleted: list[Rendered]
    inserted: list[Rendered]
    repeated: dict[Rendered, int]


def splice(
    previous: bytes,
    repeated: Mapping[Rendered, int],
    gone: Iterable[Fragment],
    came: Iterable[Fragment],
    prefixes: Mapping[str, str],
) -> Spliced | None:
    """The text of the previous graph (``previous``, stating triples ``repeated`` times where
    more than once) without the ``gone`` fragments and with the ``came`` ones; None when the
    text is not as this writer writes it or does not hold what ``gone`` says it does.

    Blocks are found by binary search on the bytes (subjects are in order, and UTF-8 keeps
    the order of the text), so only the blocks that change are read.
    """
    body = _body_start(previous)
    if body is None:
        return None
    text = _Blocks(previous, body)
    counts_now = dict(repeated)
    deleted: list[Rendered] = []
    inserted: list[Rendered] = []
    edits: list[tuple[int, int | None, bytes | None]] = []  # start, old end, new block
    at = body
    for subject, changes in sorted(_changes(gone, came).items()):
        at = text.find(subject.encode("utf-8"), at)
        end = text.end_of(at, subject)
        old = parse_block(previous[at:end].decode("utf-8")) if end is not None else []
        if old is None:
            return None
        counts = {triple: counts_now.get(triple, 1) for triple in old}
        for triple, change in changes:
            counts[triple] = counts.get(triple, 0) + change
        if any(count < 0 for count in counts.values()):
            return None
        had = set(old)
        new = sorted(triple for triple, count in counts.items() if count > 0)
        deleted += (triple for triple in old if counts[triple] == 0)
        inserted += (triple for triple in new if triple not in had)
        for triple, count in counts.items():
            if count > 1:
                counts_now[triple] = count
            else:
                counts_now.pop(triple, None)
        edits.append((at, end, block(new).encode("utf-8") if new else None))
    pieces = [head(prefixes).encode("utf-8"), *_joined(memoryview(previous), body, edits)]
    return Spliced(pieces, deleted, inserted, counts_now)


def _body_start(data: bytes) -> int | None:
    """Where the blocks of a text ``write_rendered`` wrote start (after the prefix lines)."""
    cut = data.find(b"\n\n")
    if cut < 0 or (len(data) > cut + 2 and not data.endswith(_LAST)):
        return None
    return cut + 2


class _Blocks:
    """The subjects' blocks of a Turtle text, found by position."""

    def __init__(self, data: bytes, body: int) -> None:
        self.data, self.body = data, body

    def start_from(self, pos: int) -> int:
        """The start of the first block starting at ``pos`` or later (the text's end if none)."""
        if pos <= self.body:
            return self.body
        sep = self.data.find(_SEP, pos - len(_SEP))
        return len(self.data) if sep < 0 else sep + len(_SEP)

    def subject_at(self, start: int) -> bytes:
        return self.data[start : self.data.find(b" ", start)]

    def find(self, subject: bytes, low: int) -> int:
        """The start of the first block from ``low`` on whose subject is not before ``subject``
        (the text's end if none)."""
        high = len(self.data)
        while low < high:
            mid = (low + high) // 2
            start = self.start_from(mid)
            if start == len(self.data) or self.subject_at(start) >= subject:
                high = mid
            else:
                low = mid + 1
        return self.start_from(low)

    def end_of(self, start: int, subject: str) -> int | None:
        """The end of the block at ``start`` if its subject is ``subject``, else None."""
        if start == len(self.data) or self.subject_at(start) != subject.encode("utf-8"):
            return None
        sep = self.data.find(_SEP, start)
        return len(self.data) - len(_LAST) if sep < 0 else sep


def _changes(
    gone: Iterable[Fragment], came: Iterable[Fragment]
) -> dict[str, list[tuple[Rendered, int]]]:
    """By subject, each triple whose number of stating fragments changes, and by how much."""
    change: dict[Rendered, int] = {}
    for fragment in gone:
        for triple in fragment.triples:
            change[triple] = change.get(triple, 0) - 1
    for fragment in came:
        for triple in fragment.triples:
            change[triple] = change.get(triple, 0) + 1
    by_subject: dict[str, list[tuple[Rendered, int]]] = {}
    for triple, amount in change.items():
        if amount:
            by_subject.setdefault(triple[0], []).append((triple, amount))
    return by_subject


def _joined(
    data: memoryview, body: int, edits: list[tuple[int, int | None, bytes | None]]
) -> list[bytes | memoryview]:
    """The blocks of ``data`` with the edits made (in order of place), in pieces: each edit
    replaces the block from its start to its old end, or is put before the block at its start."""
    runs: list[bytes | memoryview] = []
    kept = body  # the start of the first old block not yet taken
    for start, end, new in edits:
        if start > kept:
            runs.append(data[kept : _run_end(len(data), start)])
        if new is not None:
            runs.append(new)
        kept = start if end is None else min(end + len(_SEP), len(data))
    if kept < len(data):
        runs.append(data[kept : len(data) - len(_LAST)])
    pieces: list[bytes | memoryview] = []
    for run in runs:
        pieces += (run, _SEP)
    if pieces:
        pieces[-1] = _LAST
    return pieces


def _run_end(size: int, start: int) -> int:
    """The end of the block before the one at ``start`` in a text of ``size`` bytes."""
    return start - len(_SEP) if start < size else size - len(_LAST)
