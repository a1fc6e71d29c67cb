"""SPARQL results in the W3C formats (JSON, CSV, TSV, XML), written by pyoxigraph.

Values keep their types: an IRI stays an IRI, ``36000.0`` stays an ``xsd:decimal``.
"""

from __future__ import annotations

from collections.abc import Mapping

import pyoxigraph as ox

from orggraph.errors import QueryError
from orggraph.rdf.namespace import PREFIXES
from orggraph.rdf.sparql_text import bind_params, uses_service

W3C_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "xml": ox.QueryResultsFormat.XML,
}


def serialize_results(
    store: ox.Store,
    query: str,
    params: Mapping[str, str] | None = None,
    fmt: str = "json",
    *,
    allow_service: bool = False,
) -> str:
    """The query's answer as W3C SPARQL results text (SELECT and ASK)."""
    if not allow_service and uses_service(query):
        raise QueryError(
            "the query uses SERVICE, a request to another host; pass --allow-service to run it"
        )
    try:
        result = store.query(bind_params(query, params or {}), prefixes=PREFIXES)
        if isinstance(result, ox.QuerySolutions | ox.QueryBoolean):
            data = result.serialize(format=W3C_FORMATS[fmt])
            return data.decode("utf-8") if isinstance(data, bytes) else str(data)
    except SyntaxError as exc:
        first = str(exc).splitlines()[0] if str(exc) else "syntax error"
        raise QueryError(f"malformed SPARQL query: {first}") from exc
    except (OSError, ValueError, TypeError, RuntimeError) as exc:
        first = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else type(exc).__name__
        raise QueryError(f"query failed: {first}") from exc
    raise QueryError("CONSTRUCT and DESCRIBE print N-Triples; --format applies to SELECT and ASK")
