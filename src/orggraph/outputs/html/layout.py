"""Positions computed ahead in Python, so the page needs no physics.

Every node is anchored to a place (a program to where it is implemented, a
document to who issued it, a metric to its place, an article to its focus) and
every place to its province; each province is laid out on its own and the
provinces are packed side by side, so places group by province on screen.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import networkx as nx
import numpy as np
from rdflib import URIRef

from orggraph.rdf.namespace import OG

#: Group layouts up to this many nodes use a force layout, larger ones a radial tree (linear
#: in size: a force layout costs ~10 ms for 40 nodes but ~0.3 s for 250, per province).
SPRING_MAX = 40
#: Pixels between neighbouring nodes.
SPACING = 70.0
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))

#: Which relation anchors each class to a place, best first.
ANCHOR_RELATIONS: dict[str, tuple[URIRef, ...]] = {
    "program": (OG.implementedBy,),
    "document": (OG.issuedBy,),
    "metric": (OG.place, OG.program),
    "article": (OG.focus,),
}
#: Relations that say little about where a node belongs: weak springs.
WEAK_RELATIONS: frozenset[URIRef] = frozenset({OG.mentionedIn})
#: Classes drawn beside their anchor rather than laid out by force (hidden at first).
SATELLITE_CLASSES = frozenset({"metric", "article"})
UNPLACED = ""
PART_OF = OG.partOf


@dataclass(frozen=True)
class Group:
    """A province (or the unplaced nodes) as laid out: a labelled circle."""

    key: str
    label: str
    x: float
    y: float
    radius: float
    size: int


@dataclass(frozen=True)
class Layout:
    positions: dict[URIRef, tuple[float, float]]
    groups: tuple[Group, ...]
    group_of: dict[URIRef, str]
    anchor_of: dict[URIRef, URIRef | None]


def _targets(graph: nx.MultiDiGraph, node: URIRef, rel: URIRef) -> list[URIRef]:
    """Nodes ``node`` links to by ``rel``."""
    return [o for o, keys in graph.succ[node].items() if rel in keys]


def parents(graph: nx.MultiDiGraph) -> dict[URIRef, URIRef | None]:
    """Each place's parent: the deepest place it is part of (ties: the last IRI)."""
    nodes = graph.nodes
    found: dict[URIRef, URIRef | None] = {}
    for node, data in nodes(data=True):
        if data["cls"] == "place":
            up = _targets(graph, node, PART_OF)
            found[node] = max(up, key=lambda o: (nodes[o]["depth"], str(o))) if up else None
    return found


def place_roots(
    graph: nx.MultiDiGraph, parent_of: dict[URIRef, URIRef | None] | None = None
) -> dict[URIRef, URIRef]:
    """The top of each place's partOf chain (its province when the chain is complete)."""
    parent_of = parents(graph) if parent_of is None else parent_of
    roots: dict[URIRef, URIRef] = {}
    for node in parent_of:
        seen = [node]
        current = parent_of.get(node)
        while current is not None and current not in seen:
            seen.append(current)
            current = parent_of.get(current)
        roots[node] = seen[-1]
    return roots


def anchors(graph: nx.MultiDiGraph) -> dict[URIRef, URIRef | None]:
    """The place each node is drawn next to (a place is its own anchor)."""
    nodes = graph.nodes
    found: dict[URIRef, URIRef | None] = {}
    pending: list[URIRef] = []
    for node, data in nodes(data=True):
        if data["cls"] == "place":
            found[node] = node
            continue
        found[node] = None
        for rel in ANCHOR_RELATIONS.get(data["cls"], ()):
            places = [o for o in _targets(graph, node, rel) if nodes[o]["cls"] == "place"]
            if places:
                found[node] = max(places, key=lambda p: (nodes[p]["depth"], str(p)))
                break
        if found[node] is None:
            pending.append(node)
    # A metric of a program sits with the program's place.
    for node in pending:
        linked = sorted(
            o for o, keys in graph.succ[node].items() if any(k not in WEAK_RELATIONS for k in keys)
        )
        found[node] = next((found[o] for o in linked if found.get(o) is not None), None)
    return found


