"""Programs named as items of a list closed by 等做法 / 等制度: 推行“A”、B、C等做法.

A quoted item of such a list is a program of the closing noun's kind (“两制一会”、“三推一选”等
制度: systems). A short unquoted item is one too when an implementing verb opens the list, the
list names a program already recognized and it closes with a practice noun (做法, 举措, 经验…).
A quoted item listed right after a recognized program (A活动、社区“B”等) is a program too.
"""

from __future__ import annotations

import re
from functools import cache

from orggraph.pipeline.program_rules import (
    COUNTED,
    MAX_NAMED,
    SLOGAN_PUNCT,
    Candidate,
    QuoteReading,
    cues,
    pair_name,
)
from orggraph.pipeline.quotes import (
    CLOSE_QUOTES,
    OPEN_QUOTES,
    Bracketed,
    clause_start,
    cue_table,
    inside,
)
from orggraph.records import ProgramKind
from orggraph.resolve.programkey import head_at_end

LIST_REACH = 80  # how far before 等 a list may start
MODIFIER = 2  # characters allowed between 等 and the closing noun: 等特色做法, 等工作机制
ITEM_MAX = 8  # a longer unquoted item is a description, not a name
RETYPED = "programs.quoted_trigger"
SIBLING_GAP = 12  # the longest modifier between the 、 after a program and a quoted next item
NAME = re.compile(r"^[\u4e00-\u9fff]+$")


@cache
def _closing() -> re.Pattern[str]:
    table = cues()
    words = "|".join(map(re.escape, (*table.practice_close, *table.list_close)))
    roles = cue_table("program_cues")
    close = "|".join(map(re.escape, roles["shared_close"]))
    joining = "".join(w for w in roles["name_stop"] if w not in roles["shared_close"])
    return re.compile(rf"(?:{close})([^\W\d_{joining}]{{0,{MODIFIER}}}?)({words})")


def _items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The 、-separated items of text[start:end], not splitting inside quotes."""
    out, item_start, depth = [], start, 0
    for i in range(start, end):
        if text[i] in OPEN_QUOTES:
            depth += 1
        elif text[i] in CLOSE_QUOTES:
            depth = max(0, depth - 1)
        elif text[i] == "、" and depth == 0:
            out.append((item_start, i))
            item_start = i + 1
    out.append((item_start, end))
    return out


def _verb_end(text: str, start: int, end: int) -> int | None:
    """End of the last implementing verb in text[start:end] that is outside quotes."""
    best = None
    for verb in cues().triggers:
        i = text.find(verb, start, end)
        while i >= 0:
            lead = text[start:i]
            outside = sum(lead.count(q) for q in OPEN_QUOTES) == sum(
                lead.count(q) for q in CLOSE_QUOTES
            )
            if outside and i + len(verb) <= end and (best is None or i + len(verb) > best):
                best = i + len(verb)
            i = text.find(verb, i + 1, end)
    return best


def _quoted_item(text: str, start: int, end: int, kind: ProgramKind) -> Candidate | None:
    """An item ending in a quoted name: 城市社区“三推一选”."""
    if end <= start or text[end - 1] not in CLOSE_QUOTES:
        return None
    opening = max(text.rfind(q, start, end) for q in OPEN_QUOTES)
    name = text[opening + 1 : end - 1]
    if opening < 0 or not 2 <= len(name) <= MAX_NAMED or "、" in name:
        return None
    if SLOGAN_PUNCT.search(name) or COUNTED.match(name) or any(q in name for q in "“”「」"):
        return None
    return Candidate(name, None, kind, opening, end, "programs.list_item")


def _plain_item(text: str, start: int, end: int, kind: ProgramKind) -> Candidate | None:
    """A short unquoted item: 红色物业."""
    name = text[start:end]
    if not 2 <= len(name) <= ITEM_MAX or not NAME.match(name):
        return None
    head = head_at_end(name)
    if head and len(head.word) < len(name):
        return Candidate(name, head.word, head.kind, start, end, "programs.practice_item")
    return Candidate(name, None, kind, start, end, "programs.practice_item")


def listed_programs(text: str, known: list[Candidate], skip: list[Bracketed]) -> list[Candidate]:
    """Programs listed before 等做法 / 等制度 (see the module docstring)."""
    out: list[Candidate] = []
    for m in _closing().finditer(text):
        deng = m.start()
        if inside(skip, deng, deng + 1):
            continue
        head = head_at_end(m.group(1) + m.group(2))
        kind = head.kind if head else ProgramKind.OTHER
        lo = clause_start(text, deng, LIST_REACH)
        items = _items(text, lo, deng)
        if len(items) < 2:
            continue
        verb = _verb_end(text, lo, items[0][1])
        if verb is not None:
            items[0] = (verb, items[0][1])
        # a list of a definite kind (等制度) retypes quoted names read only from their verb
        blocking = [f for f in known if kind is ProgramKind.OTHER or f.rule != RETYPED]
        items = [(s, e) for s, e in items if not any(f.start < e and s < f.end for f in blocking)]
        quoted = [c for s, e in items if (c := _quoted_item(text, s, e, kind))]
        out += quoted
        named = quoted or any(lo <= f.start and f.end <= deng for f in known)
        if verb is not None and named and m.group(2) in cues().practice_close:
            out += [c for s, e in items if (c := _plain_item(text, s, e, kind))]
    return out


def sibling_programs(
    text: str, readings: list[QuoteReading], known: list[Candidate]
) -> list[Candidate]:
    """与A活动、机关社区“B”等结合: a quoted name listed right after a recognized program (after
    its 、 and a short modifier), and itself followed by 等 or 、, is a program of that list."""
    ends = {f.end for f in known}
    stops = set("，,。；;：:！!？?“”「」‘’《》\n")
    close = (*cue_table("program_cues")["shared_close"], "、")
    out = []
    for r in readings:
        if r.program or not text.startswith(close, r.end) or not pair_name(r.name):
            continue
        if COUNTED.match(r.name) or r.name in cues().body:
            continue
        lead_start = text.rfind("、", max(0, r.start - SIBLING_GAP - 1), r.start)
        if lead_start < 0 or lead_start not in ends:
            continue
        if any(c in stops for c in text[lead_start + 1 : r.start]):
            continue
        out.append(Candidate(r.name, None, ProgramKind.OTHER, r.start, r.end, "programs.sibling"))
    return out
