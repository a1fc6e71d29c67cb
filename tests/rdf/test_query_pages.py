"""Named queries written for the store: the helper triples give the same rows, in the same
order, as the plain patterns they replace; list queries return a page a user can move."""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox
import pytest

from orggraph.errors import QueryError
from orggraph.rdf.query import load_store, named_query, run_query
from orggraph.rdf.sparql_text import bind_params
from tests.conftest import SeedsBuild

# The meaning of places-by-province and program-timeline without helper triples.
PLAIN_PLACES = """
SELECT ?province ?place ?level ?adcode WHERE {
  ?pr a og:Province ; rdfs:label ?prl .
  ?p og:partOf+ ?pr ; rdfs:label ?pl ; a ?cls .
  FILTER (?cls IN (og:Prefecture, og:County, og:Township, og:Village, og:Community))
  OPTIONAL { ?p og:adcode ?code }
  BIND (STR(?prl) AS ?province) BIND (STR(?pl) AS ?place)
  BIND (STRAFTER(STR(?cls), "#") AS ?level) BIND (COALESCE(?code, "") AS ?adcode)
}"""
PLAIN_TIMELINE = """
SELECT ?programName ?placeName (IF(MIN(?year) = "~", "", MIN(?year)) AS ?since)
       (COUNT(DISTINCT ?article) AS ?articles) WHERE {
  ?p a og:Program ; rdfs:label ?prl ; og:implementedBy ?pl . ?pl rdfs:label ?pll .
  ?e og:about ?p ; og:relation og:implementedBy ; og:target ?pl ; og:article ?article .
  OPTIONAL { ?e og:since ?stated }
  BIND (IF(BOUND(?stated), SUBSTR(STR(?stated), 1, 4), "~") AS ?year)
  BIND (STR(?prl) AS ?programName) BIND (STR(?pll) AS ?placeName)
} GROUP BY ?programName ?placeName"""


@pytest.fixture(scope="module")
def store(seeds_build: SeedsBuild) -> ox.Store:
    return load_store(seeds_build.ttl)


def _rows(store: ox.Store, name: str, **params: str) -> list[tuple[str | None, ...]]:
    return list(run_query(store, named_query(name).text, params).rows)


def test_places_by_province_lists_what_the_part_of_chain_gives_in_order(store) -> None:  # type: ignore[no-untyped-def]
    rows = _rows(store, "places-by-province", limit="100000")
    assert rows and sorted(rows) == sorted(run_query(store, PLAIN_PLACES).rows)
    keys = [(r[0], r[3], r[1]) for r in rows]
    assert keys == sorted(keys)


def test_program_timeline_lists_what_the_evidence_gives_in_order(store) -> None:  # type: ignore[no-untyped-def]
    rows = _rows(store, "program-timeline", limit="100000")
    assert rows and sorted(rows) == sorted(run_query(store, PLAIN_TIMELINE).rows)
    keys = [(r[0], r[2], r[1]) for r in rows]
    assert keys == sorted(keys)


def test_place_metrics_are_in_measure_year_value_file_order(store) -> None:  # type: ignore[no-untyped-def]
    rows = _rows(store, "place-metrics", place="怀化市")
    assert len(rows) > 1
    keys = [(r[0], r[3], -Decimal(r[1] or "0"), r[7], r[6]) for r in rows]
    assert keys == sorted(keys)


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("articles", {}),
        ("place-metrics", {"place": "怀化市"}),
        ("places-by-province", {}),
        ("programs-by-place", {}),
        ("program-timeline", {}),
    ],
)
def test_a_page_is_the_slice_of_the_whole_list(store, name: str, params: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    whole = _rows(store, name, limit="100000", **params)
    assert len(whole) >= 3
    assert _rows(store, name, limit="2", offset="1", **params) == whole[1:3]
    assert _rows(store, name, offset=str(len(whole)), **params) == []


def test_a_bound_place_is_applied_before_the_page_is_cut(store) -> None:  # type: ignore[no-untyped-def]
    rows = _rows(store, "programs-by-place", place="怀化市", limit="1")
    assert [r[0] for r in rows] == ["怀化市"]


@pytest.mark.parametrize("bad", ["ten", "-1", "1.5"])
def test_a_page_size_that_is_not_a_whole_number_is_refused(bad: str) -> None:
    with pytest.raises(QueryError, match="whole number"):
        bind_params(named_query("articles").text, {"limit": bad})


def test_a_query_that_declares_no_page_keeps_its_text_and_refuses_limit() -> None:
    text = named_query("link-evidence").text
    with pytest.raises(QueryError, match="no \\?limit"):
        bind_params(text, {"limit": "5"})


def test_the_cli_pages_a_named_query_through_the_store(seeds_build: SeedsBuild) -> None:
    from typer.testing import CliRunner

    from orggraph.cli import app

    def csv_rows(*extra: str) -> list[str]:
        args = ["query", str(seeds_build.out), "--name", "articles", "--format", "csv", *extra]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        return result.stdout.splitlines()[1:]

    whole = csv_rows()
    assert len(whole) == 5
    assert csv_rows("--param", "limit=2", "--param", "offset=3") == whole[3:5]
