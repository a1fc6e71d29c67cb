"""Rendered triples (Turtle terms as ``outputs.turtle`` writes them) read back as rdflib nodes.

A build holds its graph as fragments of rendered triples (``rdf.fragments``); readers that
visit every node (the HTML page) need nodes and look-ups, not an rdflib ``Graph``, whose
``add`` costs far more than the whole read. ``index_of_fragments`` reads the fragments into a
``TripleIndex`` directly: each distinct term is decoded once, to the node rdflib's Turtle parser
gives for the same text, so the index holds exactly the triples of graph.ttl (about 5× faster
than building the rdflib graph of the corpus).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from itertools import chain

from rdflib import RDF, XSD, Literal, URIRef
from rdflib.term import Node

from orggraph.outputs.turtle import TYPE_VERB, Rendered
from orggraph.rdf.fragments import Fragment
from orggraph.rdf.index import TripleIndex

#: An escape the writer puts in a quoted literal: UCHAR (backslash, u, four hex) or ECHAR.
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|(.))", re.S)
_ECHAR = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?[0-9]*\.[0-9]+")


def _unescape(match: re.Match[str]) -> str:
    code, char = match.groups()
    return chr(int(code, 16)) if code else _ECHAR.get(char, char)


class TermReader:
    """Turtle term text → rdflib node, each distinct text decoded once."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self.prefixes = dict(prefixes)
        self.nodes: dict[str, Node] = {TYPE_VERB: RDF.type, "a": RDF.type}

    def node(self, text: str) -> Node:
        found = self.nodes.get(text)
        if found is None:
            found = self.nodes[text] = self._decode(text)
        return found

    def iri(self, text: str) -> URIRef:
        if text.startswith("<"):
            return URIRef(text[1:-1])
        prefix, _, local = text.partition(":")
        namespace = self.prefixes.get(prefix)
        if namespace is None:
            raise ValueError(f"undeclared prefix in rendered term: {text!r}")
        return URIRef(namespace + local)

    def _decode(self, text: str) -> Node:
        if text.startswith('"'):
            return self._quoted(text)
        if text in ("true", "false"):
            return Literal(text, datatype=XSD.boolean)
        if _INTEGER.fullmatch(text):
            return Literal(text, datatype=XSD.integer)
        if _DECIMAL.fullmatch(text):
            return Literal(text, datatype=XSD.decimal)
        return self.iri(text)

    def _quoted(self, text: str) -> Literal:
        close = text.rfind('"')
        lexical = _ESCAPE.sub(_unescape, text[1:close]) if "\\" in text else text[1:close]
        rest = text[close + 1 :]
        if rest.startswith("@"):
            return Literal(lexical, lang=rest[1:])
        if rest.startswith("^^"):
            return Literal(lexical, datatype=self.iri(rest[2:]))
        return Literal(lexical)


def read_rendered(
    triples: Iterable[Rendered], prefixes: Mapping[str, str]
) -> Iterator[tuple[Node, Node, Node]]:
    """The rdflib triples of rendered ones (as rdflib would parse their Turtle)."""
    reader = TermReader(prefixes)
    nodes, decode = reader.nodes, reader.node  # most terms repeat: a dict look-up each
    for s, p, o in triples:
        sn, pn, on = nodes.get(s), nodes.get(p), nodes.get(o)
        yield (
            decode(s) if sn is None else sn,
            decode(p) if pn is None else pn,
            decode(o) if on is None else on,
        )


def index_of_fragments(fragments: Iterable[Fragment]) -> TripleIndex:
    """A ``TripleIndex`` of the union of ``fragments`` (in their order; the page, its one
    reader, does not depend on the order of an index)."""
    parts = list(fragments)
    prefixes = dict(pair for part in parts for pair in part.prefixes)
    return TripleIndex.of_triples(
        read_rendered(chain.from_iterable(p.triples for p in parts), prefixes)
    )
