"""Small RDF graphs following the ontology contract, for the HTML page tests."""

from __future__ import annotations

from decimal import Decimal

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from orggraph.outputs.html.project import ID_PREFIX
from orggraph.rdf.namespace import GEO, OG

HOSTILE_PROGRAM = "<img src=x onerror=window.__pwned=1>"
HOSTILE_TITLE = "<script>window.__pwned=1</script>"
HOSTILE_QUOTE = "开展</script><script>window.__pwned=1</script>活动\u2028，成效明显。"


def iri(local: str) -> URIRef:
    return URIRef(ID_PREFIX + local)


def _entity(g: Graph, node: URIRef, cls: URIRef, label: str) -> URIRef:
    g.add((node, RDF.type, cls))
    g.add((node, RDFS.label, Literal(label, lang="zh-Hans")))
    return node


def add_evidence(
    g: Graph,
    key: str,
    about: URIRef,
    article: URIRef,
    quote: str,
    relation: tuple[URIRef, URIRef] | None = None,
) -> None:
    ev = iri(f"evidence/{key}")
    g.add((ev, RDF.type, OG.Evidence))
    g.add((ev, OG.about, about))
    g.add((ev, OG.article, article))
    g.add((ev, OG.quote, Literal(quote)))
    g.add((ev, OG.start, Literal(10, datatype=XSD.integer)))
    g.add((ev, OG.end, Literal(10 + len(quote), datatype=XSD.integer)))
    g.add((ev, OG.rule, Literal("test.rule")))
    if relation:
        g.add((ev, OG.relation, relation[0]))
        g.add((ev, OG.target, relation[1]))


def sample_graph(*, hostile: bool = False) -> Graph:
    """Two provinces, places down to a township, programs, a document, a metric, articles."""
    g = Graph()
    art = _entity(g, iri("article/000"), OG.Article, "湖北潜江报道")
    g.add((art, OG.sourceFile, Literal("000_a.txt")))
    g.add((art, DCTERMS.title, Literal(HOSTILE_TITLE if hostile else "潜江市推进基层治理")))
    art2 = _entity(g, iri("article/001"), OG.Article, "浙江报道")
    g.add((art2, OG.sourceFile, Literal("001_b.txt")))

    hubei = _entity(g, iri("place/420000"), OG.Province, "湖北省")
    qianjiang = _entity(g, iri("place/429005"), OG.County, "潜江市")
    yuanlin = _entity(g, iri("place/429005001"), OG.Township, "园林街道")
    zhejiang = _entity(g, iri("place/330000"), OG.Province, "浙江省")
    hangzhou = _entity(g, iri("place/330100"), OG.Prefecture, "杭州市")
    g.add((qianjiang, OG.partOf, hubei))
    g.add((yuanlin, OG.partOf, qianjiang))
    g.add((hangzhou, OG.partOf, zhejiang))
    g.add((qianjiang, OG.adcode, Literal("429005")))
    g.add((qianjiang, GEO.lat, Literal(Decimal("30.40"))))
    g.add((qianjiang, GEO.long, Literal(Decimal("112.90"))))
    for place in (hubei, qianjiang, yuanlin):
        g.add((place, OG.mentionedIn, art))
    for place in (zhejiang, hangzhou):
        g.add((place, OG.mentionedIn, art2))
    g.add((art, OG.focus, qianjiang))
    g.add((art2, OG.focus, hangzhou))

    program = _entity(
        g, iri("program/1"), OG.Program, HOSTILE_PROGRAM if hostile else "双报到双服务"
    )
    g.add((program, OG.implementedBy, qianjiang))
    g.add((program, OG.kind, OG.Campaign))
    g.add((program, OG.mentionedIn, art))
    quote = HOSTILE_QUOTE if hostile else "潜江市以“双报到双服务”为抓手，推动力量下沉。"
    add_evidence(g, "p1", program, art, quote)
    add_evidence(g, "p1r", program, art, quote, (OG.implementedBy, qianjiang))
    program2 = _entity(g, iri("program/2"), OG.Program, "红色根脉强基工程")
    g.add((program2, OG.implementedBy, hangzhou))
    g.add((program2, OG.mentionedIn, art2))

    doc = _entity(
        g,
        iri("document/1"),
        OG.PolicyDocument,
        HOSTILE_TITLE if hostile else "关于推进双报到双服务的实施意见",
    )
    g.add((doc, OG.issuedBy, qianjiang))
    g.add((doc, OG.mentionedIn, art))
    add_evidence(g, "d1", doc, art, "印发《关于推进双报到双服务的实施意见》。")

    metric = _entity(g, iri("metric/1"), OG.Metric, "报到党员 1200 名")
    g.add((metric, OG.value, Literal(Decimal("1200"))))
    g.add((metric, OG.unit, Literal("名")))
    g.add((metric, OG.measure, Literal("报到党员")))
    g.add((metric, OG.place, qianjiang))
    g.add((metric, OG.program, program))
    g.add((metric, OG.mentionedIn, art))
    return g
