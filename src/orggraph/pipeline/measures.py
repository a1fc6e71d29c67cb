"""What a stated quantity measures, in the text's own words.

The counted noun right after the classifier ("5574名领导干部" → 领导干部), else the phrase before
the number (verb + object, or a subject indicator before 达/为/占: "覆盖率达97.7%" → 覆盖率).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from orggraph.pipeline.lexicon import user_words
from orggraph.pipeline.numbers import CHINESE_DIGITS, CHINESE_POWERS
from orggraph.resources.tables import word_set, words
from orggraph.resources.wordlist import tagger


def pos_tagger() -> Any:
    """The tagger over the project's user words: the Doc and the tagger segment alike."""
    return tagger(user_words())


CLAUSE_BREAK = re.compile(r"[,;。:!?，；：！？\n\ufffd]")
LIST_BREAK = re.compile(r"[、]")
AFTER_WINDOW = 18
RELATIVE_WINDOW = 12
NUMERAL_CHARS = re.compile(rf"[\d{CHINESE_DIGITS}{CHINESE_POWERS}]")
# "s" (place words such as 党内, 省外) may modify a noun phrase but never ends one.
NOUN_FLAGS = frozenset(
    ["n", "ns", "nt", "nz", "j", "b", "zg", "l", "an", "vn", "x", "a", "ng", "eng", "t", "s"]
)
NOUN_ENDS = frozenset(["n", "ns", "nt", "nz", "j", "zg", "l", "an", "ng", "eng"])
# Verbs and adverbs that may modify a counted noun after a classifier ("个回访调研组").
MODIFIER_FLAGS = frozenset(["v", "vn", "d", "ad"])
TABLE = "measure_words"


def _words(role: str) -> tuple[str, ...]:
    return words(TABLE, role=role)


def _one(role: str) -> str:
    (word,) = _words(role)
    return word


def _any(role: str) -> str:
    """The words of ``role`` as a regex alternation, longest first."""
    return "|".join(re.escape(w) for w in _words(role))


RATE_NOUNS = _words("rate_noun")
TIME_HEADS = word_set(TABLE, role="time_head")
STOP_VERBS = word_set(TABLE, role="stop_verb")
NOT_NOUNS = word_set(TABLE, role="not_noun")
CHANGE_VERBS = _words("change_verb")
OPENING_VERBS = word_set(TABLE, role="opening_verb")
SHARE_VERBS = _words("share_verb")
AGE_INDICATORS = _words("age_indicator")
DE, ETC, AND, PERFECTIVE = _one("relative"), _one("etc"), _one("and"), _one("perfective")
NOT_PERFECTIVE_VERB = "".join(_words("not_perfective_verb"))

_YEAR = rf"(?:19|20)\d{{2}}(?:{_any('year_suffix')})"
LEADING = re.compile(
    rf"^(?:【[^】\n]*】\s*|{_YEAR}(?:{_any('since')})?"
    rf"|(?:{_any('span_approx')})?[{''.join(_words('span_numeral'))}\d]+(?:{_any('span_end')})"
    rf"|{_any('lead_word')}|(?:{_any('as_of')})[^,]*?(?:{_any('as_of_end')}))+"
)
TRAILING = re.compile(
    rf"(?:(?:{_any('from')}){_YEAR}{DE}|(?:{_any('from')})|{_YEAR}{DE}|{_any('trailing')})+$"
)
SHARE = re.compile(rf"(?:{_any('share_verb')})$")
_SHARE_FIRST = "".join(sorted({w[0] for w in SHARE_VERBS}))
SHARE_WHOLE = re.compile(rf"(?:{_any('share_verb')})([^,;。、{_SHARE_FIRST}]{{2,20}}?){DE}$")
# A relative time word inside a phrase separates its subject from the indicator ("公司去年产值").
EMBEDDED_TIME = re.compile(_any("embedded_time"))
FROM_TO_NEXT = re.compile(
    rf"(?:{_any('bracket')})?[,，]?(?:{_any('rise_adverb')})?(?:{_any('to_verb')})"
    rf"(?:{_any('to_mark')})"
)
EMBEDDED_YEAR = re.compile(rf"(?:{_any('plan')})?(?:{_any('year_preposition')})?{_YEAR}(?:{DE})?")
RESPECTIVELY = re.compile(
    rf"([^,;。:!?\n]+?)(?:{_any('respectively')})(?:{_any('respective_verb')})?"
)
QUALIFIER_AFTER = re.compile(rf"^(?:{_any('qualifier')})")
CHANGE_LEAD = re.compile(rf"(?:{_any('change_lead')})$")


@dataclass(frozen=True)
class Context:
    """A quantity's place in its sentence: where the number starts and the unit ends."""

    text: str
    sentence_start: int
    start: int  # where the quantity (with its qualifiers) starts
    end: int  # where the quantity ends
    next_start: int  # where the next quantity in the sentence starts (or the sentence end)
    previous_end: int  # where the previous quantity in the sentence ends (or the sentence start)


