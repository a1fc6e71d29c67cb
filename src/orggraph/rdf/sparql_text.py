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


PAGING = ("limit", "offset")


def set_page(query: str, params: Mapping[str, str]) -> tuple[str, dict[str, str]]:
    """Apply ``limit``/``offset`` to a query that declares them (``# param: limit``): its one
    ``LIMIT n`` / ``OFFSET n`` takes the value given. The other parameters are returned."""
    rest = dict(params)
    for name in PAGING:
        if name not in rest or not re.search(rf"^# param:\s*{name}\b", query, re.MULTILINE):
            continue
        value = rest.pop(name)
        if not value.isdigit():
            raise QueryError(f"--param {name} takes a whole number of rows, got {value!r}")
        found = list(re.finditer(rf"\b{name}\s+\d+", masked(query), re.IGNORECASE))
        if len(found) != 1:
            raise QueryError(f"--param {name}: the query needs exactly one {name.upper()} n")
        at = found[0]
        query = f"{query[: at.start()]}{name.upper()} {int(value)}{query[at.end() :]}"
    return query, rest


def bind_params(query: str, params: Mapping[str, str]) -> str:
    """Bind variables to plain literals with a VALUES block at the start of the query body:
    the innermost ``WHERE {…}`` group that uses every parameter, so a subquery that cuts a
    page or groups rows sees the binding before it does.

    Every name must occur as ``?name`` in the query's code, and not be bound by it (``AS``).
    ``limit`` and ``offset``, where the query declares them, set its page (``set_page``).
    """
    query, params = set_page(query, params)
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
    at = _values_at(code, list(params))
    names = " ".join(f"?{name}" for name in params)
    # "# param: place @zh-Hans" binds a language-tagged literal, which matches labels by index
    langs = dict(_PARAM_LANG.findall(query))
    values = " ".join(
        str(ox.Literal(value, language=langs.get(name))) for name, value in params.items()
    )
    block = f" VALUES ({names}) {{ ({values}) }} "
    return query[:at] + block + query[at:]


def _values_at(code: str, names: list[str]) -> int:
    """Just inside the last-opened (innermost) WHERE group whose text uses every name."""
    found = None
    for match in _WHERE.finditer(code):
        depth, end = 1, match.end()
        while end < len(code) and depth:
            depth += {"{": 1, "}": -1}.get(code[end], 0)
            end += 1
        if set(names) <= set(_VARIABLE.findall(code[match.end() : end])):
            found = match.end()
    if found is None:
        first = _WHERE.search(code) or _BODY.search(code)
        if first is None:
            raise QueryError("parameters need a query with a WHERE clause")
        found = first.end()
    return found
