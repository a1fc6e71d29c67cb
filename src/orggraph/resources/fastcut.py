"""A jieba tokenizer with faster word-graph steps, segmenting exactly as jieba does.

jieba spends most of its time in two per-character loops: ``get_DAG`` (the dictionary words
starting at each character) and ``calc`` (the best path through them, by log frequency).
``best_ends`` does both in one backward pass (each word's score is computed as it is found),
and the accurate mode (``cut(HMM=True)``, jieba's private ``__cut_DAG``) reads the path from
it; ``get_DAG`` and ``calc`` (used by jieba's tagger) are the same computations with the
look-ups hoisted out of the loops and each word's ``log(freq or 1) - log(total)`` computed
once per tokenizer. The floating-point operations and tie-breaks are jieba's, so the path is
the same; the HMM for unknown words is jieba's, unrolled (``fasthmm``); the splitting into
blocks is jieba's own code. Where jieba_fast_dat's extension is installed, ``best_ends`` takes
the same path from its C++ implementation (``nativeroute``), about 3× faster. Tested against
``jieba.Tokenizer`` on made-up text.

Its ``FREQ`` is ``wordlist``'s packed dictionary (a word's value is ``freq << TAG_BITS | tag
number``, a prefix's 0), so the same dict gives the tagger its tags (``tag_table``).
"""

from __future__ import annotations

from collections.abc import Iterator
from math import log
from typing import Any

import jieba
from jieba import finalseg

from orggraph.resources import fasthmm, nativeroute
from orggraph.resources.dictcache import TAG_BITS, TAG_MASK


