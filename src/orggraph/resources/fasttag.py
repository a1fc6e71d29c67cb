"""jieba's part-of-speech HMM for unknown words, faster and with its results remembered.

jieba's tagger runs a Viterbi search (``jieba.posseg.viterbi``) over every run of characters
its dictionary does not know; most of the measure finder's time went there. ``viterbi`` is
the same search with the inner ``max`` over a generator unrolled and the emission look-up
hoisted out of it (the same additions in the same order; ties go to the larger previous
state, as ``max`` over ``(prob, state)`` pairs does), and ``tagged`` remembers each run's
words and tags (a run's tags depend on nothing else).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import jieba.posseg as posseg
from jieba.posseg.viterbi import MIN_FLOAT, MIN_INF

from orggraph.resources.fastcut import path_pieces

State = tuple[str, str]  # (position in the word: B/M/E/S, tag)


def viterbi(
    obs: str,
    states: dict[str, Any],
    start_p: dict[State, float],
    trans_p: dict[State, dict[State, float]],
    emit_p: dict[State, dict[str, float]],
) -> tuple[float, list[State]]:
    """``jieba.posseg.viterbi.viterbi``: the best state path for the characters ``obs``."""
    all_states = trans_p.keys()
    v: dict[State, float] = {}
    path: dict[State, Any] = {}
    for y in states.get(obs[0], all_states):
        v[y] = start_p[y] + emit_p[y].get(obs[0], MIN_FLOAT)
        path[y] = ""
    paths = [path]
    for t in range(1, len(obs)):
        prev = [(v[x], trans_p[x], x) for x in path if len(trans_p[x]) > 0]
        if not prev:
            raise ValueError("max() arg is an empty sequence")  # as jieba's max() would
        expected = {y for _, row, _ in prev for y in row}
        obs_states = set(states.get(obs[t], all_states)) & expected
        if not obs_states:
            obs_states = expected if expected else set(all_states)
        char = obs[t]
        v_next: dict[State, float] = {}
        path = {}
        for y in obs_states:
            emit = emit_p[y].get(char, MIN_FLOAT)
            best: float | None = None
            best_state: State = ("", "")
            for value, row, y0 in prev:
                prob = value + row.get(y, MIN_INF) + emit
                if best is None or prob > best or (prob == best and y0 > best_state):
                    best, best_state = prob, y0
            assert best is not None
            v_next[y] = best
            path[y] = best_state
        v = v_next
        paths.append(path)
    prob, state = max((v[y], y) for y in path)
    route: list[State] = [("", "")] * len(obs)
    for i in range(len(obs) - 1, -1, -1):
        route[i] = state
        state = paths[i][state]
    return prob, route


@lru_cache(maxsize=1 << 15)
def tagged(sentence: str) -> tuple[tuple[str, str], ...]:
    """The words and tags jieba's HMM gives a run of unknown Han characters."""
    _, states = viterbi(
        sentence, posseg.char_state_tab_P, posseg.start_P, posseg.trans_P, posseg.emit_P
    )
    out: list[tuple[str, str]] = []
    begin, nexti = 0, 0
    for i, char in enumerate(sentence):
        pos, tag = states[i]
        if pos == "B":
            begin = i
        elif pos == "E":
            out.append((sentence[begin : i + 1], tag))
            nexti = i + 1
        elif pos == "S":
            out.append((char, tag))
            nexti = i + 1
    if nexti < len(sentence):
        out.append((sentence[nexti:], states[nexti][1]))
    return tuple(out)


def cut_unknown(sentence: str) -> Iterator[Any]:
    """What ``POSTokenizer.__cut`` yields for ``sentence``: jieba's ``pair`` objects."""
    for word, tag in tagged(sentence):
        yield posseg.pair(word, tag)


def cut_dag(tagger: Any, sentence: str) -> Iterator[Any]:
    """``POSTokenizer.__cut_DAG`` (a Han block, with the HMM) over the segmenter's
    ``best_ends`` instead of its word graph and route dicts: the same path, the same pairs."""
    tags = tagger.word_tag_tab
    for piece, run in path_pieces(sentence, tagger.tokenizer.best_ends(sentence)):
        if run:
            yield from _run(tagger, piece)
        else:
            yield posseg.pair(piece, tags.get(piece, "x"))


def _run(tagger: Any, buf: str) -> Iterator[Any]:
    """A run of single characters: one word, the HMM's words if unknown, else each."""
    tags = tagger.word_tag_tab
    if len(buf) == 1:
        yield posseg.pair(buf, tags.get(buf, "x"))
    elif not tagger.tokenizer.FREQ.get(buf):
        yield from tagger._POSTokenizer__cut_detail(buf)
    else:
        for char in buf:
            yield posseg.pair(char, tags.get(char, "x"))
