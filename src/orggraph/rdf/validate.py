"""Check a built graph against the ontology's SHACL shapes (pyshacl), one line per violation."""

from __future__ import annotations

from rdflib import RDF, Graph, URIRef
from rdflib.term import Node

from orggraph.rdf.namespace import PREFIXES, SH, bind_prefixes, shapes


def violations(graph: Graph) -> list[str]:
    """Every SHACL violation of ``graph``, one line each, sorted: "<node> <path>: <message>"."""
    from pyshacl import validate  # imported when needed: it is slow to load

    conforms, report, _ = validate(graph, shacl_graph=shapes(), inference="none")
    if conforms:
        return []
    assert isinstance(report, Graph)
    names = bind_prefixes(Graph(bind_namespaces="none"))
    lines = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = _short(names, report.value(result, SH.focusNode))
        path = _short(names, report.value(result, SH.resultPath))
        message = " ".join(str(report.value(result, SH.resultMessage) or "violation").split())
        value = report.value(result, SH.value)
        shown = f" (value {_short(names, value)})" if value is not None else ""
        lines.add(f"{focus} {path}: {message}{shown}")
    return sorted(lines)


def _short(names: Graph, node: Node | None) -> str:
    """An IRI as ``prefix:rest`` (longest namespace first), a literal in Turtle form."""
    if node is None:
        return "-"
    if isinstance(node, URIRef):
        for prefix, ns in sorted(PREFIXES.items(), key=lambda p: -len(p[1])):
            if str(node).startswith(ns):
                return f"{prefix}:{str(node)[len(ns) :]}"
        return f"<{node}>"
    return str(node.n3(names.namespace_manager))
