"""How to read a quoted phrase or a bare head noun as a program name, or reject it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc

from orggraph.pipeline.quotes import CLOSE_QUOTES, OPEN_QUOTES, clause_start, cue_table
from orggraph.pipeline.text import token_ends as doc_token_ends
from orggraph.records import ProgramKind
from orggraph.resolve.programkey import Head, head_at_end, program_heads

NUMERAL = "一二三四五六七八九十两百千0-9"
# “三大行动”, “四项长效机制”, “9种模式”: a count of programs, not a program's name
COUNTED = re.compile(rf"^[{NUMERAL}]+[大项个种类条]")
SLOGAN_PUNCT = re.compile(r"[，,。；;：:！!？?\s]")
# where the head noun after a quoted name is looked for: up to clause punctuation or another name
AFTER_STOP = re.compile(r"[，,。；;：:、“”「」《》0-9等和与及\n\ufffd]")
AFTER_WINDOW = 16
BARE_STOP = set("，,。；;：:！!？?、“”「」《》\n\ufffd 的和与及等")
BARE_MAX = 18
LATE_NAME = 6  # how long a name may be after an implementing verb late in its segment
LEADING_ADVERB = 5  # how far into a clause the implementing verb of a bare name may start
MAX_NAMED = 12  # a longer quoted phrase ending in a head noun is quoted speech…
MAX_LONG_NAMED = 24  # …unless an implementing verb carries it out: 开展“争创…、争做…活动”
GROUP_KINDS = (ProgramKind.ACTION, ProgramKind.PROJECT, ProgramKind.PLAN, ProgramKind.CAMPAIGN)


@dataclass(frozen=True)
class Cues:
    triggers: tuple[str, ...]
    weak: tuple[str, ...]
    not_after: tuple[str, ...]
    formula: tuple[str, ...]
    continuation: tuple[str, ...]
    national: tuple[str, ...]
    occasion: tuple[str, ...]
    practice_close: tuple[str, ...]
    list_close: tuple[str, ...]
    learn_from: tuple[str, ...]
    catch_phrase: tuple[str, ...] = ()
    generic: tuple[str, ...] = ()
    sets_up: tuple[str, ...] = ()


@cache
def cues() -> Cues:
    """The context words of ``data/program_cues.tsv``."""
    t = cue_table("program_cues")
    return Cues(
        t["trigger"],
        t["weak_trigger"],
        t["not_after"],
        t["formula_verb"],
        t["continuation"],
        t["national"],
        t["occasion"],
        t["practice_close"],
        t["list_close"],
        t["learn_from"],
        t.get("catch_phrase", ()),
        t.get("generic", ()),
        t.get("sets_up", ()),
    )


@cache
def _sets_up() -> re.Pattern[str]:
    """以“…”为抓手: the quoted name is what the work is built on."""
    nouns = "|".join(re.escape(w) for w in cues().sets_up)
    return re.compile(rf"^[^。；;]{{0,60}}?为(?:{nouns})")


@dataclass(frozen=True)
class Candidate:
    """A program found in the text, before attribution."""

    name: str
    head: str | None
    kind: ProgramKind
    start: int
    end: int
    rule: str
    part_of: str | None = None


@dataclass(frozen=True)
class After:
    """What follows a quoted phrase: a head noun ending at ``end``, or a criterion noun."""

    head: Head | None = None
    end: int = 0
    rejected: bool = False


@dataclass(frozen=True)
class QuoteReading:
    """What a quoted phrase is: a program (with its head noun), a count of programs, or neither."""

    start: int
    end: int  # through the head noun when one follows
    name: str
    head: str | None = None
    kind: ProgramKind = ProgramKind.OTHER
    program: bool = False
    group: bool = False
    rule: str = ""


def _head_after(text: str, end: int, token_ends: set[int]) -> After:
    """The head noun after a quote, or a rejection when a criterion noun comes first."""
    stop = AFTER_STOP.search(text, end, end + AFTER_WINDOW)
    window = text[end : stop.start() if stop else end + AFTER_WINDOW]
    table = cues()
    best: tuple[Head, int] | None = None
    for k in range(1, len(window) + 1):
        piece = window[:k]
        if best is None and any(piece.endswith(w) for w in table.not_after):
            return After(rejected=True)
        head = head_at_end(piece)
        if head is None or (end + k not in token_ends and len(head.word) < 3):
            continue  # a two-character head must end a word: not 工作 of 工作站
        if head.kind is ProgramKind.OTHER and k > len(head.word):
            continue  # a weak head (工作) only right after the quote
        if best is None:
            best = (head, k)
        elif k - len(head.word) <= best[1] - len(best[0].word) and k <= best[1] + 4:
            best = (head, k)  # a longer head that ends a little later: 工作 → 工作机制
        else:
            break
    if best is None:
        return After()
    rest = text[end + best[1] : end + best[1] + 3]
    if any(rest.startswith(w) for w in table.continuation):
        return After()
    return After(best[0], end + best[1])


def _epithet(text: str, start: int, end: int) -> bool:
    """“猛将”“闯将”“干将”: quotes standing next to each other without a joining +."""
    return (start > 0 and text[start - 1] in CLOSE_QUOTES) or text[end : end + 1] in OPEN_QUOTES


def _lead(text: str, start: int) -> str:
    return text[clause_start(text, start, 20) : start]


def read_quote(text: str, start: int, end: int, name: str, token_ends: set[int]) -> QuoteReading:
    """Read the quoted phrase at [start, end) with inner text ``name``."""
    table = cues()
    lead = _lead(text, start)
    if (
        SLOGAN_PUNCT.search(name)
        or any(lead.endswith(v) for v in table.formula)
        or name in table.catch_phrase
    ):
        return QuoteReading(start, end, name)
    inner = head_at_end(name)
    if inner and len(inner.word) + 1 < len(name) <= MAX_NAMED:
        group = bool(COUNTED.match(name))
        return QuoteReading(
            start, end, name, inner.word, inner.kind, not group, group, "programs.quoted_named"
        )
    if inner and _long_named(name, inner, lead):
        return QuoteReading(
            start, end, name, inner.word, inner.kind, True, False, "programs.quoted_long"
        )
    after = _head_after(text, end, token_ends)
    if after.rejected:
        return QuoteReading(start, end, name)
    if after.head is not None and not (after.head.kind is ProgramKind.OTHER and len(name) < 3):
        head = after.head
        return QuoteReading(
            start, after.end, name, head.word, head.kind, True, False, "programs.quoted_head"
        )
    shared = _shared_head_after(text, end)
    if shared is not None:
        return QuoteReading(
            start, end, name, shared.word, shared.kind, True, False, "programs.quoted_etc_head"
        )
    if _implemented(text, start, end, name, lead):
        kind = ProgramKind.SYSTEM if name.endswith("制") else ProgramKind.OTHER
        return QuoteReading(start, end, name, None, kind, True, False, "programs.quoted_trigger")
    return QuoteReading(start, end, name)


def _shared_head_after(text: str, end: int) -> Head | None:
    """“三会一课”等制度: one quoted name closed by 等 and a head noun is a program of that kind."""
    if text[end : end + 1] != "等":
        return None
    stop = AFTER_STOP.search(text, end + 1, end + 8)
    head = head_at_end(text[end + 1 : stop.start() if stop else end + 8])
    return head if head is not None and head.kind is not ProgramKind.OTHER else None


def _long_named(name: str, inner: Head, lead: str) -> bool:
    """A long quoted name ending in its own head noun that an implementing verb carries out."""
    if len(name) > MAX_LONG_NAMED or inner.kind is ProgramKind.OTHER:
        return False
    return any(v in lead for v in cues().triggers)


def _implemented(text: str, start: int, end: int, name: str, lead: str) -> bool:
    """A quoted name without head noun that an implementing verb (or 以…为抓手) puts into effect."""
    if not 3 <= len(name) <= 10 or "、" in name or _epithet(text, start, end):
        return False
    if len(name) < 4 and not re.search(rf"[{NUMERAL}双+A-Za-z]", name) and not _right_after(lead):
        return False  # 连心桥, 主心骨: short figures of speech
    if text[end : end + 1] == "等" or any(name.endswith(w) for w in cues().not_after):
        return False
    if COUNTED.match(name) and not re.match(rf"^[{NUMERAL}]+[大项个种类条][{NUMERAL}]", name):
        return False
    if start > 0 and text[start - 1] == "以" and _sets_up().match(text[end:]):
        return True
    return any(v in lead for v in cues().triggers)


def _right_after(lead: str) -> bool:
    """开展换届“回头看”: an implementing verb at most two characters before the quote."""
    return any(v in lead[-(len(v) + 2) :] for v in cues().triggers)


def _trigger_end(segment: str) -> int | None:
    """End of the implementing verb(s) near the start of a bare segment: 大力实施 / 创新实施."""
    table = cues()
    verbs = tuple(sorted((*table.triggers, *table.weak), key=lambda v: (-len(v), v)))
    for i in range(min(LEADING_ADVERB, len(segment)) + 1):
        verb = next(
            (v for v in sorted(verbs, key=len, reverse=True) if segment.startswith(v, i)), None
        )
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
    while j > max(0, head_start - 24) and text[j - 1] not in BARE_STOP:
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
    if seg_start > 0 and text[seg_start - 1] == "等" and len(segment) <= 3:
        if head.kind is ProgramKind.SYSTEM:
            return []  # 制定A、B等事项清单: duties listed, not named programs
        return _shared_head(text, head, seg_start - 1)
    trigger = _trigger_end(segment)
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
    elif seg_start > 0 and text[seg_start - 1] in "、和" and seg_start - 1 in ends:
        start = seg_start
    else:
        return []
    name = text[start:h_end]
    if len(name) - len(head.word) < 2 or len(name) > BARE_MAX:
        return []
    modifier = name[: len(name) - len(head.word)]
    for word in cues().generic:
        modifier = modifier.replace(word, "")
    if len(modifier) < 2:
        return []  # 这项工程, 线上学习教育: a generic noun, not a name
    return [Candidate(name, head.word, head.kind, start, h_end, "programs.bare")]


def _campaign_opening(segment: str, head: Head) -> int | None:
    """学习贯彻…主题教育: where the long official name of a campaign opens in the segment."""
    if head.kind is not ProgramKind.CAMPAIGN:
        return None
    for word in cue_table("program_cues").get("campaign_opening", ()):
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
    for item in lead[trigger:].split("、"):
        if 2 <= len(item) <= 10 and not any(c in BARE_STOP for c in item):
            out.append(Candidate(item, None, head.kind, offset, offset + len(item), rule))
        offset += len(item) + 1
    return out


def quoted_pair_head(text: str, end: int) -> Head | None:
    """“A”“B”的延时服务机制, “A”“B”制度: the head noun closing adjacent quoted names."""
    lead = text[end : end + 1]
    start = end + (1 if lead == "的" else 0)
    stop = AFTER_STOP.search(text, start, start + AFTER_WINDOW)
    window = text[start : stop.start() if stop else start + AFTER_WINDOW]
    for k in range(len(window), 1, -1):
        head = head_at_end(window[:k])
        if head is not None and head.kind is not ProgramKind.OTHER:
            return head if k - len(head.word) <= 6 else None
    return None


def pair_name(name: str) -> bool:
    """A quoted name in a pair or list: short, no sentence punctuation, no catch-phrase."""
    return (
        2 <= len(name) <= MAX_NAMED
        and not SLOGAN_PUNCT.search(name)
        and (name not in cues().catch_phrase)
    )
