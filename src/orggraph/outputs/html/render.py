"""Render the graph as one self-contained HTML page (pyvis data, vis-network inlined)."""

from __future__ import annotations

import html
import json
import math
import re
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

import networkx as nx
import pyvis
from pyvis.edge import Edge
from pyvis.network import Network
from pyvis.node import Node
from rdflib import Graph, URIRef

from orggraph.collector import collector_paused
from orggraph.outputs.atomic import write_text
from orggraph.outputs.html.font import FAMILY, font_face
from orggraph.outputs.html.layout import Layout, compute_layout
from orggraph.outputs.html.project import EvidenceRecord, project, term_name
from orggraph.outputs.html.views import view_data
from orggraph.rdf.index import TripleIndex
from orggraph.rdf.namespace import OG

#: Graphs with more nodes open on an overview of their places only.
LARGE = 1500
LABEL_MAX = 14
#: Assets whose characters the page may show (the font subset covers them).
SHOWN_ASSETS = ("page.html", "common.js", "app.js", "views.js", "places.js")

#: Drawn classes in legend order: name, colour, vis-network shape, shown at first.
#: Names are the ontology's "中文 English" labels of the classes.
CLASSES: dict[str, dict[str, Any]] = {
    "place": {"name": term_name(OG.Place), "color": "#3b82f6", "shape": "dot", "on": True},
    "program": {"name": term_name(OG.Program), "color": "#f97316", "shape": "diamond", "on": True},
    "document": {"name": term_name(OG.Document), "color": "#10b981", "shape": "square", "on": True},
    "metric": {"name": term_name(OG.Metric), "color": "#a855f7", "shape": "triangle", "on": False},
    "article": {"name": term_name(OG.Article), "color": "#64748b", "shape": "hexagon", "on": False},
}


@dataclass(frozen=True)
class HtmlSummary:
    """What a rendered page holds."""

    path: Path
    nodes: int
    edges: int


def safe_json(value: object) -> str:
    """JSON that can sit inside a <script> element: no <, >, &, U+2028 or U+2029 left raw."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def _short(label: str) -> str:
    return label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1] + "…"


def _font_size(depth: int) -> int:
    """Larger labels for higher places, so province and city names read when zoomed out."""
    return 14 if depth < 0 else max(14, 26 - 3 * depth)


def _vis_data(
    graph: nx.MultiDiGraph, layout: Layout
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[URIRef, int]]:
    """vis-network nodes and edges, built with pyvis's Node and Edge."""
    ids = {node: i for i, node in enumerate(sorted(graph.nodes))}
    # Filled directly: Network.add_node/add_edge check membership in lists (quadratic).
    net = Network(directed=True, cdn_resources="in_line")
    for node, i in ids.items():
        data = graph.nodes[node]
        style = CLASSES[data["cls"]]
        x, y = layout.positions[node]
        anchor = layout.anchor_of[node]
        net.nodes.append(
            Node(
                i,
                style["shape"],
                label=_short(data["label"]),
                color=style["color"],
                size=round(9 + 4 * math.sqrt(graph.degree(node)), 1),
                font={"size": _font_size(data["depth"])},
                x=x,
                y=y,
                cls=data["cls"],
                anchor=ids[anchor] if anchor is not None else -1,
                depth=data["depth"],
                group_key=layout.group_of[node],
            ).options
        )
    for u, v, key, data in sorted(graph.edges(keys=True, data=True)):
        net.edges.append(
            Edge(
                ids[u], ids[v], directed=True, label=data["label"].split(" ")[0], rel=str(key)
            ).options
        )
    nodes, edges, *_ = net.get_network_data()
    return nodes, edges, ids


def _merged_evidence(records: list[EvidenceRecord], ids: dict[URIRef, int]) -> list[dict[str, Any]]:
    """One entry per sentence, listing what it is evidence of (the fact, relations, rules)."""
    merged: dict[tuple[str, int, str], dict[str, Any]] = {}
    for r in records:
        entry = merged.setdefault(
            (r.source_file, r.start, r.quote),
            {
                "quote": r.quote,
                "article_title": r.article_title,
                "source_file": r.source_file,
                "start": r.start,
                "end": r.end,
                "article": ids.get(URIRef(r.article), -1),
                "relations": [],
                "rules": [],
            },
        )
        if r.relation:
            relation = f"{r.relation} → {r.target}" if r.target else r.relation
            if relation not in entry["relations"]:
                entry["relations"].append(relation)
        if r.rule and r.rule not in entry["rules"]:
            entry["rules"].append(r.rule)
    return list(merged.values())


