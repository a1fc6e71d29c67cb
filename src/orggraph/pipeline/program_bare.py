"""Unquoted program names: a name ending in a head noun after an implementing verb
(实施…提升行动), after another program of a list, or the long name of a campaign.

A name is not kept when it is a generic noun (a short or generic modifier, a working list of
duties or needs, a construction work) or a clause fragment (it opens with a particle left by
the verb, or holds a copula); the words of each class live in ``data/program_cues.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from spacy.tokens import Doc

from orggraph.pipeline.program_rules import Candidate, cues
from orggraph.pipeline.quotes import CLOSE_QUOTES, clause_start, cue_table, starts_with_any
from orggraph.pipeline.text import token_ends as doc_token_ends
from orggraph.records import ProgramKind
from orggraph.resolve.programkey import Head, head_at_end, program_heads, program_key

BARE_MAX = 18
LATE_NAME = 6  # how long a name may be after an implementing verb late in its segment
LEADING_ADVERB = 5  # how far into a clause the implementing verb of a bare name may start
MIN_MODIFIER = 3  # a shorter modifier (培训计划, 项目清单) names a kind of work, not a program
# a campaign's modifier may be short (党史学习教育); a plan's must be longer: a short one is a
# plan drawn up (帮带培养计划), not a named program
SHORTEST = {ProgramKind.CAMPAIGN: 2, ProgramKind.PLAN: 5}
PUNCT_STOP = frozenset("，,。；;：:！!？?、“”「」《》\n\ufffd ")


@cache
def _roles() -> dict[str, tuple[str, ...]]:
    return cue_table("program_cues")


def _role(name: str) -> tuple[str, ...]:
    return _roles().get(name, ())


@cache
def _stops() -> frozenset[str]:
    """Characters no unquoted name runs across: clause punctuation and the joining words."""
    return PUNCT_STOP | frozenset("".join(_role("name_stop")))


def _trigger_end(segment: str) -> int | None:
    """End of the implementing verb(s) near the start of a bare segment: 大力实施 / 创新实施."""
    table = cues()
    verbs = tuple(sorted((*table.triggers, *table.weak), key=lambda v: (-len(v), v)))
    for i in range(min(LEADING_ADVERB, len(segment)) + 1):
        verb = next((v for v in verbs if segment.startswith(v, i)), None)
        if verb:
            j = i + len(verb)
            while (more := next((v for v in verbs if segment.startswith(v, j)), None)) is not None:
                j += len(more)
            return j
    return None


def _last_trigger(segment: str) -> int | None:
    """在全市…全面推行小微权力清单: the end of the last implementing verb, when a short name
    (at most LATE_NAME characters before the head noun) follows it."""
    ends = [
        i + len(v)
        for v in cues().triggers
        if (i := segment.rfind(v)) >= 0 and len(segment) - (i + len(v)) <= LATE_NAME
    ]
    return max(ends) if ends else None


def _segment_start(text: str, head_start: int) -> int:
    j = head_start
    stops = _stops()
    while j > max(0, head_start - 24) and text[j - 1] not in stops:
        j -= 1
    return j


def bare_candidates(
    doc: Doc, claimed: list[tuple[int, int]], programs: list[tuple[int, int]]
) -> list[Candidate]:
    """Unquoted names ending in a head noun: 实施党员队伍纳新提升行动, …、新民风建设扶志工程."""
    text = doc.text
    token_ends = doc_token_ends(doc)
    ends = {e for _, e in programs}
    out: list[Candidate] = []
    for head in (h for h in program_heads() if h.unquoted):
        for m in re.finditer(re.escape(head.word), text):
            h_start, h_end = m.start(), m.end()
            if (
                h_end not in token_ends
                or head_at_end(text[max(0, h_end - 6) : h_end], True) != head
            ):
                continue
            if (
                any(a <= h_start < b for a, b in claimed)
                or text[h_start - 1 : h_start] in CLOSE_QUOTES
            ):
                continue
            if any(text.startswith(w, h_end) for w in cues().continuation):
                continue
            found = _bare_one(text, head, h_start, h_end, ends)
            for item in found:
                out.append(item)
                ends.add(item.end)
    return out


def _bare_one(text: str, head: Head, h_start: int, h_end: int, ends: set[int]) -> list[Candidate]:
    seg_start = _segment_start(text, h_start)
    segment = text[seg_start:h_start]
    before = text[seg_start - 1 : seg_start]
    if before and before in _role("shared_close") and len(segment) <= 3:
        if head.kind is ProgramKind.SYSTEM:
            return []  # 制定A、B等事项清单: duties listed, not named programs
        return _shared_head(text, head, seg_start - 1)
    trigger = _trigger_end(segment)
    if before in _role("attributive") and segment.startswith((*cues().triggers, *cues().weak)):
        trigger = None  # 的创新理论…: a verb right after 的 is an attribute, not a verb
    if trigger is None:
        trigger = _last_trigger(segment)
    opening = _campaign_opening(segment, head)
    if opening is not None:
        name = text[seg_start + opening : h_end]
        return [
            Candidate(name, head.word, head.kind, seg_start + opening, h_end, "programs.campaign")
        ]
    if trigger is not None:
        start = seg_start + trigger
    elif before and (before == "、" or before in _role("joiner")) and seg_start - 1 in ends:
        start = seg_start
    else:
        return []
    name = text[start:h_end]
    if len(name) > BARE_MAX or not _is_name(name, head):
        return []
    return [Candidate(name, head.word, head.kind, start, h_end, "programs.bare")]


def _is_name(name: str, head: Head) -> bool:
    """Whether an unquoted name ending in ``head`` names a program, not a generic noun or a
    clause fragment."""
    modifier = name[: len(name) - len(head.word)]
    if modifier.startswith(_role("not_opening")) or any(w in name for w in _role("clause_word")):
        return False  # 了多种…行动, …是一项系统工程: the rest of a clause
    if modifier.endswith(_role("list_content")) and head.kind is ProgramKind.SYSTEM:
        return False  # 项目清单, 发展需求清单: a working list of duties or needs
    if modifier.endswith(_role("construction")) and head.kind is ProgramKind.PROJECT:
        return False  # 老街改造工程: a construction work
    for word in cues().generic:
        modifier = modifier.replace(word, "")
    shortest = SHORTEST.get(head.kind, MIN_MODIFIER)
    return len(modifier) >= shortest  # 这项工程, 培训计划: a generic noun, not a name


def _campaign_opening(segment: str, head: Head) -> int | None:
    """学习贯彻…主题教育: where the long official name of a campaign opens in the segment."""
    if head.kind is not ProgramKind.CAMPAIGN:
        return None
    for word in _role("campaign_opening"):
        i = segment.find(word)
        if 0 <= i <= LEADING_ADVERB and len(segment) - i > len(word):
            return i
    return None


def _shared_head(text: str, head: Head, shared_at: int) -> list[Candidate]:
    """实施A、B、C等人才计划: each listed item is a program of the shared head's kind."""
    lead_start = clause_start(text, shared_at, 40)
    lead = text[lead_start:shared_at]
    trigger = _trigger_end(lead)
    if trigger is None or "、" not in lead[trigger:]:
        return []
    out = []
    offset = lead_start + trigger
    rule = "programs.bare_shared_head"
    stops = _stops()
    for item in lead[trigger:].split("、"):
        if 2 <= len(item) <= 10 and not any(c in stops for c in item):
            out.append(Candidate(item, None, head.kind, offset, offset + len(item), rule))
        offset += len(item) + 1
    return out


def without_level(text: str, found: list[Candidate]) -> list[Candidate]:
    """推行村级小微权力清单 where the article also names 小微权力清单: a name opened by an
    administrative level (村级, 县级) is the program the rest of it names, when the article
    names that rest on its own too; otherwise the level stays part of the name."""
    keys = {program_key(f.name, f.head) for f in found}
    out = []
    for f in found:
        level = starts_with_any(f.name, _role("level_prefix"))
        if level and text.startswith(level, f.start):
            rest = f.name[len(level) :]
            if len(rest) > 2 and program_key(rest, f.head) in keys:
                f = replace(f, name=rest, start=f.start + len(level))
        out.append(f)
    return out
