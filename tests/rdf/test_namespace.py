"""The vocabulary in code and the ontology file stay in step."""

from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, URIRef

from orggraph.rdf.namespace import OG

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