def _details(graph: nx.MultiDiGraph, ids: dict[URIRef, int]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = [{}] * len(ids)
    for node, i in ids.items():
        data = graph.nodes[node]
        out[i] = {
            "iri": str(node),
            "label": data["label"],
            "facts": data["facts"],
            "evidence": _merged_evidence(data["evidence"], ids),
        }
    return out


def _options(large: bool) -> dict[str, Any]:
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 1},
        "interaction": {
            "hover": True,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "tooltipDelay": 3600000,
        },
        "nodes": {
            "borderWidth": 1.5,
            "font": {
                "size": 14,
                "color": "#1f2937",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
                "face": f"'{FAMILY}', sans-serif",
            },
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.45}},
            "color": {"color": "#b6beca", "highlight": "#374151", "hover": "#374151"},
            "font": {
                "size": 10,
                "color": "#6b7280",
                "strokeWidth": 3,
                "align": "middle",
                "face": f"'{FAMILY}', sans-serif",
            },
            "smooth": False if large else {"type": "continuous", "roundness": 0.2},
            "width": 1,
        },
    }


def _vis_js() -> str:
    lib = resources.files(pyvis) / "templates" / "lib"
    versions = sorted(p.name for p in lib.iterdir() if p.name.startswith("vis-"))
    text = (lib / versions[-1] / "vis-network.min.js").read_text(encoding="utf-8")
    text = re.sub(r"^//# sourceMappingURL=.*$", "", text, flags=re.M)
    return text.replace("</script", "<\\/script")


def _asset(name: str) -> str:
    return (resources.files("orggraph.outputs.html") / "assets" / name).read_text(encoding="utf-8")


def _script(name: str) -> str:
    return _asset(name).replace("</script", "<\\/script")


def page_html(
    graph: Graph | TripleIndex, title: str = "orggraph", texts: dict[str, str] | None = None
) -> tuple[str, int, int]:
    """The page for ``graph``, with its node and edge counts.

    ``texts`` maps an article's sha256 to its text, for the reader view; without it the
    reader shows the sentences the evidence quotes.
    """
    with collector_paused():
        return _page_html(graph, title, texts)


def _page_html(
    graph: Graph | TripleIndex, title: str, texts: dict[str, str] | None
) -> tuple[str, int, int]:
    projected = project(graph)
    layout = compute_layout(projected)
    nodes, edges, ids = _vis_data(projected, layout)
    large = len(nodes) > LARGE
    data = {
        "title": title,
        "large": large,
        "classes": CLASSES,
        "nodes": nodes,
        "edges": edges,
        "details": _details(projected, ids),
        "groups": [asdict(g) for g in layout.groups],
        "options": _options(large),
        "views": view_data(graph, ids, texts),
        "font": FAMILY,
    }
    text = safe_json(data)
    page = Template(_asset("page.html")).substitute(
        title=html.escape(title),
        font_face=font_face(text + title + "".join(_asset(n) for n in SHOWN_ASSETS)),
        style=_asset("style.css"),
        vis_js=_vis_js(),
        common_js=_script("common.js"),
        app_js=_script("app.js"),
        views_js=_script("views.js"),
        places_js=_script("places.js"),
        data=text,
    )
    return page, len(nodes), len(edges)


def render_html(
    graph: Graph | TripleIndex,
    out: Path,
    *,
    title: str = "orggraph",
    texts: dict[str, str] | None = None,
) -> HtmlSummary:
    """Write the interactive page for ``graph`` to ``out`` atomically."""
    page, n_nodes, n_edges = page_html(graph, title, texts)
    out = Path(out)
    write_text(out, page)
    return HtmlSummary(out, n_nodes, n_edges)
