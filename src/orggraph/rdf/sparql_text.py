"""SPARQL query text seen as code: comments, string literals and IRIs masked out.

Keywords and variables are looked for in the masked text only, so "where {" in a comment,
``SERVICE`` in a string or ``?x`` inside an IRI never count.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pyoxigraph as ox

from orggraph.errors import QueryError

_TOKEN = re.compile(
    r"""(?P<comment>\#[^\n]*)
    |(?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
        |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
    |(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)""",
    re.VERBOSE | re.DOTALL,
)
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_BODY = re.compile(r"\b(?:SELECT|ASK|DESCRIBE)\b[^{]*\{", re.IGNORECASE)
_PARAM_LANG = re.compile(r"^# param:\s*(\w+)\s+@([A-Za-z0-9-]+)", re.MULTILINE)
_SERVICE = re.compile(r"\bSERVICE\b", re.IGNORECASE)
_VARIABLE = re.compile(r"[?$]([A-Za-z_0-9\u00b7\u00c0-\uffff]+)")
_BOUND = re.compile(r"\bAS\s+[?$]([A-Za-z_0-9\u00b7\u00c0-\uffff]+)", re.IGNORECASE)


def masked(query: str) -> str:
    """``query`` with comments, strings and IRIs blanked (same length, same offsets)."""
    return _TOKEN.sub(lambda m: " " * len(m.group()), query)


def uses_service(query: str) -> bool:
    """Whether the query calls a remote endpoint (``SERVICE``), a network request."""
    return bool(_SERVICE.search(masked(query)))


def variables(query: str) -> set[str]:
    return set(_VARIABLE.findall(masked(query)))


def bind_params(query: str, params: Mapping[str, str]) -> str:
    """Bind variables to plain literals with a VALUES block at the start of the query body.

    Every name must occur as ``?name`` in the query's code, and not be bound by it (``AS``).
    """
    if not params:
        return query
    code = masked(query)
    known = set(_VARIABLE.findall(code))
    bound = set(_BOUND.findall(code))
    for name in params:
        if name not in known:
            listed = ", ".join(f"?{v}" for v in sorted(known)) or "none"
            raise QueryError(f"--param {name}: the query has no ?{name} (its variables: {listed})")
        if name in bound:
            raise QueryError(f"--param {name}: the query sets ?{name} itself (… AS ?{name})")
    match = _WHERE.search(code) or _BODY.search(code)
    if match is None:
        raise QueryError("parameters need a query with a WHERE clause")
    names = " ".join(f"?{name}" for name in params)
    # "# param: place @zh-Hans" binds a language-tagged literal, which matches labels by index
    langs = dict(_PARAM_LANG.findall(query))
    values = " ".join(
        str(ox.Literal(value, language=langs.get(name))) for name, value in params.items()
    )
    block = f" VALUES ({names}) {{ ({values}) }} "
    return query[: match.end()] + block + query[match.end() :]
