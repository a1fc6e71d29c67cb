"""jieba's own dictionary (word → frequency, tag) and segmenters over it, read once per process."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from typing import Any, NamedTuple


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
def _base_segmenter() -> Any:
    """jieba's dictionary as a prefix table, built (or read from jieba's cache) once."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    segmenter = jieba.Tokenizer()
    segmenter.initialize()
    return segmenter


def jieba_segmenter(words: Iterable[str] = (), freq: int = 0) -> Any:
    """A private ``jieba.Tokenizer`` sharing jieba's dictionary, plus ``words`` at ``freq``.

    jieba's global tokenizer is never touched; the dictionary is read once per process.
    """
    import jieba

    base = _base_segmenter()
    segmenter = jieba.Tokenizer()
    segmenter.FREQ, segmenter.total = dict(base.FREQ), base.total
    segmenter.initialized = True
    for word in words:
        segmenter.add_word(word, freq=freq)
    return segmenter


@cache
def pos_tagger() -> Any:
    """A jieba part-of-speech tagger over jieba's plain dictionary (no project words)."""
    import jieba.posseg

    tagger = jieba.posseg.POSTokenizer.__new__(jieba.posseg.POSTokenizer)
    tagger.tokenizer = jieba_segmenter()
    tagger.word_tag_tab = {word: entry.tag for word, entry in jieba_dictionary().items()}
    return tagger
