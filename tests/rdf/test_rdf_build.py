"""The graph builder: contract typing, labels, evidence, identity IRIs, determinism."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import RDF, RDFS, SKOS, Graph, Literal
from rdflib.compare import isomorphic

from orggraph.build import serialize_turtle
from orggraph.pipeline import extract
from orggraph.rdf.build import build_graph, time_literal
from orggraph.rdf.iri import place_iri
from orggraph.rdf.namespace import OG
from orggraph.rdf.validate import violations
from orggraph.resolve import resolve
from tests.factories import TEXT, article, source


def graph_of(*articles):  # type: ignore[no-untyped-def]
    return build_graph(resolve(articles))


def only(g: Graph, cls):  # type: ignore[no-untyped-def]
    nodes = list(g.subjects(RDF.type, cls))
    assert len(nodes) == 1, nodes
    return nodes[0]


def test_every_instance_has_base_class_and_zh_hans_label() -> None:
    g = graph_of(article(TEXT))
    for cls in (OG.Article, OG.Place, OG.Program, OG.Document, OG.Metric):
        for node in g.subjects(RDF.type, cls):
            labels = list(g.objects(node, RDFS.label))
            assert any(lit.language == "zh-Hans" for lit in labels), node


def test_place_iri_derives_from_admin_code_and_chain_reaches_province() -> None:
    g = graph_of(article(TEXT))
    huaihua = place_iri("431200")
    assert (huaihua, OG.adcode, Literal("431200")) in g
    assert (huaihua, OG.partOf, place_iri("430000")) in g
    assert (huaihua, RDF.type, OG.Prefecture) in g


def test_program_link_has_evidence_quoting_the_sentence_with_offsets() -> None:
    g = graph_of(article(TEXT))
    program = only(g, OG.Program)
    assert (program, OG.implementedBy, place_iri("431200")) in g
    evidence = [e for e in g.subjects(OG.about, program) if (e, OG.relation, OG.implementedBy) in g]
    assert len(evidence) == 1
    e = evidence[0]
    start, end = int(g.value(e, OG.start)), int(g.value(e, OG.end))
    assert str(g.value(e, OG.quote)) == TEXT[start:end]
    assert str(g.value(e, OG.rule)) == "test.rule"


def test_metric_values_are_typed_decimals_with_unit_and_year() -> None:
    g = graph_of(article(TEXT))
    metric = only(g, OG.Metric)
    assert g.value(metric, OG.value).toPython() == Decimal("36000")
    assert str(g.value(metric, OG.unit)) == "名"
    assert str(g.value(metric, OG.year)) == "2021"
    assert g.value(metric, OG.approximate).toPython() is True
    assert g.value(metric, OG.program) == only(g, OG.Program)


def test_same_program_in_two_articles_is_one_node_with_both_mentions() -> None:
    other = "怀化市深化“五个一百”工程,出台《九条措施》,3.6万余名党员干部参与,再次总结。"
    g = graph_of(article(TEXT, "a.txt"), article(other, "b.txt"))
    program = only(g, OG.Program)
    assert len(set(g.objects(program, OG.mentionedIn))) == 2


def test_article_order_does_not_change_the_turtle() -> None:
    a, b = article(TEXT, "a.txt"), article(TEXT + "另一篇。", "b.txt")
    assert serialize_turtle(graph_of(a, b)) == serialize_turtle(graph_of(b, a))


@settings(max_examples=30, deadline=None)
@given(st.text(alphabet="怀化市开展工作会议党员干部。,“”", min_size=0, max_size=30))
def test_turtle_round_trips_to_an_isomorphic_graph(extra: str) -> None:
    g = graph_of(article(TEXT + extra))
    back = Graph().parse(data=serialize_turtle(g), format="turtle")
    assert isomorphic(g, back)


def test_dates_keep_the_precision_stated() -> None:
    assert time_literal("2021-11-17").datatype.endswith("#date")
    assert time_literal("2020-10").datatype.endswith("#gYearMonth")
    assert time_literal("2020").datatype.endswith("#gYear")


def test_units_carry_their_meaning_from_the_controlled_list() -> None:
    g = graph_of(article(TEXT))
    unit = g.value(only(g, OG.Metric), OG.unitConcept)
    assert str(g.value(unit, OG.unitKind)) == "person"
    assert g.value(unit, SKOS.definition) is not None


def test_a_former_name_is_a_hidden_label_of_todays_place_in_its_chain() -> None:
    g = graph_of(extract(source("山西省怀仁县委组织部开展“岗位练兵”活动,全县干部参加。")))
    node = place_iri("140681")  # 怀仁市, called 怀仁县 until 2018
    assert g.value(node, RDFS.label) == Literal("怀仁市", lang="zh-Hans")
    assert set(g.objects(node, SKOS.hiddenLabel)) == {Literal("怀仁县", lang="zh-Hans")}
    chain = [g.value(node, RDFS.label)]
    while (node := g.value(node, OG.partOf)) is not None:
        chain.append(g.value(node, RDFS.label))
    assert [str(n) for n in chain] == ["怀仁市", "朔州市", "山西省"]
    assert not list(g.subjects(SKOS.hiddenLabel, Literal("山西省", lang="zh-Hans")))
    assert violations(g) == []


def test_the_former_name_one_article_uses_stays_whatever_the_order() -> None:
    old = extract(source("山西省怀仁县开展“岗位练兵”活动。", "old.txt"))
    new = extract(source("山西省怀仁市开展“岗位练兵”活动。", "new.txt"))
    for articles in ((old, new), (new, old)):
        g = graph_of(*articles)
        assert set(g.objects(place_iri("140681"), SKOS.hiddenLabel)) == {
            Literal("怀仁县", lang="zh-Hans")
        }
