"""Rendered triples read back: the nodes rdflib's Turtle parser gives, without a graph."""

from __future__ import annotations

from decimal import Decimal

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef

from orggraph.outputs.turtle import Renderer, write_rendered
from orggraph.rdf.build import build_graph
from orggraph.rdf.fragments import article_fragment, corpus_fragment, ontology_fragment, render
from orggraph.rdf.index import index_of
from orggraph.rdf.namespace import ID, OG, PREFIXES
from orggraph.rdf.rendered import index_of_fragments, read_rendered
from orggraph.resolve import resolve
from tests.factories import TEXT, article

NODE = ID["place/1"]
# Literals as a report's text may hold them: quotes, backslashes, controls, line breaks.
LITERALS = [
    Literal('某县"网格"工作法\\u0041 \\ 结尾'),
    Literal("第一行\n第二行\t\r\x07\x1b\u2028", lang="zh-Hans"),
    Literal("Party work", lang="en"),
    Literal(12, datatype=XSD.integer),
    Literal(-3, datatype=XSD.integer),
    Literal(Decimal("81.10"), datatype=XSD.decimal),
    Literal("100", datatype=XSD.decimal),
    Literal(True),
    Literal("2021-11-17", datatype=XSD.date),
    Literal("1e3", datatype=XSD.double),
    Literal("x", datatype=URIRef("https://example.org/dt#a b")),
]


def _sample() -> Graph:
    g = Graph()
    g.add((NODE, RDF.type, OG.County))
    g.add((NODE, OG.partOf, URIRef("https://example.org/other/a<b>c")))
    g.add((NODE, URIRef("https://example.org/p/ünï"), ID["x/y.z"]))
    for lit in LITERALS:
        g.add((NODE, RDFS.comment, lit))
    return g


def test_read_back_triples_are_those_rdflib_parses_from_the_turtle() -> None:
    renderer = Renderer(PREFIXES.items())
    rendered = renderer.render(_sample())
    parsed = Graph().parse(data=write_rendered(set(rendered), renderer.prefixes), format="turtle")
    assert set(read_rendered(rendered, renderer.prefixes)) == set(parsed)


def test_values_survive_the_round_trip() -> None:
    fragment = render(_sample())
    back = {o for _, p, o in read_rendered(fragment.triples, dict(fragment.prefixes))}
    assert {str(lit) for lit in LITERALS} <= {str(o) for o in back}
    assert Literal(12, datatype=XSD.integer) in back


def test_index_of_fragments_holds_the_triples_of_the_built_graph() -> None:
    corpus = resolve([article(TEXT, "a.txt"), article(TEXT + "另有一项。", "b.txt")])
    parts = [ontology_fragment(), corpus_fragment(corpus)]
    parts += [article_fragment(a) for a in corpus.articles]
    index = index_of_fragments(parts)
    whole = index_of(build_graph(corpus))
    as_sets = {s: {p: set(os) for p, os in po.items()} for s, po in index.spo.items()}
    assert as_sets == {s: {p: set(os) for p, os in po.items()} for s, po in whole.spo.items()}
    assert index.size == whole.size
    assert index_of(index) is index
    for prop in (OG.quote, OG.about, RDF.type):
        assert index.column(prop).keys() == whole.column(prop).keys()
    assert sorted(index.instances(OG.Evidence)) == sorted(whole.instances(OG.Evidence))
    assert {p: {o: set(ss) for o, ss in os.items()} for p, os in index.pos.items()} == {
        p: {o: set(ss) for o, ss in os.items()} for p, os in whole.pos.items()
    }
