"""orggraph serve: a real server process answering the SPARQL 1.1 Protocol, read-only."""

from __future__ import annotations

import json
import signal
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest

from orggraph.rdf.query import named_queries
from tests.conftest import SeedsBuild
from tests.servers import free_port, orggraph, start, stop

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s a og:Program }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def server(seeds_build: SeedsBuild) -> Iterator[str]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    args = orggraph("serve", str(seeds_build.out), "--port", str(port), "--timeout", "3")
    proc = start(args, base + "/queries")
    yield base
    assert stop(proc) == 0


def get(url: str, accept: str = "*/*") -> tuple[int, str, str]:
    request = urllib.request.Request(url, headers={"Accept": accept})
    return _open(request)


def post(url: str, body: bytes, ctype: str, accept: str = "*/*") -> tuple[int, str, str]:
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": ctype, "Accept": accept}
    )
    return _open(request)


def _open(request: urllib.request.Request) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(request, timeout=60) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read().decode()


def programs(seeds_graph) -> int:  # type: ignore[no-untyped-def]
    from rdflib import RDF, URIRef

    og_program = URIRef("https://w3id.org/orggraph/ontology#Program")
    return len(set(seeds_graph.subjects(RDF.type, og_program)))


def test_get_answers_sparql_json(server: str, seeds_graph) -> None:  # type: ignore[no-untyped-def]
    status, ctype, body = get(f"{server}/query?" + urllib.parse.urlencode({"query": COUNT}))
    assert status == 200 and ctype.startswith("application/sparql-results+json")
    n = json.loads(body)["results"]["bindings"][0]["n"]["value"]
    assert int(n) == programs(seeds_graph) > 0


def test_post_form_and_direct_body_negotiate_csv(server: str, seeds_graph) -> None:  # type: ignore[no-untyped-def]
    form = urllib.parse.urlencode({"query": COUNT}).encode()
    for body, ctype in (
        (form, "application/x-www-form-urlencoded"),
        (COUNT.encode(), "application/sparql-query"),
    ):
        status, rtype, text = post(f"{server}/query", body, ctype, accept="text/csv")
        assert status == 200 and rtype.startswith("text/csv")
        assert text.split() == ["n", str(programs(seeds_graph))]


def test_construct_answers_turtle_or_ntriples(server: str) -> None:
    query = "CONSTRUCT { ?p a og:Program } WHERE { ?p a og:Program } LIMIT 3"
    url = f"{server}/query?" + urllib.parse.urlencode({"query": query})
    status, ctype, body = get(url, accept="application/n-triples")
    assert status == 200 and ctype.startswith("application/n-triples")
    assert len(body.strip().splitlines()) == 3
    assert get(url, accept="image/png")[0] == 406


def test_updates_are_refused_and_change_nothing(server: str) -> None:
    update = "INSERT DATA { <urn:x> <urn:y> <urn:z> }"
    assert post(f"{server}/query", update.encode(), "application/sparql-update")[0] == 403
    form = urllib.parse.urlencode({"update": update}).encode()
    assert post(f"{server}/query", form, "application/x-www-form-urlencoded")[0] == 403
    assert post(f"{server}/query", update.encode(), "application/sparql-query")[0] == 400
    ask = urllib.parse.urlencode({"query": "ASK { <urn:x> ?p ?o }"})
    assert json.loads(get(f"{server}/query?{ask}")[2])["boolean"] is False


def test_malformed_query_is_a_400(server: str) -> None:
    status, _, body = get(f"{server}/query?" + urllib.parse.urlencode({"query": "SELEC ?x"}))
    assert status == 400 and "malformed" in body


def test_a_query_over_the_time_limit_is_a_503(server: str) -> None:
    status, _, body = get(f"{server}/query?" + urllib.parse.urlencode({"query": SLOW}))
    assert status == 503 and "timed out" in body


def test_named_queries_page_and_cors(server: str) -> None:
    status, _, body = get(f"{server}/queries")
    assert [q["name"] for q in json.loads(body)] == list(named_queries())
    status, ctype, page = get(f"{server}/")
    assert status == 200 and ctype.startswith("text/html")
    assert "http://" not in page and "https://" not in page  # works offline
    assert 'src="assets/yasgui.min.js"' in page
    status, ctype, script = get(f"{server}/assets/yasgui.min.js")
    assert status == 200 and ctype.startswith("text/javascript") and "Yasgui" in script
    status, ctype, _ = get(f"{server}/assets/yasgui.min.css")
    assert status == 200 and ctype.startswith("text/css")
    assert get(f"{server}/assets/../serve.py")[0] == 404
    request = urllib.request.Request(
        f"{server}/query",
        method="OPTIONS",
        headers={"Origin": "http://example.org", "Access-Control-Request-Method": "POST"},
    )
    with urllib.request.urlopen(request, timeout=30) as resp:
        assert resp.headers["Access-Control-Allow-Origin"] == "*"


def test_sigint_stops_the_server_cleanly(seeds_build: SeedsBuild) -> None:
    port = free_port()
    proc = start(
        orggraph("serve", str(seeds_build.out), "--port", str(port)),
        f"http://127.0.0.1:{port}/queries",
    )
    assert stop(proc, signal.SIGINT) == 0


def test_serving_a_folder_without_a_store_fails_in_one_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import subprocess

    done = subprocess.run(
        orggraph("serve", str(tmp_path)), capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 3
    assert "no store" in done.stderr and "Traceback" not in done.stderr