class MeasureFinder:
    """Finds measure phrases with the shared jieba tagger (the Doc's segmenter and words)."""

    def __init__(self, tagger: Any = None) -> None:
        self.tagger = tagger if tagger is not None else pos_tagger()

    def noun_after(self, ctx: Context, classifier: bool = False) -> str:
        """The noun phrase right after the unit ("名领导干部到…" → 领导干部), or "".

        After a classifier ("个", "名") or a relative "的" the phrase may open with a modifying
        verb or adverb ("名在职党员", "个回访调研组", "人的报到党员志愿服务队").
        """
        segment = _after_segment(ctx)
        classifier = classifier or segment.startswith(DE)
        segment = segment.removeprefix(DE)
        if segment.startswith(("“", '"')):
            quoted = re.match(r"[“\"]([^”\"]{2,20})[”\"]", segment)
            return quoted.group(1) if quoted else ""
        noun, reach = self._noun_run(segment, classifier)
        relative = segment.find(DE, 0, RELATIVE_WINDOW)
        # "名具有研究生学历的公务员": the head noun after the relative clause; but when a noun
        # run is the subject of the clause's verb ("户村民连夜签名的同意书") it is what is counted.
        if relative >= reach and not self._subject_of_clause(noun, segment[reach:relative]):
            head, _ = self._noun_run(segment[relative + 1 :], True)
            if len(head) >= 2 and not self._is_time_noun(head):
                return head
        return noun

    def _subject_of_clause(self, noun: str, clause: str) -> bool:
        """Whether ``noun`` is the subject of a verb before "的" ("村民连夜签名的…")."""
        return len(noun) >= 2 and any(p.flag == "v" for p in self.tagger.cut(clause))

    def _is_time_noun(self, phrase: str) -> bool:
        """A head naming a time ("…的时候"), which a relative clause dates, not a counted noun."""
        return phrase in TIME_HEADS

    def _noun_run(self, segment: str, modifiers: bool = False) -> tuple[str, int]:
        """The leading noun phrase of ``segment`` and how far it reaches.

        One verb may sit inside it when a noun follows ("科技扶贫专家团"); a second verb, a
        preposition or a linking verb ends it ("治村导师结对帮带" → 治村导师). With
        ``modifiers`` (after a classifier) up to two two-character verbs or adverbs may open it
        ("常年务工岗位"), and a lone verbal noun is the noun ("8项工作").
        """
        words: list[tuple[str, str]] = []
        depth = verbs = 0
        for pair in self.tagger.cut(segment):
            word, flag = pair.word, _noun_flag(pair.word, pair.flag, not words)
            if modifiers and _opens_with_modifier(words, word, flag):
                words.append((word, flag))
                continue
            depth += word.count("(") - word.count(")")
            if depth > 0 or word == ")":
                words.append((word, "x"))
                continue
            if (
                flag == "v"
                and word not in STOP_VERBS
                and len(word) == 2
                and verbs == 0
                and (0 < sum(len(w) for w, _ in words) <= 2)
            ):
                verbs += 1
                words.append((word, flag))
                continue
            if words and flag == "d" and len(word) == 1 and word not in NOT_NOUNS:
                words.append((word, flag))  # an unknown name cut apart ("旗/直/机关")
                continue
            if flag not in NOUN_FLAGS or word in NOT_NOUNS or (flag == "x" and word != "("):
                break
            words.append((word, flag))
        if modifiers and len(words) == 1 and words[0][1] == "vn":
            return words[0][0], len(words[0][0])
        while words and not (words[-1][1] in NOUN_ENDS or words[-1][0] == ")"):
            words.pop()
        noun = "".join(w for w, _ in words)
        return noun, len(noun)

    def phrase_before(self, ctx: Context, tight: bool = True) -> str:
        """The phrase before the number in its clause, without time lead-ins or linking verbs."""
        lo = _clause_start(ctx)
        if tight:
            lo = max(lo, ctx.previous_end)
            for m in LIST_BREAK.finditer(ctx.text, lo, ctx.start):
                lo = m.end()
        phrase = ctx.text[lo : ctx.start]
        if ETC in phrase[:-1]:
            tail = phrase[phrase.rindex(ETC) + 1 :]
            phrase = tail if len(TRAILING.sub("", tail)) >= 2 else phrase
        phrase = LEADING.sub("", EMBEDDED_YEAR.sub("", phrase))
        return self._predicate(TRAILING.sub("", phrase))

    def _predicate(self, phrase: str) -> str:
        """The indicator of a phrase, without its subject before a time word or a leading "有".

        "公司去年产销量" → 产销量 (subject, time, indicator); "有直管党员" → 直管党员 (the
        existential verb states the count); "实现产值" → 产值 (an achievement verb before its
        indicator noun).
        """
        m = EMBEDDED_TIME.search(phrase, 1)
        if m and len(phrase) - m.end() >= 2:
            phrase = phrase[m.end() :]
        first, *rest = list(self.tagger.cut(phrase)) or [None]
        if (
            first is not None
            and first.word in OPENING_VERBS
            and len(phrase) - len(first.word) >= 2
            and rest[-1].flag in NOUN_ENDS
        ):
            return phrase[len(first.word) :]
        return phrase

    def respective(self, ctx: Context) -> str:
        """The k-th subject of "A、B分别达到x、y" for the k-th number after 分别, or ""."""
        m = RESPECTIVELY.search(ctx.text, _clause_start(ctx), ctx.start)
        if m is None:
            return ""
        subjects = m.group(1).split("、")
        between = ctx.text[m.end() : ctx.start]
        k = between.count("、") + between.count(AND)
        return TRAILING.sub("", subjects[k]) if len(subjects) > 1 and k < len(subjects) else ""

    def previous_clause(self, ctx: Context) -> str:
        """The head of the clause before (after its last "的") when the number's own is empty."""
        end = _clause_start(ctx) - 1
        if end <= ctx.sentence_start:
            return ""
        lo = ctx.sentence_start
        for m in CLAUSE_BREAK.finditer(ctx.text, ctx.sentence_start, end):
            lo = m.end()
        phrase = ctx.text[max(lo, ctx.previous_end) : end]
        head = TRAILING.sub("", phrase[phrase.rfind(DE) + 1 :])
        return head if len(head) >= 2 else ""

    def verb_after(self, ctx: Context) -> str:
        """The rest of the clause after the unit ("人巡回指导," → 巡回指导), when short."""
        segment = _after_segment(ctx)
        return segment if 2 <= len(segment) <= 8 else ""


