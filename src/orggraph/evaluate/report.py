"""Plain-text and JSON renderings of an evaluation result."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from orggraph.evaluate.items import Attribute, Category, IssueKind
from orggraph.evaluate.results import DocResult, EvalResult, Issue, Tally

_COUNTED = (Category.PLACES, Category.PROGRAMS, Category.DOCUMENTS, Category.METRICS)


def result_json(result: EvalResult) -> dict[str, Any]:
    """Totals keyed as eval/score.py --json writes them, then per-article detail."""
    total: dict[str, Any] = {}
    for c, t in result.tallies.items():
        total[c.value] = {
            "p": round(t.precision, 3),
            "r": round(t.recall, 3),
            "f1": round(t.f1, 3),
            "tp": t.tp,
            "fp": t.fp,
            "fn": t.fn,
        }
    for a, acc in result.accuracies.items():
        total[f"{a}_acc"] = None if acc.value is None else round(acc.value, 3)
    return {
        "total": total,
        "per_doc": {d.doc: _doc_json(d) for d in result.docs},
        "unscored": list(result.unscored),
    }


def _doc_json(doc: DocResult) -> dict[str, Any]:
    return {
        "counts": {c.value: [t.tp, t.fp, t.fn] for c, t in doc.tallies.items()},
        "accuracies": {a.value: {"ok": x.ok, "n": x.n} for a, x in doc.accuracies.items()},
        "issues": [
            {"category": i.category, "kind": i.kind.value, "item": i.item, "detail": i.detail}
            for i in doc.issues
        ],
    }


def _num(value: float | None) -> str:
    return "    —" if value is None else f"{value:.3f}"


def format_table(result: EvalResult) -> str:
    """Totals per category and attribute, then tp/fp/fn per article."""
    lines = [f"{'category':14} {'P':>5}  {'R':>5}  {'F1':>5}  {'tp':>4} {'fp':>4} {'fn':>4}"]
    for c, t in result.tallies.items():
        if c is Category.LOCAL_PLACES:
            row = f"{c:14} {_num(None)}  {t.recall:.3f}  {_num(None)}  {t.tp:>4} {'':>4} {t.fn:>4}"
            lines.append(row + "  (recall only)")
        else:
            prf = f"{t.precision:.3f}  {t.recall:.3f}  {t.f1:.3f}"
            lines.append(f"{c:14} {prf}  {t.tp:>4} {t.fp:>4} {t.fn:>4}")
    lines += ["", f"{'attribute':14} {'acc':>5}  right/checked"]
    for a, acc in result.accuracies.items():
        lines.append(f"{a:14} {_num(acc.value)}  {acc.ok}/{acc.n}")
    lines += ["", "per article (tp/fp/fn)", "  ".join(["article".ljust(24), *_COUNTED])]
    for d in result.docs:
        cells = [_counts(d.tallies[c]).ljust(len(c)) for c in _COUNTED]
        lines.append("  ".join([d.doc.ljust(24), *cells]))
    if result.unscored:
        lines += ["", f"not scored (no gold): {', '.join(result.unscored)}"]
    return "\n".join(lines)


def _counts(t: Tally) -> str:
    return f"{t.tp}/{t.fp}/{t.fn}"


def format_misses(result: EvalResult) -> str:
    """Per article and category: missed gold items, false positives, wrong attributes."""
    blocks = []
    for d in result.docs:
        lines = _doc_issue_lines(d.issues)
        blocks.append("\n".join([d.doc, *(lines or ["  nothing to fix"])]))
    return "\n\n".join(blocks)


def _doc_issue_lines(issues: Iterable[Issue]) -> list[str]:
    issues = list(issues)
    lines = []
    for category in [*Category, *Attribute]:
        mine = [i for i in issues if i.category == category]
        for kind in (IssueKind.MISS, IssueKind.FALSE_POSITIVE):
            groups: dict[str, list[str]] = {}  # false positives are grouped by their note
            for i in mine:
                if i.kind is kind:
                    note = (i.detail or "") if kind is IssueKind.FALSE_POSITIVE else ""
                    groups.setdefault(note, []).append(i.item)
            for note, items in groups.items():
                suffix = f" — {note}" if note else ""
                lines.append(f"  {category} {kind} ({len(items)}): {'、'.join(items)}{suffix}")
        lines.extend(
            f"  {category} wrong: {i.item} — gold {i.detail}"
            for i in mine
            if i.kind is IssueKind.WRONG
        )
    return lines
