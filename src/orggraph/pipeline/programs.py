"""Programs: named initiatives, quoted (“五个一百”工程) or bare (党史学习教育), with kind and place.

Rules, in order: a quoted name with a head noun after it or at its end; a quoted name that an
implementing verb puts into effect; parallel names sharing one head (A、B“三大行动”,
A、B等人才计划); a bare name ending in a head noun right after an implementing verb or after
another program in a list; the items of a list closed by 等做法 / 等制度 (program_lists). Slogans,
epithets, formulas and criteria are left out by their form and context (program_rules). Every
mention is kept, so each place carrying a program out is known; the place is the one carrying
it out, or a place its name starts with or that contains that place (人到山西好风光 → 山西省),
never a place held up as an example (向深圳学习).
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from orggraph.pipeline.attribution import opening_subject, place_at, scoped_place
from orggraph.pipeline.program_bare import bare_candidates, without_level
from orggraph.pipeline.program_lists import listed_programs, sibling_programs
from orggraph.pipeline.program_rules import (
    GROUP_KINDS,
    Candidate,
    QuoteReading,
    cues,
    pair_name,
    quoted_pair_head,
    read_quote,
)
from orggraph.pipeline.quotes import (
    OPEN_QUOTES,
    Bracketed,
    clause_start,
    cue_table,
    inside,
    quoted_phrases,
    titles,
)
from orggraph.pipeline.step import Step
from orggraph.pipeline.text import sorted_between
from orggraph.pipeline.text import token_ends as doc_token_ends
from orggraph.pipeline.years import year_finder
from orggraph.records import (
    DocumentKind,
    Evidence,
    Place,
    PlaceLevel,
    PlaceMention,
    ProgramMention,
)
from orggraph.resolve.programkey import Head, program_key

# a program whose name holds a place this big may be that place's (人到山西好风光 → 山西省)
NAMED_LEVELS = (PlaceLevel.PROVINCE, PlaceLevel.PREFECTURE, PlaceLevel.COUNTY)
# the last of adjacent quoted names shares the head noun it reads with the ones before it:
# “A”“B”工作法, and “A”“B”等活动
PAIR_HEAD_RULES = ("programs.quoted_head", "programs.quoted_etc_head")


def _merged_quotes(text: str, spans: list[Bracketed]) -> list[tuple[int, int, str]]:
    """Quoted phrases, with “A”+“B” joined into one name “A+B”."""
    out: list[tuple[int, int, str]] = []
    for span in spans:
        inner = span.inner(text)
        if out and out[-1][1] + 1 == span.start and text[out[-1][1]] == "+":
            start, _, name = out.pop()
            out.append((start, span.end, f"{name}+{inner}"))
        else:
            out.append((span.start, span.end, inner))
    return out


def _from_quotes(doc: Doc, skip: list[Bracketed]) -> tuple[list[Candidate], list[QuoteReading]]:
    text = doc.text
    token_ends = doc_token_ends(doc)
    spans = [s for s in quoted_phrases(text) if not inside(skip, s.start, s.end)]
    found, readings = [], []
    for start, end, name in _merged_quotes(text, spans):
        reading = read_quote(text, start, end, name, token_ends)
        readings.append(reading)
        if reading.program:
            found.append(
                Candidate(name, reading.head, reading.kind, start, reading.end, reading.rule)
            )
    return found, readings


def _quoted_pairs(text: str, readings: list[QuoteReading]) -> list[Candidate]:
    """“中午连”“周末延”的延时服务机制: adjacent quoted names sharing the head noun after them."""
    found: list[Candidate] = []
    run: list[QuoteReading] = []
    for reading in [*readings, None]:
        if reading is not None and (not run or run[-1].end == reading.start):
            run.append(reading)
            continue
        if len(run) >= 2 and not any(r.program for r in run[:-1]):
            head = _pair_head(text, run[-1])
            if head is not None:
                found += _pair_items(run, head)
        run = [reading] if reading is not None else []
    return found


def _pair_items(run: list[QuoteReading], head: Head) -> list[Candidate]:
    rule = "programs.quoted_pair"
    return [
        Candidate(r.name, head.word, head.kind, r.start, r.end, rule)
        for r in run
        if not r.program and pair_name(r.name)
    ]


def _pair_head(text: str, last: QuoteReading) -> Head | None:
    if last.program and last.head and last.rule in PAIR_HEAD_RULES:
        return Head(last.head, last.kind, False)
    return None if last.program else quoted_pair_head(text, last.end)


def _lists(text: str, readings: list[QuoteReading]) -> list[Candidate]:
    """实施A、B、C“三大行动”: each item with the group's head noun, part of the group."""
    found = []
    for reading in readings:
        if not reading.group or not reading.head or reading.kind not in GROUP_KINDS:
            continue
        lead_start = _list_start(text, reading.start)
        items = text[lead_start : reading.start]
        if "、" not in items or any(q in items for q in "“”"):
            continue
        group = reading.name
        found.append(
            Candidate(group, None, reading.kind, reading.start, reading.end, "programs.group")
        )
        offset = lead_start
        for item in items.split("、"):
            if 2 <= len(item) <= 12:
                found.append(
                    Candidate(
                        item + reading.head,
                        reading.head,
                        reading.kind,
                        offset,
                        offset + len(item),
                        "programs.group_item",
                        part_of=group,
                    )
                )
            offset += len(item) + 1
    return found