def _spring(
    graph: nx.MultiDiGraph, nodes: list[URIRef], anchor_of: dict[URIRef, URIRef | None]
) -> dict[URIRef, tuple[float, float]]:
    """Force layout of the places, programs and documents; the rest in spirals beside them."""
    members = set(nodes)
    outer = [
        n
        for n in nodes
        if graph.nodes[n]["cls"] in SATELLITE_CLASSES and anchor_of.get(n) in members
    ]
    core = [n for n in nodes if n not in set(outer)]
    simple = nx.Graph()
    simple.add_nodes_from(core)
    for u, v, k in graph.subgraph(core).edges(keys=True):
        weight = 0.15 if k in WEAK_RELATIONS else 1.0
        old = simple.get_edge_data(u, v, {"weight": 0.0})["weight"]
        simple.add_edge(u, v, weight=max(old, weight))
    if len(core) == 1:
        pos = {core[0]: (0.0, 0.0)}
    else:
        radius = SPACING * math.sqrt(len(core)) * 0.8
        initial = _sunflower(core, (0.0, 0.0), 1.0)
        found = nx.spring_layout(
            simple, pos=initial, seed=7, iterations=150, weight="weight", k=2 / math.sqrt(len(core))
        )
        spread = _separate(np.array([found[n] for n in core]) * radius, SPACING * 0.95)
        pos = {n: (float(x), float(y)) for n, (x, y) in zip(core, spread, strict=True)}
    return pos | _beside(outer, pos, anchor_of)


def _separate(points: np.ndarray, gap: float, rounds: int = 80) -> np.ndarray:
    """Push apart points closer than ``gap`` so that their labels can be read."""
    pts = points.astype(float).copy()
    for _ in range(rounds):
        diff = pts[:, None, :] - pts[None, :, :]
        dist = np.hypot(diff[..., 0], diff[..., 1])
        np.fill_diagonal(dist, np.inf)
        overlap = np.clip(gap - dist, 0.0, None)
        if not overlap.any():
            break
        # Coincident points are split along a fixed direction, so the result stays deterministic.
        unit = np.where(dist[..., None] > 1e-9, diff / np.maximum(dist, 1e-9)[..., None], 0.0)
        unit[np.isinf(dist)] = 0.0
        ties = (dist <= 1e-9) & np.triu(np.ones_like(dist, dtype=bool), 1)
        unit[ties] = (1.0, 0.0)
        pts += (unit * (overlap[..., None] / 2)).sum(axis=1)
    return pts


def _beside(
    nodes: list[URIRef],
    pos: dict[URIRef, tuple[float, float]],
    anchor_of: dict[URIRef, URIRef | None],
) -> dict[URIRef, tuple[float, float]]:
    """Spirals of nodes next to their anchors, on the side away from the group's centre."""
    by_anchor: dict[URIRef, list[URIRef]] = defaultdict(list)
    for node in nodes:
        anchor = anchor_of[node]
        if anchor is not None:
            by_anchor[anchor].append(node)
    out: dict[URIRef, tuple[float, float]] = {}
    for anchor, group in by_anchor.items():
        ax, ay = pos[anchor]
        norm = math.hypot(ax, ay) or 1.0
        step = SPACING * 0.35
        reach = SPACING * 0.9 + step * math.sqrt(len(group))
        centre = (
            (ax + reach * ax / norm, ay + reach * ay / norm) if (ax or ay) else (ax, ay + reach)
        )
        out |= _sunflower(group, centre, step)
    return out


def _sunflower(
    nodes: list[URIRef], center: tuple[float, float], step: float
) -> dict[URIRef, tuple[float, float]]:
    """Nodes on a golden-angle spiral around ``center``, ``step`` apart."""
    cx, cy = center
    out: dict[URIRef, tuple[float, float]] = {}
    for i, node in enumerate(nodes):
        r = step * math.sqrt(i + 0.5)
        out[node] = (cx + r * math.cos(i * GOLDEN_ANGLE), cy + r * math.sin(i * GOLDEN_ANGLE))
    return out


