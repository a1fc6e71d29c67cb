"""Named-query parameters are checked; W3C results formats; shipped .rq files are portable."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from orggraph.errors import NotFoundError, QueryError
from orggraph.rdf.params import check_names, check_values, suggestions
from orggraph.rdf.query import named_queries, named_query
from orggraph.rdf.results import W3C_FORMATS, serialize_results
from orggraph.rdf.sparql_text import PAGING, bind_params
from tests.conftest import SeedsBuild


@pytest.fixture(scope="module")
def store(seeds_build: SeedsBuild) -> ox.Store:
    store = ox.Store()
    store.load(path=str(seeds_build.ttl), format=ox.RdfFormat.TURTLE)
    return store


def test_every_shipped_query_runs_without_predefined_prefixes(store: ox.Store) -> None:
    for query in named_queries().values():
        for name in query.params:
            assert f"?{name}" in query.text or name in PAGING
        params = {"place": "怀化市", "program": "四支队伍集村部", "limit": "5", "offset": "0"}
        text = query.text
        if query.params:
            text = bind_params(text, {p: params[p] for p in query.params})
        store.query(text)  # no prefixes= argument: a SyntaxError if one is undeclared


def test_missing_required_and_unknown_parameters_name_the_known_ones() -> None:
    q = named_query("place-metrics")
    with pytest.raises(QueryError, match=r"needs --param place=.*parameters: place"):
        check_names(q.name, q.params, q.text, {})
    with pytest.raises(QueryError, match=r"no parameter 'plac'; did you mean place\?"):
        check_names(q.name, q.params, q.text, {"plac": "怀化市"})
    check_names(q.name, q.params, q.text, {"place": "怀化市"})


def test_a_value_matching_nothing_suggests_labels(store: ox.Store) -> None:
    with pytest.raises(NotFoundError, match=r"place=怀化 matches nothing.*did you mean 怀化市\?"):
        check_values(store, {"place": "怀化"})
    check_values(store, {"place": "怀化市"})


def test_query_names_get_suggestions() -> None:
    with pytest.raises(NotFoundError, match="did you mean place-metrics"):
        named_query("place-metric")
    assert suggestions("abc", ["xyz"]) == []


def test_json_is_w3c_sparql_results_with_types(store: ox.Store) -> None:
    text = serialize_results(store, named_query("place-metrics").text, {"place": "怀化市"}, "json")
    data = json.loads(text)
    assert set(data) == {"head", "results"}
    variables = data["head"]["vars"]
    assert "value" in variables
    bindings = data["results"]["bindings"]
    assert bindings and all(set(b) <= set(variables) for b in bindings)
    assert all(v["type"] in {"uri", "literal", "bnode"} for b in bindings for v in b.values())
    assert bindings[0]["value"]["datatype"].endswith("#decimal")
    parsed = ox.parse_query_results(text, format=ox.QueryResultsFormat.JSON)
    assert len(list(parsed)) == len(bindings)


@pytest.mark.parametrize("fmt", ["tsv", "xml"])
def test_typed_w3c_formats_parse_back(store: ox.Store, fmt: str) -> None:
    text = serialize_results(store, "SELECT ?p WHERE { ?p a og:Program } LIMIT 3", None, fmt)
    assert len(list(ox.parse_query_results(text, format=W3C_FORMATS[fmt]))) == 3


def test_csv_is_w3c_csv(store: ox.Store) -> None:
    text = serialize_results(store, "SELECT ?p WHERE { ?p a og:Program } LIMIT 3", None, "csv")
    lines = text.splitlines()
    assert lines[0] == "p" and all(line.startswith("https://w3id.org/") for line in lines[1:])


def _one_line_error(*args: str) -> tuple[int, str]:
    from typer.testing import CliRunner

    from orggraph.cli import app

    result = CliRunner().invoke(app, list(args))
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), result.stderr
    return result.exit_code, lines[0]


def test_cli_place_metrics_without_or_with_a_short_place(seeds_build: SeedsBuild) -> None:
    graph = str(seeds_build.ttl)
    code, line = _one_line_error("query", graph, "--name", "place-metrics")
    assert code == 4 and "--param place=" in line
    code, line = _one_line_error("query", graph, "-n", "place-metrics", "-p", "place=怀化")
    assert code == 5 and "did you mean 怀化市" in line


def test_cli_query_list_needs_no_graph() -> None:
    from typer.testing import CliRunner

    from orggraph.cli import app

    result = CliRunner().invoke(app, ["query", "--list"])
    assert result.exit_code == 0 and "place-metrics:" in result.stdout


def test_cli_explain_json(seeds_build: SeedsBuild) -> None:
    from typer.testing import CliRunner

    from orggraph.cli import app

    result = CliRunner().invoke(app, ["explain", str(seeds_build.ttl), "潜江市", "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["label"] == "潜江市" and data["iri"].endswith("/place/429005")
