"""Time in the graph: since-years on program links, year rules, repeated figures, the timeline."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from orggraph.build import graph_of_inputs
from orggraph.rdf.namespace import OG
from orggraph.rdf.query import load_store, named_query, run_query

ARTICLES = {
    "a.txt": (
        "标题:某县推进网格治理\n发布时间:2023-05-06\n"
        "2019年以来,湖北省潜江市推行“网格议事”工作法,全市建成议事点120个。\n"
        "今年,潜江市新建议事点30个。全市新建议事点30个,群众满意。\n"
    ),
    "b.txt": (
        "标题:某市经验\n发布时间:2022-03-01\n"
        "2021年,湖北省十堰市推行“网格议事”工作法,建成议事点40个。\n"
    ),
}


def _graph(tmp_path: Path) -> Graph:
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return graph_of_inputs([tmp_path])


def test_program_links_carry_the_year_stated_and_the_timeline_lists_it(tmp_path: Path) -> None:
    g = _graph(tmp_path)
    since = {
        str(o) for e in g.subjects(OG.relation, OG.implementedBy) for o in g.objects(e, OG.since)
    }
    assert {"2019", "2021"} <= since
    ttl = tmp_path / "g.ttl"
    g.serialize(ttl, format="turtle")
    result = run_query(
        load_store(ttl), named_query("program-timeline").text, {"program": "网格议事"}
    )
    rows = {(row[1], row[2]) for row in result.rows}
    assert ("潜江市", "2019") in rows and ("十堰市", "2021") in rows


def test_metric_years_record_their_rule_and_relative_years_use_the_publication_date(
    tmp_path: Path,
) -> None:
    g = _graph(tmp_path)
    years = {
        str(g.value(m, OG.text)): (str(g.value(m, OG.year)), str(g.value(m, OG.since)))
        for m in g.subjects(OG.value, None)
    }
    assert years["120个"] == ("2019", "2019")
    assert years["40个"][0] == "2021"
    rules = {str(r) for r in g.objects(None, OG.yearRule)}
    assert "year.sentence" in rules


def test_a_figure_repeated_in_one_article_is_linked_not_merged(tmp_path: Path) -> None:
    g = _graph(tmp_path)
    repeats = [(a, b) for a, b in g.subject_objects(OG.sameFigureAs)]
    assert len(repeats) == 2  # 30个 twice, linked both ways
    assert all(str(g.value(a, OG.text)) == "30个" for a, _ in repeats)
