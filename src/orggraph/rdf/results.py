"""SPARQL results in the W3C formats (JSON, CSV, TSV, XML), written by pyoxigraph.

Values keep their types: an IRI stays an IRI, ``36000.0`` stays an ``xsd:decimal``.
"""

from __future__ import annotations

from collections.abc import Mapping

import pyoxigraph as ox

from orggraph.errors import QueryError
from orggraph.rdf.query import execute, query_errors

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
    with query_errors():
        result = execute(store, query, params, allow_service=allow_service)
        if isinstance(result, ox.QuerySolutions | ox.QueryBoolean):
            data = result.serialize(format=W3C_FORMATS[fmt])
            return data.decode("utf-8") if isinstance(data, bytes) else str(data)
    raise QueryError("CONSTRUCT and DESCRIBE print N-Triples; --format applies to SELECT and ASK")
