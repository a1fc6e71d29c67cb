"""orggraph: RDF knowledge graphs from Chinese reports on local Party organizational work."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["__version__", "explain", "load_graph", "load_pipeline", "query", "validate"]

if TYPE_CHECKING:
    from os import PathLike

    from rdflib import Graph
    from spacy.language import Language

    from orggraph.outputs.explanation import Explanation
    from orggraph.rdf.query import QueryResult


def load_pipeline(config: Any = None, disable: Any = ()) -> Language:
    """The extraction pipeline (see ``orggraph.pipeline.load_pipeline``); spaCy loads lazily."""
    from orggraph.pipeline import load_pipeline as load

    return load(config, disable)


def load_graph(path: str | PathLike[str]) -> Graph:
    """A built graph read from Turtle (``GraphError`` with one line if it cannot be)."""
    from pathlib import Path

    from orggraph.rdf.load import load_graph as load

    return load(Path(path))


def query(
    path: str | PathLike[str], sparql: str, params: dict[str, str] | None = None
) -> QueryResult:
    """Run SPARQL over a built graph file; ``params`` bind variables to plain literals."""
    from pathlib import Path

    from orggraph.rdf.query import load_store, run_query

    return run_query(load_store(Path(path)), sparql, params)


def explain(graph: Graph, name_or_iri: str) -> Explanation:
    """What the graph states about one entity, each fact with the sentences stating it."""
    from orggraph.outputs.explain import explain as run

    return run(graph, name_or_iri)


def validate(graph: Graph) -> list[str]:
    """The graph's SHACL violations against the ontology's shapes, one line each ([] if none)."""
    from orggraph.rdf.validate import violations

    return violations(graph)
