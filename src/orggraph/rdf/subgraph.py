"""Readers over a store: the rdflib graph a command needs, fetched by SPARQL instead of parsing.

``explain`` needs only the labels (to find the entity) and the entity's neighbourhood (its
facts, evidence, articles and what links to it); both come from the store in a few
milliseconds, so explaining does not wait for the whole graph to load.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from orggraph.errors import GraphError
from orggraph.rdf.load import load_graph
from orggraph.rdf.namespace import PREFIXES
from orggraph.rdf.store import open_store, store_dir

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
# What a reader shows of a node: names, types, and an article's title and file.
_SHOWN = (
    "rdfs:label, skos:prefLabel, skos:altLabel, rdf:type, og:heading, og:sourceFile, dcterms:title"
)
# Incoming links explain lists (outputs.explain.INVERSE_NAMES).
_INCOMING = (
    "og:partOf, og:implementedBy, og:issuedBy, og:focus, og:partOfProgram, og:governedBy, "
    "og:program, og:place"
)

CANDIDATES = """CONSTRUCT { ?n ?p ?v } WHERE {
  ?n ?p ?v . FILTER (?p IN (rdfs:label, skos:altLabel, rdf:type))
}"""
NEIGHBOURHOOD = (
    "CONSTRUCT { ?n ?p ?o } WHERE { ?n ?p ?o }",
    f"""CONSTRUCT {{ ?o ?q ?v }} WHERE {{
      ?n ?p ?o . ?o ?q ?v . FILTER (?q IN ({_SHOWN}))
    }}""",
    f"""CONSTRUCT {{ ?s ?p ?n . ?s ?q ?v }} WHERE {{
      ?s ?p ?n . FILTER (?p IN ({_INCOMING}))
      OPTIONAL {{ ?s ?q ?v . FILTER (?q IN ({_SHOWN})) }}
    }}""",
    """CONSTRUCT { ?a og:hasSection ?x . ?a ?q ?v } WHERE {
      { ?n ?p ?x } UNION { ?x ?p ?n }
      ?x a og:Section . ?a og:hasSection ?x .
      OPTIONAL { ?a ?q ?v . FILTER (?q IN (og:sourceFile, dcterms:title)) }
    }""",
    """CONSTRUCT { ?e ?p ?o . ?a ?q ?v } WHERE {
      ?e og:about ?n ; ?p ?o ; og:article ?a .
      OPTIONAL { ?a ?q ?v . FILTER (?q IN (og:sourceFile, dcterms:title)) }
    }""",
)


def rdflib_term(term: Any) -> Node:
    """The rdflib term of a pyoxigraph term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value, datatype=None if datatype == XSD_STRING else URIRef(datatype))


def to_rdflib(triples: Iterable[ox.Triple], graph: Graph | None = None) -> Graph:
    """Add pyoxigraph triples (a CONSTRUCT result) to an rdflib graph."""
    graph = graph if graph is not None else Graph()
    for t in triples:
        graph.add((rdflib_term(t.subject), rdflib_term(t.predicate), rdflib_term(t.object)))
    return graph


def construct(store: ox.Store, query: str, node: str | None = None) -> Any:
    subs: dict[ox.Variable, Any] | None = {ox.Variable("n"): ox.NamedNode(node)} if node else None
    return store.query(query, prefixes=PREFIXES, substitutions=subs)


def candidates_graph(store: ox.Store, nodes: list[str]) -> Graph:
    """Labels and types of some nodes."""
    graph = Graph()
    for node in nodes:
        to_rdflib(construct(store, CANDIDATES, node), graph)
    return graph


def neighbourhood(store: ox.Store, iri: str) -> Graph:
    """What explain reads about one node: facts, shown values, incoming links, evidence."""
    graph = Graph()
    for query in NEIGHBOURHOOD:
        to_rdflib(construct(store, query, iri), graph)
    return graph


def full_graph(path: Path) -> Graph:
    """The whole graph as rdflib: from a build folder's store, or by parsing a Turtle file."""
    if path.is_dir() and store_dir(path) is not None:
        store = open_store(path)
        data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        graph = Graph()
        graph.parse(data=data.decode("utf-8") if data else "", format="nt")
        return graph
    if path.is_dir():
        path = path / "graph.ttl"
    if not path.exists():
        raise GraphError(f"no such graph file: {path}")
    return load_graph(path)