def _opens_with_modifier(words: list[tuple[str, str]], word: str, flag: str) -> bool:
    """Whether ``word`` is one of at most two verbs or adverbs opening a counted noun phrase."""
    return (
        len(words) < 2
        and all(f in MODIFIER_FLAGS for _, f in words)
        and flag in MODIFIER_FLAGS
        and len(word) == 2
        and word not in NOT_NOUNS
    )


def names_age(phrase: str) -> bool:
    """Whether ``phrase`` names an age indicator ("平均年龄72岁的支部": the age, not the 支部)."""
    return phrase.endswith(AGE_INDICATORS)


def _clause_start(ctx: Context) -> int:
    """Where the clause holding the quantity starts (after the last comma-like break)."""
    lo = ctx.sentence_start
    for m in CLAUSE_BREAK.finditer(ctx.text, ctx.sentence_start, ctx.start):
        lo = m.end()
    return lo


def _noun_flag(word: str, flag: str, first: bool) -> str:
    """The tagger's flag, read as a noun for unknown words it calls numerals or names."""
    if flag == "m" and not NUMERAL_CHARS.search(word):
        return "n"  # "片组邻长"
    if flag == "nr" and first:
        return "n"  # an unknown word at the head of the phrase ("红漾南湖示范点")
    return flag


def _after_segment(ctx: Context) -> str:
    end = min(ctx.next_start, ctx.end + AFTER_WINDOW)
    segment = ctx.text[ctx.end : end]
    cut = CLAUSE_BREAK.search(segment)
    segment = segment[: cut.start()] if cut else segment
    cut = LIST_BREAK.search(segment)
    segment = segment[: cut.start()] if cut else segment
    return QUALIFIER_AFTER.sub("", segment)


def ends_in_done_verb(phrase: str) -> bool:
    """Whether ``phrase`` ends in a verb with 了 ("在该市举办了"): the number counts its object."""
    return (
        len(phrase) >= 2 and phrase.endswith(PERFECTIVE) and phrase[-2] not in NOT_PERFECTIVE_VERB
    )


def opens_from_to(ctx: Context) -> bool:
    """Whether the quantity is the "from" of "由A提高到B" (its measure is before it)."""
    return bool(FROM_TO_NEXT.match(ctx.text, ctx.end))


def is_share(ctx: Context) -> bool:
    """Whether the quantity is introduced as a share ("、占17.9%", "占…的48.5%")."""
    before = ctx.text[max(ctx.sentence_start, ctx.previous_end) : ctx.start]
    clause = CLAUSE_BREAK.split(before)[-1]
    return clause.startswith(SHARE_VERBS) or bool(SHARE.search(clause))


def is_change(ctx: Context) -> bool:
    """Whether the number is a change against a baseline ("比上届下降3.3岁"), not a level."""
    before = ctx.text[max(ctx.sentence_start, ctx.start - 6) : ctx.start]
    before = CHANGE_LEAD.sub("", before)
    return before.endswith(CHANGE_VERBS)


def share_whole(ctx: Context) -> str | None:
    """The whole a share is of when stated: "占城市小区总数的48.5%" → 城市小区总数."""
    before = ctx.text[max(ctx.sentence_start, ctx.previous_end) : ctx.start]
    m = SHARE_WHOLE.search(before)
    return m.group(1) if m else None


def matches_whole_words(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> bool:
    """Whether ``pattern`` matches whole words of ``text[lo:hi]`` ("目前", not 项目前沿)."""
    spans = [(m.start() - lo, m.end() - lo) for m in pattern.finditer(text, lo, hi)]
    if not spans:
        return False
    bounds, at = {0}, 0
    for pair in pos_tagger().cut(text[lo:hi]):
        at += len(pair.word)
        bounds.add(at)
    return any(a in bounds and b in bounds for a, b in spans)
