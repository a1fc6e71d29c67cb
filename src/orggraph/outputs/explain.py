"""What the graph says about one entity, each fact with the sentence(s) that state it.

    explanation = explain(graph, "双报到双服务")
    print(explanation.format())

An entity is found by IRI, or by label: exact, then prefix, then substring (also over
alternative labels, and after converting traditional characters). Several candidates
raise AmbiguousNameError listing them; none raises NotFoundError.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import quote

from rdflib import RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from orggraph.errors import AmbiguousNameError, NotFoundError
from orggraph.ingest.normalize import simplify

OG = Namespace("https://w3id.org/orggraph/ontology#")
ID = "https://w3id.org/orggraph/id/"
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")

# Outgoing facts worth showing, in display order, with their names.
FACT_NAMES: dict[URIRef, str] = {
    OG.sourceFile: "source file",
    DCTERMS.title: "title",
    DCTERMS.publisher: "publisher",
    DCTERMS.issued: "issued",
    DCTERMS.creator: "author",
    OG.focus: "reports on",
    OG.adcode: "admin code",
    OG.partOf: "part of",
    OG.kind: "kind",
    OG.headNoun: "head noun",
    OG.implementedBy: "implemented by",
    OG.partOfProgram: "part of program",
    OG.governedBy: "governed by",
    OG.issuedBy: "issued by",
    OG.text: "as written",
    OG.value: "value",
    OG.unit: "unit",
    OG.approximate: "approximate",
    OG.change: "change against a baseline",
    OG.measure: "measure",
    OG.shareOf: "share of",
    OG.place: "place",
    OG.program: "program",
    OG.year: "year",
    GEO.lat: "latitude",
    GEO.long: "longitude",
}
# Incoming links shown as lists of labels: relation -> name of the inverse.
INVERSE_NAMES: dict[URIRef, str] = {
    OG.partOf: "contains",
    OG.implementedBy: "implements",
    OG.issuedBy: "issued",
    OG.focus: "reported on by",
    OG.partOfProgram: "has parts",
    OG.governedBy: "governs",
    OG.program: "metrics",
    OG.place: "metrics",
}
TYPE_ORDER = ("Place", "Program", "Document", "Article", "Metric")
MAX_QUOTES_PER_ARTICLE = 3
MAX_LISTED = 15
_QUOTE_CHARS = str.maketrans("", "", "“”\"'‘’「」『』《》〈〉【】 \t\r\n\u3000")


@dataclass(frozen=True)
class Candidate:
    """An entity a name may refer to."""

    iri: str
    label: str
    types: tuple[str, ...]

    def describe(self) -> str:
        return f"{self.label} ({', '.join(self.types) or 'entity'})  <{self.iri}>"


@dataclass(frozen=True)
class Quote:
    """A sentence stating a fact, where it stands, and the rule that read it."""

    text: str
    article: str  # article title, "" when the article states none
    source_file: str
    start: int
    end: int
    rule: str | None = None


@dataclass(frozen=True)
class Fact:
    """One statement about the entity: ``relation`` → ``value`` (a label where there is one)."""

    relation: str
    value: str
    iri: str | None = None  # when the value is an entity
    quotes: tuple[Quote, ...] = ()


@dataclass(frozen=True)
class Mention:
    """An article that mentions the entity, with the sentences that do."""

    article: str
    source_file: str
    iri: str
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class Explanation:
    """Everything the graph states about one entity, with evidence."""

    iri: str
    label: str
    types: tuple[str, ...]
    other_labels: tuple[str, ...]
    facts: tuple[Fact, ...]
    mentions: tuple[Mention, ...]
    linked_from: tuple[Fact, ...]  # e.g. "implements" → programs carried out by a place

    def format(self) -> str:
        """The explanation as text for a reader about to cite it."""
        return format_explanation(self)


def explain(graph: Graph, name_or_iri: str) -> Explanation:
    """Explain the entity with this IRI or label; NotFoundError/AmbiguousNameError otherwise."""
    view = _View(graph)
    node = _find(view, name_or_iri)
    return Explanation(
        iri=str(node),
        label=view.label(node) or str(node),
        types=view.types(node),
        other_labels=view.other_labels(node),
        facts=tuple(_facts(view, node)),
        mentions=tuple(_mentions(view, node)),
        linked_from=tuple(_linked_from(view, node)),
    )


def find_entity(graph: Graph, name_or_iri: str) -> URIRef:
    """The one entity an IRI or label names."""
    return _find(_View(graph), name_or_iri)


def _find(view: _View, name_or_iri: str) -> URIRef:
    text = name_or_iri.strip().removeprefix("<").removesuffix(">")
    if not _normalize(text):
        raise NotFoundError("give a name or an IRI to explain")
    if "://" in text or text.startswith("id:"):
        return _by_iri(view, text)
    for fits in _label_tests(text):
        found = [c for c in view.entities() if any(fits(n) for n in view.names(c))]
        if len(found) == 1:
            return found[0]
        if found:
            raise AmbiguousNameError(text, [view.candidate(c) for c in view.ranked(found)])
    raise NotFoundError(f"nothing in the graph is called '{text}'")


def _by_iri(view: _View, text: str) -> URIRef:
    full = ID + text[3:] if text.startswith("id:") else text
    for form in (full, quote(full, safe=":/#%")):
        node = URIRef(form)
        if (node, None, None) in view.graph:
            return node
    raise NotFoundError(f"no entity with IRI {full}")


def _normalize(text: str) -> str:
    return text.translate(_QUOTE_CHARS).lower()


def _label_tests(text: str) -> list[Callable[[str], bool]]:
    """Exact, prefix, substring: for the text as given and in simplified characters."""
    forms = list(dict.fromkeys([_normalize(text), _normalize(simplify(text))]))
    return [
        lambda name: name in forms,
        lambda name: any(name.startswith(f) for f in forms),
        lambda name: any(f in name for f in forms),
    ]


class _Evidence(NamedTuple):
    relation: Node | None
    target: Node | None
    article: Node
    quote: Quote


class _View:
    """Label, type and evidence look-ups over a graph."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self._evidence: dict[Node, list[_Evidence]] | None = None

    def entities(self) -> list[URIRef]:
        """Instances with a label, in IRI order."""
        found = {
            s
            for prop in (RDFS.label, SKOS.altLabel)
            for s in self.graph.subjects(prop, None)
            if isinstance(s, URIRef) and str(s).startswith(ID)
        }
        return sorted(found, key=str)

    def names(self, node: Node) -> list[str]:
        labels = [*self.graph.objects(node, RDFS.label), *self.graph.objects(node, SKOS.altLabel)]
        return [_normalize(str(x)) for x in labels]

    def label(self, node: Node) -> str | None:
        labels = sorted(self.graph.objects(node, RDFS.label), key=_label_rank)
        return str(labels[0]) if labels else None

    def other_labels(self, node: Node) -> tuple[str, ...]:
        main = self.label(node)
        alt = {str(x) for x in self.graph.objects(node, SKOS.altLabel)}
        return tuple(sorted(alt - {main} if main else alt))

    def types(self, node: Node) -> tuple[str, ...]:
        names = {_local(t) for t in self.graph.objects(node, RDF.type) if str(t).startswith(OG)}
        return tuple(sorted(names, key=_type_rank))

    def candidate(self, node: URIRef) -> Candidate:
        return Candidate(str(node), self.label(node) or str(node), self.types(node))

    def ranked(self, nodes: Iterable[URIRef]) -> list[URIRef]:
        def key(node: URIRef) -> tuple[int, int, str, str]:
            label = self.label(node) or ""
            return (
                min(map(_type_rank, self.types(node)), default=99),
                len(label),
                label,
                str(node),
            )

        return sorted(nodes, key=key)

    def show(self, node: Node) -> tuple[str, str | None]:
        """A value as a reader sees it: an entity's label, a concept's name, a literal's text."""
        if isinstance(node, Literal):
            return _literal_text(node), None
        label = self.label(node) or self._pref_label(node) or self._section_name(node)
        if label:
            return label, str(node)
        if str(node).startswith(OG):  # a concept of the ontology: og:Mechanism, og:OtherKind
            return (_local(node).removesuffix("Kind") or _local(node)).lower(), None
        return str(node), str(node)

    def _section_name(self, node: Node) -> str | None:
        """ "<article> § <heading>" for a section of an article."""
        if (node, RDF.type, OG.Section) not in self.graph:
            return None
        article = self.graph.value(None, OG.hasSection, node)
        title, source_file = self.article_names(article) if article else ("", "")
        heading = self.graph.value(node, OG.heading)
        return f"{title or source_file} § {heading or 'section'}"

    def _pref_label(self, node: Node) -> str | None:
        labels = sorted(self.graph.objects(node, SKOS.prefLabel), key=_label_rank)
        return str(labels[0]) if labels else None

    def evidence(self, about: Node) -> list[_Evidence]:
        """Every og:Evidence about a node."""
        if self._evidence is None:
            self._evidence = self._read_evidence()
        return self._evidence.get(about, [])

    def _read_evidence(self) -> dict[Node, list[_Evidence]]:
        found: dict[Node, list[_Evidence]] = defaultdict(list)
        articles: dict[Node, tuple[str, str]] = {}
        for e in self.graph.subjects(RDF.type, OG.Evidence):
            about, article = self.graph.value(e, OG.about), self.graph.value(e, OG.article)
            text = self.graph.value(e, OG.quote)
            if about is None or article is None or text is None:
                continue
            if article not in articles:
                articles[article] = self.article_names(article)
            title, source_file = articles[article]
            rule = self.graph.value(e, OG.rule)
            quote_ = Quote(
                text=str(text),
                article=title,
                source_file=source_file,
                start=_int(self.graph.value(e, OG.start)),
                end=_int(self.graph.value(e, OG.end)),
                rule=None if rule is None else str(rule),
            )
            relation, target = self.graph.value(e, OG.relation), self.graph.value(e, OG.target)
            found[about].append(_Evidence(relation, target, article, quote_))
        return found

    def article_names(self, article: Node) -> tuple[str, str]:
        """(title, source file) of an article."""
        source_file = str(self.graph.value(article, OG.sourceFile) or "")
        title = self.graph.value(article, DCTERMS.title)
        return str(title or ""), source_file


