"""The triple index readers use instead of rdflib's per-triple look-ups."""

from __future__ import annotations

from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef

from orggraph.rdf.index import index_of
from orggraph.rdf.namespace import OG

A, B, C = (URIRef(f"https://example.org/id/{n}") for n in "abc")


def _graph() -> Graph:
    g = Graph()
    g.add((A, RDF.type, OG.Program))
    g.add((A, RDFS.label, Literal("甲工程", lang="zh-Hans")))
    g.add((A, OG.implementedBy, B))
    g.add((A, OG.implementedBy, C))
    g.add((B, RDF.type, OG.Place))
    return g


def test_index_answers_as_rdflib_does():
    g = _graph()
    index = index_of(g)
    assert sorted(index.objects(A, OG.implementedBy)) == sorted(g.objects(A, OG.implementedBy))
    assert index.value(A, RDFS.label) == g.value(A, RDFS.label)
    assert index.value(C, RDFS.label) is None
    assert sorted(index.predicate_objects(A)) == sorted(g.predicate_objects(A))
    assert index.instances(OG.Place) == [B]
    assert index.column(RDF.type) == {A: OG.Program, B: OG.Place}


def test_a_graph_sharing_its_store_is_read_alone():
    data = Dataset()
    first = data.graph(URIRef("https://example.org/g1"))
    second = data.graph(URIRef("https://example.org/g2"))
    first.add((A, RDF.type, OG.Program))
    second.add((B, RDF.type, OG.Place))
    assert index_of(first).instances(OG.Program) == [A]
    assert index_of(first).instances(OG.Place) == []


def test_index_follows_a_graph_that_grew():
    g = _graph()
    assert index_of(g).instances(OG.Document) == []
    g.add((C, RDF.type, OG.Document))
    assert index_of(g).instances(OG.Document) == [C]
