"""Scoring predictions against gold: micro P/R/F1 per category and attribution accuracies."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from orggraph.evaluate import rules
from orggraph.evaluate.items import (
    Attribute,
    Category,
    GoldDoc,
    GoldDocument,
    GoldMetric,
    GoldPlace,
    GoldProgram,
    IssueKind,
    PredDoc,
    PredDocument,
    PredMetric,
    PredPlace,
    PredProgram,
)
from orggraph.evaluate.results import Accuracy, DocResult, EvalResult, Issue, Tally

P = TypeVar("P")
G = TypeVar("G")


@dataclass(frozen=True)
class Matched(Generic[P, G]):
    """A one-to-one matching of predictions to the required gold items."""

    pairs: tuple[tuple[int, G], ...]  # (prediction index, gold item)
    false_positives: tuple[P, ...]
    misses: tuple[G, ...]

    @property
    def tally(self) -> Tally:
        return Tally(len(self.pairs), len(self.false_positives), len(self.misses))


def match_items(
    preds: Sequence[P],
    golds: Sequence[G],
    same: Callable[[P, G], bool],
    optional: Callable[[G], bool],
) -> Matched[P, G]:
    """Match required gold first; predictions matching an optional item count neither way."""
    required = [g for g in golds if not optional(g)]
    pairs = rules.greedy(preds, required, same)
    taken = {i for i, _ in pairs}
    rest = [i for i in range(len(preds)) if i not in taken]
    extra = rules.greedy([preds[i] for i in rest], [g for g in golds if optional(g)], same)
    excused = {rest[i] for i, _ in extra}
    found = {j for _, j in pairs}
    return Matched(
        pairs=tuple((i, required[j]) for i, j in pairs),
        false_positives=tuple(preds[i] for i in rest if i not in excused),
        misses=tuple(g for j, g in enumerate(required) if j not in found),
    )


def score(gold: Mapping[str, GoldDoc], preds: Mapping[str, PredDoc]) -> EvalResult:
    """Score every gold article (in name order) against its predictions (none if absent)."""
    docs = tuple(score_doc(k, gold[k], preds.get(k, PredDoc())) for k in sorted(gold))
    return EvalResult(docs=docs, unscored=tuple(sorted(set(preds) - set(gold))))


def score_doc(name: str, gold: GoldDoc, pred: PredDoc) -> DocResult:
    """Score one article, reported under ``name``."""
    sheet = _Sheet()
    _score_focal(gold, pred, sheet)
    _score_places(gold.places, pred.places, sheet)
    _score_programs(gold.programs, pred.programs, sheet)
    _score_documents(gold.documents, pred.documents, sheet)
    _score_metrics(gold.metrics, pred.metrics, sheet)
    return DocResult(name, sheet.tallies, sheet.accuracies, tuple(sheet.issues))


@dataclass
class _Sheet:
    """Mutable score of one article while it is being scored."""

    tallies: dict[Category, Tally] = field(default_factory=lambda: {c: Tally() for c in Category})
    accuracies: dict[Attribute, Accuracy] = field(
        default_factory=lambda: {a: Accuracy() for a in Attribute}
    )
    issues: list[Issue] = field(default_factory=list)

    def check(self, attribute: Attribute, ok: bool, item: str, detail: str) -> None:
        self.accuracies[attribute] += Accuracy(int(ok), 1)
        if not ok:
            self.issues.append(Issue(attribute, IssueKind.WRONG, item, detail))

    def record(
        self,
        category: Category,
        matched: Matched[P, G],
        pred_label: Callable[[P], str],
        gold_label: Callable[[G], str],
    ) -> None:
        self.tallies[category] += matched.tally
        self.issues.extend(Issue(category, IssueKind.MISS, gold_label(g)) for g in matched.misses)
        self.issues.extend(
            Issue(category, IssueKind.FALSE_POSITIVE, pred_label(p))
            for p in matched.false_positives
        )


def _names(names: Iterable[str | None]) -> str:
    return "、".join(n for n in names if n) or "—"


def _score_focal(gold: GoldDoc, pred: PredDoc, sheet: _Sheet) -> None:
    g, p = gold.focal_places, [x for x in pred.focal_places if x]
    ok = all(any(rules.same_place_name(a, b) for b in p) for a in g) and all(
        any(rules.same_place_name(a, b) for a in g) for b in p
    )
    sheet.check(Attribute.FOCAL, ok, "focal places", f"{_names(g)}, predicted {_names(p)}")


def _same_place(p: PredPlace, g: GoldPlace) -> bool:
    return rules.same_place_name(p.name, g.name)


def _exact_place(p: PredPlace, g: GoldPlace) -> bool:
    return rules.norm(p.name) == rules.norm(g.name)


def _score_places(golds: Sequence[GoldPlace], preds: Sequence[PredPlace], sheet: _Sheet) -> None:
    """County level and above is P/R/F1; below is recall against the predictions left over.

    As in the reference scorer: names are deduplicated on their full form (南湖区, 南湖街道 and
    南湖社区 are three places); exact names pair before looser ones; a prediction is a false
    positive only if it matches no gold place at any level (nor an optional one).
    """
    big = rules.dedup([g for g in golds if not g.local], lambda g: rules.norm(g.name))
    local = rules.dedup([g for g in golds if g.local], lambda g: rules.norm(g.name))
    places = rules.dedup(preds, lambda p: rules.norm(p.name))
    required = [g for g in big if not g.optional]
    pairs = rules.two_pass(places, required, _exact_place, _same_place)
    used = {i for i, _ in pairs}
    rest = [i for i in range(len(places)) if i not in used]
    local_pairs = rules.two_pass([places[i] for i in rest], local, _exact_place, _same_place)
    used |= {rest[i] for i, _ in local_pairs}
    left = [p for i, p in enumerate(places) if i not in used]
    same = lambda p, g: _exact_place(p, g) or _same_place(p, g)  # noqa: E731
    excused = {i for i, _ in rules.greedy(left, [g for g in big if g.optional], same)}
    found = {j for _, j in pairs}
    found_local = {j for _, j in local_pairs}
    missed = [g for j, g in enumerate(required) if j not in found]
    missed_local = [g for j, g in enumerate(local) if j not in found_local]
    false_positives = [p for i, p in enumerate(left) if i not in excused]
    sheet.tallies[Category.PLACES] += Tally(len(pairs), len(false_positives), len(missed))
    sheet.tallies[Category.LOCAL_PLACES] += Tally(len(local_pairs), 0, len(missed_local))
    sheet.issues.extend(Issue(Category.PLACES, IssueKind.MISS, g.name) for g in missed)
    sheet.issues.extend(
        Issue(Category.PLACES, IssueKind.FALSE_POSITIVE, p.name) for p in false_positives
    )
    sheet.issues.extend(
        Issue(Category.LOCAL_PLACES, IssueKind.MISS, g.name, g.level) for g in missed_local
    )


def _score_programs(
    golds: Sequence[GoldProgram], preds: Sequence[PredProgram], sheet: _Sheet
) -> None:
    programs = rules.dedup(preds, lambda p: rules.norm(p.name))
    matched = match_items(
        programs,
        golds,
        lambda p, g: rules.same_program(p.name, g.name, g.head),
        lambda g: g.optional,
    )
    sheet.record(Category.PROGRAMS, matched, lambda p: p.name, lambda g: g.name + (g.head or ""))
    for i, g in matched.pairs:
        if g.place:
            p = programs[i]
            ok = any(rules.same_place_name(g.place, x) for x in p.places if x)
            detail = f"{g.place}, predicted {_names(p.places)}"
            sheet.check(Attribute.PROGRAM_PLACE, ok, p.name, detail)


def _score_documents(
    golds: Sequence[GoldDocument], preds: Sequence[PredDocument], sheet: _Sheet
) -> None:
    documents = rules.dedup(preds, lambda d: rules.norm(d.title))
    matched = match_items(
        documents,
        golds,
        lambda p, g: rules.norm(p.title) == rules.norm(g.title),
        lambda g: g.optional,
    )
    sheet.record(Category.DOCUMENTS, matched, lambda d: d.title, lambda g: g.title)
    for i, g in matched.pairs:
        predicted = documents[i].kind
        ok = (g.kind == "policy") == (predicted == "policy")
        sheet.check(Attribute.DOCUMENT_KIND, ok, g.title, f"{g.kind}, predicted {predicted}")


def _same_metric(p: PredMetric, g: GoldMetric) -> bool:
    return rules.same_value(p.value, g.value) and rules.norm(p.unit) == rules.norm(g.unit)


def _score_metrics(golds: Sequence[GoldMetric], preds: Sequence[PredMetric], sheet: _Sheet) -> None:
    matched = match_items(preds, golds, _same_metric, lambda g: g.optional)
    sheet.record(
        Category.METRICS,
        matched,
        lambda p: p.describe() + (f" ({p.measure})" if p.measure else ""),
        lambda g: g.span + (f" ({g.what})" if g.what else ""),
    )
    for i, g in matched.pairs:
        p = preds[i]
        if g.place:
            ok = rules.same_place_name(p.place or "", g.place)
            detail = f"{g.place}, predicted {p.place or '—'}"
            sheet.check(Attribute.METRIC_PLACE, ok, g.span, detail)
        if g.year:
            ok = rules.same_year(p.year, g.year)
            sheet.check(Attribute.METRIC_YEAR, ok, g.span, f"{g.year}, predicted {p.year or '—'}")
        if g.what:
            ok = rules.same_measure(p.measure, g.what)
            sheet.check(
                Attribute.METRIC_MEASURE, ok, g.span, f"{g.what}, predicted {p.measure or '—'}"
            )
