"""Text patterns around place names: institutions, local places below county, abbreviation runs.

Every cue word lives in ``resources/data/place_words.tsv`` (one role per class of text); this
module holds the patterns built from them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from orggraph.resources.gazetteer import LOCAL_SUFFIXES
from orggraph.resources.tables import table, word_set, words
from orggraph.resources.wordlist import word_entries, word_freq, word_tag

HAN = r"\u4e00-\u9fff"  # the CJK unified ideographs, as a regex range
TABLE = "place_words"
INSTITUTION_REACH = 10  # characters of an institution's own name between the place and its kind


def _alternatives(role: str) -> str:
    return "|".join(re.escape(w) for w in words(TABLE, role=role))


# a place name followed by one of these (within a few characters, no punctuation) names an
# institution, not the place: X大学, X市人民医院
INSTITUTION = re.compile(
    rf"(?:(?!{_alternatives('possessive')}|{_alternatives('institution_stop')})[{HAN}A-Za-z])"
    rf"{{0,{INSTITUTION_REACH}}}?"
    rf"(?:{_alternatives('institution')})"
)
# a name used as the name of a spirit, experience or brand
EPITHET = re.compile(rf"(?:{_alternatives('epithet')})")
# words before a place name that make it part of an organisation's name
ORG_PREFIX = words(TABLE, role="org_prefix")
# an organisation right after a local place name: X村党支部, X社区居委会
HOLDER = re.compile(rf"(?:{_alternatives('holder')})")

LOCAL_SUFFIX = "|".join(re.escape(s) for s in LOCAL_SUFFIXES)
# a local place written directly after its parent: <city>|<town>镇|<village>村
AFTER_PARENT = re.compile(rf"([{HAN}]{{2,5}}?)({LOCAL_SUFFIX})")
# items of a list sharing one suffix: A、B、C等街道 / A、B、C3个村
LISTED = re.compile(
    rf"((?:[{HAN}]{{2,4}}、)+[{HAN}]{{2,4}}?)(?:{_alternatives('list_end')})?"
    rf"(?:(\d{{1,2}}|[{''.join(words(TABLE, role='numeral'))}])(?:{_alternatives('list_count')}))?"
    rf"({LOCAL_SUFFIX})"
)
# runs of single-character city abbreviations followed by their number: <5 chars>五市
NUMERALS = {row["word"]: int(row["value"]) for row in table(TABLE) if row["role"] == "numeral"}
ABBREVIATION_RUN = re.compile(
    rf"([{HAN}]{{2,8}})([{''.join(NUMERALS)}]|\d{{1,2}})(?:{_alternatives('run_suffix')})"
)

# jieba dictionary tags of words that are not names: verbs, adjectives, idioms, adverbs, …
_NOT_NAME_TAGS = frozenset(
    ["v", "vn", "vd", "a", "ad", "an", "d", "i", "l", "p", "c", "u", "r", "m", "q", "t", "f"]
)
# tags of words that end a verb phrase rather than a name: verbs, prepositions, adverbs, …
_PHRASE_END_TAGS = frozenset(["v", "vd", "p", "c", "u", "d", "r"])


def is_common_word(word: str) -> bool:
    """Whether ``word`` is in jieba's dictionary as a verb, adjective, idiom or frequent noun."""
    tag = word_tag(word)
    return tag in _NOT_NAME_TAGS or (tag == "n" and word_freq(word) >= 500)


@dataclass(frozen=True)
class LocalName:
    start: int
    end: int
    name: str  # with suffix: X村


