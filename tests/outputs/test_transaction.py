"""Outputs as one transaction: out/ is wholly the old build or wholly the new one."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from orggraph.errors import OutputError
from orggraph.outputs.transaction import OutputTransaction


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (hidden ones included) with its SHA-256."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_commit_replaces_the_whole_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with OutputTransaction(out) as tx:
        (tx.path / "graph.ttl").write_text("old", encoding="utf-8")
        (tx.path / "graph.html").write_text("old page", encoding="utf-8")
    with OutputTransaction(out) as tx:
        (tx.path / "graph.ttl").write_text("new", encoding="utf-8")
    assert sorted(p.name for p in out.iterdir()) == ["graph.ttl"]  # no stale graph.html
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no lock, no work area


def test_an_error_keeps_the_old_folder_and_leaves_no_staging(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with OutputTransaction(out) as tx:
        (tx.path / "graph.ttl").write_text("old", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), OutputTransaction(out) as tx:
        (tx.path / "graph.ttl").write_text("half", encoding="utf-8")
        raise KeyboardInterrupt
    assert snapshot(out) == {"graph.ttl": hashlib.sha256(b"old").hexdigest()}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_build_works_in_one_hidden_folder_and_a_second_build_is_refused(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    with OutputTransaction(out) as tx:
        assert tx.path.parent == tmp_path / ".out.orggraph"  # staged beside out/, hidden
        assert sorted(p.name for p in tmp_path.iterdir()) == [".out.orggraph"]
        with pytest.raises(OutputError, match="another build is writing"):
            OutputTransaction(out).__enter__()
        (tx.path / "graph.ttl").write_text("new", encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_folder_orggraph_did_not_write_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError, match="did not write"):
        OutputTransaction(tmp_path).__enter__()
    with pytest.raises(OutputError, match="is a file"):
        OutputTransaction(tmp_path / "notes.txt").__enter__()
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize(
    ("aside", "staging"),
    [
        (".out.orggraph/old", ".out.orggraph/staging-x"),  # the janitor died too
        (".out.old", ".out.staging-x"),  # left by versions that staged beside out/
    ],
)
def test_a_kill_between_two_renames_is_undone_by_the_next_build(
    tmp_path: Path, aside: str, staging: str
) -> None:
    (tmp_path / aside).mkdir(parents=True)
    (tmp_path / aside / "graph.ttl").write_text("old", encoding="utf-8")
    (tmp_path / staging).mkdir()
    (tmp_path / ".out.lock").write_text("", encoding="utf-8")
    with OutputTransaction(tmp_path / "out"):
        assert (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8") == "old"
        assert not (tmp_path / staging).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_carry_keeps_a_cache_across_builds(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with OutputTransaction(out) as tx:
        (tx.path / "graph.ttl").write_text("1", encoding="utf-8")
        (tx.path / "cache").mkdir()
        (tx.path / "cache" / "a.json").write_text("cached", encoding="utf-8")
    with OutputTransaction(out) as tx:
        cache = tx.carry("cache")
        assert (cache / "a.json").read_text(encoding="utf-8") == "cached"
        (tx.path / "graph.ttl").write_text("2", encoding="utf-8")
    assert (out / "cache" / "a.json").read_text(encoding="utf-8") == "cached"


def test_commit_flushes_new_files_but_not_those_carried_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    with OutputTransaction(out) as tx:
        (tx.path / "graph.ttl").write_text("1", encoding="utf-8")
        (tx.path / "cache").mkdir()
        for name in ("kept", "replaced"):
            (tx.path / "cache" / name).write_text("1", encoding="utf-8")
    flushed: list[str] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        flushed.append(os.path.basename(os.readlink(f"/proc/self/fd/{fd}")))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with OutputTransaction(out) as tx:
        cache = tx.carry("cache")
        fresh = cache / "replaced.tmp"
        fresh.write_text("2", encoding="utf-8")
        fresh.replace(cache / "replaced")  # how the cache writes: a new file renamed over
        (cache / "added").write_text("2", encoding="utf-8")
        (tx.path / "graph.ttl").write_text("2", encoding="utf-8")
    assert {"graph.ttl", "replaced", "added"} <= set(flushed)
    assert "kept" not in flushed  # the first build flushed it; this one only linked it
    assert (out / "cache" / "kept").read_text(encoding="utf-8") == "1"
    assert (out / "cache" / "replaced").read_text(encoding="utf-8") == "2"


def test_the_folder_follows_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        with OutputTransaction(tmp_path / "out"):
            pass
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out").stat().st_mode) == 0o755


def test_a_gitkeep_in_out_is_kept(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / ".gitkeep").write_text("", encoding="utf-8")
    with OutputTransaction(out) as tx:
        (tx.path / "graph.ttl").write_text("new", encoding="utf-8")
    assert sorted(p.name for p in out.iterdir()) == [".gitkeep", "graph.ttl"]


def test_an_out_that_is_a_symlink_leaves_no_work_area(tmp_path: Path) -> None:
    with OutputTransaction(tmp_path / "real") as tx:
        (tx.path / "graph.ttl").write_text("old", encoding="utf-8")
    (tmp_path / "out").symlink_to(tmp_path / "real")
    with OutputTransaction(tmp_path / "out") as tx:
        (tx.path / "graph.ttl").write_text("new", encoding="utf-8")
    assert (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "real"]
