"""The fast Turtle writer: rdflib reads back the same graph, and the bytes depend only on it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS, XSD

from orggraph.outputs.turtle import Rendered, merge_sorted, serialize, write_rendered

EX = Namespace("https://example.org/ns#")
IRIS = [EX.a, EX.b, EX["x-1"], URIRef("https://example.org/other/路径"), RDF.type, OWL.Class]
PREDICATES = [RDF.type, RDFS.label, EX.p, EX["q-2"], RDFS.subClassOf]
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from('"\\\n\t\r'),
    max_size=12,
)
LITERALS = st.one_of(
    TEXT.map(Literal),
    TEXT.map(lambda t: Literal(t, lang="zh-Hans")),
    st.integers(-(10**30), 10**30).map(Literal),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(Literal),
    st.booleans().map(Literal),
    st.integers(1900, 2100).map(lambda y: Literal(str(y), datatype=XSD.gYear)),
)
TRIPLES = st.lists(
    st.tuples(
        st.sampled_from(IRIS),
        st.sampled_from(PREDICATES),
        st.one_of(st.sampled_from(IRIS), LITERALS),
    ),
    max_size=30,
)


def graph_of(triples: list[tuple[URIRef, URIRef, object]], order: int = 1) -> Graph:
    graph = Graph()
    graph.bind("ex", EX)
    for triple in triples[::order]:
        graph.add(triple)  # type: ignore[arg-type]
    return graph


@settings(max_examples=60, deadline=None)
@given(TRIPLES)
def test_rdflib_reads_back_the_same_graph(triples: list[tuple[URIRef, URIRef, object]]) -> None:
    graph = graph_of(triples)
    back = Graph().parse(data=serialize(graph), format="turtle")
    assert isomorphic(back, graph)


@settings(max_examples=30, deadline=None)
@given(TRIPLES)
def test_the_bytes_do_not_depend_on_insertion_order(
    triples: list[tuple[URIRef, URIRef, object]],
) -> None:
    assert serialize(graph_of(triples)) == serialize(graph_of(triples, order=-1))


def test_rdf_type_as_a_subject_or_object_is_written_as_an_iri() -> None:
    graph = graph_of(
        [(RDF.type, RDFS.label, Literal("类别", lang="zh-Hans")), (EX.a, EX.p, RDF.type)]
    )
    text = serialize(graph)
    assert not any(line.startswith("a ") for line in text.splitlines())
    assert isomorphic(Graph().parse(data=text, format="turtle"), graph)


def test_control_characters_in_a_literal_are_escaped_and_read_back() -> None:
    ex = Namespace("http://example.org/")
    quote = "本村\x1b[31m党员\x07达到\x7f120名\u0085。"
    graph = Graph()
    graph.add((ex.e, ex.quote, Literal(quote)))
    text = serialize(graph)
    assert not any((ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) < 0xA0 for c in text)
    back = Graph().parse(data=text, format="turtle")
    assert back.value(ex.e, ex.quote) == Literal(quote)


RENDERED = st.lists(
    st.tuples(
        st.sampled_from(["ex:a", "ex:b", "<https://example.org/c>"]),
        st.sampled_from(["", "ex:p", "rdfs:label"]),
        st.sampled_from(["ex:a", '"x"', '"x"@zh-Hans', "1", "2"]),
    ),
    max_size=20,
)


@given(st.lists(RENDERED, max_size=6), st.booleans())
@settings(max_examples=100, deadline=None)
def test_merging_runs_gives_the_distinct_triples_in_order(
    runs: list[list[Rendered]], ordered: bool
) -> None:
    parts = [sorted(set(run)) for run in runs] if ordered else runs
    every = [t for run in runs for t in run]
    merged = merge_sorted(parts)
    assert merged == sorted(set(every))
    prefixes = {"ex": "https://example.org/", "rdfs": str(RDFS)}
    assert write_rendered(every, prefixes) == write_rendered(set(every), prefixes)
    assert write_rendered(merged, prefixes) == write_rendered(set(every), prefixes)
