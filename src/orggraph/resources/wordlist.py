"""jieba's dictionary, read once per process, and the one segmenter and tagger built on it.

jieba's ``dict.txt`` (word → frequency, part-of-speech tag) is read through a per-machine
cache of its parse (``dictcache``): ``word_tags`` and ``word_freq`` look words up. The
segmenter (used by the spaCy tokenizer) and the part-of-speech tagger (used by the measure
finder) are built from that one parse, with the project's user words added, so the
Doc and the tagger segment a sentence the same way. jieba's global dictionary is never
touched, and jieba itself is imported only when a segmenter is first built.
"""

from __future__ import annotations

import io
import logging
import sys
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from orggraph.resources import dictcache, nativeroute

#: Frequency given to user words, high enough that they are kept whole.
USER_WORD_FREQ = 200_000
#: Tag of a user word jieba's dictionary does not know (a proper noun).
USER_WORD_TAG = "nz"


class _Tables(NamedTuple):
    prefix: dict[str, int]  # jieba's prefix table: word → frequency, 0 for a mere prefix
    total: int  # sum of the words' frequencies
    tags: dict[str, str]  # word → part-of-speech tag


@cache
def _tables() -> _Tables:
    """jieba's dictionary as dicts, from the per-machine cache of its parse (dictcache)."""
    parsed = dictcache.load(_dictionary())
    prefix = dict(zip(parsed.words, parsed.freqs, strict=True))
    prefix.update(dict.fromkeys(parsed.prefixes, 0))
    tags = dict(zip(parsed.words, parsed.tags, strict=True))
    return _Tables(prefix, sum(parsed.freqs), tags)


def _dictionary() -> Path:
    """jieba's own ``dict.txt``."""
    return Path(str(resources.files("jieba").joinpath("dict.txt")))


def word_tags() -> Mapping[str, str]:
    """Every word of jieba's dictionary with its part-of-speech tag (do not modify)."""
    return _tables().tags


def word_freq(word: str) -> int:
    """The frequency jieba's dictionary gives ``word`` (0 when it is no word of it)."""
    return _tables().prefix.get(word, 0)


@cache
def segmenter(words: tuple[str, ...] = (), freq: int = USER_WORD_FREQ) -> Any:
    """A private ``jieba.Tokenizer`` over jieba's dictionary plus the user ``words``."""
    import jieba

    from orggraph.resources.fastcut import Segmenter

    jieba.setLogLevel(logging.WARNING)
    tokenizer = tokenizer_over_tables(Segmenter, words, freq)
    tokenizer.route_key = nativeroute.dictionary_key(_dictionary(), words, freq)
    tokenizer.prepare()  # its trie is ready before worker processes fork
    return tokenizer


def tokenizer_over_tables(cls: Any, words: Iterable[str] = (), freq: int = USER_WORD_FREQ) -> Any:
    """A ``cls`` (a ``jieba.Tokenizer`` class) over the parsed dictionary plus ``words``."""
    table, total, tags = _tables()
    tokenizer = cls()
    tokenizer.FREQ = dict(table)
    tokenizer.total = total
    tokenizer.initialized = True
    for word in words:
        tag = None if word in tags else USER_WORD_TAG
        tokenizer.add_word(word, freq=freq, tag=tag)
    return tokenizer


def jieba_segmenter(words: Iterable[str] = (), freq: int = USER_WORD_FREQ) -> Any:
    """``segmenter`` for any iterable of words (the tokenizer's entry point)."""
    return segmenter(tuple(words), freq)


@cache
def tagger(words: tuple[str, ...] = ()) -> Any:
    """A part-of-speech tagger over ``segmenter(words)``, with jieba's dictionary tags."""
    posseg = _posseg()
    from orggraph.resources.fasttag import cut_dag, cut_unknown

    class _Tagger(posseg.POSTokenizer):  # type: ignore[misc,name-defined]
        def __init__(self, tokenizer: Any) -> None:
            self.tokenizer = tokenizer
            self.word_tag_tab = dict(word_tags())  # the tagger adds the user words' tags

        def _POSTokenizer__cut(self, sentence: str) -> Any:
            return cut_unknown(sentence)

        def _POSTokenizer__cut_DAG(self, sentence: str) -> Any:
            return cut_dag(self, sentence)

    return _Tagger(segmenter(words))


def _posseg() -> Any:
    """``jieba.posseg``, imported without its module-level re-parse of ``dict.txt``.

    Its default tagger (``jieba.posseg.dt``) reads the dictionary's tags on import; it is
    handed the tags already loaded instead, so it tags as before.
    """
    import jieba

    if "jieba.posseg" not in sys.modules:
        jieba.dt.get_dict_file = lambda: io.BytesIO()  # what the import reads: nothing
        try:
            import jieba.posseg
        finally:
            del jieba.dt.get_dict_file
        jieba.posseg.dt.word_tag_tab = dict(word_tags())
    return sys.modules["jieba.posseg"]