def is_institution(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` begins an institution's or an epithet's name."""
    return bool(INSTITUTION.match(text, end) or EPITHET.match(text, end))


def has_org_prefix(text: str, start: int) -> bool:
    """Whether the name starting at ``start`` is part of an organisation's name."""
    return any(text.endswith(p, 0, start) for p in ORG_PREFIX)


def has_holder(text: str, end: int) -> bool:
    """Whether a Party or self-government organ follows the local name ending at ``end``."""
    return bool(HOLDER.match(text, end))


def generic(stem: str, strict: bool = True) -> bool:
    """Whether a would-be local place stem is a common modifier rather than a name.

    ``strict=False`` (a name written right after its parent) only rejects ordinary words.
    """
    generic_words = word_set(TABLE, role="generic_word")
    if not strict:
        return stem in generic_words or is_common_word(stem) or ends_in_phrase(stem)
    if (
        stem[:1] in word_set(TABLE, role="generic_first")
        or stem[-1:] in word_set(TABLE, role="generic_last")
        or stem in generic_words
        or ends_in_phrase(stem)
    ):
        return True
    if is_common_word(stem) or is_common_word(stem[:2]) or is_common_word(stem[-2:]):
        return True
    return any(stem.endswith(w) or stem.startswith(w) for w in generic_words)


PERSON_GIVEN = 2  # a division's short name read as a given name has at most this many characters


def in_person_name(text: str, start: int, end: int) -> bool:
    """书记王遵义说: a title, one surname, then a short name of a division is a person's name."""
    if end - start > PERSON_GIVEN or start < 1:
        return False
    if text[start - 1] not in word_set(TABLE, role="surname"):
        return False
    return text.endswith(words(TABLE, role="person_title"), 0, start - 1)


def opens_word(text: str, pos: int) -> bool:
    """Whether the suffix at ``pos`` opens a common word (村务, 村貌), so ends no name."""
    return text.startswith(words(TABLE, role="suffix_word"), pos)


def ends_in_phrase(stem: str) -> bool:
    """Whether the characters before a place suffix end in a verb or function word (去, 实施)."""
    if any(stem.endswith(w) for w in words(TABLE, role="stem_stop")):
        return True
    for size in (2, 3):
        tag = word_tag(stem[-size:]) if len(stem) >= size else None
        if tag in _PHRASE_END_TAGS:
            return True
    return False


def local_after(text: str, pos: int) -> LocalName | None:
    """A local place name starting exactly at ``pos`` (right after its parent's name)."""
    m = AFTER_PARENT.match(text, pos)
    if not m or generic(m.group(1), strict=False) or trim_phrase(m.group(1)) != m.group(1):
        return None
    if text.startswith(words(TABLE, role="level_pair"), m.end()):
        return None  # 镇（街道）: the levels of a sentence about every town, not a name
    return LocalName(m.start(), m.end(), m.group())


def listed_locals(text: str) -> Iterator[LocalName]:
    """Each item of a list sharing one suffix: A、B等街道 → A街道, B街道.

    A list closed by a count (A、B、C3个村) is taken only when the count equals its items.
    """
    for m in LISTED.finditer(text):
        number, suffix, pos = m.group(2), m.group(3), m.start(1)
        items = m.group(1).split("、")
        if number and _count(number) != len(items):
            continue
        if not number and m.end(1) == m.start(3):
            continue  # neither 等 nor a count: X、Y村 is one list item with its own suffix
        items[0] = trim_phrase(items[0])
        pos += len(m.group(1).split("、")[0]) - len(items[0])
        if any(len(item) < 2 or generic(item, strict=not number) for item in items):
            continue
        for item in items:
            yield LocalName(pos, pos + len(item), item + suffix)
            pos += len(item) + 1


def _count(number: str) -> int:
    return int(number) if number.isdigit() else NUMERALS[number]


def abbreviation_runs(text: str) -> Iterator[tuple[int, str]]:
    """Runs of one-character place abbreviations followed by their count: (start, run)."""
    for m in ABBREVIATION_RUN.finditer(text):
        count = _count(m.group(2))
        run = m.group(1)
        if 2 <= count <= len(run):
            yield m.start(2) - count, run[-count:]


def unit_tails() -> tuple[str, ...]:
    """Words ending the unit written before a local name, or an organisation prefix."""
    return words(TABLE, role="unit_tail")


def offices() -> tuple[str, ...]:
    """The office of a township written after its name (X街道办事处)."""
    return words(TABLE, role="office")


def after_unit_tail(text: str, start: int, end: int) -> int:
    """Where a stem at [start, end) begins once the end of the unit written before it is cut
    off (镇|X, 街道办事处|X, 中共|X), when at least two characters remain."""
    for tail in unit_tails():
        at = text.find(tail, max(0, start - len(tail) + 1), end)
        if 0 <= at <= start and end - (at + len(tail)) >= 2:
            return at + len(tail)
    return start


def trim_phrase(stem: str) -> str:
    """The stem after its last verb or function word: 是X → X, 整合X → X (may be "").

    The stem is cut into dictionary words longest first, left to right, so a name holding a
    function word's character (a place named 同X) is not cut inside a longer word.
    """
    entries, stops = word_entries(), word_set(TABLE, role="stem_stop")
    pos, cut = 0, 0
    while pos < len(stem):
        size = next(
            (n for n in range(min(4, len(stem) - pos), 1, -1) if entries.get(stem[pos : pos + n])),
            1,
        )
        word = stem[pos : pos + size]
        pos += size
        if word in stops or word_tag(word) in _PHRASE_END_TAGS:
            cut = pos
    return stem[cut:]


def street_named(text: str, end: int, suffix: str) -> bool:
    """Whether ``text[:end]`` (the text before a suffix) ends in a street word naming it
    (X路|社区)."""
    return text.endswith(_street_words(suffix), 0, end)


@cache
def _street_words(suffix: str) -> tuple[str, ...]:
    return tuple(
        r["word"] for r in table(TABLE) if r["role"] == "street_word" and r["value"] == suffix
    )
