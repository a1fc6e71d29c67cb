"""The graph page: projection of the RDF graph, layout, escaping, the written file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import RDF, RDFS, SKOS, Graph, Literal

from orggraph.errors import OutputError
from orggraph.outputs.html import HtmlSummary, render_html
from orggraph.outputs.html.layout import compute_layout
from orggraph.outputs.html.project import node_class, project
from orggraph.outputs.html.render import page_html, safe_json
from orggraph.rdf.build import build_graph
from orggraph.rdf.fragments import article_fragment, corpus_fragment, ontology_fragment
from orggraph.rdf.namespace import OG
from orggraph.rdf.rendered import index_of_fragments
from orggraph.resolve import resolve
from tests.factories import TEXT, article
from tests.html_fixtures import (
    HOSTILE_PROGRAM,
    HOSTILE_QUOTE,
    HOSTILE_TITLE,
    add_evidence,
    iri,
    sample_graph,
)

DATA_BLOCK = re.compile(r'<script type="application/json" id="og-data">(.*?)</script>', re.S)


def page_data(page: str) -> dict:
    match = DATA_BLOCK.search(page)
    assert match is not None
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def projected():
    return project(sample_graph())


@pytest.mark.parametrize(
    ("rdf_type", "expected"),
    [
        (OG.Article, "article"),
        (OG.Province, "place"),
        (OG.Village, "place"),
        (OG.Community, "place"),
        (OG.Program, "program"),
        (OG.PolicyDocument, "document"),
        (OG.Publication, "document"),
        (OG.Metric, "metric"),
        (OG.Evidence, None),
        (OG.Section, None),
    ],
)
def test_node_class_by_type(rdf_type, expected):
    g = Graph()
    g.add((iri("x"), RDF.type, rdf_type))
    found = node_class(g, iri("x"))
    assert (found[0] if found else None) == expected


def test_subclass_wins_over_its_superclass():
    g = Graph()
    g.add((iri("x"), RDF.type, OG.Place))
    g.add((iri("x"), RDF.type, OG.County))
    assert node_class(g, iri("x")) == ("place", OG.County)


def test_projection_has_entities_but_no_evidence(projected):
    classes = sorted(d["cls"] for _, d in projected.nodes(data=True))
    assert classes.count("place") == 5
    assert classes.count("program") == 2
    assert classes.count("document") == 1
    assert classes.count("metric") == 1
    assert classes.count("article") == 2
    assert not any("evidence" in str(n) for n in projected.nodes)


def test_projection_edges_are_object_properties_between_entities(projected):
    g = sample_graph()
    nodes = set(projected.nodes)
    expected = {
        (s, o, p) for s, p, o in g if s in nodes and o in nodes and p != RDF.type and s != o
    }
    assert set(projected.edges(keys=True)) == expected
    assert projected.has_edge(iri("program/1"), iri("place/429005"), key=OG.implementedBy)


def test_projection_labels_prefer_chinese():
    g = Graph()
    g.add((iri("p"), RDF.type, OG.Program))
    g.add((iri("p"), RDFS.label, Literal("Double report", lang="en")))
    g.add((iri("p"), RDFS.label, Literal("双报到", lang="zh-Hans")))
    assert project(g).nodes[iri("p")]["label"] == "双报到"


def test_evidence_is_attached_with_article_title_and_file(projected):
    evidence = projected.nodes[iri("program/1")]["evidence"]
    assert len(evidence) == 2
    assert {e.source_file for e in evidence} == {"000_a.txt"}
    assert {e.article_title for e in evidence} == {"潜江市推进基层治理"}
    relations = [e for e in evidence if e.relation]
    assert len(relations) == 1
    assert relations[0].relation.startswith("实施地")
    assert relations[0].target == "潜江市"


def test_facts_show_literals_and_kind_not_bookkeeping(projected):
    facts = dict(map(tuple, projected.nodes[iri("place/429005")]["facts"]))
    assert facts["行政区划代码 administrative division code"] == "429005"  # ontology labels
    assert "纬度 latitude" in facts
    program = dict(map(tuple, projected.nodes[iri("program/1")]["facts"]))
    assert "类型 kind" in program


def test_layout_places_every_node_and_groups_by_province(projected):
    layout = compute_layout(projected)
    assert set(layout.positions) == set(projected.nodes)
    hubei = str(iri("place/420000"))
    assert layout.group_of[iri("place/429005001")] == hubei
    assert layout.group_of[iri("program/1")] == hubei
    assert layout.group_of[iri("place/330100")] == str(iri("place/330000"))
    assert {g.label for g in layout.groups} == {"湖北省", "浙江省"}
    for group in layout.groups:
        inside = [n for n, key in layout.group_of.items() if key == group.key]
        for node in inside:
            x, y = layout.positions[node]
            assert (x - group.x) ** 2 + (y - group.y) ** 2 <= group.radius**2


def test_metric_is_anchored_to_its_place(projected):
    assert compute_layout(projected).anchor_of[iri("metric/1")] == iri("place/429005")


@given(st.text())
def test_safe_json_round_trips_and_cannot_close_a_script(text):
    encoded = safe_json({"label": text, "list": [text]})
    assert not set(encoded) & set("<>&\u2028\u2029")
    assert json.loads(encoded) == {"label": text, "list": [text]}


def test_page_is_self_contained():
    page, _, _ = page_html(sample_graph())
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert not re.search(r"@import|url\(\s*['\"]?https?:", page)
    assert "Content-Security-Policy" in page


def test_hostile_text_stays_inside_the_data_block():
    page, _, _ = page_html(sample_graph(hostile=True), title=HOSTILE_TITLE)
    assert page.count("</script>") == 6  # data, vis-network, common, app, views, places
    assert HOSTILE_PROGRAM not in page
    assert "<title>&lt;script&gt;" in page
    labels = {d["label"] for d in page_data(page)["details"]}
    assert {HOSTILE_PROGRAM, HOSTILE_TITLE} <= labels
    quotes = {e["quote"] for d in page_data(page)["details"] for e in d["evidence"]}
    assert HOSTILE_QUOTE in quotes


def test_render_writes_counts_of_the_projection(tmp_path: Path, projected):
    out = tmp_path / "sub" / "graph.html"
    summary = render_html(sample_graph(), out, title="测试")
    assert summary == HtmlSummary(out, projected.number_of_nodes(), projected.number_of_edges())
    data = page_data(out.read_text(encoding="utf-8"))
    assert (len(data["nodes"]), len(data["edges"])) == (summary.nodes, summary.edges)
    assert [p.name for p in out.parent.iterdir()] == ["graph.html"]


def test_render_replaces_an_existing_page(tmp_path: Path):
    out = tmp_path / "graph.html"
    out.write_text("old", encoding="utf-8")
    render_html(sample_graph(), out)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_render_to_an_unwritable_place_is_an_output_error(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError):
        render_html(sample_graph(), blocker / "graph.html")


def test_render_is_deterministic():
    assert page_html(sample_graph())[0] == page_html(sample_graph())[0]


def test_large_graph_opens_on_places_only():
    g = Graph()
    for i in range(1600):
        g.add((iri(f"program/{i}"), RDF.type, OG.Program))
        g.add((iri(f"program/{i}"), RDFS.label, Literal(f"工程{i}", lang="zh-Hans")))
    data = page_data(page_html(g)[0])
    assert data["large"] is True
    assert data["options"]["physics"]["enabled"] is False


def test_empty_graph_renders_an_empty_page(tmp_path: Path):
    summary = render_html(Graph(), tmp_path / "empty.html")
    assert (summary.nodes, summary.edges) == (0, 0)
    assert page_data((tmp_path / "empty.html").read_text(encoding="utf-8"))["nodes"] == []


def test_the_page_of_the_fragments_index_is_the_page_of_the_graph():
    # A build gives the page an index read from the graph's fragments, in any order.
    corpus = resolve(
        [article(TEXT, "a.txt"), article(TEXT + "另有一项。", "b.txt", program="一百")]
    )
    parts = [ontology_fragment(), corpus_fragment(corpus)]
    parts += [article_fragment(a) for a in corpus.articles]
    texts = {a.source.sha256: a.source.original for a in corpus.articles}
    page = page_html(build_graph(corpus), texts=texts)[0]
    assert len(page_data(page)["nodes"]) > 5
    assert page_html(index_of_fragments(parts), texts=texts)[0] == page
    assert page_html(index_of_fragments(parts[::-1]), texts=texts)[0] == page


def _two_places_in_one_sentence(step: int) -> Graph:
    """The sample, with one sentence stating that a program runs in two places (two evidence
    nodes alike but for their target) and two alternative names, added in ``step`` order."""
    g = sample_graph()
    program, art = iri("program/1"), iri("article/000")
    quote = "潜江市和园林街道都推行“双报到双服务”。"
    places = (("t1", iri("place/429005")), ("t2", iri("place/429005001")))
    for key, place in places[::step]:
        add_evidence(g, key, program, art, quote, (OG.implementedBy, place))
    for name in ("双报到", "双服务工作法")[::step]:
        g.add((program, SKOS.altLabel, Literal(name, lang="zh-Hans")))
    return g


def test_the_page_does_not_depend_on_the_order_of_the_triples():
    page = page_html(_two_places_in_one_sentence(1))[0]
    assert "园林街道" in json.dumps(page_data(page)["details"], ensure_ascii=False)
    assert page_html(_two_places_in_one_sentence(-1))[0] == page
