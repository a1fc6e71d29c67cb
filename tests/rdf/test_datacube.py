"""The metrics are a well-formed RDF Data Cube: the W3C integrity constraints run as SPARQL.

Queries follow https://www.w3.org/TR/vocab-data-cube/#wf-rules (each ASK is true on a
violation), after the spec's normalization of ``qb:dimension``/``qb:measure``/``qb:attribute``
into ``qb:componentProperty``. IC-17 (measure dimension cubes), IC-20 and IC-21 (hierarchical
code lists) do not apply: the cube has no ``qb:measureType`` and no hierarchical code list.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import RDF, Graph

from orggraph.rdf.build import build_graph
from orggraph.rdf.namespace import OG, sparql_prologue
from orggraph.resolve import resolve
from tests.conftest import SeedsBuild
from tests.factories import TEXT, article

NORMALIZE = """
INSERT { ?cs qb:componentProperty ?p . ?p a qb:DimensionProperty } WHERE { ?cs qb:dimension ?p } ;
INSERT { ?cs qb:componentProperty ?p . ?p a qb:MeasureProperty } WHERE { ?cs qb:measure ?p } ;
INSERT { ?cs qb:componentProperty ?p . ?p a qb:AttributeProperty } WHERE { ?cs qb:attribute ?p }
"""

CONSTRAINTS = {
    "IC-1 unique data set": """ASK {
  { ?obs a qb:Observation . FILTER NOT EXISTS { ?obs qb:dataSet ?d1 } }
  UNION { ?obs a qb:Observation ; qb:dataSet ?d1, ?d2 . FILTER (?d1 != ?d2) } }""",
    "IC-2 unique DSD": """ASK {
  { ?ds a qb:DataSet . FILTER NOT EXISTS { ?ds qb:structure ?dsd } }
  UNION { ?ds a qb:DataSet ; qb:structure ?dsd1, ?dsd2 . FILTER (?dsd1 != ?dsd2) } }""",
    "IC-3 DSD includes measure": """ASK { ?dsd a qb:DataStructureDefinition .
  FILTER NOT EXISTS { ?dsd qb:component [ qb:componentProperty [ a qb:MeasureProperty ] ] } }""",
    "IC-4 dimensions have range": """ASK { ?dim a qb:DimensionProperty .
  FILTER NOT EXISTS { ?dim rdfs:range [] } }""",
    "IC-5 concept dimensions have code lists": """ASK {
  ?dim a qb:DimensionProperty ; rdfs:range skos:Concept .
  FILTER NOT EXISTS { ?dim qb:codeList [] } }""",
    "IC-6 only attributes may be optional": """ASK {
  ?dsd qb:component ?cs . ?cs qb:componentRequired false ; qb:componentProperty ?c .
  FILTER NOT EXISTS { ?c a qb:AttributeProperty } }""",
    "IC-7 slice keys must be declared": """ASK { ?key a qb:SliceKey .
  FILTER NOT EXISTS { [ a qb:DataStructureDefinition ] qb:sliceKey ?key } }""",
    "IC-8 slice keys consistent with DSD": """ASK {
  ?key a qb:SliceKey ; qb:componentProperty ?p . ?dsd qb:sliceKey ?key .
  FILTER NOT EXISTS { ?dsd qb:component [ qb:componentProperty ?p ] } }""",
    "IC-9 unique slice structure": """ASK {
  { ?s a qb:Slice . FILTER NOT EXISTS { ?s qb:sliceStructure ?k } }
  UNION { ?s a qb:Slice ; qb:sliceStructure ?k1, ?k2 . FILTER (?k1 != ?k2) } }""",
    "IC-10 slice dimensions complete": """ASK {
  ?s qb:sliceStructure [ qb:componentProperty ?dim ] . FILTER NOT EXISTS { ?s ?dim [] } }""",
    "IC-11 all dimensions required": """ASK {
  ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
  ?dim a qb:DimensionProperty . FILTER NOT EXISTS { ?obs ?dim [] } }""",
    "IC-12 no duplicate observations": """ASK { FILTER (?allEqual) {
  SELECT (MIN(?equal) AS ?allEqual) WHERE {
    ?obs1 qb:dataSet ?ds . ?obs2 qb:dataSet ?ds . FILTER (?obs1 != ?obs2)
    ?ds qb:structure/qb:component/qb:componentProperty ?dim . ?dim a qb:DimensionProperty .
    ?obs1 ?dim ?v1 . ?obs2 ?dim ?v2 . BIND (?v1 = ?v2 AS ?equal)
  } GROUP BY ?obs1 ?obs2 } }""",
    "IC-13 required attributes": """ASK {
  ?obs qb:dataSet/qb:structure/qb:component ?cs .
  ?cs qb:componentRequired true ; qb:componentProperty ?attr .
  FILTER NOT EXISTS { ?obs ?attr [] } }""",
    "IC-14 all measures present": """ASK {
  ?obs qb:dataSet/qb:structure ?dsd .
  FILTER NOT EXISTS { ?dsd qb:component/qb:componentProperty qb:measureType }
  ?dsd qb:component/qb:componentProperty ?m . ?m a qb:MeasureProperty .
  FILTER NOT EXISTS { ?obs ?m [] } }""",
    "IC-15 measure dimension consistent": """ASK {
  ?obs qb:dataSet/qb:structure ?dsd ; qb:measureType ?m .
  ?dsd qb:component/qb:componentProperty qb:measureType . FILTER NOT EXISTS { ?obs ?m [] } }""",
    "IC-16 single measure on measure dimension observation": """ASK {
  ?obs qb:dataSet/qb:structure ?dsd ; qb:measureType ?m ; ?other [] .
  ?dsd qb:component/qb:componentProperty qb:measureType , ?other .
  ?other a qb:MeasureProperty . FILTER (?other != ?m) }""",
    "IC-18 consistent data set links": """ASK {
  ?ds qb:slice ?s . ?s qb:observation ?obs . FILTER NOT EXISTS { ?obs qb:dataSet ?ds } }""",
    "IC-19 codes from code list": """ASK {
  ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
  ?dim a qb:DimensionProperty ; qb:codeList ?list . ?list a skos:ConceptScheme .
  ?obs ?dim ?v . FILTER NOT EXISTS { ?v a skos:Concept ; skos:inScheme ?list } }""",
}


def _store(turtle: str) -> ox.Store:
    store = ox.Store()
    store.load(turtle.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    store.update(sparql_prologue() + NORMALIZE)
    return store


def _violated(store: ox.Store) -> list[str]:
    return [name for name, ask in CONSTRAINTS.items() if store.query(sparql_prologue() + ask)]


def _factory_graph() -> Graph:
    two = article(TEXT.replace("3.6万余名", "3.6万余名和120名"), name="b.txt")
    return build_graph(resolve([article(TEXT), two]))


def test_a_small_graph_passes_every_constraint() -> None:
    assert _violated(_store(_factory_graph().serialize(format="turtle"))) == []


def test_the_seeds_build_passes_every_constraint(seeds_build: SeedsBuild) -> None:
    assert _violated(_store(seeds_build.ttl.read_text(encoding="utf-8"))) == []


def test_every_component_has_a_range() -> None:
    store = _store(_factory_graph().serialize(format="turtle"))
    ask = """ASK { og:metricsStructure qb:component/qb:componentProperty ?p .
      FILTER NOT EXISTS { ?p rdfs:range [] } }"""
    assert not store.query(sparql_prologue() + ask)


@pytest.mark.parametrize(
    ("drop", "constraint"),
    [(OG.offset, "IC-11 all dimensions required"), (OG.unit, "IC-13 required attributes")],
)
def test_a_missing_component_is_caught(drop, constraint) -> None:  # type: ignore[no-untyped-def]
    g = _factory_graph()
    metric = next(g.subjects(RDF.type, OG.Metric))
    g.remove((metric, drop, None))
    assert constraint in _violated(_store(g.serialize(format="turtle")))


def test_two_observations_with_one_identity_are_caught() -> None:
    g = _factory_graph()
    first, second = sorted(g.subjects(RDF.type, OG.Metric))[:2]
    for prop in (OG.offset, OG.mentionedIn):
        g.set((second, prop, g.value(first, prop)))
    assert "IC-12 no duplicate observations" in _violated(_store(g.serialize(format="turtle")))
