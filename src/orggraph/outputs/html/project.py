"""Project the RDF graph onto a networkx graph the page can draw.

Nodes are the articles, places, programs, documents and metrics; edges are the
object properties between two of them. Evidence nodes are not drawn: each becomes
a record on the node it is about, with its sentence and the article it is from.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import networkx as nx
from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from orggraph.rdf.namespace import GEO, ID, OG

ID_PREFIX = str(ID)

#: Drawn class of each rdf:type, most specific first within a class.
CLASS_OF_TYPE: dict[URIRef, str] = {
    OG.Article: "article",
    OG.Place: "place",
    OG.Province: "place",
    OG.Prefecture: "place",
    OG.County: "place",
    OG.Township: "place",
    OG.Village: "place",
    OG.Community: "place",
    OG.Program: "program",
    OG.Document: "document",
    OG.PolicyDocument: "document",
    OG.Publication: "document",
    OG.Work: "document",
    OG.Agreement: "document",
    OG.Metric: "metric",
}

#: Place levels from the top down; a place's depth is its index here.
PLACE_LEVELS: tuple[URIRef, ...] = (
    OG.Province,
    OG.Prefecture,
    OG.County,
    OG.Township,
    OG.Village,
    OG.Community,
)

#: "中文 English" names of the types and properties the page shows.
NAMES: dict[URIRef, str] = {
    OG.Article: "文章 Article",
    OG.Place: "地点 Place",
    OG.Province: "省级 Province",
    OG.Prefecture: "地级 Prefecture",
    OG.County: "县级 County",
    OG.Township: "乡级 Township",
    OG.Village: "村 Village",
    OG.Community: "社区 Community",
    OG.Program: "工作品牌 Program",
    OG.Document: "文献 Document",
    OG.PolicyDocument: "政策文件 Policy document",
    OG.Publication: "媒体 Publication",
    OG.Work: "作品 Work",
    OG.Agreement: "协议 Agreement",
    OG.Metric: "数据指标 Metric",
    OG.partOf: "隶属于 part of",
    OG.implementedBy: "实施地 implemented by",
    OG.issuedBy: "发布地 issued by",
    OG.focus: "报道地点 focus",
    OG.mentionedIn: "见于 mentioned in",
    OG.place: "地点 place",
    OG.program: "所属举措 program",
    OG.partOfProgram: "从属于 part of program",
    OG.governedBy: "依据文件 governed by",
    OG.kind: "类型 kind",
    OG.adcode: "行政区划代码 adcode",
    OG.value: "数值 value",
    OG.unit: "单位 unit",
    OG.measure: "指标 measure",
    OG.year: "年份 year",
    OG.approximate: "约数 approximate",
    OG.change: "变化量 change",
    OG.shareOf: "占比基数 share of",
    OG.text: "原文 text",
    OG.sourceFile: "来源文件 source file",
    OG.headNoun: "中心词 head noun",
    OG.Campaign: "专项行动 campaign",
    OG.Project: "工程 project",
    OG.Action: "行动 action",
    OG.Plan: "计划 plan",
    OG.Mechanism: "机制 mechanism",
    OG.Method: "工作法 method",
    OG.Model: "模式 model",
    OG.Activity: "活动 activity",
    OG.System: "制度 system",
    OG.Strategy: "战略 strategy",
    OG.Brand: "品牌 brand",
    OG.OtherKind: "其他 other",
    DCTERMS.title: "标题 title",
    DCTERMS.issued: "日期 issued",
    DCTERMS.publisher: "发布者 publisher",
    GEO.lat: "纬度 latitude",
    GEO.long: "经度 longitude",
}

#: Literal properties that are bookkeeping, not facts a reader wants.
HIDDEN_FACTS: frozenset[URIRef] = frozenset({RDFS.label, OG.sha256, OG.encoding, OG.start, OG.end})


@dataclass(frozen=True)
class EvidenceRecord:
    """One sentence stating a fact about a node."""

    quote: str
    article_title: str
    source_file: str
    rule: str
    start: int
    end: int
    article: str  # the article's IRI
    relation: str  # "" unless the evidence is for a relation
    target: str  # label of the relation's target, or ""


def name_of(graph: Graph, term: URIRef) -> str:
    """The "中文 English" name of a type or property, else its own label or local name."""
    if term in NAMES:
        return NAMES[term]
    label = graph.value(term, RDFS.label)
    if label is not None:
        return str(label)
    text = str(term)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def label_of(graph: Graph, node: URIRef) -> str:
    """The node's rdfs:label, preferring zh-Hans, else its short IRI."""
    labels = sorted(
        (lit for lit in graph.objects(node, RDFS.label) if isinstance(lit, Literal)),
        key=lambda lit: (lit.language != "zh-Hans", str(lit)),
    )
    if labels:
        return str(labels[0])
    for prop in (SKOS.prefLabel, DCTERMS.title, OG.sourceFile):
        value = graph.value(node, prop)
        if value is not None:
            return str(value)
    return short_id(node)


