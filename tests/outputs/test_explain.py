"""`explain`: find an entity by IRI or label; show its facts with the sentences stating them."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import RDF, RDFS, Graph, URIRef

from orggraph.errors import NotFoundError
from orggraph.ingest.read import read_inputs
from orggraph.outputs.explain import AmbiguousNameError, Explanation, explain
from orggraph.rdf.build import build_graph
from orggraph.rdf.namespace import ID, OG
from orggraph.records import (
    ArticleFacts,
    DocumentKind,
    DocumentMention,
    Metric,
    PlaceMention,
    ProgramKind,
    ProgramMention,
    Section,
)
from orggraph.resolve import resolve
from tests.conftest import SEEDS
from tests.factories import HUAIHUA, HUBEI, HUNAN, QIANJIANG, evidence, source

TEXT_A = "怀化市实施“五个一百”工程。全市3.6万余名党员干部参与。出台《九条措施》。"
TEXT_B = "潜江市推行“双报到双服务”。建立“红色物业”和“红色物业联盟”。"


def _program(text: str, name: str, place: str, head: str | None = None) -> ProgramMention:
    return ProgramMention(
        name, head, ProgramKind.MECHANISM, place, evidence(text, name, "programs.q")
    )


@pytest.fixture(scope="module")
def graph() -> Graph:
    a = ArticleFacts(
        source=source(TEXT_A, "000_a.txt"),
        places=(HUNAN, HUAIHUA),
        place_mentions=(PlaceMention("431200", "怀化市", evidence(TEXT_A, "怀化市")),),
        sections=(Section(0, len(TEXT_A), ("431200",), "怀化篇"),),
        focus=("431200",),
        programs=(_program(TEXT_A, "五个一百", "431200", "工程"),),
        documents=(
            DocumentMention(
                "九条措施", DocumentKind.POLICY, "431200", evidence(TEXT_A, "九条措施")
            ),
        ),
        metrics=(
            Metric(
                "3.6万余名",
                Decimal("36000"),
                "名",
                True,
                evidence(TEXT_A, "3.6万余名"),
                measure="党员干部",
                place="431200",
                year="2021",
            ),
        ),
    )
    b = ArticleFacts(
        source=source(TEXT_B, "001_b.txt"),
        places=(HUBEI, QIANJIANG),
        place_mentions=(PlaceMention("429005", "潜江市", evidence(TEXT_B, "潜江市")),),
        sections=(),
        focus=("429005",),
        programs=tuple(
            _program(TEXT_B, name, "429005")
            for name in ("双报到双服务", "红色物业", "红色物业联盟")
        ),
        documents=(),
        metrics=(),
    )
    return build_graph(resolve([a, b]))


def _fact(x: Explanation, relation: str) -> list[str]:
    return [f.value for f in x.facts if f.relation == relation]


def test_program_shows_its_place_with_the_sentence_title_and_file(graph: Graph) -> None:
    x = explain(graph, "双报到双服务")
    assert x.label == "双报到双服务" and "Program" in x.types
    (link,) = [f for f in x.facts if f.relation == "implemented by"]
    assert link.value == "潜江市"
    (quote,) = link.quotes
    assert quote.text == "潜江市推行“双报到双服务”。"
    assert (quote.source_file, quote.article, quote.rule) == ("001_b.txt", "标题", "programs.q")
    assert TEXT_B[quote.start : quote.end] == quote.text
    text = x.format()
    assert "implemented by: 潜江市" in text and "潜江市推行“双报到双服务”。" in text
    assert "001_b.txt" in text and "标题" in text


def test_metric_shows_value_unit_place_and_year(graph: Graph) -> None:
    x = explain(graph, "3.6万余名")
    assert _fact(x, "value") == ["36000"] and _fact(x, "unit") == ["名"]
    assert _fact(x, "place") == ["怀化市"] and _fact(x, "year") == ["2021"]
    assert _fact(x, "approximate") == ["yes"]
    assert _fact(explain(graph, "双报到双服务"), "kind") == ["mechanism"]
    (place,) = [f for f in x.facts if f.relation == "place"]
    assert [q.text for q in place.quotes] == ["全市3.6万余名党员干部参与。"]


def test_sections_reporting_on_a_place_are_named_by_article_and_heading(graph: Graph) -> None:
    x = explain(graph, "怀化市")
    assert sorted(f.value for f in x.linked_from if f.relation == "reported on by") == [
        "标题",
        "标题 § 怀化篇",
    ]


def test_place_lists_what_links_to_it(graph: Graph) -> None:
    x = explain(graph, "潜江市")
    assert _fact(x, "part of") == ["湖北省"]
    implements = sorted(f.value for f in x.linked_from if f.relation == "implements")
    assert implements == ["双报到双服务", "红色物业", "红色物业联盟"]
    assert [m.source_file for m in x.mentions] == ["001_b.txt"]


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("双报到双服务", "双报到双服务"),
        ("“双报到双服务”", "双报到双服务"),  # quotes as in the text
        ("雙報到雙服務", "双报到双服务"),  # traditional characters
        ("五个一百工程", "五个一百"),  # alternative label: name with head noun
        ("红色物业", "红色物业"),  # an exact label wins over a longer one
        ("潜江", "潜江市"),  # prefix
        ("报到双服", "双报到双服务"),  # substring
        ("九条措施", "九条措施"),
    ],
)
def test_finds_entities_by_label(graph: Graph, query: str, label: str) -> None:
    assert explain(graph, query).label == label


def test_finds_entities_by_iri(graph: Graph) -> None:
    iri = min(s for s in graph.subjects(RDFS.label, None) if str(s).startswith(str(ID)))
    assert isinstance(iri, URIRef)
    assert explain(graph, str(iri)).iri == str(iri)
    assert explain(graph, f"<{iri}>").iri == str(iri)
    short = "id:" + str(iri).removeprefix("https://w3id.org/orggraph/id/")
    assert explain(graph, short).iri == str(iri)


def test_several_matches_are_listed_to_choose_from(graph: Graph) -> None:
    with pytest.raises(AmbiguousNameError) as info:
        explain(graph, "红色")
    labels = [c.label for c in info.value.candidates]
    assert labels == ["红色物业", "红色物业联盟"]  # shorter label first
    assert all(label in str(info.value) for label in labels) and "\n" not in str(info.value)
    listing = info.value.format_candidates().splitlines()
    assert [line.split(" ")[0] for line in listing] == labels
    assert all(c.iri in line for c, line in zip(info.value.candidates, listing, strict=True))
    assert isinstance(info.value, NotFoundError)


@pytest.mark.parametrize(
    "query", ["不存在的名字", "", "   ", "“”", "https://w3id.org/orggraph/id/place/999999"]
)
def test_unknown_names_are_not_found(graph: Graph, query: str) -> None:
    with pytest.raises(NotFoundError) as info:
        explain(graph, query)
    assert not isinstance(info.value, AmbiguousNameError) and str(info.value)


def _labelled(graph: Graph) -> list[URIRef]:
    kinds = (OG.Place, OG.Program, OG.Document, OG.Metric, OG.Article)
    return sorted(
        (s for k in kinds for s in graph.subjects(RDF.type, k) if isinstance(s, URIRef)), key=str
    )


def test_text_shows_labels_not_iris(graph: Graph) -> None:
    for node in _labelled(graph):
        lines = explain(graph, str(node)).format().splitlines()
        raw = [line for line in lines if "https://" in line]
        assert raw == [f"  IRI: {node}"], "\n".join(lines)


@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_every_label_leads_to_its_entity(graph: Graph, data: st.DataObject) -> None:
    node = data.draw(st.sampled_from(_labelled(graph)))
    label = str(graph.value(node, RDFS.label))
    try:
        assert explain(graph, label).iri == str(node)
    except AmbiguousNameError as exc:  # the same label on several entities: it is offered
        assert str(node) in {c.iri for c in exc.candidates}


def test_seed_program_quotes_are_the_original_sentences(seeds_graph: Graph) -> None:
    """On the built seeds, each quoted sentence is the original text at its stated offsets."""
    originals = {a.source_file: a.original for a in read_inputs([SEEDS]).articles}
    programs = sorted(
        (p for p in seeds_graph.subjects(OG.implementedBy, None, unique=True)), key=str
    )[:5]
    assert programs, "the seeds have programs carried out by a place"
    for program in programs:
        x = explain(seeds_graph, str(program))
        links = [f for f in x.facts if f.relation == "implemented by"]
        assert links and all(f.quotes for f in links), x.format()
        for quote in (q for f in links for q in f.quotes):
            assert originals[quote.source_file][quote.start : quote.end] == quote.text
        assert re.search(r"implemented by: \S", x.format())
