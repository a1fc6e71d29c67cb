"""SPARQL over a built graph with pyoxigraph; named queries ship as ``.rq`` files in the package."""

from __future__ import annotations

import csv
import io
import json
import re
import time
import typing
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.resources import files

import pyoxigraph as ox

from orggraph.errors import NotFoundError, QueryError
from orggraph.rdf.load import load_store
from orggraph.rdf.namespace import PREFIXES
from orggraph.rdf.sparql_text import bind_params, uses_service

__all__ = [
    "FORMATS",
    "PREFIXES",
    "NamedQuery",
    "QueryResult",
    "bind_params",
    "load_store",
    "named_query",
    "run_query",
]
_Row = typing.TypeVar("_Row")

FORMATS = ("table", "csv", "json")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class QueryResult:
    """A SELECT table, an ASK answer, or CONSTRUCT/DESCRIBE triples as N-Triples lines."""

    variables: tuple[str, ...] = ()
    rows: tuple[tuple[str | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[str, ...] | None = None
    truncated: bool = False  # more rows than the limit


def _parse_named(name: str, text: str) -> NamedQuery:
    description = " ".join(
        line[1:].strip()
        for line in text.splitlines()
        if line.startswith("#") and not line.startswith("# param:")
    )
    params = tuple(re.findall(r"^# param:\s*(\w+)", text, flags=re.M))
    return NamedQuery(name, description, params, text)


def named_queries() -> dict[str, NamedQuery]:
    """The queries shipped with orggraph, by name."""
    folder = files("orggraph.rdf") / "queries"
    return {
        entry.name[:-3]: _parse_named(entry.name[:-3], entry.read_text(encoding="utf-8"))
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".rq")
    }


def named_query(name: str) -> NamedQuery:
    queries = named_queries()
    if name not in queries:
        from orggraph.rdf.params import did_you_mean

        hint = did_you_mean(name, queries)
        raise NotFoundError(f"no named query {name!r}{hint} (known: {', '.join(queries)})")
    return queries[name]


def _term_text(term: object) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    return str(term)


DEFAULT_LIMIT = 100_000  # rows a query returns unless told otherwise
DEFAULT_TIMEOUT = 300.0  # seconds


@contextmanager
def query_errors() -> Iterator[None]:
    """pyoxigraph's errors while a query runs, as one-line ``QueryError``s."""
    try:
        yield
    except SyntaxError as exc:
        first = str(exc).splitlines()[0] if str(exc) else "syntax error"
        raise QueryError(f"malformed SPARQL query: {first}") from exc
    except (OSError, ValueError, TypeError, RuntimeError) as exc:
        first = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else type(exc).__name__
        raise QueryError(f"query failed: {first}") from exc


def execute(
    store: ox.Store,
    query: str,
    params: Mapping[str, str] | None = None,
    *,
    allow_service: bool = False,
) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """Bind ``params`` and run ``query``; ``SERVICE`` is refused unless ``allow_service``."""
    if not allow_service and uses_service(query):
        raise QueryError(
            "the query uses SERVICE, a request to another host; pass --allow-service to run it"
        )
    return store.query(bind_params(query, params or {}), prefixes=PREFIXES)


def run_query(
    store: ox.Store,
    query: str,
    params: Mapping[str, str] | None = None,
    *,
    allow_service: bool = False,
    limit: int | None = None,
    timeout: float | None = None,
) -> QueryResult:
    """Run a SPARQL query; ``params`` bind variables (``?place`` ← "怀化市") to plain literals.

    ``SERVICE`` (a request to another host) is refused unless ``allow_service``. At most
    ``limit`` rows are kept (``truncated`` says when more were left); ``timeout`` (seconds)
    bounds the time spent reading results.
    """
    deadline = None if timeout is None else time.monotonic() + timeout
    with query_errors():
        result = execute(store, query, params, allow_service=allow_service)
        if isinstance(result, ox.QueryBoolean):
            return QueryResult(boolean=bool(result))
        if isinstance(result, ox.QuerySolutions):
            variables = tuple(v.value for v in result.variables)
            rows, truncated = _take(
                (tuple(_term_text(sol[v]) for v in variables) for sol in result), limit, deadline
            )
            return QueryResult(variables=variables, rows=rows, truncated=truncated)
        triples, truncated = _take((str(t) + " ." for t in result), limit, deadline)
        return QueryResult(triples=tuple(sorted(triples)), truncated=truncated)


def _take(
    items: Iterator[_Row], limit: int | None, deadline: float | None
) -> tuple[tuple[_Row, ...], bool]:
    """At most ``limit`` items, read before ``deadline``; and whether more were left."""
    taken: list[_Row] = []
    for item in items:
        if limit is not None and len(taken) >= limit:
            return tuple(taken), True
        if deadline is not None and time.monotonic() > deadline:
            raise QueryError(f"query timed out after {len(taken)} rows (see --timeout)")
        taken.append(item)
    return tuple(taken), False


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render a result as an aligned table, CSV or JSON."""
    if result.boolean is not None:
        return (
            json.dumps({"boolean": result.boolean})
            if fmt == "json"
            else str(result.boolean).lower()
        )
    if result.triples is not None:
        if fmt != "table":
            raise QueryError("CONSTRUCT and DESCRIBE print N-Triples; --format applies to SELECT")
        return "\n".join(result.triples)
    if fmt == "json":
        return json.dumps(
            [dict(zip(result.variables, row, strict=True)) for row in result.rows],
            ensure_ascii=False,
            indent=1,
        )
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(result.variables)
        writer.writerows(["" if v is None else v for v in row] for row in result.rows)
        return buf.getvalue().rstrip("\n")
    return _table(result)


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _table(result: QueryResult) -> str:
    cells = [list(result.variables)] + [["" if v is None else v for v in r] for r in result.rows]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(result.variables))]
    lines = []
    for n, row in enumerate(cells):
        lines.append("  ".join(c + " " * (w - _width(c)) for c, w in zip(row, widths, strict=True)))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    more = ", more left out: raise --limit" if result.truncated else ""
    lines.append(f"({len(result.rows)} rows{more})")
    return "\n".join(line.rstrip() for line in lines)
