"""The whole shape of the graph for a small made-up report, pinned by a golden Turtle file.

Only the instance data is pinned (the ontology the graph also carries is tested on its own).
A change to the graph's shape (a class, a property, an IRI, a literal's datatype) fails here
with the triples that differ. When the change is intended, regenerate the file deliberately
and review its diff before committing:

    ORGGRAPH_REGENERATE_GOLDEN=1 uv run pytest tests/rdf/test_golden.py
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from orggraph.rdf.build import build_graph
from orggraph.rdf.namespace import ontology
from orggraph.records import (
    ArticleFacts,
    DocumentKind,
    DocumentMention,
    Metric,
    Place,
    PlaceLevel,
    PlaceMention,
    ProgramKind,
    ProgramMention,
    Section,
)
from orggraph.resolve import resolve
from tests.factories import HUAIHUA, HUNAN, evidence, source

GOLDEN = Path(__file__).parent / "golden" / "small_report.ttl"
REPORT = (
    "【青石篇】怀化市青石村推行“三联三帮”机制,依据《结对帮扶办法》开展“连心小组”活动。"
    "2022年,全村120名党员参与,覆盖率达95%。"
)
VILLAGE = Place("431200/青石村", "青石村", PlaceLevel.VILLAGE, parent="431200")


def small_report() -> ArticleFacts:
    text = REPORT
    return ArticleFacts(
        source=source(text, "001_made_up.txt"),
        places=(HUNAN, HUAIHUA, VILLAGE),
        place_mentions=(
            PlaceMention("431200", "怀化市", evidence(text, "怀化市", "places.gazetteer")),
            PlaceMention(VILLAGE.key, "青石村", evidence(text, "青石村", "places.local")),
        ),
        sections=(Section(0, len(text), (VILLAGE.key,), "青石篇"),),
        focus=("431200",),
        programs=(
            ProgramMention(
                "三联三帮",
                "机制",
                ProgramKind.MECHANISM,
                VILLAGE.key,
                evidence(text, "三联三帮", "programs.quoted"),
                governed_by="结对帮扶办法",
            ),
            ProgramMention(
                "连心小组",
                "活动",
                ProgramKind.ACTIVITY,
                VILLAGE.key,
                evidence(text, "连心小组", "programs.quoted"),
                part_of="三联三帮",
            ),
        ),
        documents=(
            DocumentMention(
                "结对帮扶办法", DocumentKind.POLICY, "431200", evidence(text, "结对帮扶办法")
            ),
        ),
        metrics=(
            Metric(
                "120名",
                Decimal(120),
                "名",
                False,
                evidence(text, "120名", "metrics.count"),
                measure="党员",
                place=VILLAGE.key,
                program="三联三帮",
                year="2022",
            ),
            Metric(
                "95%",
                Decimal(95),
                "%",
                False,
                evidence(text, "95%", "metrics.share"),
                measure="覆盖率",
                place=VILLAGE.key,
                year="2022",
            ),
        ),
    )


def _readable(g: Graph) -> list[str]:
    return sorted(" ".join(t.n3(g.namespace_manager) for t in triple) for triple in g)


def test_the_graph_of_a_small_report_matches_the_golden_file() -> None:
    built = build_graph(resolve([small_report()])) - ontology()  # the ontology is tested apart
    if os.environ.get("ORGGRAPH_REGENERATE_GOLDEN"):
        GOLDEN.write_text(built.serialize(format="turtle"), encoding="utf-8")
    golden = Graph().parse(GOLDEN, format="turtle")
    if not isomorphic(built, golden):
        _, only_built, only_golden = graph_diff(to_isomorphic(built), to_isomorphic(golden))
        raise AssertionError(
            "graph differs from tests/rdf/golden/small_report.ttl\n"
            + "only in the build:\n  "
            + "\n  ".join(_readable(only_built)[:40])
            + "\nonly in the golden file:\n  "
            + "\n  ".join(_readable(only_golden)[:40])
        )