def _facts(view: _View, node: URIRef) -> Iterable[Fact]:
    evidence = view.evidence(node)
    for prop, name in FACT_NAMES.items():
        values = [(*view.show(o), o) for o in view.graph.objects(node, prop)]
        for text, iri, obj in sorted(values, key=lambda v: (v[0], v[1] or "")):
            quotes = [e.quote for e in evidence if e.relation == prop and e.target == obj]
            yield Fact(name, text, iri, _distinct_sorted(quotes))


def _mentions(view: _View, node: URIRef) -> Iterable[Mention]:
    plain = [e for e in view.evidence(node) if e.relation is None]
    mentions = []
    for article in set(view.graph.objects(node, OG.mentionedIn)):
        title, source_file = view.article_names(article)
        quotes = _distinct_sorted(e.quote for e in plain if e.article == article)
        mentions.append(Mention(title, source_file, str(article), quotes))
    return sorted(mentions, key=lambda m: (m.source_file, m.article, m.iri))


def _linked_from(view: _View, node: URIRef) -> Iterable[Fact]:
    for prop, name in INVERSE_NAMES.items():
        subjects = {s for s in view.graph.subjects(prop, node) if isinstance(s, URIRef)}
        shown = sorted(view.show(s) for s in subjects)
        for text, iri in shown:
            yield Fact(name, text, iri)


