"""The public API in ``orggraph``: a graph file read by str or Path, queried, explained, checked."""

from __future__ import annotations

from pathlib import Path

import orggraph
from orggraph.rdf.build import build_graph
from orggraph.resolve import resolve
from tests.rdf.test_golden import small_report


def test_load_query_explain_and_validate_a_graph_file(tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    path.write_text(build_graph(resolve([small_report()])).serialize(format="turtle"), "utf-8")
    graph = orggraph.load_graph(str(path))
    assert orggraph.validate(graph) == []
    result = orggraph.query(path, "SELECT ?k WHERE { ?p rdfs:label ?l ; og:kind/skos:notation ?k }")
    assert sorted(row[0] for row in result.rows) == ["activity", "mechanism"]
    assert orggraph.explain(graph, "三联三帮").types == ("Program",)
