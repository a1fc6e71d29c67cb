"""jieba's dictionary, read once per process, and the one segmenter and tagger built on it.

jieba's ``dict.txt`` (word → frequency, part-of-speech tag) is read through a per-machine
cache of its parse (``dictcache``) into one dict: ``word_freq``, ``word_tag`` and
``word_entries`` look words up. The segmenter (used by the spaCy tokenizer) and the
part-of-speech tagger (used by the measure finder) are one ``Segmenter`` over a copy of that
dict, with the project's user words added, so the Doc and the tagger segment a sentence the
same way. jieba's global dictionary is never touched, and jieba itself is imported only when
a segmenter is first built.
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

from orggraph.resources import dictcache
from orggraph.resources.dictcache import TAG_BITS, TAG_MASK

#: Frequency given to user words, high enough that they are kept whole.
USER_WORD_FREQ = 200_000
#: Tag of a user word jieba's dictionary does not know (a proper noun).
USER_WORD_TAG = "nz"


class _Tables(NamedTuple):
    entries: dict[str, int]  # word → freq << TAG_BITS | tag number; a mere prefix → 0
    total: int  # sum of the words' frequencies
    tag_names: tuple[str, ...]  # by tag number ("" for none)


@cache
def _tables() -> _Tables:
    """jieba's dictionary as one dict, from the per-machine cache of its parse (dictcache)."""
    parsed = dictcache.load(Path(str(resources.files("jieba").joinpath("dict.txt"))))
    return _Tables(
        dict(zip(parsed.keys, parsed.values, strict=True)), parsed.total, parsed.tag_names
    )


def word_entries() -> Mapping[str, int]:
    """jieba's dictionary: a value is true exactly for its words (0 for a mere prefix).

    ``word_entries().get(w)`` is the fast membership test (do not modify the mapping).
    """
    return _tables().entries


def word_freq(word: str) -> int:
    """The frequency jieba's dictionary gives ``word`` (0 when it is no word of it)."""
    return _tables().entries.get(word, 0) >> TAG_BITS


def word_tag(word: str) -> str | None:
    """The part-of-speech tag jieba's dictionary gives ``word`` (None when it is no word)."""
    tables = _tables()
    return tables.tag_names[tables.entries.get(word, 0) & TAG_MASK] or None


def segmenter(words: tuple[str, ...] = (), freq: int = USER_WORD_FREQ) -> Any:
    """A private ``Segmenter`` (a ``jieba.Tokenizer``) over jieba's dictionary plus ``words``."""
    return _segmenter(words, freq)


@cache
def _segmenter(words: tuple[str, ...], freq: int) -> Any:
    import jieba

    from orggraph.resources.fastcut import Segmenter

    jieba.setLogLevel(logging.WARNING)
    return tokenizer_over_tables(Segmenter, words, freq)


def tokenizer_over_tables(cls: Any, words: Iterable[str] = (), freq: int = USER_WORD_FREQ) -> Any:
    """A ``cls`` (a ``jieba.Tokenizer`` class) over the parsed dictionary plus ``words``.

    A class with ``PACKED`` set (``Segmenter``) keeps the packed values and reads the tags
    from them; any other gets jieba's own word → frequency table.
    """
    entries, total, names = _tables()
    tokenizer = cls()
    if getattr(cls, "PACKED", False):
        tokenizer.FREQ = dict(entries)
        tokenizer.tag_names = list(names)
    else:
        tokenizer.FREQ = {word: value >> TAG_BITS for word, value in entries.items()}
    tokenizer.total = total
    tokenizer.initialized = True
    for word in words:
        tag = None if entries.get(word) else USER_WORD_TAG
        tokenizer.add_word(word, freq=freq, tag=tag)
    return tokenizer


def jieba_segmenter(words: Iterable[str] = (), freq: int = USER_WORD_FREQ) -> Any:
    """``segmenter`` for any iterable of words (the tokenizer's entry point)."""
    return _segmenter(tuple(words), freq)


@cache
def tagger(words: tuple[str, ...] = ()) -> Any:
    """A part-of-speech tagger over ``segmenter(words)``, with jieba's dictionary tags.

    It shares the tokenizer's segmenter, whose packed dictionary also gives the tags (the
    user words' included).
    """
    posseg = _posseg()
    from orggraph.resources.fasttag import cut_unknown

    class _Tagger(posseg.POSTokenizer):  # type: ignore[misc,name-defined]
        def __init__(self, tokenizer: Any) -> None:
            self.tokenizer = tokenizer
            self.word_tag_tab = tokenizer.tag_table()

        def _POSTokenizer__cut(self, sentence: str) -> Any:
            return cut_unknown(sentence)

    return _Tagger(_segmenter(words, USER_WORD_FREQ))


def _posseg() -> Any:
    """``jieba.posseg``, imported without its module-level re-parse of ``dict.txt``.

    Its default tagger (``jieba.posseg.dt``) reads the dictionary's tags on import; it is
    handed nothing instead (orggraph never uses it: the tagger above reads its own tags).
    """
    import jieba

    if "jieba.posseg" not in sys.modules:
        jieba.dt.get_dict_file = lambda: io.BytesIO()  # what the import reads: nothing
        try:
            import jieba.posseg
        finally:
            del jieba.dt.get_dict_file
    return sys.modules["jieba.posseg"]
