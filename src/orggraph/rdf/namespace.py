"""The vocabulary: ``OG`` (generated from the ontology), the one prefix table, the ontology files.

``ontology/orggraph.ttl`` is the source of truth; ``scripts/sync_ontology.py`` ships it in the
package (``orggraph/rdf/ontology/``) and generates ``orggraph.rdf.og`` from it (a test checks
both are current).
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from rdflib import Graph, Namespace

from orggraph.rdf.og import OG

__all__ = [
    "GEO",
    "ID",
    "OG",
    "PREFIXES",
    "QB",
    "SH",
    "bind_prefixes",
    "new_graph",
    "ontology",
    "shapes",
    "sparql_prologue",
]

ID = Namespace("https://w3id.org/orggraph/id/")
QB = Namespace("http://purl.org/linked-data/cube#")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")  # WGS84, not GeoSPARQL
SH = Namespace("http://www.w3.org/ns/shacl#")

#: The one prefix table: Turtle output, SPARQL queries (pyoxigraph and rdflib) and readers.
PREFIXES: dict[str, str] = {
    "og": str(OG._NS),
    "id": str(ID),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "qb": str(QB),
    "geo": str(GEO),
    "schema": "https://schema.org/",
    "sdmx-attribute": "http://purl.org/linked-data/sdmx/2009/attribute#",
}


def sparql_prologue() -> str:
    """``PREFIX`` lines for every prefix of the table (for engines without a prefix argument)."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def new_graph() -> Graph:
    """An empty graph with exactly the prefixes of ``PREFIXES`` (``geo:`` is WGS84)."""
    graph = Graph(bind_namespaces="none")
    bind_prefixes(graph)
    return graph


def bind_prefixes(graph: Graph) -> Graph:
    """Bind every prefix of the table, replacing rdflib's defaults (``geo:`` → WGS84)."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, Namespace(ns), override=True, replace=True)
    return graph


def _package_text(name: str) -> str:
    return (files("orggraph.rdf") / "ontology" / name).read_text(encoding="utf-8")


@cache
def ontology() -> Graph:
    """The ontology shipped with the package (classes, properties, program kinds, the cube)."""
    return Graph().parse(data=_package_text("orggraph.ttl"), format="turtle")


@cache
def shapes() -> Graph:
    """The SHACL shapes shipped with the package."""
    return Graph().parse(data=_package_text("shapes.ttl"), format="turtle")
