"""Atomic writes: a failed write leaves the earlier file whole and no temporary behind."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph

from orggraph.errors import OutputError
from orggraph.outputs.atomic import atomic_path, open_atomic, write_text
from orggraph.outputs.html import render_html
from orggraph.outputs.metrics_csv import write_metrics_csv


def test_write_text_replaces_content(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "graph.ttl"
    write_text(target, "new")
    write_text(target, "newer")
    assert target.read_text(encoding="utf-8") == "newer"
    assert list(target.parent.iterdir()) == [target]


def test_failure_inside_the_block_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "graph.ttl"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), open_atomic(target) as fh:
        fh.write("half")
        raise RuntimeError("boom")
    assert target.read_text(encoding="utf-8") == "old"
    assert list(tmp_path.iterdir()) == [target]


def test_unwritable_folder_is_an_output_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="cannot write"), atomic_path(blocker / "graph.ttl"):
        pass


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_every_writer_gives_0644_under_umask_022(tmp_path: Path, umask_022: None) -> None:
    write_text(tmp_path / "graph.ttl", "x")
    with open_atomic(tmp_path / "report.json") as fh:
        fh.write("{}")
    write_metrics_csv([], tmp_path / "metrics.csv")
    render_html(Graph(), tmp_path / "graph.html")
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in tmp_path.iterdir()}
    assert modes == dict.fromkeys(["graph.ttl", "report.json", "metrics.csv", "graph.html"], 0o644)


def test_the_store_folder_follows_the_umask(tmp_path: Path, umask_022: None) -> None:
    from orggraph.rdf.store import write_store

    turtle = tmp_path / "graph.ttl"
    write_text(turtle, "<https://example.org/a> <https://example.org/p> 1 .\n")
    store = write_store(turtle, tmp_path / "store")
    assert stat.S_IMODE(store.stat().st_mode) == 0o755


def test_a_stricter_umask_is_honoured(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        write_text(tmp_path / "graph.ttl", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "graph.ttl").stat().st_mode) == 0o600


def test_turtle_writes_rdf_type_as_a_only_in_verb_position() -> None:
    from rdflib import RDF, RDFS, Literal, URIRef
    from rdflib.compare import isomorphic

    from orggraph.outputs.turtle import serialize
    from orggraph.rdf.namespace import new_graph

    g = new_graph()
    g.add((RDF.type, RDFS.label, Literal("类别", lang="zh-Hans")))
    g.add((URIRef("https://w3id.org/orggraph/id/x"), RDFS.subPropertyOf, RDF.type))
    g.add((URIRef("https://w3id.org/orggraph/id/x"), RDF.type, RDF.Property))
    text = serialize(g)
    assert isomorphic(Graph().parse(data=text, format="turtle"), g)
