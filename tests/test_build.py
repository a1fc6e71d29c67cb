"""The whole path on the seeds: focus, key links, determinism, the run report."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDFS, Graph, Literal

from orggraph.build import build
from orggraph.rdf.namespace import OG
from tests.conftest import SEEDS, SeedsBuild

HAN_RIVER_CITIES = {
    "汉中市",
    "商洛市",
    "十堰市",
    "襄阳市",
    "荆门市",
    "潜江市",
    "安康市",
    "南阳市",
    "神农架林区",
    "随州市",
    "天门市",
    "仙桃市",
    "孝感市",
}
FOCUS = {
    "000_793074010ad9b4f2.txt": {"怀化市"},
    "001_cdb9b270fe56c2aa.txt": HAN_RIVER_CITIES,
    "002_bfd4e0d355f25b94.txt": {"怀仁市"},
    "003_ca8c1ac84218663f.txt": {"呼和浩特市"},
    "004_267f7e36beaeceb5.txt": {"南湖新区"},
}


def labels(g: Graph, node) -> set[str]:  # type: ignore[no-untyped-def]
    return {str(x) for x in g.objects(node, RDFS.label)}


def node_by_label(g: Graph, cls, label: str):  # type: ignore[no-untyped-def]
    for node in g.subjects(RDFS.label, Literal(label, lang="zh-Hans")):
        if (node, None, cls) in g or cls in set(g.objects(node, None)):
            return node
    raise AssertionError(f"no {label}")


@pytest.mark.parametrize("file", sorted(FOCUS))
def test_each_article_has_the_right_focus(seeds_graph: Graph, file: str) -> None:
    article = next(seeds_graph.subjects(OG.sourceFile, Literal(file)))
    focus = {n for p in seeds_graph.objects(article, OG.focus) for n in labels(seeds_graph, p)}
    assert focus == FOCUS[file]


@pytest.mark.parametrize(
    ("program", "place"),
    [("四支队伍集村部", "怀化市"), ("双报到双服务", "潜江市"), ("头雁工程", "孝感市")],
)
def test_key_programs_are_implemented_by_their_city(
    seeds_graph: Graph, program: str, place: str
) -> None:
    node = node_by_label(seeds_graph, OG.Program, program)
    places = seeds_graph.objects(node, OG.implementedBy)
    implementers = {n for p in places for n in labels(seeds_graph, p)}
    assert implementers == {place}


def test_graph_parses_with_pyoxigraph(seeds_build: SeedsBuild) -> None:
    store = ox.Store()
    store.load(path=str(seeds_build.ttl), format=ox.RdfFormat.TURTLE)
    assert len(store) == len(seeds_build.graph())


def test_two_builds_give_byte_identical_turtle(seeds_build: SeedsBuild, tmp_path: Path) -> None:
    build([SEEDS], tmp_path, html=False)
    assert (tmp_path / "graph.ttl").read_bytes() == seeds_build.ttl.read_bytes()


def test_report_records_inputs_versions_counts_and_warnings(seeds_build: SeedsBuild) -> None:
    report = json.loads((seeds_build.out / "report.json").read_text(encoding="utf-8"))
    files = {i["source_file"]: i for i in report["inputs"]}
    assert set(files) == set(FOCUS)
    assert all(len(i["sha256"]) == 64 for i in files.values())
    assert report["reference_data"], "reference data versions missing"
    assert report["counts"]["articles"] == 5
    assert report["counts"]["metrics"] == seeds_build.summary.metrics
    assert any("002_bfd4e0d355f25b94.txt" in w for w in report["warnings"])


def test_articles_carry_the_hash_of_their_source(seeds_graph: Graph) -> None:
    import hashlib

    for file in FOCUS:
        article = next(seeds_graph.subjects(OG.sourceFile, Literal(file)))
        digest = hashlib.sha256((SEEDS / file).read_bytes().decode("utf-8").encode()).hexdigest()
        assert str(seeds_graph.value(article, OG.sha256)) == digest
