"""Query helper triples: derived at build time so each named query is a selective pattern.

An on-disk store answers a pattern by index look-ups, but sorting or grouping on strings
reads every string back from the store, once per comparison. These triples give the named
queries (``rdf/queries/*.rq``) integer sort keys and direct links instead:

- ``og:sortKey`` (xsd:integer): an entity's position in the order its listings use —
  articles by source file; places and programs by label; metrics by measure, year, value
  (largest first), source file and text. Sorting by it gives the same rows in the same
  order as sorting by those strings, at the cost of integer comparisons.
- ``og:province``: the province a place lies in (the end of its ``og:partOf`` chain).
- ``og:firstStatedYear`` on an ``og:Implementation``: the earliest year the articles state the
  place began running the program (``og:since`` on the evidence of the link).

All are a function of the resolved corpus, so the same corpus gives the same triples.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from rdflib import XSD, Literal, URIRef

from orggraph.rdf.iri import article_iri, implementation_iri, metric_iri, place_iri, program_iri
from orggraph.rdf.namespace import OG
from orggraph.records import Place, PlaceLevel
from orggraph.resolve import Corpus, MetricEntity, ProgramEntity

Triple = tuple[URIRef, URIRef, URIRef | Literal]
_YEAR = re.compile(r"\d{4}")


def helper_triples(corpus: Corpus) -> Iterator[Triple]:
    """Every helper triple of a resolved corpus."""
    yield from _sort_keys(corpus)
    yield from _provinces(corpus.places)
    for program in corpus.programs:
        yield from _stated_years(program)


def _key(node: URIRef, rank: int) -> Triple:
    return (node, OG.sortKey, Literal(rank, datatype=XSD.integer))


def _sort_keys(corpus: Corpus) -> Iterator[Triple]:
    articles = sorted(corpus.articles, key=lambda a: (a.source.source_file, a.source.sha256))
    for rank, facts in enumerate(articles):
        yield _key(article_iri(facts.source.sha256), rank)
    places = sorted(corpus.places, key=lambda p: (p.name, p.key))
    for rank, place in enumerate(places):
        yield _key(place_iri(place.key), rank)
    programs = sorted(corpus.programs, key=lambda p: (p.name, p.key))
    for rank, program in enumerate(programs):
        yield _key(program_iri(program.key), rank)
    metrics = sorted(corpus.metrics, key=lambda m: _metric_order(corpus, m))
    for rank, m in enumerate(metrics):
        yield _key(metric_iri(corpus.articles[m.article].source.sha256, m.start, m.end), rank)


def _metric_order(
    corpus: Corpus, entity: MetricEntity
) -> tuple[str, str, Decimal, str, str, int, int, str]:
    """Measure, year, value (largest first), file, text; then the metric's identity."""
    metric, source = entity.metric, corpus.articles[entity.article].source
    return (
        metric.measure or "",
        metric.year or "",
        -metric.value,
        source.source_file,
        metric.surface,
        entity.start,
        entity.end,
        source.sha256,
    )


def _provinces(places: tuple[Place, ...]) -> Iterator[Triple]:
    by_key = {p.key: p for p in places}
    for place in places:
        if place.level is PlaceLevel.PROVINCE:
            continue
        seen, up = {place.key}, by_key.get(place.parent or "")
        while up is not None and up.level is not PlaceLevel.PROVINCE and up.key not in seen:
            seen.add(up.key)
            up = by_key.get(up.parent or "")
        if up is not None and up.level is PlaceLevel.PROVINCE:
            yield (place_iri(place.key), OG.province, place_iri(up.key))


def _stated_years(entity: ProgramEntity) -> Iterator[Triple]:
    first: dict[str, str] = {}
    for link in entity.mentions:
        place, since = link.mention.place, link.mention.since
        if place and since and _YEAR.match(since):
            first[place] = min(first.get(place, since[:4]), since[:4])
    for place, year in sorted(first.items()):
        node = implementation_iri(entity.key, place)
        yield (node, OG.firstStatedYear, Literal(year, datatype=XSD.gYear))
