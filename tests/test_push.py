"""orggraph push into a real Oxigraph server (the `oxigraph` package's CLI) on loopback."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from orggraph.errors import PushError
from orggraph.push import push, target_url
from orggraph.rdf.query import load_store, named_query, run_query
from tests.conftest import SeedsBuild
from tests.servers import free_port, orggraph, start, stop

GRAPH = "https://example.org/orggraph/seeds"


def oxigraph_cli() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    assert Path(found).exists(), "the oxigraph CLI is a dev dependency (uv sync)"
    return found


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    args = [oxigraph_cli(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    base = f"http://127.0.0.1:{port}"
    proc = start(args, base + "/query?query=ASK%7B%7D")
    yield base
    stop(proc)


def sparql_csv(base: str, query: str) -> list[list[str]]:
    url = f"{base}/query?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=60) as resp:
        return list(csv.reader(io.StringIO(resp.read().decode("utf-8"))))[1:]


def test_push_twice_leaves_the_graph_once(
    oxigraph_server: str, seeds_build: SeedsBuild, seeds_graph
) -> None:  # type: ignore[no-untyped-def]
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"
    for _ in range(2):
        result = push(seeds_build.out, f"{oxigraph_server}/store", GRAPH)
        assert result.status in (200, 201, 204)
        assert sparql_csv(oxigraph_server, count) == [[str(len(seeds_graph))]]


def test_pushed_graph_answers_shared_programs_as_the_build_does(
    oxigraph_server: str, seeds_build: SeedsBuild
) -> None:
    text = named_query("shared-programs").text
    expected = [list(row) for row in run_query(load_store(seeds_build.out), text).rows]
    assert expected
    for _ in range(2):
        done = subprocess.run(
            orggraph("push", str(seeds_build.out), "--endpoint", f"{oxigraph_server}/store"),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        assert sparql_csv(oxigraph_server, text) == expected


def test_target_url_names_the_graph_or_the_default() -> None:
    assert target_url("http://h:1/store", None) == "http://h:1/store?default"
    assert target_url("http://h:1/store", "urn:g") == "http://h:1/store?graph=urn%3Ag"
    with pytest.raises(PushError):
        target_url("ftp://h/store", None)


def test_unreachable_endpoint_is_a_push_error(seeds_build: SeedsBuild) -> None:
    with pytest.raises(PushError, match="cannot reach"):
        push(seeds_build.out, f"http://127.0.0.1:{free_port()}/store")
