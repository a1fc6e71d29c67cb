"""Exports other tools read: GEXF/GraphML (networkx readers), JSON-LD round trip, CSV lists."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from orggraph.errors import OutputError
from orggraph.outputs.html.project import project
from orggraph.outputs.interchange import export_graph, jsonld_context
from orggraph.rdf.namespace import PREFIXES
from tests.conftest import SeedsBuild


@pytest.fixture(scope="module")
def graph(seeds_build: SeedsBuild) -> Graph:
    return seeds_build.graph()


def test_gexf_opens_in_networkx_with_the_page_counts(graph: Graph, tmp_path: Path) -> None:
    (path,) = export_graph(graph, "gexf", tmp_path / "g.gexf")
    read = nx.read_gexf(path)
    page = project(graph)
    assert read.number_of_nodes() == page.number_of_nodes()
    assert read.number_of_edges() == page.number_of_edges()
    place = next(n for n, d in read.nodes(data=True) if d.get("label") == "怀化市")
    assert read.nodes[place]["adcode"] == "431200"
    assert isinstance(read.nodes[place]["lat"], float)


def test_graphml_opens_in_networkx(graph: Graph, tmp_path: Path) -> None:
    (path,) = export_graph(graph, "graphml", tmp_path / "g.graphml")
    read = nx.read_graphml(path)
    assert read.number_of_edges() == project(graph).number_of_edges()


def test_jsonld_round_trips_to_an_isomorphic_graph(graph: Graph, tmp_path: Path) -> None:
    (path,) = export_graph(graph, "jsonld", tmp_path / "g.jsonld")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["@context"] == jsonld_context()
    assert isomorphic(Graph().parse(path, format="json-ld"), graph)


def test_shipped_context_names_the_prefix_table() -> None:
    assert jsonld_context() == PREFIXES


def test_csv_node_and_edge_lists(graph: Graph, tmp_path: Path) -> None:
    nodes, edges = export_graph(graph, "csv", tmp_path / "g.csv")
    assert len(pd.read_csv(nodes)) == project(graph).number_of_nodes()
    assert len(pd.read_csv(edges)) == project(graph).number_of_edges()


def test_unknown_format_is_an_output_error(graph: Graph, tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="gexf"):
        export_graph(graph, "xlsx", tmp_path / "g.xlsx")
