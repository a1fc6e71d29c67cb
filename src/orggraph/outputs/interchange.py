"""Exports for other tools: GEXF and GraphML (Gephi, Cytoscape), JSON-LD, CSV node/edge lists.

GEXF, GraphML and CSV hold the page's projection (places, programs, documents, metrics,
articles and the relations between them) with string and number attributes only;
JSON-LD holds the whole graph under the shipped ``@context``.
"""

from __future__ import annotations

import csv
import io
import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Graph, Literal, URIRef

from orggraph.errors import OutputError
from orggraph.outputs.atomic import write_text
from orggraph.outputs.html.project import project
from orggraph.rdf.namespace import GEO, OG

EXPORT_FORMATS = ("gexf", "graphml", "jsonld", "csv")

#: Literal facts kept on exported nodes, by attribute name.
NODE_FACTS: dict[str, URIRef] = {
    "adcode": OG.adcode,
    "lat": GEO.lat,
    "lon": GEO.long,
    "value": OG.value,
    "unit": OG.unit,
    "measure": OG.measure,
    "year": OG.year,
    "file": OG.sourceFile,
}


def _scalar(value: object) -> str | int | float | bool:
    if isinstance(value, Literal):
        value = value.toPython()
    if isinstance(value, bool | int | float | str):
        return value
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)


def clean_projection(graph: Graph) -> nx.MultiDiGraph:
    """The page's projection with IRI strings as ids and only string/number attributes."""
    projected = project(graph)
    out = nx.MultiDiGraph()
    for node, data in sorted(projected.nodes(data=True)):
        attrs: dict[str, Any] = {
            "label": data["label"],
            "cls": data["cls"],
            "type": str(data["type"]),
            "depth": int(data["depth"]),
            "evidence": len(data["evidence"]),
        }
        for name, prop in NODE_FACTS.items():
            value = graph.value(node, prop)
            if value is not None:
                attrs[name] = _scalar(value) if name != "year" else str(value)
        out.add_node(str(node), **attrs)
    for u, v, key, data in sorted(projected.edges(keys=True, data=True)):
        out.add_edge(str(u), str(v), key=str(key), rel=str(data["rel"]), label=data["label"])
    return out


def jsonld_context() -> dict[str, Any]:
    """The shipped JSON-LD ``@context`` (orggraph.context.jsonld)."""
    text = (files("orggraph.outputs") / "orggraph.context.jsonld").read_text(encoding="utf-8")
    context: dict[str, Any] = json.loads(text)["@context"]
    return context


def to_jsonld(graph: Graph) -> str:
    """The whole graph as JSON-LD, compacted with the shipped context."""
    text = graph.serialize(format="json-ld", context=jsonld_context(), indent=1, sort_keys=True)
    return text if text.endswith("\n") else text + "\n"


def _gexf(projected: nx.MultiDiGraph) -> str:
    buf = io.BytesIO()
    nx.write_gexf(projected, buf)
    return buf.getvalue().decode("utf-8")


def _graphml(projected: nx.MultiDiGraph) -> str:
    buf = io.BytesIO()
    nx.write_graphml(projected, buf, named_key_ids=True)
    return buf.getvalue().decode("utf-8")


def _csv_table(header: list[str], rows: list[list[Any]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def export_paths(out: Path, fmt: str) -> list[Path]:
    """The files an export writes: one, or a node and an edge list for CSV."""
    if fmt == "csv":
        return [out.with_name(f"{out.stem}.nodes.csv"), out.with_name(f"{out.stem}.edges.csv")]
    return [out]


def export_graph(graph: Graph, fmt: str, out: Path) -> list[Path]:
    """Write ``graph`` as ``fmt`` (gexf, graphml, jsonld or csv) at ``out``; the paths written."""
    if fmt not in EXPORT_FORMATS:
        raise OutputError(f"cannot export as {fmt!r}; formats: {', '.join(EXPORT_FORMATS)}")
    paths = export_paths(out, fmt)
    if fmt == "jsonld":
        write_text(paths[0], to_jsonld(graph))
        return paths
    projected = clean_projection(graph)
    if fmt == "gexf":
        write_text(paths[0], _gexf(projected))
    elif fmt == "graphml":
        write_text(paths[0], _graphml(projected))
    else:
        names = ["label", "cls", "type", "depth", "evidence", *NODE_FACTS]
        nodes = [
            [node, *(data.get(n, "") for n in names)] for node, data in projected.nodes(data=True)
        ]
        edges = [[u, v, d["rel"], d["label"]] for u, v, d in projected.edges(data=True)]
        write_text(paths[0], _csv_table(["id", *names], nodes))
        write_text(paths[1], _csv_table(["source", "target", "rel", "label"], edges))
    return paths
