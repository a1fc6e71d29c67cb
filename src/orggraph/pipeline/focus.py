"""The places an article reports on: per section in multi-place reports, else for the whole text.

A section starts at a heading line that opens with a place name and a colon
("汉中市:开展…活动"). Without sections the focus is the place with the best combined evidence:
grammatical subject of an opening sentence, named in the title, named in the author's line,
named often.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from orggraph.pipeline.step import Step
from orggraph.records import PlaceLevel, PlaceMention, Section
from orggraph.resources.tables import words

HEADING_MAX = 40  # characters of a heading line
TABLE = "focus_words"


def _alternatives(role: str) -> str:
    return "|".join(re.escape(w) for w in words(TABLE, role=role))


# a place at a sentence start, after an optional time phrase ("2024年,", "近年来,", "…以来,")
LEAD = re.compile(rf"[^,。!?;\n]{{0,24}}(?:{_alternatives('lead_end')})[,，]\s*")
AUTHOR = re.compile(rf"[(（]?\s*(?:{_alternatives('author')})")
# an acting body or a verb of carrying work out right after a place: the place is the subject
SUBJECT_NEXT = re.compile(
    rf"(?:{_alternatives('actor_org')}|[^\s,、{''.join(words(TABLE, role='coordinator'))}]{{0,2}}?"
    rf"(?:{_alternatives('actor_verb')}))"
)
WEIGHTS = {"subject": 3.0, "title": 2.0, "author": 1.5}
FOCUS_LEVELS = (PlaceLevel.PROVINCE, PlaceLevel.PREFECTURE, PlaceLevel.COUNTY)
LEAD_FACTOR = 2.0  # a best place scoring this many times the next one is the article's focus
SENTENCE_END = "\u3002"  # the full stop: the heading block ends at the first line holding one


def title_end(text: str) -> int:
    """End of the heading block: the lines before the first line holding a full stop."""
    stop = text.find(SENTENCE_END)
    if stop < 0:
        return text.find("\n")
    return max(text.rfind("\n", 0, stop), 0)


def title_locals(doc: Doc) -> set[str]:
    """Towns and villages named in the heading block: a piece about one village has it as focus."""
    end = title_end(doc.text)
    places = doc._.og_places
    return {
        m.place
        for m in doc._.og_place_mentions
        if m.evidence.start < end and places[m.place].level not in FOCUS_LEVELS
    }


def headings(doc: Doc) -> list[tuple[int, int, str, str]]:
    """Heading lines opening with a place mention and a colon: (line start, line end, key, text)."""
    text = doc.text
    found = []
    for m in doc._.og_place_mentions:
        start = m.evidence.start
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        if start != line_start or line_end - line_start > HEADING_MAX:
            continue
        if text[m.evidence.end : m.evidence.end + 1] in (":", "："):
            found.append((line_start, line_end, m.place, text[line_start:line_end]))
    return found


def sections(doc: Doc) -> list[Section]:
    """Sections of a multi-place report; empty when fewer than two headings."""
    heads = headings(doc)
    if len({h[2] for h in heads}) < 2:
        return []
    bounds = [h[0] for h in heads[1:]] + [len(doc.text)]
    return [
        Section(start, end, (key,), heading)
        for (start, _, key, heading), end in zip(heads, bounds, strict=True)
    ]


def is_subject(text: str, start: int, end: int, sentence_start: int) -> bool:
    """Whether a place written at [start, end) opens its sentence and is followed by an actor."""
    lead = LEAD.match(text, sentence_start)
    if start not in (sentence_start, lead.end() if lead else sentence_start):
        return False
    return bool(SUBJECT_NEXT.match(text, end))


def chains(mentions: list[PlaceMention]) -> list[tuple[PlaceMention, PlaceMention]]:
    """Mentions written back to back (山西省|怀仁市) as (first, last): last is most specific."""
    out: list[tuple[PlaceMention, PlaceMention]] = []
    for m in mentions:
        if out and out[-1][1].evidence.end == m.evidence.start:
            out[-1] = (out[-1][0], m)
        else:
            out.append((m, m))
    return out


def focus_scores(doc: Doc) -> dict[str, float]:
    """Evidence for each mentioned place being what the article reports on."""
    text = doc.text
    places = doc._.og_places
    heading = title_end(text)
    allowed = title_locals(doc)
    scores: dict[str, float] = {}
    for first, m in chains(doc._.og_place_mentions):
        place = places.get(m.place)
        if place is None or (place.level not in FOCUS_LEVELS and m.place not in allowed):
            continue
        scores[m.place] = scores.get(m.place, 0.0) + 1.0
        if is_subject(text, first.evidence.start, m.evidence.end, m.evidence.sentence_start):
            scores[m.place] = scores.get(m.place, 0.0) + WEIGHTS["subject"]
        if m.evidence.start < heading:
            scores[m.place] = scores.get(m.place, 0.0) + WEIGHTS["title"]
        if AUTHOR.match(text, text.rfind("\n", 0, m.evidence.start) + 1):
            scores[m.place] = scores.get(m.place, 0.0) + WEIGHTS["author"]
    return scores


def find_focus(doc: Doc) -> Doc:
    """Set ``doc._.og_sections`` and ``doc._.og_focus``."""
    found = sections(doc)
    doc._.og_sections.extend(found)
    if found:
        keys = [s.focus[0] for s in found]
        doc._.og_focus.extend(dict.fromkeys(keys))
        return doc
    scores = focus_scores(doc)
    if scores:
        first = {m.place: i for i, m in reversed(list(enumerate(doc._.og_place_mentions)))}
        best = max(scores, key=lambda k: (scores[k], -first.get(k, 0)))
        if not national(doc, best, scores):
            doc._.og_focus.append(best)
    return doc


def national(doc: Doc, best: str, scores: dict[str, float]) -> bool:
    """A national piece: its best place is not in the heading, has no clear lead over the next
    one, and places of other provinces weigh as much as it does."""
    heading = title_end(doc.text)
    if any(m.place == best and m.evidence.start < heading for m in doc._.og_place_mentions):
        return False
    second = max((v for k, v in scores.items() if k != best), default=0.0)
    if scores[best] >= LEAD_FACTOR * second:
        return False
    province = _province(doc, best)
    elsewhere = sum(v for k, v in scores.items() if _province(doc, k) != province)
    return elsewhere >= scores[best]


def _province(doc: Doc, key: str) -> str:
    places = doc._.og_places
    place = places[key]
    while place.parent and place.parent in places:
        place = places[place.parent]
    return place.key


@Language.factory(
    "og_focus",
    assigns=["doc._.og_sections", "doc._.og_focus"],
    requires=["doc._.og_place_mentions", "doc._.og_places", "doc._.og_sentences"],
)
def make_focus(nlp: Language, name: str) -> Step:
    """Factory of the ``og_focus`` component."""
    return Step(find_focus)
