"""Results of scoring: tallies, accuracies, issues per article and over the whole gold set.

Plain data; ``orggraph.evaluate.report`` renders it as text or JSON (the methods below only
delegate there, so the two modules do not import each other at load time).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from orggraph.evaluate.items import Attribute, Category, IssueKind


@dataclass(frozen=True)
class Tally:
    """True positives, false positives and false negatives of one category."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Accuracy:
    """How many of ``n`` checked attributes were right."""

    ok: int = 0
    n: int = 0

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.ok + other.ok, self.n + other.n)

    @property
    def value(self) -> float | None:
        return self.ok / self.n if self.n else None


@dataclass(frozen=True)
class Issue:
    """Something for a developer to fix: a missed item, a false positive, a wrong attribute."""

    category: str  # a Category or Attribute value
    kind: IssueKind
    item: str  # name, title or span
    detail: str | None = None


@dataclass(frozen=True)
class DocResult:
    """The score of one article."""

    doc: str  # the gold file stem
    tallies: Mapping[Category, Tally]
    accuracies: Mapping[Attribute, Accuracy]
    issues: tuple[Issue, ...]


@dataclass(frozen=True)
class EvalResult:
    """Scores in total and per article; ``unscored`` lists predicted articles without gold."""

    docs: tuple[DocResult, ...]
    unscored: tuple[str, ...] = ()

    @cached_property
    def tallies(self) -> dict[Category, Tally]:
        """Totals over all articles."""
        return {c: sum((d.tallies[c] for d in self.docs), Tally()) for c in Category}

    @cached_property
    def accuracies(self) -> dict[Attribute, Accuracy]:
        """Attribution accuracies over all articles."""
        return {a: sum((d.accuracies[a] for d in self.docs), Accuracy()) for a in Attribute}

    def figures(self) -> dict[str, float]:
        """Named figures rounded to 3 places ("programs.f1", "focal_acc"); undefined ones left out.

        A precision is undefined with nothing predicted, a recall with nothing to find.
        """
        out: dict[str, float] = {}
        for c, t in self.tallies.items():
            if t.tp + t.fn:
                out[f"{c}.r"] = t.recall
            if t.tp + t.fp and c is not Category.LOCAL_PLACES:  # local places: recall only
                out[f"{c}.p"] = t.precision
            if t.tp and c is not Category.LOCAL_PLACES:
                out[f"{c}.f1"] = t.f1
        for a, acc in self.accuracies.items():
            if acc.value is not None:
                out[f"{a}_acc"] = acc.value
        return {k: round(v, 3) for k, v in out.items()}

    def as_json(self) -> dict[str, Any]:
        """Totals in the form of eval/score.py --json, plus per-article counts and issues."""
        from orggraph.evaluate.report import result_json

        return result_json(self)

    def format_table(self) -> str:
        """Totals and per-article counts as a plain-text table."""
        from orggraph.evaluate.report import format_table

        return format_table(self)

    def format_misses(self) -> str:
        """Per article: misses, false positives and wrong attributes."""
        from orggraph.evaluate.report import format_misses

        return format_misses(self)
