"""The one read-side view of a built graph: labels, types, evidence, articles, entity lookup.

``explain``, the HTML page and the evaluation all read a graph through this module, so "the
best label of a node" and "the sentences stating a fact" mean the same everywhere. Names of
the ontology's own terms (classes, properties, kinds) come from its ``rdfs:label``s.
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from urllib.parse import quote

from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from orggraph.errors import AmbiguousNameError, NotFoundError
from orggraph.rdf.index import TripleIndex, index_of
from orggraph.rdf.namespace import ID, OG, ontology
from orggraph.resources.script import to_simplified

#: Label languages, best first; a label in another language comes after these.
LANGS = ("zh-hans", "zh", "zh-cn", "")
#: Entity types in the order a reader expects them when a name fits several.
TYPE_ORDER = ("Place", "Program", "Document", "Article", "Metric")
_OG = str(OG._NS)
_ID = str(ID)
_IGNORED_IN_NAMES = str.maketrans("", "", "“”\"'‘’「」『』《》〈〉【】 \t\r\n\u3000")


@dataclass(frozen=True)
class EvidenceRow:
    """One og:Evidence node: the sentence stating a fact about ``about``, and where it stands."""

    node: Node  # the og:Evidence node itself
    about: Node
    article: Node
    quote: str
    start: int  # sentence offsets in the original text
    end: int
    mention_start: int | None
    mention_end: int | None
    rule: str | None
    relation: Node | None  # set when the evidence is for a relation
    target: Node | None


@dataclass(frozen=True)
class Candidate:
    """An entity a name may refer to."""

    iri: str
    label: str
    types: tuple[str, ...]

    def describe(self) -> str:
        return f"{self.label} ({', '.join(self.types) or 'entity'})  <{self.iri}>"


def label_rank(lit: Node) -> tuple[int, str]:
    """Sort key of a label: zh-Hans first, then other Chinese, untagged, the rest."""
    lang = (lit.language or "").lower() if isinstance(lit, Literal) else ""
    return (LANGS.index(lang) if lang in LANGS else len(LANGS), str(lit))


def local_name(node: Node) -> str:
    return str(node).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


@cache
def term_label(term: URIRef, lang: str) -> str | None:
    """The ontology's ``rdfs:label`` (or ``skos:prefLabel``) of one of its terms in ``lang``."""
    for prop in (RDFS.label, SKOS.prefLabel):
        for label in ontology().objects(term, prop):
            if isinstance(label, Literal) and (label.language or "").lower() == lang.lower():
                return str(label)
    return None


def type_rank(name: str) -> int:
    """Rank of an og: class name by TYPE_ORDER, a specific class just before its base."""
    base = name
    for parent in ontology().objects(OG[name], RDFS.subClassOf):
        if str(parent).startswith(_OG):
            base = local_name(parent)
    rank = TYPE_ORDER.index(base) if base in TYPE_ORDER else len(TYPE_ORDER)
    return rank * 2 + (0 if base != name else 1)


def normalize_name(text: str) -> str:
    """A name as compared when looking entities up: no quotes or spaces, lower case."""
    return text.translate(_IGNORED_IN_NAMES).lower()