class Segmenter(jieba.Tokenizer):  # type: ignore[misc]
    """``jieba.Tokenizer`` with the same output, faster on long texts."""

    PACKED = True  # FREQ holds packed values (built by wordlist.tokenizer_over_tables)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tag_names: list[str] = [""]
        self._weights: dict[str, float] = {}
        self._weights_of: tuple[int, int] = (-1, -1)  # (id of FREQ, total) they were for
        #: Names the dictionary (for the stored trie) until a word is added; see ``prepare``.
        self.route_key: str | None = None
        self._router: nativeroute.Router | None = None
        self._router_of: tuple[int, int] = (-1, -1)

    def get_DAG(self, sentence: str) -> dict[int, list[int]]:
        self.check_initialized()
        get = self.FREQ.get
        dag: dict[int, list[int]] = {}
        n = len(sentence)
        for k in range(n):
            ends = []
            i = k
            freq = get(sentence[k])
            while freq is not None:
                if freq:
                    ends.append(i)
                i += 1
                if i >= n:
                    break
                freq = get(sentence[k : i + 1])
            dag[k] = ends or [k]
        return dag

    def calc(self, sentence: str, DAG: dict[int, list[int]], route: dict[int, Any]) -> None:
        n = len(sentence)
        route[n] = (0, 0)
        weights = self._current_weights()
        weight = weights.get
        freq = self.FREQ.get
        logtotal = log(self.total)
        for idx in range(n - 1, -1, -1):
            best: tuple[float, int] | None = None
            for x in DAG[idx]:
                word = sentence[idx : x + 1]
                w = weight(word)
                if w is None:
                    w = weights[word] = log((freq(word) or 0) >> TAG_BITS or 1) - logtotal
                candidate = (w + route[x + 1][0], x)
                if best is None or candidate > best:
                    best = candidate
            route[idx] = best

    def prepare(self) -> None:
        """Build (or load) the native path finder now, e.g. before worker processes fork."""
        key = (id(self.FREQ), self.total)
        if key != self._router_of:
            self._router = nativeroute.router(self.FREQ, self.total, self.route_key, TAG_BITS)
            self._router_of = key

    def best_ends(self, sentence: str) -> list[int]:
        """For each character, the end of the word jieba's best path takes from there."""
        self.prepare()
        if self._router is not None:
            return self._router.ends(sentence)
        return self.python_best_ends(sentence)

    def python_best_ends(self, sentence: str) -> list[int]:
        """``best_ends`` in Python (without the native module)."""
        freq = self.FREQ.get
        logtotal = log(self.total)
        n = len(sentence)
        score = [0.0] * (n + 1)
        ends = [0] * n
        for idx in range(n - 1, -1, -1):
            best, end = -logtotal + score[idx + 1], idx  # no word here: the character alone
            found = False
            i = idx
            f = freq(sentence[idx])
            while f is not None:
                if f:
                    s = log(f >> TAG_BITS) - logtotal + score[i + 1]
                    if not found or s >= best:  # max((s, i)): the later end wins a tie
                        best, end, found = s, i, True
                i += 1
                if i >= n:
                    break
                f = freq(sentence[idx : i + 1])
            score[idx] = best
            ends[idx] = end + 1
        return ends

    def words(self, text: str) -> list[str]:
        """``list(self.cut(text, HMM=True))``, built as one list (no chain of generators)."""
        out: list[str] = []
        append, extend = out.append, out.extend
        han, skip = jieba.re_han_default, jieba.re_skip_default
        for block in han.split(text):
            if not block:
                continue
            if han.match(block):
                self._block_words(block, out)
                continue
            for piece in skip.split(block):
                if skip.match(piece):
                    append(piece)
                else:
                    extend(piece)
        return out

    def _Tokenizer__cut_DAG(self, sentence: str) -> Iterator[str]:
        """jieba's ``__cut_DAG`` (accurate mode with HMM) over the path of ``best_ends``."""
        out: list[str] = []
        self._block_words(sentence, out)
        yield from out

    def _block_words(self, sentence: str, out: list[str]) -> None:
        """The words of one Han block onto ``out``: the best path, with each run of single
        characters one word if the dictionary has it, the HMM's words if unknown, else each."""
        append = out.append
        for piece, run in path_pieces(sentence, self.best_ends(sentence)):
            if run:
                self._flush(piece, out)
            else:
                append(piece)

    def _flush(self, buf: str, out: list[str]) -> None:
        if len(buf) == 1:
            out.append(buf)
        elif not self.FREQ.get(buf):
            out.extend(fasthmm.cut(buf))
        else:
            out.extend(buf)

    def initialize(self, dictionary: Any = None) -> None:
        raise RuntimeError("a Segmenter is built by wordlist.tokenizer_over_tables")

    def add_word(self, word: str, freq: int | None = None, tag: str | None = None) -> None:
        """jieba's ``add_word`` (``freq`` required) on the packed table; without ``tag`` a
        word keeps its dictionary tag."""
        if freq is None:
            raise TypeError("Segmenter.add_word needs a frequency")
        table = self.FREQ
        if tag is None:
            number = table.get(word, 0) & TAG_MASK
        else:
            if tag not in self.tag_names:
                self.tag_names.append(tag)
            number = self.tag_names.index(tag)
        table[word] = freq << TAG_BITS | number
        self.total += freq
        for end in range(1, len(word)):
            table.setdefault(word[:end], 0)
        if freq == 0:
            finalseg.add_force_split(word)
        self._weights = {}
        self._router_of = (-1, -1)  # rebuilt, not stored: the words are no longer the key's
        self.route_key = None

    def tag_table(self) -> TagTable:
        """The tags of the words (user words included), as jieba's tagger reads them."""
        return TagTable(self)

    def _current_weights(self) -> dict[str, float]:
        """The per-word weights, emptied whenever the dictionary or its total was replaced."""
        key = (id(self.FREQ), self.total)
        if key != self._weights_of:
            self._weights = {}
            self._weights_of = key
        return self._weights


class TagTable:
    """A ``Segmenter``'s word → tag look-up (jieba's ``word_tag_tab``), read from its table."""

    def __init__(self, segmenter: Segmenter) -> None:
        self.segmenter = segmenter

    def get(self, word: str, default: str | None = None) -> str | None:
        number = self.segmenter.FREQ.get(word, 0) & TAG_MASK
        return self.segmenter.tag_names[number] if number else default


def path_pieces(sentence: str, ends: list[int]) -> Iterator[tuple[str, bool]]:
    """The best path of ``sentence`` (``ends[i]``: where the word at ``i`` ends) as its
    words of two or more characters and its runs of single characters (flagged True), in
    order: the walk jieba's ``__cut_DAG`` makes, for the segmenter and the tagger alike."""
    x, run, n = 0, -1, len(sentence)  # run: where the current run of single characters began
    while x < n:
        y = ends[x]
        if y - x == 1:
            if run < 0:
                run = x
        else:
            if run >= 0:
                yield sentence[run:x], True
                run = -1
            yield sentence[x:y], False
        x = y
    if run >= 0:
        yield sentence[run:], True