def _distinct_sorted(quotes: Iterable[Quote]) -> tuple[Quote, ...]:
    return tuple(sorted(set(quotes), key=lambda q: (q.source_file, q.start, q.end, q.rule or "")))


def _label_rank(lit: Node) -> tuple[int, str]:
    lang = (lit.language or "").lower() if isinstance(lit, Literal) else ""
    order = ("zh-hans", "zh", "zh-cn", "")
    return (order.index(lang) if lang in order else len(order), str(lit))


def _type_rank(name: str) -> int:
    bases = {"Province": "Place", "Prefecture": "Place", "County": "Place", "Township": "Place"}
    bases |= {"Village": "Place", "Community": "Place", "PolicyDocument": "Document"}
    bases |= {"Publication": "Document", "Work": "Document", "Agreement": "Document"}
    base = bases.get(name, name)
    rank = TYPE_ORDER.index(base) if base in TYPE_ORDER else len(TYPE_ORDER)
    return rank * 2 + (0 if base != name else 1)  # the specific class before its base


def _local(node: Node) -> str:
    return str(node).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _int(node: Node | None) -> int:
    try:
        return int(str(node))
    except ValueError:
        return -1


def _literal_text(lit: Literal) -> str:
    value = lit.toPython()
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(lit)
    if "." in text and text.replace(".", "", 1).lstrip("-").isdigit():
        text = text.rstrip("0").rstrip(".")
    return text


