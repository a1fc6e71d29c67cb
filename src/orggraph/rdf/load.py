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
        text = str(exc).strip()
        first = text.splitlines()[0] if text else type(exc).__name__
        raise GraphError(f"cannot read {path} as Turtle: {first}") from exc


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
