"""jieba's unknown-word HMM (``jieba.finalseg``), unrolled, with its results remembered.

The segmenter hands every run of single characters its dictionary does not know as one word
to ``finalseg.cut``, whose Viterbi search over the four states B/M/E/S builds lists and
tuples for each character and state. ``viterbi`` is the same search written out for those
four states: the same additions in the same order ((previous + transition) + emission), the
same tie-breaks (``max`` over ``(prob, state)`` pairs: the later letter wins), the path read
back from back-pointers instead of copied lists. ``cut`` splits blocks as ``finalseg.cut``
does and remembers each run's words (they depend on nothing else).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from jieba import finalseg

MIN_FLOAT = finalseg.MIN_FLOAT


def viterbi(obs: str) -> str:
    """The best state (B/M/E/S) of each character of ``obs``, as ``finalseg.viterbi`` finds."""
    start, trans, emit = finalseg.start_P, finalseg.trans_P, finalseg.emit_P
    e_b, e_m, e_e, e_s = emit["B"], emit["M"], emit["E"], emit["S"]
    t_be, t_bm = trans["B"]["E"], trans["B"]["M"]
    t_eb, t_es = trans["E"]["B"], trans["E"]["S"]
    t_me, t_mm = trans["M"]["E"], trans["M"]["M"]
    t_sb, t_ss = trans["S"]["B"], trans["S"]["S"]
    first = obs[0]
    v_b = start["B"] + e_b.get(first, MIN_FLOAT)
    v_m = start["M"] + e_m.get(first, MIN_FLOAT)
    v_e = start["E"] + e_e.get(first, MIN_FLOAT)
    v_s = start["S"] + e_s.get(first, MIN_FLOAT)
    back: list[tuple[str, str, str, str]] = []  # previous state of B, M, E, S at each step
    for char in obs[1:]:
        em = e_b.get(char, MIN_FLOAT)
        a, b = v_e + t_eb + em, v_s + t_sb + em
        n_b, p_b = (a, "E") if a > b else (b, "S")
        em = e_m.get(char, MIN_FLOAT)
        a, b = v_m + t_mm + em, v_b + t_bm + em
        n_m, p_m = (a, "M") if a >= b else (b, "B")
        em = e_e.get(char, MIN_FLOAT)
        a, b = v_b + t_be + em, v_m + t_me + em
        n_e, p_e = (a, "B") if a > b else (b, "M")
        em = e_s.get(char, MIN_FLOAT)
        a, b = v_s + t_ss + em, v_e + t_es + em
        n_s, p_s = (a, "S") if a >= b else (b, "E")
        v_b, v_m, v_e, v_s = n_b, n_m, n_e, n_s
        back.append((p_b, p_m, p_e, p_s))
    state = "E" if v_e > v_s else "S"
    states = [state]
    for step in reversed(back):
        state = step["BMES".index(state)]
        states.append(state)
    return "".join(reversed(states))


@lru_cache(maxsize=1 << 15)
def hmm_words(sentence: str) -> tuple[str, ...]:
    """The words ``finalseg``'s private ``__cut`` gives a run of Han characters."""
    states = viterbi(sentence)
    words: list[str] = []
    begin, nexti = 0, 0
    for i, pos in enumerate(states):
        if pos == "B":
            begin = i
        elif pos == "E":
            words.append(sentence[begin : i + 1])
            nexti = i + 1
        elif pos == "S":
            words.append(sentence[i])
            nexti = i + 1
    if nexti < len(sentence):
        words.append(sentence[nexti:])
    return tuple(words)


def cut(sentence: str) -> Iterator[str]:
    """``finalseg.cut``: Han runs through the HMM, other text split as jieba splits it."""
    for block in finalseg.re_han.split(sentence):
        if finalseg.re_han.match(block):
            for word in hmm_words(block):
                if word in finalseg.Force_Split_Words:
                    yield from word
                else:
                    yield word
        else:
            yield from filter(None, finalseg.re_skip.split(block))
