"""Project the RDF graph onto a networkx graph the page can draw.

Nodes are the articles, places, programs, documents and metrics; edges are the
object properties between two of them. Evidence nodes are not drawn: each becomes
a record on the node it is about, with its sentence and the article it is from.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import networkx as nx
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from orggraph.rdf.index import TripleIndex, index_of
from orggraph.rdf.namespace import ID, OG
from orggraph.rdf.view import GraphView, local_name, term_label, view_of

ID_PREFIX = str(ID)

#: Drawn class of each rdf:type, most specific first within a class.
CLASS_OF_TYPE: dict[URIRef, str] = {
    OG.Article: "article",
    OG.Place: "place",
    OG.Province: "place",
    OG.Prefecture: "place",
    OG.County: "place",
    OG.Township: "place",
    OG.Village: "place",
    OG.Community: "place",
    OG.Program: "program",
    OG.Document: "document",
    OG.PolicyDocument: "document",
    OG.Publication: "document",
    OG.Work: "document",
    OG.Agreement: "document",
    OG.Metric: "metric",
}

#: Place levels from the top down; a place's depth is its index here.
PLACE_LEVELS: tuple[URIRef, ...] = (
    OG.Province,
    OG.Prefecture,
    OG.County,
    OG.Township,
    OG.Village,
    OG.Community,
)

#: Literal properties that are bookkeeping, not facts a reader wants.
HIDDEN_FACTS: frozenset[URIRef] = frozenset({RDFS.label, OG.sha256, OG.encoding, OG.start, OG.end})
#: Classes a more specific class of the same drawn class wins over.
GENERAL_TYPES: frozenset[URIRef] = frozenset({OG.Place, OG.Document})
_KIND = OG.kind
_TYPE = RDF.type  # namespace attribute look-ups are slow in loops
_NOT_FACTS = HIDDEN_FACTS | {_TYPE}


@dataclass(frozen=True)
class EvidenceRecord:
    """One sentence stating a fact about a node."""

    quote: str
    article_title: str
    source_file: str
    rule: str
    start: int
    end: int
    article: str  # the article's IRI
    relation: str  # "" unless the evidence is for a relation
    target: str  # label of the relation's target, or ""


@cache
def term_name(term: URIRef) -> str:
    """The "中文 English" name of an ontology term from its labels, "" if it has none."""
    names = [n for n in (term_label(term, "zh-Hans"), term_label(term, "en")) if n]
    return " ".join(dict.fromkeys(names))


def name_of(graph: Graph | TripleIndex, term: URIRef) -> str:
    """The "中文 English" name of a type or property from the ontology's labels, else its own."""
    if name := term_name(term):
        return name
    label = view_of(graph).label(term)
    return label if label is not None else local_name(term)


def label_of(graph: Graph | TripleIndex | GraphView, node: URIRef) -> str:
    """What the page calls a node: its zh-Hans label, preferred label, title, file or short IRI."""
    view = graph if isinstance(graph, GraphView) else view_of(graph)
    return view.display(node)


def node_class(graph: Graph | TripleIndex, node: URIRef) -> tuple[str, URIRef] | None:
    """(drawn class, most specific rdf:type) of a node, or None if it is not drawn."""
    return _node_class(index_of(graph), node)


def _node_class(index: TripleIndex, node: URIRef) -> tuple[str, URIRef] | None:
    types = sorted(
        (t for t in index.objects(node, _TYPE) if isinstance(t, URIRef) and t in CLASS_OF_TYPE),
        key=str,
    )
    if not types:
        return None
    specific = [t for t in types if t not in GENERAL_TYPES]
    chosen = specific[0] if specific else types[0]
    return CLASS_OF_TYPE[chosen], chosen


def _drawn_nodes(index: TripleIndex) -> Iterator[tuple[URIRef, str, URIRef]]:
    subjects = {s for s, po in index.spo.items() if _TYPE in po and isinstance(s, URIRef)}
    for node in sorted(subjects, key=str):
        found = _node_class(index, node)
        if found is not None:
            yield node, found[0], found[1]


def _facts(
    graph: Graph | TripleIndex,
    index: TripleIndex,
    node: URIRef,
    cls_type: URIRef,
    drawn: set[URIRef],
) -> list[list[str]]:
    facts = [[term_name(_TYPE), name_of(graph, cls_type)]]
    rows: list[list[str]] = []
    for prop, obj in index.predicate_objects(node):
        if prop in _NOT_FACTS or obj in drawn:
            continue
        if not isinstance(prop, URIRef):
            continue
        if isinstance(obj, Literal):
            rows.append([name_of(graph, prop), str(obj)])
        elif isinstance(obj, URIRef) and prop == _KIND:
            rows.append([name_of(graph, prop), name_of(graph, obj)])
    return facts + sorted(rows)


def _record_order(r: EvidenceRecord) -> tuple[str, int, str, str, str, str, int, str]:
    """Every field: records read from an index in any order come out in one order."""
    return (r.source_file, r.start, r.relation, r.quote, r.rule, r.target, r.end, r.article)


def _evidence(view: GraphView, drawn: set[URIRef]) -> dict[URIRef, list[EvidenceRecord]]:
    found: dict[URIRef, list[EvidenceRecord]] = {}
    for about, rows in view.evidence_about().items():
        if about not in drawn or not isinstance(about, URIRef):
            continue
        for row in rows:
            title, source_file = view.article_names(row.article)
            relation, target = row.relation, row.target
            record = EvidenceRecord(
                quote=row.quote,
                article_title=title,
                source_file=source_file,
                rule=row.rule or "",
                start=row.start,
                end=row.end,
                article=str(row.article or ""),
                relation=name_of(view.source, relation) if isinstance(relation, URIRef) else "",
                target=label_of(view, target) if isinstance(target, URIRef) else "",
            )
            found.setdefault(about, []).append(record)
    for records in found.values():
        records.sort(key=_record_order)
    return found


def project(graph: Graph | TripleIndex) -> nx.MultiDiGraph:
    """Project ``graph`` onto a MultiDiGraph keyed by IRI.

    Node attributes: ``label``, ``cls`` (article/place/program/document/metric),
    ``type`` (most specific rdf:type), ``depth`` (place level index, else -1),
    ``facts`` (list of [name, value]), ``evidence`` (list of EvidenceRecord).
    Edge key and ``rel`` attribute: the property IRI; ``label``: its name.
    """
    out = nx.MultiDiGraph()
    index = index_of(graph)
    typed = list(_drawn_nodes(index))
    drawn = {node for node, _, _ in typed}
    view = view_of(graph)
    evidence = _evidence(view, drawn)
    for node, cls, cls_type in typed:
        out.add_node(
            node,
            label=label_of(view, node),
            cls=cls,
            type=cls_type,
            depth=PLACE_LEVELS.index(cls_type) if cls_type in PLACE_LEVELS else -1,
            facts=_facts(graph, index, node, cls_type, drawn),
            evidence=evidence.get(node, []),
        )
    for node in sorted(drawn, key=str):
        links = [
            (prop, obj)
            for prop, obj in index.predicate_objects(node)
            if obj in drawn and isinstance(prop, URIRef) and prop != _TYPE and obj != node
        ]
        for prop, obj in sorted(links):
            out.add_edge(node, obj, key=prop, rel=prop, label=name_of(graph, prop))
    return out