class GraphView:
    """Look-ups over a built graph (or its ``TripleIndex``); each index is read once."""

    def __init__(self, graph: Graph | TripleIndex) -> None:
        self.source = graph

    @property
    def graph(self) -> Graph:
        """The rdflib graph viewed; a view of a bare index has none (TypeError)."""
        if isinstance(self.source, TripleIndex):
            raise TypeError("this view reads a TripleIndex, not an rdflib graph")
        return self.source

    # ------------------------------------------------------------ labels and types

    @cached_property
    def _labels(self) -> dict[Node, str]:
        found: dict[Node, list[tuple[int, str]]] = defaultdict(list)
        label_property = RDFS.label  # namespace attribute look-ups are slow in loops
        for node, po in index_of(self.source).spo.items():
            for label in po.get(label_property, ()):
                found[node].append(label_rank(label))
        return {node: min(labels)[1] for node, labels in found.items()}

    def label(self, node: Node) -> str | None:
        """The node's best ``rdfs:label`` (zh-Hans first), or None."""
        return self._labels.get(node)

    def display(self, node: Node) -> str:
        """What a reader calls a node: its label, preferred label, title, file, or short IRI."""
        found = self.label(node)
        if found:
            return found
        index = index_of(self.source)
        pref = sorted(index.objects(node, SKOS.prefLabel), key=label_rank)
        if pref:
            return str(pref[0])
        for prop in (DCTERMS.title, OG.sourceFile):
            value = index.value(node, prop)
            if value is not None:
                return str(value)
        return str(node).removeprefix(_ID)

    def names(self, node: Node) -> list[str]:
        """Every label and alternative label, normalized for look-up."""
        index = index_of(self.source)
        labels = [*index.objects(node, RDFS.label), *index.objects(node, SKOS.altLabel)]
        return [normalize_name(str(x)) for x in labels]

    def other_labels(self, node: Node) -> tuple[str, ...]:
        main = self.label(node)
        alt = {str(x) for x in index_of(self.source).objects(node, SKOS.altLabel)}
        return tuple(sorted(alt - {main} if main else alt))

    def types(self, node: Node) -> tuple[str, ...]:
        """The node's og: classes by local name, most telling first."""
        types = index_of(self.source).objects(node, RDF.type)
        names = {local_name(t) for t in types if str(t).startswith(_OG)}
        return tuple(sorted(names, key=lambda n: (type_rank(n), n)))

    def article_names(self, article: Node) -> tuple[str, str]:
        """(title, source file) of an article."""
        index = index_of(self.source)
        source_file = str(index.value(article, OG.sourceFile) or "")
        title = index.value(article, DCTERMS.title)
        return str(title or ""), source_file

    # ------------------------------------------------------------ evidence

    @cached_property
    def _evidence(self) -> dict[Node, list[EvidenceRow]]:
        index = index_of(self.source)
        about_of, article_of, quote_of = (index.column(p) for p in (OG.about, OG.article, OG.quote))
        start_of, end_of, rule_of = (index.column(p) for p in (OG.start, OG.end, OG.rule))
        relation_of, target_of = index.column(OG.relation), index.column(OG.target)
        mention_start_of = index.column(OG.mentionStart)
        mention_end_of = index.column(OG.mentionEnd)
        found: dict[Node, list[EvidenceRow]] = defaultdict(list)
        for e in index.instances(OG.Evidence):
            about, article, text = about_of.get(e), article_of.get(e), quote_of.get(e)
            if about is None or article is None or text is None:
                continue
            rule = rule_of.get(e)
            row = EvidenceRow(
                node=e,
                about=about,
                article=article,
                quote=str(text),
                start=_offset(start_of.get(e)),
                end=_offset(end_of.get(e)),
                mention_start=_int(mention_start_of.get(e)),
                mention_end=_int(mention_end_of.get(e)),
                rule=None if rule is None else str(rule),
                relation=relation_of.get(e),
                target=target_of.get(e),
            )
            found[about].append(row)
        return found

    def evidence(self, about: Node) -> list[EvidenceRow]:
        """Every og:Evidence about a node."""
        return self._evidence.get(about, [])

    def evidence_about(self) -> dict[Node, list[EvidenceRow]]:
        """Evidence of every node, by the node it is about."""
        return self._evidence

    def first_mentions(self) -> dict[tuple[Node, Node], int]:
        """(node, article) → offset of its first mention there (mention start, else sentence)."""
        first: dict[tuple[Node, Node], int] = {}
        for rows in self._evidence.values():
            for row in rows:
                offset = row.mention_start if row.mention_start is not None else row.start
                key = (row.about, row.article)
                if offset >= 0 and offset < first.get(key, offset + 1):
                    first[key] = offset
        return first

    # ------------------------------------------------------------ entity look-up

    def entities(self) -> list[URIRef]:
        """Instances (IRIs under ``id/``) with a label, in IRI order."""
        index = index_of(self.source)
        found = {
            s
            for prop in (RDFS.label, SKOS.altLabel)
            for subjects in index.pos.get(prop, {}).values()
            for s in subjects
            if isinstance(s, URIRef) and str(s).startswith(_ID)
        }
        return sorted(found, key=str)

    def candidate(self, node: URIRef) -> Candidate:
        return Candidate(str(node), self.label(node) or str(node), self.types(node))

    def ranked(self, nodes: Iterable[URIRef]) -> list[URIRef]:
        """Nodes by type (places first), then shorter labels first."""

        def key(node: URIRef) -> tuple[int, int, str, str]:
            label = self.label(node) or ""
            rank = min(map(type_rank, self.types(node)), default=99)
            return (rank, len(label), label, str(node))

        return sorted(nodes, key=key)

    def find(self, name_or_iri: str) -> URIRef:
        """The one entity an IRI or label names: exact, then prefix, then substring match.

        Raises NotFoundError when nothing fits and AmbiguousNameError when several do.
        """
        text = name_or_iri.strip().removeprefix("<").removesuffix(">")
        if not normalize_name(text):
            raise NotFoundError("give a name or an IRI to explain")
        if "://" in text or text.startswith("id:"):
            return self._by_iri(text)
        for fits in _label_tests(text):
            found = [c for c in self.entities() if any(fits(n) for n in self.names(c))]
            if len(found) == 1:
                return found[0]
            if found:
                raise AmbiguousNameError(text, [self.candidate(c) for c in self.ranked(found)])
        raise NotFoundError(f"nothing in the graph is called '{text}'")

    def _by_iri(self, text: str) -> URIRef:
        full = _ID + text[3:] if text.startswith("id:") else text
        for form in (full, quote(full, safe=":/#%")):
            node = URIRef(form)
            if node in index_of(self.source).spo:
                return node
        raise NotFoundError(f"no entity with IRI {full}")


_VIEWS: weakref.WeakKeyDictionary[Graph | TripleIndex, GraphView] = weakref.WeakKeyDictionary()


def view_of(graph: Graph | TripleIndex) -> GraphView:
    """The shared view of ``graph`` (its indexes are built once per graph)."""
    view = _VIEWS.get(graph)
    if view is None:
        view = _VIEWS[graph] = GraphView(graph)
    return view


def _label_tests(text: str) -> list[Callable[[str], bool]]:
    """Exact, prefix, substring: for the text as given and in simplified characters."""
    forms = list(dict.fromkeys([normalize_name(text), normalize_name(to_simplified(text))]))
    return [
        lambda name: name in forms,
        lambda name: any(name.startswith(f) for f in forms),
        lambda name: any(f in name for f in forms),
    ]


def _int(node: Node | None) -> int | None:
    try:
        return int(str(node)) if node is not None else None
    except ValueError:
        return None


def _offset(node: Node | None) -> int:
    found = _int(node)
    return -1 if found is None else found
