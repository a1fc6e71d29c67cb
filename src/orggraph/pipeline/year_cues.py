"""The time cue words around a figure (``time_words.tsv``) as patterns, and the time its sentence
speaks of: the present ("如今", "近5年") or an earlier step of a story ("当时", "此前", "起初").

An earlier-time anchor opens a clause of the figure's sentence after its last stated year. Two
kinds (roles of ``time_words.tsv``): ``past_then`` points back to the moment the text told last
("2015年我来到村里……当时,村里只有3名党员": the year stated earlier in the paragraph or section,
never the article's own date); ``past_before`` states what held before the story's steps
("此前,小区没有物业", "起初只有5户", "以前全靠20多亩地生活": no year unless one is stated after it).
An anchor after a comparison word ("比以前多了") or before a counted span ("过去5年", "过去的
一段时间": a recent span up to now) is no anchor.
"""

from __future__ import annotations

import re
from functools import cache

from orggraph.pipeline.measures import pos_tagger
from orggraph.resources.tables import table, words

PAST_LEAD = 2  # an anchor opens its clause when at most this many characters precede it


def alt(role: str) -> str:
    return "|".join(re.escape(w) for w in words("time_words", role=role))


def word(role: str) -> str:
    found = words("time_words", role=role)
    return found[0] if found else ""


@cache
def patterns() -> dict[str, re.Pattern[str]]:
    """The cue patterns of ``time_words.tsv``, by use."""
    y, m = re.escape(word("year_mark")), re.escape(word("month_mark"))
    month = rf"(?:(?P<month>\d{{1,2}}){m})?"
    de, counts = re.escape(word("de_mark")), "".join(words("time_words", role="past_count"))
    return {
        "explicit": re.compile(rf"(?<![\d.])(?P<year>(?:19|20)\d{{2}}){y}{month}"),
        "relative": re.compile(rf"(?<![\d{y}])(?P<word>{alt('relative')}){month}"),
        "ago_exact": re.compile(
            rf"(?<![\d{y}{''.join(words('time_words', role='ago_count'))}])"
            rf"(?:(?P<digits>\d{{1,2}})|(?P<word>{alt('ago_exact')}))(?:{alt('ago')})"
        ),
        "previous": re.compile(rf"(?P<word>{alt('previous')}){month}"),
        "since": re.compile(rf"(?:{alt('year_end')})?(?:{alt('since_after')})"),
        "period": re.compile(rf"(?:{alt('period_after')})"),
        "baseline": re.compile(rf"(?:{alt('baseline_before')})$"),
        "baseline_of": re.compile(rf"(?:{alt('baseline_of')})$"),
        "present": re.compile(alt("present")),
        "past": re.compile(
            rf"(?P<word>{alt('past_then')}|{alt('past_before')})"
            rf"(?!{de}?[\d{counts}]+(?:{alt('past_span')}))"
        ),
        "change_to": re.compile(alt("change_to")),
        "once": re.compile(alt("once")),
        "cumulative": re.compile(alt("cumulative")),
        "day": re.compile(rf"\d{{1,2}}{re.escape(word('day_mark'))}"),
        "change_from": re.compile(rf"(?:{alt('change_from')})(?!.*(?:{alt('change_from')}))"),
        "unresolved": re.compile(
            rf"(?:{alt('relative')}|(?<![\d{y}])\d{{1,2}}{y}(?:{alt('ago')})|"
            rf"(?:{alt('ago_count')})+(?:{alt('ago')}))"
        ),
        "as_of_end": re.compile(
            rf"(?:{alt('as_of')})(?P<year>(?:19|20)\d{{2}}){y}(?:{alt('year_end')})"
        ),
    }


@cache
def shifts(role: str) -> dict[str, int]:
    return {r["word"]: int(r["shift"] or 0) for r in table("time_words") if r["role"] == role}


def whole_word_starts(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> list[int]:
    """Where ``pattern`` matches whole words of ``text[lo:hi]`` ("目前", not 项目前沿)."""
    spans = [(m.start() - lo, m.end() - lo) for m in pattern.finditer(text, lo, hi)]
    if not spans:
        return []
    bounds, at = {0}, 0
    for pair in pos_tagger().cut(text[lo:hi]):
        at += len(pair.word)
        bounds.add(at)
    return [lo + a for a, b in spans if a in bounds and b in bounds]


def _opens_clause(text: str, at: int, clause_end: re.Pattern[str]) -> bool:
    """Whether the anchor at ``at`` opens its clause (after at most a short subject or
    connective: "村里以前", "而此前") as its time, not as the object of a preposition or verb
    ("比以前", "在以往基础上", "将过去20余块牌子", "破解过去…的局面")."""
    start = at
    while start > 0 and not clause_end.match(text, start - 1):
        start -= 1
    lead = text[start:at].strip(" \t\u3000")
    roles = ("baseline_before", "object_before", "past_not_after")
    not_after = tuple(w for role in roles for w in words("time_words", role=role))
    return len(lead) <= PAST_LEAD and not lead.endswith(not_after)


def sentence_time(
    text: str, lo: int, hi: int, clause_end: re.Pattern[str]
) -> tuple[str, int] | None:
    """The time ``text[lo:hi]`` (a figure's sentence after its last year) speaks of: ("present",
    at), ("past_then", at) or ("past_before", at) for its last cue, or None."""
    p = patterns()
    cues = [(at, "present") for at in whole_word_starts(p["present"], text, lo, hi)]
    then, before = (words("time_words", role=r) for r in ("past_then", "past_before"))
    for at in whole_word_starts(p["past"], text, lo, hi):
        found = p["past"].match(text, at)
        if found is None or not _opens_clause(text, at, clause_end):
            continue
        cue = found.group("word")
        cues.append((at, "past_then" if cue in then else "past_before" if cue in before else ""))
    if not cues:
        return None
    at, kind = max(cues)
    return (kind, at) if kind else None
