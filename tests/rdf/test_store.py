"""The on-disk store beside graph.ttl: same triples, same answers, swapped in whole."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDFS

from orggraph.errors import GraphError, NotFoundError
from orggraph.outputs.explain import explain
from orggraph.outputs.explain_store import explain_path
from orggraph.rdf.query import load_store, named_queries, run_query
from orggraph.rdf.store import open_store, store_dir, write_store
from tests.conftest import SeedsBuild
from tests.rdf.test_query import NAMED_CASES


def test_build_writes_a_store_holding_exactly_the_turtle(  # type: ignore[no-untyped-def]
    seeds_build: SeedsBuild, seeds_graph
) -> None:
    assert store_dir(seeds_build.out) == seeds_build.out / "store"
    store = open_store(seeds_build.out)
    in_default = len(list(store.quads_for_pattern(None, None, None, ox.DefaultGraph())))
    assert in_default == len(seeds_graph)


@pytest.mark.parametrize("name", sorted(NAMED_CASES))
def test_named_queries_answer_the_same_from_store_and_turtle(
    seeds_build: SeedsBuild, name: str
) -> None:
    params = NAMED_CASES[name][0]
    text = named_queries()[name].text
    from_store = run_query(load_store(seeds_build.out), text, params)
    from_turtle = run_query(load_store(seeds_build.ttl), text, params)
    assert from_store.rows and from_store == from_turtle


def test_queries_see_the_ontology_concepts(seeds_build: SeedsBuild) -> None:
    result = run_query(
        load_store(seeds_build.out),
        "SELECT ?n WHERE { og:Mechanism skos:notation ?n }",
    )
    assert result.rows == (("mechanism",),)


def test_explain_through_the_store_matches_explain_over_the_whole_graph(
    seeds_build: SeedsBuild, seeds_graph
) -> None:  # type: ignore[no-untyped-def]
    labelled = sorted({str(s) for s in seeds_graph.subjects(RDFS.label, None)})
    names = [*labelled[::25], "怀化市", "双报到", "id:place/431200"]
    for name in names:
        assert explain_path(seeds_build.out, name).format() == explain(seeds_graph, name).format()


def test_explain_through_the_store_reports_unknown_names(seeds_build: SeedsBuild) -> None:
    with pytest.raises(NotFoundError):
        explain_path(seeds_build.out, "一个不存在的名字")


def test_rewriting_the_store_replaces_it_whole(tmp_path: Path) -> None:
    small = tmp_path / "a.ttl"
    small.write_text("<urn:a> <urn:p> <urn:b> .\n", encoding="utf-8")
    bigger = tmp_path / "b.ttl"
    bigger.write_text("<urn:a> <urn:p> <urn:c> .\n<urn:a> <urn:p> <urn:d> .\n", encoding="utf-8")
    target = tmp_path / "out" / "store"
    write_store(small, target)
    write_store(bigger, target)
    store = ox.Store.read_only(str(target))
    assert len(list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))) == 2
    assert sorted(p.name for p in target.parent.iterdir()) == ["store"]


def test_a_folder_without_a_graph_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(GraphError, match="run orggraph build"):
        open_store(tmp_path)


def test_a_bad_turtle_file_leaves_the_old_store(tmp_path: Path) -> None:
    good = tmp_path / "good.ttl"
    good.write_text("<urn:a> <urn:p> <urn:b> .\n", encoding="utf-8")
    bad = tmp_path / "bad.ttl"
    bad.write_text("<urn:a> <urn:p> .\n", encoding="utf-8")
    target = tmp_path / "store"
    write_store(good, target)
    with pytest.raises(GraphError):
        write_store(bad, target)
    store = ox.Store.read_only(str(target))
    assert len(list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))) == 1
