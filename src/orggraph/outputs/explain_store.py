"""``explain`` over a build folder's store: find the entity by its labels, read only its
neighbourhood. The answer is the one ``explain`` gives over the whole graph."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox

from orggraph.errors import NotFoundError
from orggraph.outputs.explain import explain
from orggraph.outputs.explanation import Explanation
from orggraph.rdf.namespace import ID, PREFIXES
from orggraph.rdf.store import open_store, store_dir
from orggraph.rdf.subgraph import candidates_graph, full_graph, neighbourhood
from orggraph.rdf.view import GraphView, _label_tests, normalize_name

LABELS = f"""SELECT ?s ?l WHERE {{
  {{ ?s rdfs:label ?l }} UNION {{ ?s skos:altLabel ?l }}
  FILTER (isIRI(?s) && STRSTARTS(STR(?s), "{ID}"))
}}"""


def explain_path(path: Path, name_or_iri: str) -> Explanation:
    """Explain an entity of a build folder (through its store) or of a Turtle file."""
    if not (path.is_dir() and store_dir(path) is not None):
        return explain(full_graph(path), name_or_iri)
    store = open_store(path)
    text = name_or_iri.strip().removeprefix("<").removesuffix(">")
    if "://" in text or text.startswith("id:"):
        full = str(ID) + text[3:] if text.startswith("id:") else text
        graph = neighbourhood(store, full)
        graph += neighbourhood(store, quote(full, safe=":/#%"))
        return explain(graph, name_or_iri)
    node = find_by_label(store, text)
    return explain(neighbourhood(store, node), node)


def find_by_label(store: ox.Store, text: str) -> str:
    """The entity a label names, with explain's rules: exact, then prefix, then substring."""
    if not normalize_name(text):
        raise NotFoundError("give a name or an IRI to explain")
    names: dict[str, list[str]] = {}
    rows = store.query(LABELS, prefixes=PREFIXES)
    assert isinstance(rows, ox.QuerySolutions)
    for row in rows:
        names.setdefault(row[0].value, []).append(normalize_name(row[1].value))
    for fits in _label_tests(text):
        found = sorted(node for node, forms in names.items() if any(fits(n) for n in forms))
        if len(found) == 1:
            return found[0]
        if found:  # the view ranks the candidates and raises AmbiguousNameError
            return str(GraphView(candidates_graph(store, found)).find(text))
    raise NotFoundError(f"nothing in the graph is called '{text}'")
