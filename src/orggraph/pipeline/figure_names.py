"""Numbers that open a name or an index rather than state a quantity.

The classes of text, each with its cue:

- a division whose name opens with a numeral and a classifier (九台区, 三门峡, 五台县): the
  gazetteer's name runs on past the classifier, or the bare short name (九台) stands as an item
  of a list of places ("农安、九台、双阳") or before an organisation's kind ("九台供电公司");
- a lone place suffix after a unit that cannot count places ("九户镇"): a local name;
- a class index after a count of the classified thing ("注册4件37类商标": class 37, not 37
  classes): an index unit right after another number and classifier;
- a quoted instruction ("提醒：“一家只去1个人”"): a rule to follow, not a figure;
- a duration counted with 个 ("两个半小时", "60个小时", "三个多月"): the classifier, maybe 多/半/余,
  then a time word (``durations.tsv``): a span of time, not a count of 个.
"""

from __future__ import annotations

import re
from functools import cache

from orggraph.pipeline.numbers import NUMERAL
from orggraph.pipeline.place_rules import INSTITUTION
from orggraph.resources.gazetteer import COMMON_SHORTS, load_gazetteer
from orggraph.resources.tables import word_set, words
from orggraph.resources.units import unit_pattern

LIST_MARK = "、"
# Characters that end the list item before a name ("，农安、九台").
ITEM_BREAK = re.compile(r"[、,，;；:：。!！?？\s“”（）()]")
# An organisation's own words between the place and its kind: 九台供电公司, not a sentence.
ORG_REACH = 4
ITEM_REACH = 8  # characters of a list item looked at beside the name
QUOTE_REACH = 60  # how far back an instruction's opening quote is looked for
CUE_REACH = 4  # characters between an instructing verb and the quote ("喊话提醒：“")


@cache
def place_names() -> frozenset[str]:
    """Full and short names of the national divisions, short names that are words aside."""
    gaz = load_gazetteer()
    return frozenset(gaz.by_name) | (frozenset(gaz.by_short) - COMMON_SHORTS)


@cache
def _longest_name() -> int:
    return max(len(n) for n in place_names())


@cache
def _count_before() -> re.Pattern[str]:
    return re.compile(rf"(?:{NUMERAL})(?:{unit_pattern()})$")


def names_division(text: str, number_start: int, unit_end: int) -> bool:
    """Whether a Chinese numeral and its classifier open a division's name (九台, 三门峡)."""
    if text[number_start : number_start + 1].isdigit():
        return False
    names = place_names()
    for end in range(min(len(text), number_start + _longest_name()), unit_end, -1):
        if text[number_start:end] in names:
            return True  # the name runs on past the classifier: 九台区, 七台河
    if text[number_start:unit_end] not in names:
        return False
    return _before_organisation(text, unit_end) or _listed_with_places(text, number_start, unit_end)


def _before_organisation(text: str, end: int) -> bool:
    m = INSTITUTION.match(text, end)
    return m is not None and m.end() - end <= ORG_REACH + 2


def _listed_with_places(text: str, start: int, end: int) -> bool:
    """Whether the name is an item of an enumeration whose neighbour item is a place."""
    names = place_names()
    if text[start - 1 : start] == LIST_MARK:
        item = _item_before(text, start - 1)
        if any(item[i:] in names for i in range(len(item) - 1)):
            return True
    if text[end : end + 1] == LIST_MARK:
        item = _item_after(text, end + 1)
        if item in names or _names_organisation(item, names):
            return True
    return False


def _item_before(text: str, end: int) -> str:
    lo = max(0, end - ITEM_REACH)
    breaks = list(ITEM_BREAK.finditer(text, lo, end))
    return text[breaks[-1].end() if breaks else lo : end]


def _item_after(text: str, start: int) -> str:
    m = ITEM_BREAK.search(text, start, start + ITEM_REACH)
    return text[start : m.start() if m else start + ITEM_REACH]


def _names_organisation(item: str, names: frozenset[str]) -> bool:
    """ "公主岭供电公司": a place name, then an organisation's kind."""
    return any(item[:i] in names and _before_organisation(item, i) for i in range(2, len(item)))


def names_local_place(text: str, unit: str, end: int, lone: dict[int, str]) -> bool:
    """ "九户镇": a lone place suffix after a unit that cannot count places closes a name."""
    suffix = lone.get(end)
    return (
        suffix is not None
        and text[end - len(unit) : end] == unit
        and suffix in word_set("unit_guards", role="place_suffix")
        and unit not in word_set("unit_guards", role="place_counter")
    )


def is_class_index(text: str, number_start: int, unit: str) -> bool:
    """ "4件37类商标": an index unit right after a count of the thing it classifies."""
    if unit not in word_set("unit_guards", role="index"):
        return False
    return bool(_count_before().search(text, max(0, number_start - 12), number_start))


@cache
def _instruction() -> re.Pattern[str]:
    verbs = "|".join(re.escape(w) for w in words("figure_cues", role="instruction"))
    return re.compile(rf"(?:{verbs})[^。！？“”]{{0,{CUE_REACH}}}?[:：,，]?“$")


def in_instruction(text: str, number_start: int) -> bool:
    """ "提醒：“每户只去1人”": the number is inside a quoted instruction."""
    lo = max(0, number_start - QUOTE_REACH)
    opening = text.rfind("“", lo, number_start)
    if opening < 0 or "”" in text[opening:number_start]:
        return False
    return bool(_instruction().search(text, max(0, opening - CUE_REACH - 4), opening + 1))


def is_duration(text: str, unit_end: int, unit: str) -> bool:
    """ "两个半小时", "三个多月": a number of 个 followed by a time word measures a duration."""
    if unit not in word_set("durations", role="classifier"):
        return False
    after = text[unit_end : unit_end + 1]
    start = unit_end + 1 if after and after in word_set("durations", role="infix") else unit_end
    return any(text.startswith(w, start) for w in words("durations", role="time_unit"))


def is_not_a_figure(text: str, number_start: int, unit_end: int, unit: str) -> bool:
    """Whether the number and its unit open a name, index a class or state an instruction."""
    return (
        names_division(text, number_start, unit_end)
        or is_class_index(text, number_start, unit)
        or in_instruction(text, number_start)
        or is_duration(text, unit_end, unit)
    )
