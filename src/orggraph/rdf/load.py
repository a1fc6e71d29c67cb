"""The one way to read a built graph back from Turtle, with one mapping of parser errors.

``load_graph`` gives an rdflib ``Graph`` (explain, view, eval, validate); ``load_store`` a
pyoxigraph ``Store`` (query). Either raises ``GraphError`` with a one-line reason when the
file is missing or is not Turtle; no parser exception escapes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.exceptions import ParserError

from orggraph.errors import GraphError
from orggraph.rdf.namespace import bind_prefixes

#: What rdflib (BadSyntax is a SyntaxError) and pyoxigraph raise on a file that is not Turtle.
_PARSER_ERRORS = (SyntaxError, ValueError, OSError, ParserError)


@contextmanager
def _reading(path: Path) -> Iterator[None]:
    """Map a missing file and every parser error to GraphError naming the file."""
    if not path.is_file():
        raise GraphError(f"no such graph file: {path}")
    try:
        yield
    except _PARSER_ERRORS as exc:
        raise GraphError(f"cannot read {path} as Turtle: {_reason(exc)}") from exc


def _reason(exc: BaseException) -> str:
    """One line: rdflib puts "at line N of <>:" first and the reason on the next line."""
    lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    if not lines:
        return type(exc).__name__
    if lines[0].endswith(":") and len(lines) > 1:
        return f"{lines[0][:-1].replace(' of <>', '')}: {lines[1].split(' at ^ in:')[0]}"
    return lines[0]


def load_graph(path: Path | str) -> Graph:
    """Parse a Turtle file into an rdflib graph (prefixes as orggraph binds them)."""
    path = Path(path)
    graph = bind_prefixes(Graph(bind_namespaces="none"))
    with _reading(path):
        graph.parse(path, format="turtle")
    return graph


def load_store(path: Path | str) -> ox.Store:
    """Load a Turtle file into an in-memory pyoxigraph store; a build folder opens its store."""
    path = Path(path)
    if path.is_dir():
        from orggraph.rdf.store import open_store

        return open_store(path)
    store = ox.Store()
    with _reading(path):
        store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    return store
