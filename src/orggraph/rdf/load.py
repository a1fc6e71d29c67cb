"""Read a built graph back from Turtle."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from orggraph.errors import GraphError


def load_graph(path: Path) -> Graph:
    """Parse a Turtle file, or raise GraphError with a one-line reason."""
    if not path.is_file():
        raise GraphError(f"no such graph file: {path}")
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many parser-specific types
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise GraphError(f"cannot read {path} as Turtle: {first}") from exc
    return graph