def short_id(node: URIRef) -> str:
    """The IRI without the instance prefix."""
    text = str(node)
    return text.removeprefix(ID_PREFIX)


def node_class(graph: Graph, node: URIRef) -> tuple[str, URIRef] | None:
    """(drawn class, most specific rdf:type) of a node, or None if it is not drawn."""
    types = sorted(
        t for t in graph.objects(node, RDF.type) if isinstance(t, URIRef) and t in CLASS_OF_TYPE
    )
    if not types:
        return None
    specific = [t for t in types if t not in (OG.Place, OG.Document)]
    chosen = specific[0] if specific else types[0]
    return CLASS_OF_TYPE[chosen], chosen


def _drawn_nodes(graph: Graph) -> Iterator[tuple[URIRef, str, URIRef]]:
    subjects = {s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef)}
    for node in sorted(subjects):
        found = node_class(graph, node)
        if found is not None:
            yield node, found[0], found[1]


def _facts(graph: Graph, node: URIRef, cls_type: URIRef, drawn: set[URIRef]) -> list[list[str]]:
    facts = [["类别 Class", name_of(graph, cls_type)]]
    rows: list[list[str]] = []
    for prop, obj in graph.predicate_objects(node):
        if prop == RDF.type or prop in HIDDEN_FACTS or obj in drawn:
            continue
        if not isinstance(prop, URIRef):
            continue
        if isinstance(obj, Literal):
            rows.append([name_of(graph, prop), str(obj)])
        elif isinstance(obj, URIRef) and prop == OG.kind:
            rows.append([name_of(graph, prop), name_of(graph, obj)])
    return facts + sorted(rows)


def _evidence(graph: Graph, drawn: set[URIRef]) -> dict[URIRef, list[EvidenceRecord]]:
    found: dict[URIRef, list[EvidenceRecord]] = {}
    for ev in graph.subjects(RDF.type, OG.Evidence):
        about = graph.value(ev, OG.about)
        if about not in drawn or not isinstance(about, URIRef):
            continue
        article = graph.value(ev, OG.article)
        relation = graph.value(ev, OG.relation)
        target = graph.value(ev, OG.target)
        start, end = graph.value(ev, OG.start), graph.value(ev, OG.end)
        record = EvidenceRecord(
            quote=str(graph.value(ev, OG.quote) or ""),
            article_title=str(graph.value(article, DCTERMS.title) or "") if article else "",
            source_file=str(graph.value(article, OG.sourceFile) or "") if article else "",
            rule=str(graph.value(ev, OG.rule) or ""),
            start=int(start.toPython()) if isinstance(start, Literal) else -1,
            end=int(end.toPython()) if isinstance(end, Literal) else -1,
            article=str(article or ""),
            relation=name_of(graph, relation) if isinstance(relation, URIRef) else "",
            target=label_of(graph, target) if isinstance(target, URIRef) else "",
        )
        found.setdefault(about, []).append(record)
    for records in found.values():
        records.sort(key=lambda r: (r.source_file, r.start, r.relation, r.quote, r.rule))
    return found


def project(graph: Graph) -> nx.MultiDiGraph:
    """Project ``graph`` onto a MultiDiGraph keyed by IRI.

    Node attributes: ``label``, ``cls`` (article/place/program/document/metric),
    ``type`` (most specific rdf:type), ``depth`` (place level index, else -1),
    ``facts`` (list of [name, value]), ``evidence`` (list of EvidenceRecord).
    Edge key and ``rel`` attribute: the property IRI; ``label``: its name.
    """
    out = nx.MultiDiGraph()
    typed = list(_drawn_nodes(graph))
    drawn = {node for node, _, _ in typed}
    evidence = _evidence(graph, drawn)
    for node, cls, cls_type in typed:
        out.add_node(
            node,
            label=label_of(graph, node),
            cls=cls,
            type=cls_type,
            depth=PLACE_LEVELS.index(cls_type) if cls_type in PLACE_LEVELS else -1,
            facts=_facts(graph, node, cls_type, drawn),
            evidence=evidence.get(node, []),
        )
    for node in sorted(drawn):
        for prop, obj in sorted(graph.predicate_objects(node)):
            if obj in drawn and isinstance(prop, URIRef) and prop != RDF.type and obj != node:
                out.add_edge(node, obj, key=prop, rel=prop, label=name_of(graph, prop))
    return out
