"""Words the segmenter must keep whole: place names and program head nouns."""

from __future__ import annotations

from functools import cache

from orggraph.pipeline.place_rules import is_common_word
from orggraph.records import PlaceLevel
from orggraph.resolve.programkey import program_heads
from orggraph.resources.gazetteer import COMMON_SHORTS, load_gazetteer


@cache
def user_words() -> tuple[str, ...]:
    """Words added to the private jieba dictionary, loaded once per process.

    Every division's full name, the short names of provinces and prefectures that are not
    everyday words (怀化, 内蒙古; not 大同), nicknames, and long program head nouns: so 怀化市,
    呼和浩特 or 工作法 stay one token.
    """
    gaz = load_gazetteer()
    words = set(gaz.by_name)
    for key, place in gaz.places.items():
        short = gaz.short(key)
        common = short in COMMON_SHORTS or is_common_word(short)
        if short and place.level != PlaceLevel.COUNTY and not common:
            words.add(short)
    words.update(gaz.nicknames)
    words.update(program_head_words())
    return tuple(sorted(words))


def program_head_words() -> tuple[str, ...]:
    """Program head nouns of three or more characters (工作法, 学习教育, 专项行动).

    Two-character heads (工作, 行动) are everyday words the dictionary already weighs; forcing
    them would split longer words that end a name's modifier (工作站).
    """
    return tuple(sorted(h.word for h in program_heads() if len(h.word) >= 3))
