"""SPARQL over a built graph: every named query runs on the seeds, errors are typed."""

from __future__ import annotations

import json

import pytest

from orggraph.errors import GraphError, NotFoundError, QueryError
from orggraph.rdf.query import (
    format_result,
    load_store,
    named_queries,
    named_query,
    run_query,
)
from orggraph.records import ProgramKind
from tests.conftest import SEEDS, SeedsBuild

# name → (params, a value that must appear in some row)
NAMED_CASES = {
    "articles": ({}, "003_ca8c1ac84218663f.txt"),
    "programs-by-place": ({"place": "怀化市"}, "四支队伍集村部"),
    "shared-programs": ({}, "一村多名大学生计划"),
    "place-metrics": ({"place": "呼和浩特市"}, "12000"),
    "documents-by-place": ({"place": "呼和浩特市"}, "PolicyDocument"),
    "places-by-province": ({}, "怀仁市"),
    "link-evidence": ({"program": "四支队伍集村部", "place": "怀化市"}, "000_793074010ad9b4f2.txt"),
    "program-timeline": ({"program": "一村多名大学生计划"}, "2020"),
}


@pytest.fixture(scope="module")
def store(seeds_build: SeedsBuild):  # type: ignore[no-untyped-def]
    return load_store(seeds_build.ttl)


def test_every_shipped_query_has_a_case() -> None:
    assert set(named_queries()) == set(NAMED_CASES)


@pytest.mark.parametrize("name", sorted(NAMED_CASES))
def test_named_query_finds_expected_row(store, name: str) -> None:  # type: ignore[no-untyped-def]
    params, expected = NAMED_CASES[name]
    result = run_query(store, named_query(name).text, params)
    cells = {cell for row in result.rows for cell in row if cell}
    assert any(expected in cell for cell in cells), (name, result.rows[:5])


@pytest.mark.parametrize(
    ("program", "places"),
    [("一村多名大学生计划", "仙桃市、十堰市、孝感市"), ("红色物业", "呼和浩特市、怀化市")],
)
def test_shared_programs_lists_every_implementing_place(store, program: str, places: str) -> None:  # type: ignore[no-untyped-def]
    result = run_query(store, named_query("shared-programs").text)
    rows = {row[0]: row[2] for row in result.rows}
    assert rows.get(program) == places


def test_place_metrics_are_sorted_by_measure_then_year(store) -> None:  # type: ignore[no-untyped-def]
    result = run_query(store, named_query("place-metrics").text, {"place": "怀化市"})
    keys = [(row[0], row[3]) for row in result.rows]
    assert keys == sorted(keys)


def test_link_evidence_offsets_cut_the_quote_from_the_original_file(store) -> None:  # type: ignore[no-untyped-def]
    params = {"program": "四支队伍集村部", "place": "怀化市"}
    result = run_query(store, named_query("link-evidence").text, params)
    assert result.rows
    for file, start, end, quote, _rule in result.rows:
        original = (SEEDS / str(file)).read_text(encoding="utf-8")
        assert original[int(start or 0) : int(end or 0)] == quote
        assert "四支队伍集村部" in str(quote)


def test_ask_and_construct(store) -> None:  # type: ignore[no-untyped-def]
    assert run_query(store, "ASK { ?a a og:Article }").boolean is True
    triples = run_query(store, "CONSTRUCT { ?a a og:Article } WHERE { ?a a og:Article }").triples
    assert triples is not None and len(triples) == 5


@pytest.mark.parametrize("bad", ["SELECT ?x WHERE { ?x", "SELEKT * {}", "PREFIX : <x> SELECT"])
def test_malformed_query_is_a_query_error(store, bad: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(QueryError, match="malformed SPARQL"):
        run_query(store, bad)


def test_unknown_named_query_names_the_known_ones() -> None:
    with pytest.raises(NotFoundError, match="shared-programs"):
        named_query("no-such-query")


def test_graph_that_is_not_turtle_is_a_graph_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is { not turtle", encoding="utf-8")
    with pytest.raises(GraphError, match="cannot read"):
        load_store(bad)


def test_formats(store) -> None:  # type: ignore[no-untyped-def]
    result = run_query(store, named_query("articles").text)
    table = format_result(result, "table").splitlines()
    assert table[0].split()[0] == "file" and table[-1] == "(5 rows)"
    csv_lines = format_result(result, "csv").splitlines()
    assert csv_lines[0].startswith("file,title") and len(csv_lines) == 6
    rows = json.loads(format_result(result, "json"))
    assert len(rows) == 5 and set(rows[0]) == set(result.variables)


def test_programs_by_place_fills_the_kind_column(store) -> None:  # type: ignore[no-untyped-def]
    result = run_query(store, named_query("programs-by-place").text)
    kinds = {row[result.variables.index("kind")] for row in result.rows}
    assert result.rows and "" not in kinds and None not in kinds
    assert kinds <= {k.value for k in ProgramKind}