def format_explanation(x: Explanation) -> str:
    """Header, facts with their sentences, articles mentioning it, and what links to it."""
    lines = [f"{x.label}  ({', '.join(x.types) or 'entity'})", f"  IRI: {x.iri}"]
    if x.other_labels:
        lines.append(f"  also written: {'、'.join(x.other_labels)}")
    if x.facts:
        lines += ["", "Facts"]
        for fact in x.facts:
            lines.append(f"  {fact.relation}: {fact.value}")
            lines += _quote_lines(fact.quotes, indent="    ")
    if x.mentions:
        lines += ["", f"Mentioned in {len(x.mentions)} article(s)"]
        shown = {q for fact in x.facts for q in fact.quotes}
        for m in x.mentions:
            lines.append(f"  {_where(m.article, m.source_file)}")
            fresh = [q for q in m.quotes if q not in shown]  # not quoted under Facts already
            lines += _quote_lines(fresh, indent="    ", with_article=False)
    if x.linked_from:
        lines += ["", "Linked from"]
        for relation in dict.fromkeys(f.relation for f in x.linked_from):
            names = [f.value for f in x.linked_from if f.relation == relation]
            more = f" … and {len(names) - MAX_LISTED} more" if len(names) > MAX_LISTED else ""
            lines.append(f"  {relation} ({len(names)}): {'、'.join(names[:MAX_LISTED])}{more}")
    return "\n".join(lines)


def _where(title: str, source_file: str) -> str:
    return f"《{title}》, {source_file}" if title else source_file


def _quote_lines(quotes: Sequence[Quote], indent: str, with_article: bool = True) -> list[str]:
    lines = []
    shown: dict[str, int] = defaultdict(int)
    hidden: dict[str, int] = defaultdict(int)
    for q in quotes:
        if shown[q.source_file] >= MAX_QUOTES_PER_ARTICLE:
            hidden[q.source_file] += 1
            continue
        shown[q.source_file] += 1
        where = _where(q.article, q.source_file) if with_article else q.source_file
        rule = f", rule {q.rule}" if q.rule else ""
        lines.append(f"{indent}“{q.text.strip()}”")
        lines.append(f"{indent}  — {where}, characters {q.start}–{q.end}{rule}")
    lines += [f"{indent}… {n} more in {f}" for f, n in sorted(hidden.items())]
    return lines
