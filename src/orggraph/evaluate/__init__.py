"""Scoring a built graph against gold annotations (eval/SCHEMA.md).

    gold = load_gold(Path("tests/gold"))
    result = score(gold, predictions_from_graph(graph))  # or: evaluate_graph(graph, gold_dir)
    print(result.format_table()); print(result.format_misses())

The matching rules are those of the reference scorer (eval/score.py).
"""

from pathlib import Path

from rdflib import Graph

from orggraph.evaluate.gold import load_gold, load_predictions, prediction_json
from orggraph.evaluate.graph import predictions_from_graph
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
from orggraph.evaluate.scoring import (
    Accuracy,
    DocResult,
    EvalResult,
    Issue,
    Tally,
    score,
    score_doc,
)


def evaluate_graph(graph: Graph, gold_dir: Path) -> EvalResult:
    """Score a built graph against the gold annotations in ``gold_dir``."""
    return score(load_gold(gold_dir), predictions_from_graph(graph))


__all__ = [
    "Accuracy",
    "Attribute",
    "Category",
    "DocResult",
    "EvalResult",
    "GoldDoc",
    "GoldDocument",
    "GoldMetric",
    "GoldPlace",
    "GoldProgram",
    "Issue",
    "IssueKind",
    "PredDoc",
    "PredDocument",
    "PredMetric",
    "PredPlace",
    "PredProgram",
    "Tally",
    "evaluate_graph",
    "load_gold",
    "load_predictions",
    "prediction_json",
    "predictions_from_graph",
    "score",
    "score_doc",
]
