"""A graph's triples read once into plain dictionaries, for readers that visit every node.

rdflib's ``Graph.triples`` looks up the contexts of every triple it yields, which makes a
full pass over a built graph cost about a second per 200k triples; the page and the views
read each node many times. ``TripleIndex`` reads the in-memory store's own indexes when the
graph owns its store alone (the common case: a graph built or parsed by orggraph) and builds
the same from one pass over ``Graph.triples`` otherwise. Order is the store's own.
``TripleIndex.of_triples`` builds one from triples without a graph (``rdf.rendered``).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator

from rdflib import RDF, Graph
from rdflib.plugins.stores.memory import Memory
from rdflib.term import Node

#: subject → predicate → objects, and predicate → object → subjects (values: dict keys).
Spo = dict[Node, dict[Node, dict[Node, int]]]


def _indexes(graph: Graph) -> tuple[Spo, Spo]:
    store = graph.store
    if type(graph) is Graph and type(store) is Memory:
        own_spo = getattr(store, "_Memory__spo", None)
        own_pos = getattr(store, "_Memory__pos", None)
        if isinstance(own_spo, dict) and isinstance(own_pos, dict):
            count = sum(len(os) for po in own_spo.values() for os in po.values())
            if count == len(graph):
                return own_spo, own_pos  # the store holds this graph's triples alone
    return _index_triples(graph.triples((None, None, None)))


def _index_triples(triples: Iterable[tuple[Node, Node, Node]]) -> tuple[Spo, Spo]:
    spo: Spo = {}
    pos: Spo = {}
    for s, p, o in triples:
        spo.setdefault(s, {}).setdefault(p, {})[o] = 1
        pos.setdefault(p, {}).setdefault(o, {})[s] = 1
    return spo, pos


def _spo_of(triples: Iterable[tuple[Node, Node, Node]]) -> Spo:
    spo: Spo = {}
    for s, p, o in triples:
        spo.setdefault(s, {}).setdefault(p, {})[o] = 1
    return spo


def _pos_of(spo: Spo) -> Spo:
    pos: Spo = {}
    for s, po in spo.items():
        for p, objects in po.items():
            by_object = pos.setdefault(p, {})
            for o in objects:
                by_object.setdefault(o, {})[s] = 1
    return pos


class TripleIndex:
    """Subject → predicate → objects of a graph, with the look-ups readers need (read-only)."""

    def __init__(self, graph: Graph | None = None) -> None:
        self.size = len(graph) if graph is not None else 0
        self.spo, pos = _indexes(graph) if graph is not None else ({}, {})
        self._pos: Spo | None = pos
        self._columns: dict[Node, dict[Node, Node]] = {}

    @classmethod
    def of_triples(cls, triples: Iterable[tuple[Node, Node, Node]]) -> TripleIndex:
        """The index of ``triples`` (repeats held once), in their order, without a graph.

        Its ``pos`` is made on first use: the columns and instances readers ask for are read
        from ``spo`` (most objects are literals, whose hash rdflib computes in Python)."""
        index = cls()
        index.spo, index._pos = _spo_of(triples), None
        index.size = sum(len(objects) for po in index.spo.values() for objects in po.values())
        return index

    @property
    def pos(self) -> Spo:
        """Predicate → object → subjects."""
        if self._pos is None:
            self._pos = _pos_of(self.spo)
        return self._pos

    def objects(self, subject: Node, predicate: Node) -> list[Node]:
        return list(self.spo.get(subject, {}).get(predicate, ()))

    def value(self, subject: Node, predicate: Node) -> Node | None:
        """One object of (subject, predicate), None if there is none."""
        found = self.spo.get(subject, {}).get(predicate)
        return next(iter(found)) if found else None

    def predicate_objects(self, subject: Node) -> Iterator[tuple[Node, Node]]:
        for p, objects in self.spo.get(subject, {}).items():
            for o in objects:
                yield p, o

    def column(self, predicate: Node) -> dict[Node, Node]:
        """Subject → object of ``predicate`` (one object per subject)."""
        found = self._columns.get(predicate)
        if found is None:
            pos = self._pos
            found = self._columns[predicate] = (
                {s: o for s, po in self.spo.items() for o in po.get(predicate, ())}
                if pos is None  # read from spo: no need for every predicate's objects
                else {s: o for o, subjects in pos.get(predicate, {}).items() for s in subjects}
            )
        return found

    def instances(self, cls: Node) -> list[Node]:
        """Subjects with ``rdf:type cls``, in the store's order."""
        if self._pos is None:
            kind = RDF.type
            return [s for s, po in self.spo.items() if cls in po.get(kind, ())]
        return list(self._pos.get(RDF.type, {}).get(cls, ()))


_INDEXES: weakref.WeakKeyDictionary[Graph, TripleIndex] = weakref.WeakKeyDictionary()


def index_of(graph: Graph | TripleIndex) -> TripleIndex:
    """The shared index of ``graph`` (read again when the graph's size has changed); an index
    is its own."""
    if isinstance(graph, TripleIndex):
        return graph
    found = _INDEXES.get(graph)
    if found is None or found.size != len(graph):
        found = _INDEXES[graph] = TripleIndex(graph)
    return found
