"""Reading predictions per article out of a built graph, through the og: ontology contract.

Items are listed in the order of their first mention in the article (og:Evidence
og:mentionStart, else og:start), then by label: the scorer matches greedily in this order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import PurePosixPath
from typing import TypeVar

from rdflib import Graph
from rdflib.term import Node

from orggraph.evaluate.items import (
    PredDoc,
    PredDocument,
    PredMetric,
    PredPlace,
    PredProgram,
)
from orggraph.rdf.namespace import PREFIXES
from orggraph.rdf.view import GraphView

_ARTICLES = "SELECT ?a ?file WHERE { ?a a og:Article ; og:sourceFile ?file }"
_FOCUS = "SELECT ?a ?p WHERE { ?a a og:Article ; og:focus ?p }"
_MENTIONS = """SELECT ?x ?a ?type WHERE {
  VALUES ?type { og:Place og:Program og:Document og:Metric }
  ?x a ?type ; og:mentionedIn ?a }"""
_IMPLEMENTED_BY = "SELECT ?x ?p WHERE { ?x a og:Program ; og:implementedBy ?p }"
_POLICY = "SELECT ?x WHERE { ?x a og:PolicyDocument }"
_METRIC_PROPERTIES = """SELECT ?m ?property ?o WHERE {
  VALUES ?property { og:value og:unit og:place og:year og:measure og:text }
  ?m a og:Metric ; ?property ?o }"""

T = TypeVar("T")
_UNKNOWN = 1 << 62  # position of an item with no evidence: after every mentioned one


def predictions_from_graph(graph: Graph) -> dict[str, PredDoc]:
    """Predictions per article, keyed by source file name without its extension."""
    view = _GraphView(graph)
    articles = {a: str(f) for a, f in view.rows(_ARTICLES)}
    docs = {a: _ArticleItems() for a in articles}
    for a, p in view.rows(_FOCUS):
        if a in docs:
            docs[a].focal.append(view.label(p))
    metrics = _metric_properties(view)
    policies = {x for (x,) in view.rows(_POLICY)}
    implementers: dict[Node, list[str]] = defaultdict(list)
    for x, p in view.rows(_IMPLEMENTED_BY):
        implementers[x].append(view.label(p))
    for x, a, kind in view.rows(_MENTIONS):
        if a not in docs:
            continue
        position = (view.first_mention.get((x, a), _UNKNOWN), view.label(x), str(x))
        name, local = view.label(x), str(kind).rsplit("#", 1)[-1]
        items = docs[a]
        if local == "Place":
            items.places.append((position, PredPlace(name)))
        elif local == "Program":
            places = tuple(sorted(implementers.get(x, [])))
            items.programs.append((position, PredProgram(name, places)))
        elif local == "Document":
            kind_name = "policy" if x in policies else "other"
            items.documents.append((position, PredDocument(name, kind_name)))
        elif x in metrics:
            items.metrics.append((position, metrics[x]))
    return {_doc_key(articles[a]): docs[a].freeze() for a in sorted(articles, key=str)}


def _doc_key(source_file: str) -> str:
    """The gold file stem of an article: "000_x.txt" -> "000_x"; "a.jsonl#3" stays."""
    path = PurePosixPath(source_file)
    return path.name if "#" in path.suffix else path.stem


class _GraphView:
    """SPARQL over the og: contract; labels and first mentions from the shared graph view."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self._view = GraphView(graph)
        self.first_mention = self._view.first_mentions()

    def rows(self, query: str) -> Iterable[tuple[Node, ...]]:
        for row in self.graph.query(query, initNs=PREFIXES):
            yield tuple(row)  # type: ignore[arg-type]

    def label(self, node: Node) -> str:
        return self._view.label(node) or ""


def _float(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _metric_properties(view: _GraphView) -> dict[Node, PredMetric]:
    """Each metric with a value; a property given twice keeps its smallest value."""
    values: dict[Node, dict[str, str]] = defaultdict(dict)
    for m, prop, o in view.rows(_METRIC_PROPERTIES):
        name = str(prop).rsplit("#", 1)[-1]
        text = view.label(o) if name == "place" else str(o)
        current = values[m].get(name)
        values[m][name] = text if current is None else min(current, text)
    return {
        m: PredMetric(
            value=_float(v["value"]),
            unit=v.get("unit"),
            place=v.get("place"),
            year=v.get("year"),
            measure=v.get("measure"),
            text=v.get("text"),
        )
        for m, v in values.items()
        if "value" in v
    }


Position = tuple[int, str, str]  # first mention offset, label, IRI


@dataclass
class _ArticleItems:
    """Items of one article with their positions, while being collected."""

    focal: list[str] = field(default_factory=list)
    places: list[tuple[Position, PredPlace]] = field(default_factory=list)
    programs: list[tuple[Position, PredProgram]] = field(default_factory=list)
    documents: list[tuple[Position, PredDocument]] = field(default_factory=list)
    metrics: list[tuple[Position, PredMetric]] = field(default_factory=list)

    def freeze(self) -> PredDoc:
        return PredDoc(
            focal_places=tuple(sorted(self.focal)),
            places=_in_order(self.places),
            programs=_in_order(self.programs),
            documents=_in_order(self.documents),
            metrics=_in_order(self.metrics),
        )


def _in_order(items: list[tuple[Position, T]]) -> tuple[T, ...]:
    return tuple(item for _, item in sorted(items, key=itemgetter(0)))
