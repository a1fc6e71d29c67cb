"""Incremental builds (the per-article cache) and Dask extraction give a clean build's bytes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from orggraph import cache
from orggraph.build import build
from orggraph.cache import FRAGMENT
from orggraph.errors import ExecutorError
from orggraph.ingest.read import read_file
from orggraph.outputs import graphfiles, metrics_csv
from orggraph.rdf import fragments
from orggraph.rdf.build import Triple
from orggraph.rdf.store import write_store
from orggraph.records import ArticleFacts, SourceText
from tests.conftest import SEEDS, SeedsBuild

OUTPUTS = ("graph.ttl", "metrics.csv", "report.json")
# A made-up paragraph of the kind the reports contain: a county introducing a named practice.
ADDED = "\n某某县推行“网格连心”工作法，全县新建党群服务站12个。\n"


def same_outputs(a: Path, b: Path) -> None:
    for name in OUTPUTS:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def copy_seeds(target: Path) -> list[Path]:
    target.mkdir(parents=True)
    files = sorted(p for p in SEEDS.iterdir() if p.is_file() and p.suffix in (".txt", ".md"))
    for path in files:
        shutil.copy(path, target / path.name)
    return sorted(target.iterdir())


def built_then_edited(tmp_path: Path, out: Path) -> Path:
    """The seeds built into ``out``, then one file changed (returned) and one removed."""
    inputs = copy_seeds(tmp_path / "in")
    build([tmp_path / "in"], out, html=False)
    changed, removed = inputs[0], inputs[1]
    changed.write_text(changed.read_text(encoding="utf-8") + ADDED, encoding="utf-8")
    removed.unlink()
    return changed


def test_rebuild_extracts_only_changed_files_and_matches_a_clean_build(tmp_path: Path) -> None:
    out = tmp_path / "out"
    changed = built_then_edited(tmp_path, out)
    extracted: list[str] = []
    build([tmp_path / "in"], out, html=False, progress=lambda d, t, f: extracted.append(f))
    assert extracted == [changed.name]
    clean = tmp_path / "clean"
    build([tmp_path / "in"], clean, html=False, use_cache=False)
    same_outputs(out, clean)
    assert len(list((out / "cache").glob("*.pickle"))) == len(list((tmp_path / "in").iterdir()))
    assert not (clean / "cache").exists()


def test_an_unchanged_rebuild_extracts_nothing(tmp_path: Path, seeds_build: SeedsBuild) -> None:
    out = tmp_path / "out"
    shutil.copytree(seeds_build.out, out)
    extracted: list[str] = []
    build([SEEDS], out, progress=lambda d, t, f: extracted.append(f))
    assert extracted == []
    same_outputs(out, seeds_build.out)


def test_a_corrupt_cache_entry_is_extracted_again(tmp_path: Path, seeds_build: SeedsBuild) -> None:
    out = tmp_path / "out"
    shutil.copytree(seeds_build.out, out)
    entry = sorted((out / "cache").glob("*.pickle"))[0]
    entry.write_bytes(b"not a pickle")
    extracted: list[str] = []
    build([SEEDS], out, html=False, progress=lambda d, t, f: extracted.append(f))
    assert len(extracted) == 1
    same_outputs(out, seeds_build.out)


def test_dask_local_cluster_build_is_byte_identical(
    tmp_path: Path, seeds_build: SeedsBuild
) -> None:
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=False,
        protocol="tcp",
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        out = tmp_path / "dask"
        build(
            [SEEDS],
            out,
            html=False,
            use_cache=False,
            executor="dask",
            scheduler=cluster.scheduler_address,
        )
    same_outputs(out, seeds_build.out)


def test_unknown_executor_and_missing_scheduler_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(ExecutorError, match="one of local, dask"):
        build([SEEDS], tmp_path / "a", use_cache=False, executor="spark")
    with pytest.raises(ExecutorError, match="--scheduler"):
        build([SEEDS], tmp_path / "b", use_cache=False, executor="dask")


def test_a_rebuild_reads_and_makes_fragments_only_for_changed_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = copy_seeds(tmp_path / "in")
    out = tmp_path / "out"
    build([tmp_path / "in"], out, html=False, store=False)
    changed = inputs[0]
    changed.write_text(changed.read_text(encoding="utf-8") + ADDED, encoding="utf-8")
    made: list[str] = []
    real = fragments.article_triples

    def counted(facts: ArticleFacts) -> list[Triple]:
        made.append(facts.source.source_file)
        return real(facts)

    read: list[str] = []

    def reading(path: Path, name: str) -> list[SourceText]:
        read.append(name)
        return read_file(path, name)

    monkeypatch.setattr(fragments, "article_triples", counted)
    monkeypatch.setattr(cache, "read_file", reading)
    build([tmp_path / "in"], out, html=False, store=False)
    assert made == [changed.name]
    assert read == [changed.name]  # unchanged files are neither decoded nor normalized again
    clean = tmp_path / "clean"
    build([tmp_path / "in"], clean, html=False, store=False, use_cache=False, jobs=2)
    same_outputs(out, clean)


def test_new_graph_code_remakes_fragments_from_cached_facts(
    tmp_path: Path, seeds_build: SeedsBuild, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    shutil.copytree(seeds_build.out, out)
    old = sorted(p.name for p in (out / "cache").glob(f"*{FRAGMENT}"))
    monkeypatch.setattr(cache, "graph_version", lambda: "another version of the graph code")
    extracted: list[str] = []
    build([SEEDS], out, html=False, progress=lambda d, t, f: extracted.append(f))
    assert extracted == []
    new = sorted(p.name for p in (out / "cache").glob(f"*{FRAGMENT}"))
    assert len(new) == len(old) and not set(new) & set(old)
    same_outputs(out, seeds_build.out)


def store_triples(out: Path) -> list[bytes]:
    store = ox.Store.read_only(str(out / "store"))
    return sorted(store.dump(format=ox.RdfFormat.N_QUADS).splitlines())


def test_a_rebuild_updates_the_store_to_hold_a_clean_builds_triples(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    built_then_edited(tmp_path, out)
    loads: list[Path] = []

    def load(turtle: Path, target: Path) -> Path:
        loads.append(turtle)
        return write_store(turtle, target)

    monkeypatch.setattr(graphfiles, "MAX_CHANGE", 1.0)  # two of five files is a big change
    monkeypatch.setattr(graphfiles, "write_store", load)
    build([tmp_path / "in"], out, html=False)
    assert loads == []  # the previous store was updated, not loaded again
    clean = tmp_path / "clean"
    build([tmp_path / "in"], clean, html=False, use_cache=False)
    same_outputs(out, clean)
    assert store_triples(out) == store_triples(clean)
    assert len(loads) == 1  # the clean build loads the whole graph


def test_renamed_and_added_files_rebuild_to_a_clean_builds_bytes_and_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file renamed, and a new file listed before every other (every article's, place's and
    metric's sort key moves): the rebuild's files and store are a clean build's."""
    inputs = copy_seeds(tmp_path / "in")
    out = tmp_path / "out"
    build([tmp_path / "in"], out, html=False)
    renamed = inputs[2]
    renamed.rename(renamed.with_name("z_" + renamed.name))
    first = tmp_path / "in" / "0_added.txt"
    first.write_text(inputs[3].read_text(encoding="utf-8") + ADDED, encoding="utf-8")
    lines: list[str] = []
    real = metrics_csv.article_lines

    def counted(facts: ArticleFacts) -> str:
        lines.append(facts.source.source_file)
        return real(facts)

    monkeypatch.setattr(cache, "article_lines", counted)
    monkeypatch.setattr(graphfiles, "MAX_CHANGE", 1.0)  # update the store, however much changed
    build([tmp_path / "in"], out, html=False)
    assert sorted(lines) == sorted([first.name, "z_" + renamed.name])  # others: kept lines
    clean = tmp_path / "clean"
    build([tmp_path / "in"], clean, html=False, use_cache=False)
    same_outputs(out, clean)
    assert store_triples(out) == store_triples(clean)


def test_the_page_of_a_rebuild_in_two_processes_is_a_clean_builds(tmp_path: Path) -> None:
    inputs = copy_seeds(tmp_path / "in")
    out = tmp_path / "out"
    build([tmp_path / "in"], out, store=False, jobs=2)
    inputs[0].write_text(inputs[0].read_text(encoding="utf-8") + ADDED, encoding="utf-8")
    build([tmp_path / "in"], out, store=False, jobs=2)
    clean = tmp_path / "clean"
    build([tmp_path / "in"], clean, store=False, use_cache=False, jobs=1)
    page = (clean / "graph.html").read_bytes()
    assert "网格连心".encode() in page
    assert (out / "graph.html").read_bytes() == page
