"""Which place a fact at an offset belongs to: the sentence's own actor, else the section's focus."""

from __future__ import annotations

from spacy.tokens import Doc


def section_focus(doc: Doc, offset: int) -> tuple[str, ...]:
    """Focus of the section holding ``offset``, else the article's focus."""
    for section in doc._.og_sections:
        if section.start <= offset < section.end:
            return tuple(section.focus)
    return tuple(doc._.og_focus)


def place_at(doc: Doc, start: int, end: int) -> str | None:
    """The Place.key a fact stated at [start, end) is attributed to."""
    focus = section_focus(doc, start)
    return focus[0] if focus else None
