"""Query helper triples: derived at build time so each named query is a selective pattern.

An on-disk store answers a pattern by index look-ups (tens of microseconds each), and
sorting or grouping on strings reads every string back, once per comparison. These triples
let each named query (``rdf/queries/*.rq``) cut its page from one scan of integers and
look up only the rows it returns:

- sort keys (xsd:integer, sub-properties of ``og:sortKey``): ``og:articleKey`` (articles by
  source file), ``og:placeKey`` and ``og:programKey`` (by label), ``og:metricKey`` (by
  measure, year, value largest first, file, text); sorting by them gives the order of
  those strings.
- ``og:province`` (a place's province) and ``og:provinceOrder`` (its position listed by
  province, admin code and name).
- on each ``og:Implementation``: ``og:statedIn`` (the articles stating the link),
  ``og:firstStatedYear`` (the earliest year they state the place began it),
  ``og:placeOrder`` and ``og:timelineOrder`` (its position by place then program, and by
  program, first year, place).

All are a function of the resolved corpus, so the same corpus gives the same triples. Sort
keys and orders are stated as Python ints (an xsd:integer each, see ``Rank``): a rebuild
makes tens of thousands of them, and an rdflib Literal costs ten times more to make than to
write.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from rdflib import XSD, Literal, URIRef

from orggraph.rdf.iri import article_iri, implementation_iri, metric_iri, place_iri, program_iri
from orggraph.rdf.namespace import OG
from orggraph.records import Place, PlaceLevel
from orggraph.resolve import Corpus, MetricEntity

#: A rank, written as an xsd:integer literal (``outputs.turtle`` writes it bare; an rdflib
#: graph is given ``Literal(rank)``).
Rank = int
Triple = tuple[URIRef, URIRef, URIRef | Literal | Rank]
_YEAR = re.compile(r"\d{4}")


def helper_triples(corpus: Corpus) -> Iterator[Triple]:
    """Every helper triple of a resolved corpus."""
    yield from _sort_keys(corpus)
    yield from _provinces(corpus.places)
    yield from _implementations(corpus)


def _key(node: URIRef, predicate: URIRef, rank: int) -> Triple:
    return (node, predicate, rank)


def _sort_keys(corpus: Corpus) -> Iterator[Triple]:
    articles = sorted(corpus.articles, key=lambda a: (a.source.source_file, a.source.sha256))
    for rank, facts in enumerate(articles):
        yield _key(article_iri(facts.source.sha256), OG.articleKey, rank)
    places = sorted(corpus.places, key=lambda p: (p.name, p.key))
    for rank, place in enumerate(places):
        yield _key(place_iri(place.key), OG.placeKey, rank)
    programs = sorted(corpus.programs, key=lambda p: (p.name, p.key))
    for rank, program in enumerate(programs):
        yield _key(program_iri(program.key), OG.programKey, rank)
    metrics = sorted(corpus.metrics, key=lambda m: _metric_order(corpus, m))
    key = OG.metricKey
    for rank, m in enumerate(metrics):
        yield (metric_iri(corpus.articles[m.article].source.sha256, m.start, m.end), key, rank)


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
    """og:province of each place under a province, and og:provinceOrder: its position when
    listed by province name, admin code (none first) and name."""
    by_key = {p.key: p for p in places}
    listed = []
    for place in places:
        province = _province(place, by_key)
        if province is not None:
            yield (place_iri(place.key), OG.province, place_iri(province.key))
            listed.append((province.name, province.key, place.adcode or "", place.name, place.key))
    for rank, row in enumerate(sorted(listed)):
        yield _key(place_iri(row[-1]), OG.provinceOrder, rank)


def _province(place: Place, by_key: dict[str, Place]) -> Place | None:
    """The province at the end of a place's chain of parents (None for a province itself)."""
    if place.level is PlaceLevel.PROVINCE:
        return None
    seen, up = {place.key}, by_key.get(place.parent or "")
    while up is not None and up.level is not PlaceLevel.PROVINCE and up.key not in seen:
        seen.add(up.key)
        up = by_key.get(up.parent or "")
    return up


def _implementations(corpus: Corpus) -> Iterator[Triple]:
    """On each og:Implementation (program, place): og:statedIn (the articles stating it),
    og:firstStatedYear, og:placeOrder (listed by place name, then program name) and
    og:timelineOrder (by program name, first stated year, place name)."""
    names = {p.key: p.name for p in corpus.places}
    rows = []
    for program in corpus.programs:
        articles: dict[str, set[str]] = {}
        first: dict[str, str] = {}
        for link in program.mentions:
            place, since = link.mention.place, link.mention.since
            if not place:
                continue
            articles.setdefault(place, set()).add(corpus.articles[link.article].source.sha256)
            if since and _YEAR.match(since):
                first[place] = min(first.get(place, since[:4]), since[:4])
        for place, shas in sorted(articles.items()):
            node = implementation_iri(program.key, place)
            for sha in sorted(shas):
                yield (node, OG.statedIn, article_iri(sha))
            if place in first:
                yield (node, OG.firstStatedYear, Literal(first[place], datatype=XSD.gYear))
            rows.append((program, place, names.get(place, ""), first.get(place, ""), node))
    by_place = sorted(rows, key=lambda r: (r[2], r[0].name, r[1], r[0].key))
    for rank, row in enumerate(by_place):
        yield _key(row[4], OG.placeOrder, rank)
    by_program = sorted(rows, key=lambda r: (r[0].name, r[3], r[2], r[0].key, r[1]))
    for rank, row in enumerate(by_program):
        yield _key(row[4], OG.timelineOrder, rank)
