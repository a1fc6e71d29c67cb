"""SPARQL over a built graph with pyoxigraph; named queries ship as ``.rq`` files in the package."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox

from orggraph.errors import NotFoundError, QueryError

PREFIXES = {
    "og": "https://w3id.org/orggraph/ontology#",
    "id": "https://w3id.org/orggraph/id/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "qb": "http://purl.org/linked-data/cube#",
    "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#",
}
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
        raise NotFoundError(f"no named query {name!r}; known: {', '.join(queries)}")
    return queries[name]


def load_store(graph_path: Path) -> ox.Store:
    """A store for a build folder (its on-disk store) or a Turtle file (loaded in memory)."""
    from orggraph.rdf.store import open_store

    return open_store(graph_path)


def _term_text(term: object) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    return str(term)


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def bind_params(query: str, params: Mapping[str, str]) -> str:
    """Bind variables to plain literals with a VALUES block at the start of the first WHERE."""
    if not params:
        return query
    match = _WHERE.search(query)
    if match is None:
        raise QueryError("parameters need a query with a WHERE clause")
    names = " ".join(f"?{name}" for name in params)
    # "# param: place @zh-Hans" binds a language-tagged literal, which matches labels by index
    langs = dict(re.findall(r"^# param:\s*(\w+)\s+@([\w-]+)", query, flags=re.M))
    values = " ".join(
        str(ox.Literal(value, language=langs.get(name))) for name, value in params.items()
    )
    block = f" VALUES ({names}) {{ ({values}) }} "
    return query[: match.end()] + block + query[match.end() :]


def run_query(store: ox.Store, query: str, params: Mapping[str, str] | None = None) -> QueryResult:
    """Run a SPARQL query; ``params`` bind variables (``?place`` ← "怀化市") to plain literals."""
    try:
        result = store.query(
            bind_params(query, params or {}), prefixes=PREFIXES, use_default_graph_as_union=True
        )
    except SyntaxError as exc:
        first = str(exc).splitlines()[0] if str(exc) else "syntax error"
        raise QueryError(f"malformed SPARQL query: {first}") from exc
    except (OSError, ValueError, TypeError) as exc:
        raise QueryError(f"query failed: {exc}") from exc
    if isinstance(result, ox.QueryBoolean):
        return QueryResult(boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        variables = tuple(v.value for v in result.variables)
        rows = tuple(tuple(_term_text(sol[v]) for v in variables) for sol in result)
        return QueryResult(variables=variables, rows=rows)
    return QueryResult(triples=tuple(sorted(str(t) + " ." for t in result)))


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render a result as an aligned table, CSV or JSON."""
    if result.boolean is not None:
        return (
            json.dumps({"boolean": result.boolean})
            if fmt == "json"
            else str(result.boolean).lower()
        )
    if result.triples is not None:
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
    lines.append(f"({len(result.rows)} rows)")
    return "\n".join(line.rstrip() for line in lines)
