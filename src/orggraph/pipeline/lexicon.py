"""Words the segmenter must keep whole: place names and program head nouns."""

from __future__ import annotations

from functools import cache

from orggraph.gazetteer import COMMON_SHORTS, load_gazetteer
from orggraph.pipeline.place_rules import common_words
from orggraph.records import PlaceLevel


@cache
def user_words() -> tuple[str, ...]:
    """Words added to the private jieba dictionary, loaded once per process.

    Every division's full name, the short names of provinces and prefectures that are not
    everyday words (怀化, 内蒙古; not 大同), and nicknames: so 怀化市 or 呼和浩特 stay one token.
    """
    gaz = load_gazetteer()
    words = set(gaz.by_name)
    for key, place in gaz.places.items():
        short = gaz.short(key)
        common = short in COMMON_SHORTS or short in common_words()
        if short and place.level != PlaceLevel.COUNTY and not common:
            words.add(short)
    words.update(gaz.nicknames)
    return tuple(sorted(words))
