"""What the graph says about one entity, each fact with the sentence(s) that state it.

    explanation = explain(graph, "双报到双服务")
    print(explanation.format())

An entity is found by IRI, or by label: exact, then prefix, then substring (also over
alternative labels, and after converting traditional characters). Several candidates
raise AmbiguousNameError listing them; none raises NotFoundError.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from orggraph.errors import AmbiguousNameError, NotFoundError
from orggraph.outputs.explanation import Explanation, Fact, Mention, Quote, format_explanation
from orggraph.rdf.namespace import GEO, OG
from orggraph.rdf.view import Candidate, EvidenceRow, GraphView, local_name, term_label

__all__ = [
    "AmbiguousNameError",
    "Candidate",
    "Explanation",
    "Fact",
    "Mention",
    "NotFoundError",
    "Quote",
    "explain",
    "format_explanation",
]

# Outgoing facts worth showing, in display order; each is named by its English ontology label.
FACTS: tuple[URIRef, ...] = (
    OG.sourceFile,
    DCTERMS.title,
    DCTERMS.publisher,
    DCTERMS.issued,
    DCTERMS.creator,
    OG.focus,
    OG.adcode,
    OG.partOf,
    OG.kind,
    OG.headNoun,
    OG.implementedBy,
    OG.partOfProgram,
    OG.governedBy,
    OG.issuedBy,
    OG.text,
    OG.value,
    OG.unit,
    OG.approximate,
    OG.change,
    OG.measure,
    OG.shareOf,
    OG.place,
    OG.program,
    OG.year,
    GEO.lat,
    GEO.long,
)
# Incoming links shown as lists of labels: relation -> name of the inverse.
INVERSE_NAMES: dict[URIRef, str] = {
    OG.partOf: "contains",
    OG.implementedBy: "implements",
    OG.issuedBy: "issued",
    OG.focus: "reported on by",
    OG.partOfProgram: "has parts",
    OG.governedBy: "governs",
    OG.program: "metrics",
    OG.place: "metrics",
}


def explain(graph: Graph, name_or_iri: str) -> Explanation:
    """Explain the entity with this IRI or label; NotFoundError/AmbiguousNameError otherwise."""
    view = GraphView(graph)
    node = view.find(name_or_iri)
    return Explanation(
        iri=str(node),
        label=view.label(node) or str(node),
        types=view.types(node),
        other_labels=view.other_labels(node),
        facts=tuple(_facts(view, node)),
        mentions=tuple(_mentions(view, node)),
        linked_from=tuple(_linked_from(view, node)),
    )


def fact_name(prop: URIRef) -> str:
    """A property's English name from the ontology, else its local name."""
    return term_label(prop, "en") or local_name(prop)


def _show(view: GraphView, node: Node) -> tuple[str, str | None]:
    """A value as a reader sees it: an entity's label, a concept's name, a literal's text."""
    if isinstance(node, Literal):
        return _literal_text(node), None
    if str(node).startswith(str(OG._NS)) and isinstance(node, URIRef):  # og:Mechanism…
        return term_label(node, "en") or local_name(node), None
    label = view.label(node) or _section_name(view, node)
    if label:
        return label, str(node)
    return view.display(node), str(node)


def _section_name(view: GraphView, node: Node) -> str | None:
    """ "<article> § <heading>" for a section of an article."""
    if (node, RDF.type, OG.Section) not in view.graph:
        return None
    article = view.graph.value(None, OG.hasSection, node)
    title, source_file = view.article_names(article) if article else ("", "")
    heading = view.graph.value(node, OG.heading)
    return f"{title or source_file} § {heading or 'section'}"


def _quote(view: GraphView, row: EvidenceRow) -> Quote:
    title, source_file = view.article_names(row.article)
    return Quote(row.quote, title, source_file, row.start, row.end, row.rule)


def _facts(view: GraphView, node: URIRef) -> Iterable[Fact]:
    evidence = view.evidence(node)
    for prop in FACTS:
        values = [(*_show(view, o), o) for o in view.graph.objects(node, prop)]
        for text, iri, obj in sorted(values, key=lambda v: (v[0], v[1] or "")):
            quotes = [_quote(view, e) for e in evidence if e.relation == prop and e.target == obj]
            yield Fact(fact_name(prop), text, iri, _distinct_sorted(quotes))


def _mentions(view: GraphView, node: URIRef) -> Iterable[Mention]:
    plain = [e for e in view.evidence(node) if e.relation is None]
    mentions = []
    for article in set(view.graph.objects(node, OG.mentionedIn)):
        title, source_file = view.article_names(article)
        quotes = _distinct_sorted(_quote(view, e) for e in plain if e.article == article)
        mentions.append(Mention(title, source_file, str(article), quotes))
    return sorted(mentions, key=lambda m: (m.source_file, m.article, m.iri))


def _linked_from(view: GraphView, node: URIRef) -> Iterable[Fact]:
    for prop, name in INVERSE_NAMES.items():
        subjects = {s for s in view.graph.subjects(prop, node) if isinstance(s, URIRef)}
        shown = sorted(_show(view, s) for s in subjects)
        for text, iri in shown:
            yield Fact(name, text, iri)


def _distinct_sorted(quotes: Iterable[Quote]) -> tuple[Quote, ...]:
    return tuple(sorted(set(quotes), key=lambda q: (q.source_file, q.start, q.end, q.rule or "")))


def _literal_text(lit: Literal) -> str:
    value = lit.toPython()
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(lit)
    if "." in text and text.replace(".", "", 1).lstrip("-").isdigit():
        text = text.rstrip("0").rstrip(".")
    return text
