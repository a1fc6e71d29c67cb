"""Checks on the parameters of a named query, with "did you mean" suggestions.

A named query declares its parameters with ``# param: NAME`` lines (``# param: NAME
(required)`` for one it cannot run without). Binding them is ``sparql_text.bind_params``;
here a forgotten, misspelt or unmatched parameter becomes a one-line error instead of an
empty answer.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox

from orggraph.errors import NotFoundError, QueryError
from orggraph.rdf.sparql_text import PAGING

_REQUIRED = re.compile(r"^# param:\s*(\w+)(?:\s+@[A-Za-z0-9-]+)?\s*\(required\)", re.MULTILINE)
_LABELS = """
SELECT DISTINCT ?label WHERE {
  { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l }
  UNION { ?s <http://www.w3.org/2004/02/skos/core#altLabel> ?l }
  UNION { ?s <https://w3id.org/orggraph/ontology#adcode> ?l }
  BIND (STR(?l) AS ?label)
}"""


def required_params(text: str) -> tuple[str, ...]:
    """The parameters a named query declares as required."""
    return tuple(_REQUIRED.findall(text))


def suggestions(word: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """The closest candidates: those containing ``word`` (怀化 → 怀化市) first, then similar."""
    pool = sorted(set(candidates))
    near = [c for c in pool if word and word in c and len(c) <= 2 * len(word) + 2]
    containing = sorted(near, key=lambda c: (len(c), c))
    close = difflib.get_close_matches(word, pool, n=n, cutoff=0.6)
    return list(dict.fromkeys(containing[:n] + close))[:n]


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """ "; did you mean X?" or "" when nothing is close."""
    found = suggestions(word, candidates)
    return f"; did you mean {' or '.join(found)}?" if found else ""


def check_names(
    query: str, declared: tuple[str, ...], text: str, params: Mapping[str, str]
) -> None:
    """Unknown parameter names and missing required ones, each a one-line QueryError."""
    known = ", ".join(declared) or "none"
    for name in params:
        if name not in declared:
            hint = did_you_mean(name, declared)
            raise QueryError(f"{query} has no parameter {name!r}{hint} (known: {known})")
    missing = [name for name in required_params(text) if name not in params]
    if missing:
        example = " ".join(f"--param {m}=…" for m in missing)
        raise QueryError(f"{query} needs {example} (parameters: {known})")


def check_values(store: ox.Store, params: Mapping[str, str]) -> None:
    """Values that no label, alternative label or admin code in the graph equals: NotFoundError
    naming the closest labels (``place=怀化`` → did you mean 怀化市?)."""
    labels: list[str] | None = None
    for name, value in params.items():
        if (value.isdigit() and len(value) == 4) or name in PAGING:
            continue  # a year, or a page of rows
        literal = ox.Literal(value)
        if store.query(f"ASK {{ ?s ?p ?o FILTER (isLiteral(?o) && STR(?o) = {literal}) }}"):
            continue
        if labels is None:
            rows = store.query(_LABELS)
            assert isinstance(rows, ox.QuerySolutions)
            labels = [str(row["label"].value) for row in rows]
        hint = did_you_mean(value, labels)
        raise NotFoundError(f"{name}={value} matches nothing in the graph{hint}")


def parse_assignments(items: Iterable[str]) -> dict[str, str]:
    """``--param NAME=VALUE`` arguments as a mapping; anything else is a ``QueryError``."""
    parsed = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.isidentifier():
            raise QueryError(f"--param takes NAME=VALUE, got {item!r}")
        parsed[name] = value
    return parsed


def read_query_file(path: Path) -> str:
    """The SPARQL text of a ``--file``: it must exist and be UTF-8."""
    if not path.is_file():
        raise QueryError(f"no such query file: {path}")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise QueryError(f"{path}: not UTF-8 (byte offset {exc.start})") from None
