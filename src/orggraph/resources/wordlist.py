"""jieba's dictionary, read once per process, and the one segmenter and tagger built on it.

``jieba_dictionary`` parses jieba's ``dict.txt`` (word → frequency, part-of-speech tag). The
segmenter (used by the spaCy tokenizer) and the part-of-speech tagger (used by the measure
finder) are built from that one parse, with the project's user words added, so the Doc and the
tagger segment a sentence the same way. jieba's global dictionary is never touched.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, NamedTuple

import jieba

if TYPE_CHECKING:
    from jieba.posseg import POSTokenizer

jieba.setLogLevel(logging.WARNING)

#: Frequency given to user words, high enough that they are kept whole.
USER_WORD_FREQ = 200_000
#: Tag of a user word jieba's dictionary does not know (a proper noun).
USER_WORD_TAG = "nz"


class DictEntry(NamedTuple):
    freq: int
    tag: str


@cache
def jieba_dictionary() -> Mapping[str, DictEntry]:
    """Every word of the dictionary jieba ships, with its frequency and tag."""
    entries: dict[str, DictEntry] = {}
    source = resources.files("jieba").joinpath("dict.txt")
    with source.open(encoding="utf-8") as lines:
        for line in lines:
            word, count, tag = line.split()
            entries[word] = DictEntry(int(count), tag)
    return entries


@cache
def segmenter(words: tuple[str, ...] = ()) -> jieba.Tokenizer:
    """A private ``jieba.Tokenizer`` over ``jieba_dictionary`` plus the user ``words``."""
    dictionary = jieba_dictionary()
    freq: dict[str, int] = {}
    for word, entry in dictionary.items():
        freq[word] = entry.freq
        for end in range(1, len(word)):
            freq.setdefault(word[:end], 0)
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ = freq
    tokenizer.total = sum(entry.freq for entry in dictionary.values())
    tokenizer.initialized = True
    for word in words:
        tag = None if word in dictionary else USER_WORD_TAG
        tokenizer.add_word(word, freq=USER_WORD_FREQ, tag=tag)
    return tokenizer


@cache
def tagger(words: tuple[str, ...] = ()) -> POSTokenizer:
    """A part-of-speech tagger over ``segmenter(words)``, with jieba's dictionary tags."""
    from jieba.posseg import POSTokenizer  # imported when first needed: it is slow to load

    class _Tagger(POSTokenizer):  # type: ignore[misc]
        def __init__(self, tokenizer: jieba.Tokenizer) -> None:
            self.tokenizer = tokenizer
            self.word_tag_tab = {w: e.tag for w, e in jieba_dictionary().items()}

    return _Tagger(segmenter(words))
