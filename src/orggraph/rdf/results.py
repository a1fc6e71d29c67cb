"""SPARQL results in the W3C formats (JSON, CSV, TSV, XML), written by pyoxigraph.

Values keep their types: an IRI stays an IRI, ``36000.0`` stays an ``xsd:decimal``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import pyoxigraph as ox

from orggraph.errors import QueryError
from orggraph.rdf.query import execute, query_errors

W3C_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "xml": ox.QueryResultsFormat.XML,
}


@dataclass(frozen=True)
class Serialized:
    """W3C results text, and whether rows were left out by the limit."""

    text: str
    truncated: bool = False


def serialize_results(
    store: ox.Store,
    query: str,
    params: Mapping[str, str] | None = None,
    fmt: str = "json",
    *,
    allow_service: bool = False,
) -> str:
    """The query's whole answer as W3C SPARQL results text (SELECT and ASK)."""
    return bounded_results(store, query, params, fmt, allow_service=allow_service).text


def bounded_results(
    store: ox.Store,
    query: str,
    params: Mapping[str, str] | None = None,
    fmt: str = "json",
    *,
    allow_service: bool = False,
    limit: int | None = None,
    timeout: float | None = None,
) -> Serialized:
    """At most ``limit`` rows of the answer, read within ``timeout`` seconds, as W3C results.

    The rows are read one by one, so memory is bounded by the limit; pyoxigraph writes the
    chosen format from the kept rows (as W3C JSON, parsed back into its solutions type).
    """
    deadline = None if timeout is None else time.monotonic() + timeout
    with query_errors():
        result = execute(store, query, params, allow_service=allow_service)
        if isinstance(result, ox.QueryBoolean):
            return Serialized(_text(result.serialize(format=W3C_FORMATS[fmt])))
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            rows, truncated = _rows(result, names, limit, deadline)
            kept = json.dumps({"head": {"vars": names}, "results": {"bindings": rows}})
            solutions = ox.parse_query_results(kept.encode(), format=ox.QueryResultsFormat.JSON)
            return Serialized(_text(solutions.serialize(format=W3C_FORMATS[fmt])), truncated)
    raise QueryError("CONSTRUCT and DESCRIBE print N-Triples; --format applies to SELECT and ASK")


def _text(data: object) -> str:
    return data.decode("utf-8") if isinstance(data, bytes) else str(data)


def _rows(
    solutions: ox.QuerySolutions, names: list[str], limit: int | None, deadline: float | None
) -> tuple[list[dict[str, dict[str, str]]], bool]:
    rows: list[dict[str, dict[str, str]]] = []
    for solution in solutions:
        if limit is not None and len(rows) >= limit:
            return rows, True
        if deadline is not None and time.monotonic() > deadline:
            raise QueryError(f"query timed out after {len(rows)} rows (see --timeout)")
        rows.append(dict(_bindings(solution, names)))
    return rows, False


def _bindings(solution: ox.QuerySolution, names: list[str]) -> Iterator[tuple[str, dict[str, str]]]:
    """W3C JSON bindings of one solution (unbound variables left out)."""
    for name in names:
        term = solution[name]
        if isinstance(term, ox.NamedNode):
            yield name, {"type": "uri", "value": term.value}
        elif isinstance(term, ox.BlankNode):
            yield name, {"type": "bnode", "value": term.value}
        elif isinstance(term, ox.Literal):
            binding = {"type": "literal", "value": term.value}
            if term.language:
                binding["xml:lang"] = term.language
            elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
                binding["datatype"] = term.datatype.value
            yield name, binding
