"""How to read a quoted phrase or a bare head noun as a program name, or reject it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from orggraph.pipeline.quotes import CLOSE_QUOTES, OPEN_QUOTES, clause_start, cue_table
from orggraph.records import ProgramKind
from orggraph.resolve.programkey import Head, head_at_end

_ROLES = cue_table("program_cues")
NUMERAL = "".join(_ROLES["numeral"]) + "0-9"
COUNTER = "".join(_ROLES["counter"])  # the classifiers of a count: 大, 项, 个 …
# “三大行动”, “四项长效机制”, “9种模式”: a count of programs, not a program's name
COUNTED = re.compile(rf"^[{NUMERAL}]+[{COUNTER}]")
FORMULA_MARK = "".join(_ROLES["formula_char"])  # besides numerals: marks a formula (“双…”)
SHARED_CLOSE = _ROLES["shared_close"]  # 等: closes names sharing the head noun after it
ATTRIBUTIVE = _ROLES["attributive"]
# 列出50多条“…”清单: a count of entries right before a quote (entry_count)
_TAIL = "".join(_ROLES["count_tail"])
ENTRIES = re.compile(rf"[{NUMERAL}]+[{_TAIL}]?(?:{'|'.join(_ROLES['entry_count'])})$")
SYSTEM_SUFFIX = _ROLES["system_suffix"]  # a name ending in it is a system (…负责制)
SETS_UP_OPEN = _ROLES["sets_up_open"]  # 以“…”为抓手: the word opening the frame…
SETS_UP_LINK = "|".join(_ROLES["sets_up_link"])  # …and the one linking it to its noun
_JOINING = "".join(w for w in _ROLES["name_stop"] if w not in ATTRIBUTIVE)
QUOTED_WORDS = re.compile(r"([“「])[^“”「」]*([”」])")
SLOGAN_PUNCT = re.compile(r"[，,。；;：:！!？?\s]")
CLAUSE_SPLIT = re.compile(r"[，,]|\s+")  # between the two clauses of “你点单，我帮带”
CLAUSE_LEN = (2, 8)
# where the head noun after a quoted name is looked for: up to clause punctuation or another name
AFTER_STOP = re.compile(rf"[，,。；;：:、“”「」《》…—0-9{_JOINING}\n\ufffd]")
AFTER_WINDOW = 16
MAX_NAMED = 12  # a longer quoted phrase ending in a head noun is quoted speech…
MAX_LONG_NAMED = 24  # …unless an implementing verb carries it out: 开展“争创…、争做…活动”
DASH = "——"
PRODUCT_BEFORE = 30
PRODUCT_AFTER = 8
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
    body: tuple[str, ...] = ()
    figurative_head: tuple[str, ...] = ()
    product: tuple[str, ...] = ()
    attributive: tuple[str, ...] = ()
    described: tuple[str, ...] = ()


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
        t.get("body", ()),
        t.get("figurative_head", ()),
        t.get("product", ()),
        t.get("attributive", ()),
        t.get("described", ()),
    )


@cache
def _sets_up() -> re.Pattern[str]:
    """以“…”为抓手: the quoted name is what the work is built on."""
    nouns = "|".join(re.escape(w) for w in cues().sets_up)
    return re.compile(rf"^[^。；;]{{0,60}}?(?:{SETS_UP_LINK})(?:{nouns})")


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
        criterion = best is None and any(piece.endswith(w) for w in table.not_after)
        if criterion and not (window.startswith(ATTRIBUTIVE) and _modifies_head(window[k:])):
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
    if best is None or _verb_in_gap(window[: best[1] - len(best[0].word)]):
        return After()
    rest = text[end + best[1] : end + best[1] + 3]
    if any(rest.startswith(w) for w in table.continuation):
        return After()
    return After(best[0], end + best[1])


def _modifies_head(rest: str) -> bool:
    """“…”的村干部结构性报酬制度: after 的, a criterion noun (干部) that a head noun of a
    definite kind closes later in the same phrase only modifies that head; the quote names it."""
    for k in range(len(rest), 1, -1):
        head = head_at_end(rest[:k])
        if head is not None and head.kind is not ProgramKind.OTHER and k > len(head.word):
            return True
    return False


def _verb_in_gap(gap: str) -> bool:
    """“…”精准制定帮带计划: an implementing verb with its own object between the quote and the
    head noun makes the quote the verb's subject, not the head's name."""
    table = cues()
    for verb in (*table.triggers, *table.weak):
        i = gap.find(verb)
        if i >= 0 and len(gap) - (i + len(verb)) >= 2:
            return True
    return False


def _product(text: str, start: int, end: int) -> bool:
    """A brand named near words of selling or of a local speciality (in its sentence, up to
    PRODUCT_BEFORE characters before it, PRODUCT_AFTER after) names a product, not a program."""
    lo = max(text.rfind(c, 0, start) for c in "。！？\n") + 1
    hi = min((i for c in "。！？\n" if (i := text.find(c, end)) >= 0), default=len(text))
    near = text[max(lo, start - PRODUCT_BEFORE) : min(hi, end + PRODUCT_AFTER)]
    return any(w in near for w in cues().product)


def _epithet(text: str, start: int, end: int) -> bool:
    """“猛将”“闯将”“干将”: quotes standing next to each other without a joining +."""
    return (start > 0 and text[start - 1] in CLOSE_QUOTES) or text[end : end + 1] in OPEN_QUOTES


def _lead(text: str, start: int) -> str:
    """The clause before a quote, other quoted phrases emptied: their words are no verbs of it."""
    return QUOTED_WORDS.sub(r"\1\2", text[clause_start(text, start, 20) : start])


def read_quote(text: str, start: int, end: int, name: str, token_ends: set[int]) -> QuoteReading:
    """Read the quoted phrase at [start, end) with inner text ``name``."""
    table = cues()
    lead = _lead(text, start)
    clauses = bool(SLOGAN_PUNCT.search(name)) and _two_clauses(name)
    if (
        len(name) < 2
        or (SLOGAN_PUNCT.search(name) and not clauses)
        or any(lead.endswith(v) for v in table.formula)
        or name in table.catch_phrase
        or name in table.body
        or ENTRIES.search(lead)
    ):
        return QuoteReading(start, end, name)
    if clauses:
        return _clauses_named(text, start, end, name, lead, token_ends)
    inner = head_at_end(name)
    if inner and _named(name, inner, lead):
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
        if head.kind is ProgramKind.BRAND and _product(text, start, after.end):
            return QuoteReading(start, end, name)
        return QuoteReading(
            start, after.end, name, head.word, head.kind, True, False, "programs.quoted_head"
        )
    shared = _shared_head_after(text, end)
    if shared is not None:
        return QuoteReading(
            start, end, name, shared.word, shared.kind, True, False, "programs.quoted_etc_head"
        )
    if _implemented(text, start, end, name, lead):
        kind = ProgramKind.SYSTEM if name.endswith(SYSTEM_SUFFIX) else ProgramKind.OTHER
        return QuoteReading(start, end, name, None, kind, True, False, "programs.quoted_trigger")
    return QuoteReading(start, end, name)


def _two_clauses(name: str) -> bool:
    """“你点单，我帮带”: two short parallel clauses split by one comma or a space."""
    parts = CLAUSE_SPLIT.split(name.strip())
    return len(parts) == 2 and all(
        CLAUSE_LEN[0] <= len(p) <= CLAUSE_LEN[1] and not SLOGAN_PUNCT.search(p) for p in parts
    )


def _clauses_named(
    text: str, start: int, end: int, name: str, lead: str, token_ends: set[int]
) -> QuoteReading:
    """“你点单，我帮带”机制: two parallel clauses name a program only when a head noun of a
    definite kind follows them and a verb puts it into effect; otherwise they are a slogan."""
    after = _head_after(text, end, token_ends)
    head = after.head
    verb = _governs(lead) or any(v in lead for v in cues().weak)
    described = text.startswith(ATTRIBUTIVE, end)  # “…，…”的组织体系: a slogan describing it
    if head is None or head.kind is ProgramKind.OTHER or not verb or described:
        return QuoteReading(start, end, name)
    rule = "programs.quoted_clauses"
    return QuoteReading(start, after.end, name, head.word, head.kind, True, False, rule)


def _named(name: str, inner: Head, lead: str) -> bool:
    """“头雁工程”: a short quoted name ending in its own head noun. A weak head after a 的-phrase
    (“送上门来的群众工作”) or a figurative one (“解题方法”) needs an implementing verb before it."""
    if not len(inner.word) + 1 < len(name) <= MAX_NAMED:
        return False
    if inner.kind is ProgramKind.OTHER and any(w in name for w in cues().attributive):
        return False
    if inner.word in cues().figurative_head:
        return any(v in lead for v in cues().triggers)
    return True


def _shared_head_after(text: str, end: int) -> Head | None:
    """“三会一课”等制度: one quoted name closed by 等 and a head noun is a program of that kind."""
    if text[end : end + 1] not in SHARED_CLOSE:
        return None
    stop = AFTER_STOP.search(text, end + 1, end + 8)
    window = text[end + 1 : stop.start() if stop else end + 8]
    for k in range(len(window), 1, -1):  # 等活动为抓手: the head noun need not end the clause
        head = head_at_end(window[:k])
        if head is not None and head.kind is not ProgramKind.OTHER:
            between = window[: k - len(head.word)]  # 等先进典型评选: honours, not programs
            return None if any(w in between for w in cues().not_after) else head
    return None


def _long_named(name: str, inner: Head, lead: str) -> bool:
    """A long quoted name ending in its own head noun that an implementing verb carries out."""
    if len(name) > MAX_LONG_NAMED or inner.kind is ProgramKind.OTHER:
        return False
    return any(v in lead for v in cues().triggers)


def _implemented(text: str, start: int, end: int, name: str, lead: str) -> bool:
    """A quoted name without head noun that an implementing verb (or 以…为抓手) puts into effect."""
    if not 3 <= len(name) <= 10 or "、" in name or _epithet(text, start, end):
        return False
    if (
        len(name) < 4
        and not re.search(rf"[{NUMERAL}{FORMULA_MARK}+A-Za-z]", name)
        and not _right_after(lead)
    ):
        return False  # 连心桥, 主心骨: short figures of speech
    if text[end : end + 1] in SHARED_CLOSE or any(name.endswith(w) for w in cues().not_after):
        return False
    if text.startswith(DASH, end):
        return False  # “神经末梢”——村社区: a figure explained after a dash
    if any(lead.endswith(w) for w in cues().described):
        return False  # 一个“…”: a noun counted, not an initiative put into effect
    if COUNTED.match(name) and not re.match(rf"^[{NUMERAL}]+[{COUNTER}][{NUMERAL}]", name):
        return False
    if start > 0 and text[start - 1] in SETS_UP_OPEN and _sets_up().match(text[end:]):
        return True
    return _governs(lead) or _run_by(lead)


def _governs(lead: str) -> bool:
    """An implementing verb in the lead that is no attribute itself (探索的“…”, 部署的“…”: what
    was explored or deployed is described, not put into effect)."""
    for verb in cues().triggers:
        i = lead.find(verb)
        while i >= 0:
            if not lead.startswith(cues().attributive, i + len(verb)):
                return True
            i = lead.find(verb, i + 1)
    return False


def _run_by(lead: str) -> bool:
    """王某负责的“…”, 某某牵头的“…”: a quote named as what someone runs is an initiative."""
    return any(lead.endswith(v + a) for v in _ROLES.get("runs", ()) for a in ATTRIBUTIVE)


def _right_after(lead: str) -> bool:
    """开展换届“回头看”: an implementing verb at most two characters before the quote."""
    return any(v in lead[-(len(v) + 2) :] for v in cues().triggers)


def quoted_pair_head(text: str, end: int) -> Head | None:
    """“A”“B”的延时服务机制, “A”“B”制度: the head noun closing adjacent quoted names."""
    lead = text[end : end + 1]
    start = end + (1 if lead in ATTRIBUTIVE else 0)
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