def _list_start(text: str, offset: int) -> int:
    """Just after the implementing verb (or clause start) that opens a list ending at ``offset``."""
    lead = re.search(r"[^，,。；;：:！？\n]{0,60}$", text[:offset])
    start = offset - len(lead.group()) if lead else offset
    best = start
    for verb in cues().triggers:
        i = text.rfind(verb, start, offset)
        if i >= 0 and i + len(verb) > best:
            best = i + len(verb)
    return best


def _dedup(found: list[Candidate]) -> list[Candidate]:
    """Every mention, without repeats of one program over one span or bare names inside others."""
    taken: list[tuple[int, int, str]] = []
    out = []
    for f in sorted(found, key=lambda f: (f.start, -(f.end - f.start), f.rule)):
        key = program_key(f.name, f.head)
        if not key or any(k == key and a < f.end and f.start < b for a, b, k in taken):
            continue
        if f.rule.startswith("programs.bare") and any(a <= f.start < b for a, b, _ in taken):
            continue
        taken.append((f.start, f.end, key))
        out.append(f)
    return out


def _contains(places: dict[str, Place], outer: str, inner: str | None) -> bool:
    """Whether place ``outer`` is ``inner`` or one of its parents."""
    seen: set[str] = set()
    while inner is not None and inner not in seen:
        if inner == outer:
            return True
        seen.add(inner)
        place = places.get(inner)
        inner = place.parent if place else None
    return False


def _learned_from(text: str, place_start: int) -> bool:
    """向深圳学习, 学习“深圳经验”, 赴深圳考察: the place is an example, not the implementer."""
    lead = text[clause_start(text, place_start, 8) : place_start].rstrip("“「")
    return any(lead.endswith(w) for w in cues().learn_from)


def _named_place(doc: Doc, f: Candidate, actor: str | None) -> str | None:
    """A place written in the program's name that owns it: the name starts with it, or it holds
    the place carrying the program out (人到山西好风光 taken up by a county of 山西省)."""
    places: dict[str, Place] = doc._.og_places or {}
    name_start = f.start + (doc.text[f.start] in OPEN_QUOTES)
    mentions = doc._.og_place_mentions or []
    for mention in sorted_between(doc, "_og_mentions", mentions, _start, f.start, f.end):
        start, end = mention.evidence.start, mention.evidence.end
        place = places.get(mention.place)
        if place is None or place.level not in NAMED_LEVELS or not f.start <= start < end <= f.end:
            continue
        if _learned_from(doc.text, start):
            continue
        if start == name_start or _contains(places, mention.place, actor):
            return str(mention.place)
    return None


def _start(mention: PlaceMention) -> int:
    return mention.evidence.start


def _place(doc: Doc, f: Candidate) -> str | None:
    text = doc.text
    actor = place_at(doc, f.start, f.end)
    named = _named_place(doc, f, actor)
    if named is not None:
        return named
    table = cues()
    lead = text[max(0, f.start - 12) : f.start]
    if re.search(r"[，,。；;：:]", lead):
        lead = re.split(r"[，,。；;：:]", lead)[-1]
    if any(w in lead for w in table.national):
        return None
    tail = re.match(r"[^，,。；;：:]{0,12}", text[f.end :])
    if tail and any(tail.group().endswith(w) for w in table.occasion):
        return None
    runner = opening_subject(doc, f.end) or _local_actor(doc, f) or actor
    return scoped_place(doc, runner, text[max(0, f.start - 4) : f.start]) or runner


LOCAL_LEVELS = (PlaceLevel.TOWNSHIP, PlaceLevel.VILLAGE, PlaceLevel.COMMUNITY)


