"""Matching rules of the gold standard (the reference scorer's rules, one function each).

Names are compared after :func:`norm`: quotes and spaces dropped, full-width % and
parentheses folded, lower-cased.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

from orggraph.resources.tables import word_set, words

P = TypeVar("P")
G = TypeVar("G")

_QUOTES = "“”\"'‘’「」『』《》〈〉<>【】 \t\r\n\u3000"
_DROP = {ord(c): None for c in _QUOTES}
_FOLD = str.maketrans({"％": "%", "（": "(", "）": ")"})
#: Administrative suffixes the reference scorer drops before comparing place names, longest first.
_PLACE_SUFFIXES = words("scorer_place_suffixes", "suffix", role="suffix")
#: A place name prefixed by its parent ends the prefix with one of these (岳阳市南湖新区).
_PARENT_ENDINGS = word_set("scorer_place_suffixes", "suffix", role="parent_ending")


def norm(text: object) -> str:
    """The comparable form of a name, title or unit."""
    if text is None:
        return ""
    return str(text).translate(_DROP).translate(_FOLD).strip().lower()


def place_key(name: object) -> str:
    """A place name without its administrative suffix (怀化市 -> 怀化)."""
    n = norm(name)
    for suffix in _PLACE_SUFFIXES:
        if n.endswith(suffix) and len(n) > len(suffix) + 1:
            return n[: -len(suffix)]
    return n


def same_place_name(a: object, b: object) -> bool:
    """Equal keys, or one name is the other prefixed by its parent (岳阳市南湖新区 ~ 南湖新区)."""
    if place_key(a) == place_key(b):
        return True
    longer, shorter = sorted((norm(a), norm(b)), key=len, reverse=True)
    if len(shorter) >= 2 and longer.endswith(shorter):
        return longer[: -len(shorter)][-1:] in _PARENT_ENDINGS
    return False


def _bigrams(text: str) -> set[str]:
    grams = {text[i : i + 2] for i in range(len(text) - 1)}
    return grams or ({text} if text else set())


def same_measure(predicted: object, gold: object) -> bool:
    """The predicted measure names the gold one: containment, or bigram Dice >= 0.5."""
    p, g = norm(predicted), norm(gold)
    if not p or not g:
        return False
    if g in p or p in g:
        return True
    a, b = _bigrams(p), _bigrams(g)
    return 2 * len(a & b) / (len(a) + len(b)) >= 0.5


def same_program(predicted: object, name: object, head: object) -> bool:
    """A predicted program name is the gold core name, optionally followed by (part of) its head."""
    p, core, h = norm(predicted), norm(name), norm(head)
    if not core:
        return False
    if p in (core, core + h):
        return True
    if p.startswith(core):
        rest = p[len(core) :]
        return bool(rest) and (h.endswith(rest) or rest in h)
    return False


def same_value(predicted: float | None, gold: float) -> bool:
    """Numbers equal up to a relative 1e-6."""
    if predicted is None:
        return False
    return abs(predicted - gold) <= 1e-6 * max(1.0, abs(gold))


def same_year(predicted: str | None, gold: str) -> bool:
    """The same calendar year (2021-08 ~ 2021)."""
    return (predicted or "")[:4] == gold[:4]


def dedup(items: Sequence[P], key: Callable[[P], Hashable]) -> list[P]:
    """The items with a non-empty key, first of each key kept, order kept."""
    seen: set[Hashable] = set()
    out: list[P] = []
    for item in items:
        k = key(item)
        if k and k not in seen:
            seen.add(k)
            out.append(item)
    return out


def greedy(
    preds: Sequence[P], golds: Sequence[G], same: Callable[[P, G], bool]
) -> list[tuple[int, int]]:
    """One-to-one matching in prediction order: each prediction takes the first free gold item."""
    used: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            if j not in used and same(p, g):
                used.add(j)
                pairs.append((i, j))
                break
    return pairs


def two_pass(
    preds: Sequence[P],
    golds: Sequence[G],
    exact: Callable[[P, G], bool],
    loose: Callable[[P, G], bool],
) -> list[tuple[int, int]]:
    """One-to-one matching: exact pairs first, then loose pairs among the rest."""
    pairs = greedy(preds, golds, exact)
    taken_p, taken_g = {i for i, _ in pairs}, {j for _, j in pairs}
    rest_p = [i for i in range(len(preds)) if i not in taken_p]
    rest_g = [j for j in range(len(golds)) if j not in taken_g]
    more = greedy([preds[i] for i in rest_p], [golds[j] for j in rest_g], loose)
    return pairs + [(rest_p[i], rest_g[j]) for i, j in more]
