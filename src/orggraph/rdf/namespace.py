"""The orggraph vocabulary; ``ontology/orggraph.ttl`` is the source of truth (a test checks)."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ID = Namespace("https://w3id.org/orggraph/id/")
QB = Namespace("http://purl.org/linked-data/cube#")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")


class OG(DefinedNamespace):
    """Terms of ``https://w3id.org/orggraph/ontology#``."""

    _NS = Namespace("https://w3id.org/orggraph/ontology#")
    _fail = True

    # classes
    Article: URIRef
    Section: URIRef
    Place: URIRef
    Province: URIRef
    Prefecture: URIRef
    County: URIRef
    Township: URIRef
    Village: URIRef
    Community: URIRef
    Program: URIRef
    ProgramKind: URIRef
    ProgramKindScheme: URIRef
    Document: URIRef
    PolicyDocument: URIRef
    Publication: URIRef
    Work: URIRef
    Agreement: URIRef
    Metric: URIRef
    Unit: URIRef
    Evidence: URIRef
    Implementation: URIRef
    # program kinds (skos:Concept)
    Campaign: URIRef
    Project: URIRef
    Action: URIRef
    Plan: URIRef
    Mechanism: URIRef
    Method: URIRef
    Model: URIRef
    Activity: URIRef
    System: URIRef
    Strategy: URIRef
    Brand: URIRef
    OtherKind: URIRef
    # article
    sourceFile: URIRef
    sha256: URIRef
    encoding: URIRef
    traditional: URIRef
    focus: URIRef
    hasSection: URIRef
    heading: URIRef
    # entities
    mentionedIn: URIRef
    adcode: URIRef
    partOf: URIRef
    implementedBy: URIRef
    kind: URIRef
    headNoun: URIRef
    partOfProgram: URIRef
    governedBy: URIRef
    issuedBy: URIRef
    # query helpers: one node per (program, implementing place)
    implementationOf: URIRef
    implementer: URIRef
    articleCount: URIRef
    firstYear: URIRef
    # metrics
    metrics: URIRef
    metricsStructure: URIRef
    value: URIRef
    unit: URIRef
    unitConcept: URIRef
    unitKind: URIRef
    currency: URIRef
    measure: URIRef
    place: URIRef
    program: URIRef
    year: URIRef
    approximate: URIRef
    change: URIRef
    shareOf: URIRef
    text: URIRef
    # evidence
    about: URIRef
    relation: URIRef
    target: URIRef
    article: URIRef
    quote: URIRef
    start: URIRef
    end: URIRef
    mentionStart: URIRef
    mentionEnd: URIRef
    rule: URIRef
