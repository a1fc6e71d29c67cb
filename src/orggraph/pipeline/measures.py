"""What a stated quantity measures, in the text's own words.

The counted noun right after the classifier ("5574名领导干部" → 领导干部), else the phrase before
the number (verb + object, or a subject indicator before 达/为/占: "覆盖率达97.7%" → 覆盖率).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from orggraph.pipeline.lexicon import user_words
from orggraph.resources.wordlist import tagger


def pos_tagger() -> Any:
    """The tagger over the project's user words: the Doc and the tagger segment alike."""
    return tagger(user_words())


CLAUSE_BREAK = re.compile(r"[,;。:!?，；：！？\n\ufffd]")
LIST_BREAK = re.compile(r"[、]")
AFTER_WINDOW = 18
RELATIVE_WINDOW = 12
NUMERAL_CHARS = re.compile(r"[\d零〇一二两三四五六七八九十百千万亿]")
# "s" (place words such as 党内, 省外) may modify a noun phrase but never ends one.
NOUN_FLAGS = frozenset(
    ["n", "ns", "nt", "nz", "j", "b", "zg", "l", "an", "vn", "x", "a", "ng", "eng", "t", "s"]
)
NOUN_ENDS = frozenset(["n", "ns", "nt", "nz", "j", "zg", "l", "an", "ng", "eng"])
# Verbs and adverbs that may modify a counted noun after a classifier ("个回访调研组").
MODIFIER_FLAGS = frozenset(["v", "vn", "d", "ad"])
# Nouns naming a rate, not a population: "按20%的比例" is a rate, "99%的社区" a share of 社区.
RATE_NOUNS = ("比例", "比重", "占比", "幅度", "速度")
# Heads of a relative clause that date it rather than name what is counted ("…的时候").
TIME_HEADS = frozenset(["时候", "时", "期间", "之际", "以后", "之后", "以前", "之前", "当时"])
# Words the tagger calls nouns that end a noun phrase in these reports ("乡镇全部成立").
STOP_VERBS = frozenset(
    [
        "到",
        "在",
        "进行",
        "参加",
        "参与",
        "开展",
        "实现",
        "完成",
        "达到",
        "获得",
        "得到",
        "成为",
        "前来",
        "开工",
        "入住",
        "入驻",
        "报到",
    ]
)
NOT_NOUNS = frozenset(
    [
        "全部",
        "全面",
        "全体",
        "共同",
        "分别",
        "先后",
        "同时",
        "逐步",
        "积极",
        "主动",
        "集中",
        "交流",
        "报",
        "均",
    ]
)
CHANGE_VERBS = (
    "下降",
    "降低",
    "减少",
    "增长",
    "增加",
    "提高",
    "上升",
    "提升",
    "缩短",
    "缩减",
    "压缩",
)

_YEAR = r"(?:19|20)\d{2}年(?:度|底|末|初)?"
LEADING = re.compile(
    rf"^(?:【[^】\n]*】\s*|{_YEAR}(?:以来)?|近?[一二三四五六七八九十\d]+年(?:来|以来)|近年来|今年以来|今年|去年"
    r"|截至[^,]*?(?:底|末|目前|月)|其中|同时|此外|并|还|已|共|先后|分别|仅|是|相当于|将)+"
)
TRAILING = re.compile(
    rf"(?:(?:从|由){_YEAR}的|(?:从|由)|{_YEAR}的|平均为|达到|达|为|增至|增加到|增长到|提高到|提升到"
    r"|扩展为|扩大到|降至|下降到|减少到|降低到|精简到|到|至|超过|超|近|约|共计|合计|共|分别|突破|逾|有|是"
    r"|占到|占|的|累计达|总计|在|对|按|给予|不低于|不少于|至少|最高|全部|均|都|先后|前后|仅|只有|只)+$"
)
SHARE = re.compile(r"占(?:到)?$")
# A relative time word inside a phrase separates its subject from the indicator ("公司去年产值").
EMBEDDED_TIME = re.compile(r"今年|去年|前年|当年|上半年|下半年|全年")
# Verbs that state a figure's noun rather than name it: existence ("有党员7人") and achievement
# ("实现产值9亿元", "完成投资2亿元").
OPENING_VERBS = frozenset(["有", "共有", "拥有", "现有", "实现", "完成"])
FROM_TO_NEXT = re.compile(
    r"(?:以上|以下|左右)?[,，]?(?:全部|逐步|大幅)?(?:提高|提升|增加|增长|上升|扩展|扩大|下降|降低|减少|精简|压缩)"
    r"(?:到|至|为)"
)
EMBEDDED_YEAR = re.compile(rf"(?:计划)?(?:到|至|在|于)?{_YEAR}(?:的)?")
RESPECTIVELY = re.compile(r"([^,;。:!?\n]+?)分别(?:为|是|达到|达|有|占|增长|下降|提高|减少)?")


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
        classifier = classifier or segment.startswith("的")
        segment = segment.removeprefix("的")
        if segment.startswith(("“", '"')):
            quoted = re.match(r"[“\"]([^”\"]{2,20})[”\"]", segment)
            return quoted.group(1) if quoted else ""
        noun, reach = self._noun_run(segment, classifier)
        relative = segment.find("的", 0, RELATIVE_WINDOW)
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
        if "等" in phrase[:-1]:
            tail = phrase[phrase.rindex("等") + 1 :]
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
        k = between.count("、") + between.count("和")
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
        head = TRAILING.sub("", phrase[phrase.rfind("的") + 1 :])
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
    return phrase.endswith("年龄")


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
    return re.sub(r"^(?:以上|以下|左右|之多|有余)", "", segment)


def ends_in_done_verb(phrase: str) -> bool:
    """Whether ``phrase`` ends in a verb with 了 ("在该市举办了"): the number counts its object."""
    return len(phrase) >= 2 and phrase.endswith("了") and phrase[-2] not in "了的得地"


def opens_from_to(ctx: Context) -> bool:
    """Whether the quantity is the "from" of "由A提高到B" (its measure is before it)."""
    return bool(FROM_TO_NEXT.match(ctx.text, ctx.end))


def is_share(ctx: Context) -> bool:
    """Whether the quantity is introduced as a share ("、占17.9%", "占…的48.5%")."""
    before = ctx.text[max(ctx.sentence_start, ctx.previous_end) : ctx.start]
    clause = CLAUSE_BREAK.split(before)[-1]
    return clause.startswith(("占", "占到")) or bool(SHARE.search(clause))


def is_change(ctx: Context) -> bool:
    """Whether the number is a change against a baseline ("比上届下降3.3岁"), not a level."""
    before = ctx.text[max(ctx.sentence_start, ctx.start - 6) : ctx.start]
    before = re.sub(r"(?:了|约|近|超过|超)$", "", before)
    return before.endswith(CHANGE_VERBS)


def share_whole(ctx: Context) -> str | None:
    """The whole a share is of when stated: "占城市小区总数的48.5%" → 城市小区总数."""
    before = ctx.text[max(ctx.sentence_start, ctx.previous_end) : ctx.start]
    m = re.search(r"占(?:到)?([^,;。、占]{2,20}?)的$", before)
    return m.group(1) if m else None
