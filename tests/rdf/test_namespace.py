"""The vocabulary in code and the ontology file stay in step."""

import importlib.util
from pathlib import Path
from types import ModuleType

from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

from orggraph.rdf import namespace
from orggraph.rdf.namespace import GEO, OG

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology" / "orggraph.ttl"
NS = str(OG._NS)


def ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def defined_terms(g: Graph) -> set[str]:
    return {
        str(s)[len(NS) :]
        for s in g.subjects(RDF.type, None)
        if isinstance(s, URIRef) and str(s).startswith(NS) and str(s) != NS
    }


def test_every_code_term_is_defined_in_the_ontology() -> None:
    code_terms = set(OG.__annotations__)
    assert code_terms - defined_terms(ontology()) == set()


def test_every_ontology_term_is_in_the_code() -> None:
    assert defined_terms(ontology()) - set(OG.__annotations__) == set()


def test_every_class_and_property_has_chinese_and_english_labels() -> None:
    g = ontology()
    for cls in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for term in g.subjects(RDF.type, cls):
            langs = {lit.language for lit in g.objects(term, RDFS.label)}
            assert {"zh-hans", "en"} <= {(lang or "").lower() for lang in langs}, term


def test_contract_classes_have_place_and_document_subclasses() -> None:
    g = ontology()
    subclasses = {s for s in g.subjects(RDFS.subClassOf, OG.Place)}
    assert {
        OG.Province,
        OG.Prefecture,
        OG.County,
        OG.Township,
        OG.Village,
        OG.Community,
    } <= subclasses
    docs = set(g.subjects(RDFS.subClassOf, OG.Document))
    assert {OG.PolicyDocument, OG.Publication, OG.Work, OG.Agreement} <= docs


def _sync_script() -> ModuleType:
    path = ONTOLOGY.parents[1] / "scripts" / "sync_ontology.py"
    spec = importlib.util.spec_from_file_location("sync_ontology", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_packaged_ontology_and_generated_og_are_current() -> None:
    """Run ``uv run python scripts/sync_ontology.py`` after editing ontology/*.ttl."""
    for path, text in _sync_script().expected_files().items():
        assert path.read_text(encoding="utf-8") == text, f"{path} is stale"


def test_the_package_reads_the_shipped_ontology() -> None:
    assert (OG.Program, RDF.type, OWL.Class) in namespace.ontology()
    assert len(namespace.ontology()) == len(ontology())


def test_geo_is_wgs84_in_turtle_and_in_queries() -> None:
    g = namespace.new_graph()
    g.add((URIRef("https://w3id.org/orggraph/id/place/1"), GEO.lat, Literal("1.5")))
    text = g.serialize(format="turtle")
    assert "@prefix geo: <http://www.w3.org/2003/01/geo/wgs84_pos#>" in text
    assert "geo1" not in text
    parsed = Graph().parse(data=text, format="turtle")
    rows = list(parsed.query("SELECT ?v WHERE { ?p geo:lat ?v }", initNs=namespace.PREFIXES))
    assert [str(r[0]) for r in rows] == ["1.5"]
