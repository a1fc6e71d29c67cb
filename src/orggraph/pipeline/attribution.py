"""Which place a fact at an offset belongs to: the most specific place its sentence names, else the
place its paragraph is about, else the section's focus.

Levels rank village → town → county → prefecture → province; og:partOf gives the rollup, so a
figure of a village is still found under its county. A place that contains the section's focus
(the province named in a piece about one of its villages) does not take a fact from the focus.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc

from orggraph.pipeline.focus import FOCUS_LEVELS, SENTENCE_END, chains, is_subject
from orggraph.pipeline.numbers import NUMERAL_RE
from orggraph.pipeline.text import TextDoc, sorted_between
from orggraph.records import PlaceLevel, PlaceMention
from orggraph.resources.gazetteer import LOCAL_SUFFIXES
from orggraph.resources.tables import table, words

VENUES = "place_words"
SUFFIXES = sorted(LOCAL_SUFFIXES, key=len, reverse=True)
VENUE_REACH = 2  # characters between a place and the verb of the event held there
CLAUSE_REACH = 8  # characters between a program and the comma closing its time clause
TIME_TABLE = "focus_words"
CLAUSE_MARKS = re.compile(r"[,，;；:：]")
CLAUSE_CHARS = ",，;；:：。"

RANK = {
    PlaceLevel.COMMUNITY: 0,
    PlaceLevel.VILLAGE: 0,
    PlaceLevel.TOWNSHIP: 1,
    PlaceLevel.COUNTY: 2,
    PlaceLevel.PREFECTURE: 3,
    PlaceLevel.PROVINCE: 4,
}


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


def most_specific(doc: Doc, mentions: list[PlaceMention], focus: str | None) -> str | None:
    """The most specific place among ``mentions``, inside the focus and never containing it.

    Several places of that level (a list of villages) name no single place: the focus. Naming
    only the focus or places containing it names the focus; naming none, None.
    """
    places = doc._.og_places
    ranked: dict[int, list[str]] = {}
    for m in mentions:
        place = places.get(m.place)
        if place is None:
            continue
        if focus and contains(doc, m.place, focus):
            ranked.setdefault(len(RANK), []).append(focus)
            continue
        if focus and not contains(doc, focus, m.place):
            continue
        ranked.setdefault(RANK[place.level], []).append(m.place)
    if not ranked:
        return None
    keys = set(ranked[min(ranked)])
    if len(keys) == 1:
        return keys.pop()
    parents = {places[k].parent for k in keys if k in places}
    parent = parents.pop() if len(parents) == 1 else None
    if parent is None or parent not in places or parent == focus:
        return focus
    return parent if not focus or contains(doc, focus, parent) else focus


def contains(doc: Doc, outer: str, inner: str) -> bool:
    """Whether place ``outer`` is ``inner`` or one of its ancestors."""
    places = doc._.og_places
    key: str | None = inner
    while key is not None:
        if key == outer:
            return True
        place = places.get(key)
        key = place.parent if place else None
    return False


def story_places(doc: Doc, focus: str | None) -> list[tuple[int, str | None]]:
    """(paragraph start, place) for every paragraph: the place a piece reporting one locality
    after another is talking about there.

    A paragraph naming places (not as the venue of an event) is about the most specific of
    them (the focus when it names only the focus or places around it); a paragraph naming no
    place continues the story before it; a heading line (no full stop) starts over at the
    focus.
    """
    text = doc.text
    mentions = [m for m in doc._.og_place_mentions if not is_venue(text, m)]
    out: list[tuple[int, str | None]] = []
    current = focus
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        inside = [m for m in mentions if start <= m.evidence.start < end]
        if SENTENCE_END not in text[start:end] and text[start:end].strip():
            current = focus
        elif inside:
            current = most_specific(doc, inside, focus) or focus
        out.append((start, current))
        start = end + 1
    return out


def _story_places_once(doc: Doc, focus: str | None) -> list[tuple[int, str | None]]:
    """``story_places``, computed once per doc and focus (kept on the doc while its place
    mentions are unchanged), not once per fact."""
    cache = doc.__dict__.setdefault("_og_story", {}) if isinstance(doc, TextDoc) else {}
    mentions = doc._.og_place_mentions
    key = (id(mentions), len(mentions), focus)
    if key not in cache:
        cache[key] = story_places(doc, focus)
    return cache[key]


def is_venue(text: str, mention: PlaceMention) -> bool:
    """Whether the place is only where a meeting was held: 在X村召开现场会."""
    after = text[mention.evidence.end : mention.evidence.end + VENUE_REACH + 4]
    return any(after.find(w) in range(VENUE_REACH + 1) for w in words(VENUES, role="venue"))


def place_at(doc: Doc, start: int, end: int) -> str | None:
    """The Place.key a fact stated at [start, end) is attributed to."""
    focus = section_focus(doc, start)
    top = focus[0] if focus else None
    actor = sentence_actor(doc, start)
    if actor is not None and not (top and contains(doc, actor, top)):
        return actor  # another place acting: <city>委组织部派员…
    sentences = doc._.og_sentences
    s, e = sentences.around(start) if sentences else (0, len(doc.text))
    mentions = doc._.og_place_mentions
    referred = anaphor_place(doc, s, start)
    if referred is not None and (not top or contains(doc, top, referred)):
        return referred
    between = sorted_between(doc, "_og_mentions", mentions, _start, s, e)
    here = [m for m in between if not is_venue(doc.text, m)]
    here = _within_quote(doc.text, start, _not_examples(doc.text, s, e, here))
    named = most_specific(doc, here, top)
    if named is not None:
        return named
    story = None
    for para, place in _story_places_once(doc, top):
        if para > start:
            break
        story = place
    around = story if story is not None else top
    return scope_place(doc, s, start, around) or around


def _not_examples(
    text: str, sentence: int, end: int, mentions: list[PlaceMention]
) -> list[PlaceMention]:
    """Without the places listed as examples of a count (甲村、乙村等6个村): they are what is
    counted, not where the figure belongs. Only when another place remains."""
    examples: set[int] = set()
    ends = {m.evidence.end: m.evidence.start for m in mentions}
    for word in words(VENUES, role="list_end"):
        for close in _occurrences(text, word, sentence, end):
            if not NUMERAL_RE.match(text, close + len(word)):
                continue
            clause = max(sentence, *(text.rfind(c, sentence, close) + 1 for c in CLAUSE_CHARS))
            first = text.find("、", clause, close)
            first = close if first < 0 else first
            examples.update(m.evidence.start for m in mentions if first < m.evidence.start < close)
            pos = first
            while pos in ends:  # the first item: the places written right before its 、
                examples.add(ends[pos])
                pos = ends[pos]
    kept = [m for m in mentions if m.evidence.start not in examples]
    return kept or mentions


def _occurrences(text: str, word: str, lo: int, hi: int) -> list[int]:
    found, at = [], text.find(word, lo, hi)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + 1, hi)
    return found


def _within_quote(text: str, offset: int, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """A figure inside a quotation takes the places that quotation names, when it names any
    (“…高场镇…党支部的10名党员……”5月26日，在X社区…: the narration's places are not the quote's)."""
    opening = text.rfind("“", text.rfind("\n", 0, offset) + 1, offset)  # in its paragraph
    if opening < 0 or "”" in text[opening:offset]:
        return mentions
    closing = text.find("”", offset)
    closing = len(text) if closing < 0 else closing
    inside = [m for m in mentions if opening < m.evidence.start < closing]
    return inside or mentions


def scope_place(doc: Doc, sentence: int, offset: int, around: str | None) -> str | None:
    """The place a territory word opening a clause before ``offset`` names (现在全村…, 全市…):
    ``around`` or its nearest ancestor of that level, else the last place of that level named
    before inside ``around``. None without such a word or place."""
    suffix = _clause_scope(doc.text, sentence, offset)
    places = doc._.og_places
    key = around
    while suffix is not None and key is not None and key in places:
        if places[key].name.endswith(suffix):
            return key
        key = places[key].parent
    if suffix is None or around is None:
        return None
    for m in reversed(doc._.og_place_mentions):
        place = places.get(m.place)
        if m.evidence.end <= offset and place and place.name.endswith(suffix):
            return m.place if contains(doc, around, m.place) else None
    return None


def _clause_scope(text: str, sentence: int, offset: int) -> str | None:
    """The level suffix of a territory word opening a clause before ``offset``, alone or after a
    present-time word (截至目前，全市…; 现在全村…)."""
    starts = [sentence, *(m.end() for m in CLAUSE_MARKS.finditer(text, sentence, offset))]
    for start in starts:
        while start < offset and text[start].isspace():
            start += 1
        lead = next(
            (w for w in words("time_words", role="present") if text.startswith(w, start)), ""
        )
        start += len(lead)
        found = next((v for w, v in _territories() if text.startswith(w, start, offset)), None)
        if found is not None:
            return found
    return None


@cache
def _territories() -> tuple[tuple[str, str], ...]:
    """(territory word, suffix of the level it names), longest word first."""
    rows = [(r["word"], r["value"]) for r in table(VENUES) if r["role"] == "territory"]
    return tuple(sorted(rows, key=lambda r: (-len(r[0]), r[0])))


def scoped_place(doc: Doc, key: str | None, lead: str) -> str | None:
    """The place a program run at a stated level belongs to: 全市“X”行动, 市级“X”机制.

    A scope word ending ``lead`` (the text right before the program) names the level by its
    suffix; the program is ``key`` or its nearest ancestor whose name ends with that suffix (a
    town's 全市 is its county-level city, a district's 市级 its municipality). None when the
    lead names no level or no such place holds ``key``.
    """
    suffix = next((v for w, v in _scopes() if lead.endswith(w)), None)
    places = doc._.og_places
    while suffix is not None and key is not None and key in places:
        if places[key].name.endswith(suffix):
            return key
        key = places[key].parent
    return None


@cache
def _scopes() -> tuple[tuple[str, str], ...]:
    """(scope word, suffix of the level it names), longest word first."""
    rows = [(r["word"], r["value"]) for r in table(VENUES) if r["role"] == "scope"]
    return tuple(sorted(rows, key=lambda r: (-len(r[0]), r[0])))


def opening_subject(doc: Doc, end: int) -> str | None:
    """The place acting in a sentence opened by a time clause ending after ``end``:
    “X”行动开展以来,Y县坚持… → Y县 (the campaign of the time clause is the subject's).

    The clause after ``end`` must be short and end in a time word (以来, 期间) before its comma;
    the place (or written chain) right after the comma must be followed by an actor word.
    """
    text = doc.text
    comma = min(
        (i for i in (text.find(c, end, end + CLAUSE_REACH) for c in ",，") if i >= 0), default=-1
    )
    if comma < 0 or not text[end:comma].endswith(words(TIME_TABLE, role="lead_end")):
        return None
    start = comma + 1
    while start < len(text) and text[start].isspace():
        start += 1
    after = sorted_between(doc, "_og_mentions", doc._.og_place_mentions, _start, start, start + 40)
    found = chains(after)
    if not found or found[0][0].evidence.start != start:
        return None
    last = found[0][1]
    return last.place if is_subject(text, start, last.evidence.end, start) else None


def anaphor_place(doc: Doc, sentence: int, offset: int) -> str | None:
    """The place "该社区" / "这个村" refers to: the last place before it with that suffix."""
    text = doc.text
    for det in words(VENUES, role="determiner"):
        at = text.find(det, sentence, offset)
        if at < 0:
            continue
        rest = text[at + len(det) : offset]
        earlier = [m for m in doc._.og_place_mentions if m.evidence.end <= at]
        for m in reversed(earlier):
            name = doc._.og_places[m.place].name
            suffix = next((x for x in SUFFIXES if name.endswith(x)), None)
            if suffix and rest.startswith(suffix):
                return m.place
    return None


def _start(mention: PlaceMention) -> int:
    return mention.evidence.start