def _radial(
    graph: nx.MultiDiGraph,
    nodes: list[URIRef],
    anchor_of: dict[URIRef, URIRef | None],
    parent_of: dict[URIRef, URIRef | None],
) -> dict[URIRef, tuple[float, float]]:
    """Radial tree of the places by partOf, each place's other nodes in a spiral around it."""
    members = set(nodes)
    places = sorted(n for n in nodes if graph.nodes[n]["cls"] == "place")
    satellites: dict[URIRef, list[URIRef]] = defaultdict(list)
    for node in nodes:
        anchor = anchor_of.get(node)
        if anchor is not None and anchor != node and anchor in members:
            satellites[anchor].append(node)
    children: dict[URIRef | None, list[URIRef]] = defaultdict(list)
    for place in places:
        parent = parent_of.get(place)
        children[parent if parent in members else None].append(place)
    weight: dict[URIRef, float] = {}

    def subtree(place: URIRef) -> float:
        weight[place] = 1 + len(satellites[place]) + sum(subtree(c) for c in children[place])
        return weight[place]

    roots = children[None]
    for root in roots:
        subtree(root)
    pos: dict[URIRef, tuple[float, float]] = {}
    ring = SPACING * 3

    def place_at(place: URIRef, depth: int, lo: float, hi: float) -> None:
        mid = (lo + hi) / 2
        r = depth * ring * (1 + 0.15 * depth)
        pos[place] = (r * math.cos(mid), r * math.sin(mid))
        around = _sunflower(satellites[place], (0.0, 0.0), SPACING * 0.45)
        for node, (x, y) in around.items():
            pos[node] = (pos[place][0] + x, pos[place][1] + y)
        angle = lo
        total = sum(weight[c] for c in children[place]) or 1.0
        for child in children[place]:
            span = (hi - lo) * weight[child] / total
            place_at(child, depth + 1, angle, angle + span)
            angle += span

    total = sum(weight[r] for r in roots) or 1.0
    angle = 0.0
    for root in roots:
        span = 2 * math.pi * weight[root] / total
        place_at(root, 0 if len(roots) == 1 else 1, angle, angle + span)
        angle += span
    rest = [n for n in nodes if n not in pos]
    pos.update(_sunflower(rest, (0.0, 0.0), SPACING * 0.6))
    return pos


def _pack(sizes: list[tuple[str, float]]) -> dict[str, tuple[float, float]]:
    """Centres for circles of the given radii, in rows left to right (largest first)."""
    area = sum((2 * r) ** 2 for _, r in sizes)
    width = max(math.sqrt(area * 1.6) * 1.1, max((2 * r for _, r in sizes), default=0.0))
    centres: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for key, r in sizes:
        if x > 0 and x + 2 * r > width:
            x, y, row_height = 0.0, y + row_height, 0.0
        centres[key] = (x + r, y + r)
        x += 2 * r
        row_height = max(row_height, 2 * r)
    return centres


def compute_layout(graph: nx.MultiDiGraph) -> Layout:
    """Positions for every node of a projected graph, grouped by province."""
    anchor_of = anchors(graph)
    parent_of = parents(graph)
    roots = place_roots(graph, parent_of)
    group_of: dict[URIRef, str] = {}
    members: dict[str, list[URIRef]] = defaultdict(list)
    for node in sorted(graph.nodes):
        anchor = anchor_of[node]
        key = str(roots[anchor]) if anchor is not None else UNPLACED
        group_of[node] = key
        members[key].append(node)
    local: dict[str, dict[URIRef, tuple[float, float]]] = {}
    radius: dict[str, float] = {}
    for key, nodes in members.items():
        if len(nodes) <= SPRING_MAX:
            local[key] = _spring(graph, nodes, anchor_of)
        else:
            local[key] = _radial(graph, nodes, anchor_of, parent_of)
        far = max(math.hypot(x, y) for x, y in local[key].values())
        radius[key] = far + SPACING
    order = sorted(members, key=lambda k: (-len(members[k]), k == UNPLACED, k))
    centres = _pack([(k, radius[k]) for k in order])
    positions: dict[URIRef, tuple[float, float]] = {}
    groups = []
    for key in order:
        cx, cy = centres[key]
        for node, (x, y) in local[key].items():
            positions[node] = (round(cx + x, 1), round(cy + y, 1))
        label = graph.nodes[URIRef(key)]["label"] if key else "未定位 Unplaced"
        groups.append(Group(key, label, cx, cy, radius[key], len(members[key])))
    return Layout(positions, tuple(groups), group_of, anchor_of)
