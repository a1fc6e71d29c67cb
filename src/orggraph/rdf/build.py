"""Records in, triples out: a pure function of the resolved corpus.

The triples split in two: each article's own (``article_triples``: the article, its
sections, evidence, mentions, links stated in it, metrics), a pure function of that article's
facts, so it can be made in the extraction workers and cached; and the nodes shared across
articles (``corpus_triples``: places, program and document nodes with their merged names,
og:Implementation helpers, units), made from the whole corpus. ``build_graph`` is their union
with the ontology.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from orggraph.rdf.helpers import Triple as HelperTriple
from orggraph.rdf.helpers import helper_triples
from orggraph.rdf.iri import (
    article_iri,
    document_iri,
    evidence_iri,
    implementation_iri,
    metric_iri,
    place_iri,
    program_iri,
    section_iri,
    unit_iri,
)
from orggraph.rdf.namespace import GEO, OG, QB, new_graph, ontology
from orggraph.rdf.terms import (
    decimal_literal,
    kind_concepts,
    original_form,
    same_measure,
    time_literal,
)
from orggraph.records import (
    ArticleFacts,
    DocumentKind,
    Evidence,
    Place,
    PlaceLevel,
    SourceText,
)
from orggraph.resolve import Corpus, DocumentEntity, MetricEntity, ProgramEntity, resolve
from orggraph.resources.units import unit_info

Triple = tuple[Node, Node, Node]

HANS = "zh-Hans"
HANT = "zh-Hant"

PLACE_CLASS = {
    PlaceLevel.PROVINCE: OG.Province,
    PlaceLevel.PREFECTURE: OG.Prefecture,
    PlaceLevel.COUNTY: OG.County,
    PlaceLevel.TOWNSHIP: OG.Township,
    PlaceLevel.VILLAGE: OG.Village,
    PlaceLevel.COMMUNITY: OG.Community,
}
DOCUMENT_CLASS = {
    DocumentKind.POLICY: OG.PolicyDocument,
    DocumentKind.PUBLICATION: OG.Publication,
    DocumentKind.WORK: OG.Work,
    DocumentKind.AGREEMENT: OG.Agreement,
}


class _GraphBuilder:
    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.triples: list[Triple] = []

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        self.triples.append((s, p, o))

    def label(self, s: URIRef, text: str) -> None:
        self.add(s, RDFS.label, Literal(text, lang=HANS))

    def alt_label(self, s: URIRef, source: SourceText, ev: Evidence, simplified: str) -> None:
        if source.traditional:
            form = original_form(source, ev.start, ev.end)
            if form and form != simplified:
                self.add(s, SKOS.altLabel, Literal(form, lang=HANT))

    def evidence(
        self,
        about: URIRef,
        index: int,
        ev: Evidence,
        relation: URIRef | None = None,
        target: URIRef | None = None,
    ) -> URIRef:
        source = self.corpus.articles[index].source
        article = article_iri(source.sha256)
        sent_start, sent_end = source.original_span(ev.sentence_start, ev.sentence_end)
        mention_start, mention_end = source.original_span(ev.start, ev.end)
        node = evidence_iri(
            about, article, mention_start, mention_end, relation or "", target or ""
        )
        self.add(node, RDF.type, OG.Evidence)
        self.add(node, OG.about, about)
        self.add(node, OG.article, article)
        self.add(node, OG.quote, Literal(source.original[sent_start:sent_end]))
        self.add(node, OG.start, Literal(sent_start))
        self.add(node, OG.end, Literal(sent_end))
        self.add(node, OG.mentionStart, Literal(mention_start))
        self.add(node, OG.mentionEnd, Literal(mention_end))
        self.add(node, OG.rule, Literal(ev.rule))
        if relation is not None and target is not None:
            self.add(node, OG.relation, relation)
            self.add(node, OG.target, target)
        return node

    def link(
        self, node: URIRef, relation: URIRef, target: URIRef, index: int, ev: Evidence
    ) -> URIRef:
        """A relation between two entities, with the evidence stating it (returned)."""
        self.add(node, relation, target)
        return self.evidence(node, index, ev, relation, target)

    def mention(self, node: URIRef, index: int, ev: Evidence) -> None:
        """An entity mentioned in an article: og:mentionedIn and evidence."""
        source = self.corpus.articles[index].source
        self.add(node, OG.mentionedIn, article_iri(source.sha256))
        self.evidence(node, index, ev)

    def mention_forms(
        self, node: URIRef, mentions: Iterable[tuple[int, Evidence]], label: str
    ) -> None:
        """The traditional forms an entity is written in (they depend on its merged name)."""
        for index, ev in mentions:
            source = self.corpus.articles[index].source
            if source.traditional:
                self.alt_label(node, source, ev, label)

    # ------------------------------------------------------------ articles

    def article(self, facts: ArticleFacts) -> None:
        source, meta = facts.source, facts.source.meta
        node = article_iri(source.sha256)
        self.add(node, RDF.type, OG.Article)
        self.label(node, meta.title or source.source_file)
        self.add(node, OG.sourceFile, Literal(source.source_file))
        self.add(node, OG.textFile, Literal(source.text_file))
        self.add(node, OG.sha256, Literal(source.sha256))
        self.add(node, OG.encoding, Literal(source.encoding))
        self.add(node, OG.traditional, Literal(source.traditional))
        if meta.title:
            self.add(node, DCTERMS.title, Literal(meta.title, lang=HANS))
        if meta.publisher:
            self.add(node, DCTERMS.publisher, Literal(meta.publisher, lang=HANS))
        if meta.issued:
            self.add(node, DCTERMS.issued, time_literal(meta.issued))
        if meta.creator:
            self.add(node, DCTERMS.creator, Literal(meta.creator, lang=HANS))
        if meta.url:
            self.add(node, DCTERMS.source, Literal(meta.url, datatype=XSD.anyURI))
        for key in facts.focus:
            self.add(node, OG.focus, place_iri(key))
        for section in facts.sections:
            start, end = source.original_span(section.start, section.end)
            sec = section_iri(source.sha256, start)
            self.add(node, OG.hasSection, sec)
            self.add(sec, RDF.type, OG.Section)
            self.add(sec, OG.start, Literal(start))
            self.add(sec, OG.end, Literal(end))
            if section.heading:
                self.add(sec, OG.heading, Literal(section.heading, lang=HANS))
            for key in section.focus:
                self.add(sec, OG.focus, place_iri(key))

    # ------------------------------------------------------------ entities

    def place(self, place: Place) -> None:
        node = place_iri(place.key)
        self.add(node, RDF.type, OG.Place)
        self.add(node, RDF.type, PLACE_CLASS[place.level])
        self.label(node, place.name)
        if place.adcode:
            self.add(node, OG.adcode, Literal(place.adcode))
        if place.parent:
            self.add(node, OG.partOf, place_iri(place.parent))
        if place.lat is not None and place.lon is not None:
            self.add(node, GEO.lat, decimal_literal(Decimal(str(place.lat))))
            self.add(node, GEO.long, decimal_literal(Decimal(str(place.lon))))
        self.former_names(node, place)

    def former_names(self, node: URIRef, place: Place) -> None:
        """Old names the texts still use (怀仁县 for 怀仁市): found by search, never displayed."""
        for name in place.former_names:
            self.add(node, SKOS.hiddenLabel, Literal(name, lang=HANS))

    def place_mentions(self, index: int, facts: ArticleFacts) -> None:
        article = article_iri(facts.source.sha256)
        for mention in facts.place_mentions:
            node = place_iri(mention.place)
            self.add(node, OG.mentionedIn, article)
            self.evidence(node, index, mention.evidence)

    def program(self, entity: ProgramEntity) -> None:
        """The program node: merged name, head noun, kind, traditional forms."""
        node = program_iri(entity.key)
        self.add(node, RDF.type, OG.Program)
        self.label(node, entity.name)
        if entity.head:
            self.add(node, OG.headNoun, Literal(entity.head, lang=HANS))
            if entity.label != entity.name:
                self.add(node, SKOS.altLabel, Literal(entity.label, lang=HANS))
        self.add(node, OG.kind, kind_concepts()[entity.kind])
        forms = ((link.article, link.mention.evidence) for link in entity.mentions)
        self.mention_forms(node, forms, entity.name)

    def program_mentions(self, entity: ProgramEntity) -> None:
        """Each mention of a program and the links it states, with evidence."""
        node = program_iri(entity.key)
        for link in entity.mentions:
            index, mention = link.article, link.mention
            ev = mention.evidence
            self.mention(node, index, ev)
            if mention.place:
                said = self.link(node, OG.implementedBy, place_iri(mention.place), index, ev)
                if mention.since:
                    self.add(said, OG.since, time_literal(mention.since))
            if link.governed_by:
                self.link(node, OG.governedBy, document_iri(link.governed_by), index, ev)
            if link.part_of:
                self.link(node, OG.partOfProgram, program_iri(link.part_of), index, ev)

    def implementations(self, entity: ProgramEntity) -> None:
        """Query helper: one og:Implementation per implementing place, with its article count
        and the first year an article stating it was issued."""
        articles: dict[str, set[int]] = {}
        for link in entity.mentions:
            if link.mention.place:
                articles.setdefault(link.mention.place, set()).add(link.article)
        for place, indexes in sorted(articles.items()):
            node = implementation_iri(entity.key, place)
            self.add(node, RDF.type, OG.Implementation)
            self.add(node, OG.implementationOf, program_iri(entity.key))
            self.add(node, OG.implementer, place_iri(place))
            self.add(node, OG.articleCount, Literal(len(indexes)))
            issued = [self.corpus.articles[i].source.meta.issued or "" for i in indexes]
            years = sorted(date[:4] for date in issued if re.match(r"\d{4}", date))
            if years:
                self.add(node, OG.firstYear, Literal(years[0], datatype=XSD.gYear))

    def document(self, entity: DocumentEntity) -> None:
        """The document node: merged title and kind, traditional forms."""
        node = document_iri(entity.key)
        self.add(node, RDF.type, OG.Document)
        if entity.kind in DOCUMENT_CLASS:
            self.add(node, RDF.type, DOCUMENT_CLASS[entity.kind])
        self.label(node, entity.title)
        forms = ((index, mention.evidence) for index, mention in entity.mentions)
        self.mention_forms(node, forms, entity.title)

    def document_mentions(self, entity: DocumentEntity) -> None:
        """Each mention of a document and its issuer, with evidence."""
        node = document_iri(entity.key)
        for index, mention in entity.mentions:
            self.mention(node, index, mention.evidence)
            if mention.issuer:
                self.link(node, OG.issuedBy, place_iri(mention.issuer), index, mention.evidence)

    def metric(self, entity: MetricEntity) -> None:
        index, metric = entity.article, entity.metric
        source = self.corpus.articles[index].source
        node = metric_iri(source.sha256, entity.start, entity.end)
        self.add(node, RDF.type, OG.Metric)
        self.add(node, RDF.type, QB.Observation)
        self.add(node, QB.dataSet, OG.metrics)
        self.add(node, OG.offset, Literal(entity.start))
        self.label(node, f"{metric.surface} {metric.measure}" if metric.measure else metric.surface)
        self.add(node, OG.mentionedIn, article_iri(source.sha256))
        self.add(node, OG.value, decimal_literal(metric.value))
        self.add(node, OG.unit, Literal(metric.unit))
        self.add(node, OG.unitConcept, unit_iri(metric.unit))
        self.add(node, OG.text, Literal(metric.surface, lang=HANS))
        self.add(node, OG.approximate, Literal(metric.approximate))
        self.add(node, OG.change, Literal(metric.change))
        if metric.measure:
            self.add(node, OG.measure, Literal(metric.measure, lang=HANS))
        if metric.year:
            self.add(node, OG.year, time_literal(metric.year))
        if metric.share_of:
            self.add(node, OG.shareOf, Literal(metric.share_of, lang=HANS))
        said = self.evidence(node, index, metric.evidence)
        if metric.year_rule:
            self.add(said, OG.yearRule, Literal(metric.year_rule))
        if metric.since and metric.year:
            self.add(node, OG.since, time_literal(metric.year[:4]))
        if metric.place:
            self.link(node, OG.place, place_iri(metric.place), index, metric.evidence)
        if entity.program:
            self.link(node, OG.program, program_iri(entity.program), index, metric.evidence)

    def same_figures(self, metrics: Sequence[MetricEntity]) -> None:
        """Repeats of one figure in one article (same value and unit, one measure naming the
        other or sharing most character pairs) are linked by og:sameFigureAs, never merged."""
        groups: dict[tuple[int, str, str], list[tuple[str, URIRef]]] = {}
        for entity in metrics:
            m = entity.metric
            if m.measure:
                sha = self.corpus.articles[entity.article].source.sha256
                node = metric_iri(sha, entity.start, entity.end)
                key = (entity.article, str(m.value), m.unit)
                groups.setdefault(key, []).append((m.measure, node))
        for members in groups.values():
            for measure_a, a in members:
                for measure_b, b in members:
                    if a != b and same_measure(measure_a, measure_b):
                        self.add(a, OG.sameFigureAs, b)

    def unit(self, unit: str) -> None:
        node = unit_iri(unit)
        self.add(node, RDF.type, OG.Unit)
        self.add(node, SKOS.prefLabel, Literal(unit, lang=HANS))
        self.add(node, SKOS.inScheme, OG.UnitScheme)
        info = unit_info(unit)
        if info is not None:
            self.add(node, SKOS.definition, Literal(info.gloss, lang="en"))
            self.add(node, OG.unitKind, Literal(info.kind.value))
            if info.currency:
                self.add(node, OG.currency, Literal(info.currency))

    def article_part(self) -> list[Triple]:
        """The triples of the corpus's articles that depend on nothing outside each article."""
        corpus = self.corpus
        for index, facts in enumerate(corpus.articles):
            self.article(facts)
            self.place_mentions(index, facts)
        for document in corpus.documents:
            self.document_mentions(document)
        for program in corpus.programs:
            self.program_mentions(program)
        for metric in corpus.metrics:
            self.metric(metric)
        self.same_figures(corpus.metrics)
        return self.triples

    def corpus_part(self) -> list[Triple]:
        """The nodes shared across articles: places, programs, documents, helpers, units."""
        corpus = self.corpus
        for place in corpus.places:
            self.place(place)
        for document in corpus.documents:
            self.document(document)
        for program in corpus.programs:
            self.program(program)
            self.implementations(program)
        for unit in sorted({m.metric.unit for m in corpus.metrics}):
            self.unit(unit)
        return self.triples


def article_triples(facts: ArticleFacts) -> list[Triple]:
    """One article's own triples: a pure function of its facts (and identity, never order)."""
    return _GraphBuilder(resolve([facts])).article_part()


def corpus_triples(corpus: Corpus) -> list[Triple | HelperTriple]:
    """The triples of the nodes shared across the corpus's articles and the query helpers
    (not the ontology)."""
    return _GraphBuilder(corpus).corpus_part() + list(helper_triples(corpus))


def build_graph(corpus: Corpus) -> Graph:
    """The RDF graph of a resolved corpus, under the orggraph ontology, with query helpers."""
    graph = new_graph()
    for triple in ontology():  # the graph states its own vocabulary, kinds and cube
        graph.add(triple)
    for s, p, o in corpus_triples(corpus):
        graph.add((s, p, Literal(o) if isinstance(o, int) else o))  # a rank: xsd:integer
    for facts in corpus.articles:
        for triple in article_triples(facts):
            graph.add(triple)
    return graph
