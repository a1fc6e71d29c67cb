"""Which place a fact at an offset belongs to: the sentence's actor, else the section's focus."""

from __future__ import annotations

from spacy.tokens import Doc

from orggraph.pipeline.focus import FOCUS_LEVELS, chains, is_subject
from orggraph.pipeline.text import sorted_between
from orggraph.records import PlaceMention


def section_focus(doc: Doc, offset: int) -> tuple[str, ...]:
    """Focus of the section holding ``offset``, else the article's focus."""
    for section in doc._.og_sections:
        if section.start <= offset < section.end:
            return tuple(section.focus)
    return tuple(doc._.og_focus)


def sentence_actor(doc: Doc, offset: int) -> str | None:
    """The place named as the acting subject at the start of the sentence holding ``offset``.

    Only a place of county level or above that opens the sentence (after a time phrase such as
    "2019年以来,") and is followed by an actor word (市委, 组织部, 坚持…) counts; a written chain
    (山西省怀仁市) yields its most specific place.
    """
    sentences = doc._.og_sentences
    if not sentences:
        return None
    s, e = sentences.around(offset)
    mentions = sorted_between(doc, "_og_mentions", doc._.og_place_mentions, _start, s, e)
    found = chains(mentions)
    if not found:
        return None
    first, last = found[0]
    place = doc._.og_places.get(last.place)
    if place is None or place.level not in FOCUS_LEVELS or last.evidence.end > offset:
        return None
    return last.place if is_subject(doc.text, first.evidence.start, last.evidence.end, s) else None


def place_at(doc: Doc, start: int, end: int) -> str | None:
    """The Place.key a fact stated at [start, end) is attributed to."""
    actor = sentence_actor(doc, start)
    if actor is not None:
        return actor
    focus = section_focus(doc, start)
    return focus[0] if focus else None


def _start(mention: PlaceMention) -> int:
    return mention.evidence.start