def _local_actor(doc: Doc, f: Candidate) -> str | None:
    """A town, village or community named earlier in the program's paragraph runs it
    (港云里社区…“红色议事厅”), unless it is held up as an example."""
    text = doc.text
    line_start = text.rfind("\n", 0, f.start) + 1
    places: dict[str, Place] = doc._.og_places or {}
    bigger = [
        m.evidence.start
        for m in doc._.og_place_mentions or ()
        if line_start <= m.evidence.start < f.start
        and (p := places.get(m.place)) is not None
        and p.level not in LOCAL_LEVELS
    ]
    local = [
        m
        for m in doc._.og_place_mentions or ()
        if line_start <= m.evidence.start
        and m.evidence.end <= f.start
        and (p := places.get(m.place)) is not None
        and p.level in LOCAL_LEVELS
        and not _learned_from(text, m.evidence.start)
    ]
    if not local or (bigger and max(bigger) > local[-1].evidence.start):
        return None  # a county or city named after the town runs it
    return str(local[-1].place)


def _since(doc: Doc, start: int, sentence_start: int) -> str | None:
    """The year the text states for the program where it is named (clause, sentence, paragraph)."""
    dating = year_finder(doc).dating(start, sentence_start, local_only=True)
    return dating.year[:4] if dating else None


def _governing(doc: Doc, f: Candidate) -> str | None:
    """A policy document naming the program in its title, or issued earlier in its sentence."""
    policies = [d for d in doc._.og_documents or () if d.kind is DocumentKind.POLICY]
    core = program_key(f.name, f.head)
    for d in policies:
        if len(core) >= 4 and core in program_key(d.title, None):
            return str(d.title)
    sentence_start, _ = doc._.og_sentences.around(f.start)
    before = [
        d for d in policies if sentence_start <= d.evidence.start and d.evidence.end <= f.start
    ]
    if before and f.start - before[-1].evidence.end <= 30:
        lead = doc.text[before[-1].evidence.start - 4 : before[-1].evidence.start]
        if any(v in lead for v in cue_table("program_cues").get("governs", ())):
            return str(before[-1].title)
    return None


COLUMN = re.compile(r"[(（][^()（）\n]{2,40}[)）][ \t\u3000]*$", re.MULTILINE)
HEADLINE_MAX = 60


def _column_names(text: str) -> list[Bracketed]:
    """(深度关注·…), (干部状态新观察): a newspaper's column name after a headline, not a program."""
    found = []
    for m in COLUMN.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        headline = text[line_start : m.start()]
        if 0 < len(headline.strip()) <= HEADLINE_MAX and not re.search(r"[。；;]", headline):
            found.append(Bracketed(m.start(), m.end()))
    return found


def find_programs(doc: Doc) -> Doc:
    """Append every named program of the text to ``doc._.og_programs``."""
    text = doc.text
    skip = titles(text)
    documents = [d.evidence for d in doc._.og_documents or ()]
    skip += [Bracketed(e.start, e.end) for e in documents]
    skip += _column_names(text)
    quoted, readings = _from_quotes(doc, skip)
    found = quoted + _lists(text, readings) + _quoted_pairs(text, readings)
    found += sibling_programs(text, readings, found)
    claimed = [(f.start, f.end) for f in found] + [(s.start, s.end) for s in skip]
    claimed += [(r.start, r.end) for r in readings]
    found += bare_candidates(doc, claimed, [(f.start, f.end) for f in found])
    listed = listed_programs(text, found, skip)
    retyped = {(f.start, f.end) for f in listed}
    found = [f for f in found if (f.start, f.end) not in retyped] + listed
    for f in _dedup(without_level(text, found)):
        s, e = doc._.og_sentences.around(f.start)
        mention = ProgramMention(
            name=f.name,
            head=f.head,
            kind=f.kind,
            place=_place(doc, f),
            evidence=Evidence(f.start, f.end, s, e, f.rule),
            part_of=f.part_of,
            since=_since(doc, f.start, s),
        )
        doc._.og_programs.append(replace(mention, governed_by=_governing(doc, f)))
    return doc


@Language.factory(
    "og_programs",
    assigns=["doc._.og_programs"],
    requires=[
        "doc._.og_places",
        "doc._.og_place_mentions",
        "doc._.og_sections",
        "doc._.og_focus",
        "doc._.og_documents",
        "doc._.og_sentences",
    ],
)
def make_programs(nlp: Language, name: str) -> Step:
    """Factory of the ``og_programs`` component."""
    return Step(find_programs)
