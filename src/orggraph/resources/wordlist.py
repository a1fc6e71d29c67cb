"""jieba's dictionary, read once per process, and the one segmenter and tagger built on it.

``jieba_dictionary`` parses jieba's ``dict.txt`` (word → frequency, part-of-speech tag). The
segmenter (used by the spaCy tokenizer) and the part-of-speech tagger (used by the measure
finder) are built from that one parse, with the project's user words added, so the Doc and the
tagger segment a sentence the same way. jieba's global dictionary is never touched, and jieba
itself is imported only when a segmenter is first built (start-up stays light).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from typing import Any, NamedTuple

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
def _prefix_table() -> tuple[dict[str, int], int]:
    """jieba's prefix-frequency table over ``jieba_dictionary``, built once."""
    dictionary = jieba_dictionary()
    freq: dict[str, int] = {}
    for word, entry in dictionary.items():
        freq[word] = entry.freq
        for end in range(1, len(word)):
            freq.setdefault(word[:end], 0)
    return freq, sum(entry.freq for entry in dictionary.values())


@cache
def segmenter(words: tuple[str, ...] = (), freq: int = USER_WORD_FREQ) -> Any:
    """A private ``jieba.Tokenizer`` over ``jieba_dictionary`` plus the user ``words``."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    table, total = _prefix_table()
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ = dict(table)
    tokenizer.total = total
    tokenizer.initialized = True
    dictionary = jieba_dictionary()
    for word in words:
        tag = None if word in dictionary else USER_WORD_TAG
        tokenizer.add_word(word, freq=freq, tag=tag)
    return tokenizer


def jieba_segmenter(words: Iterable[str] = (), freq: int = USER_WORD_FREQ) -> Any:
    """``segmenter`` for any iterable of words (the tokenizer's entry point)."""
    return segmenter(tuple(words), freq)


@cache
def tagger(words: tuple[str, ...] = ()) -> Any:
    """A part-of-speech tagger over ``segmenter(words)``, with jieba's dictionary tags."""
    from jieba.posseg import POSTokenizer  # imported when first needed: it is slow to load

    class _Tagger(POSTokenizer):  # type: ignore[misc]
        def __init__(self, tokenizer: Any) -> None:
            self.tokenizer = tokenizer
            self.word_tag_tab = {w: e.tag for w, e in jieba_dictionary().items()}

    return _Tagger(segmenter(words))
