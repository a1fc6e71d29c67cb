"""Outputs as one transaction: out/ is wholly the old build or wholly the new one."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import stat
import time
from pathlib import Path

import pytest

from orggraph.build import write_outputs
from orggraph.errors import OutputError
from orggraph.outputs.transaction import OutputTransaction
from orggraph.resolve import Corpus, resolve
from tests.factories import article


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (hidden ones included) with its SHA-256."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def corpus(n: int, tag: str) -> Corpus:
    return resolve(
        [
            article(
                f"怀化市{tag}{i}实施“五个一百”工程,出台《九条措施》,3.6万余名党员干部参与。",
                f"{tag}{i}.txt",
            )
            for i in range(n)
        ]
    )


def test_commit_replaces_the_whole_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with OutputTransaction(out) as tx:
        (tx.path / "graph.ttl").write_text("old", encoding="utf-8")
        (tx.path / "graph.html").write_text("old page", encoding="utf-8")
    with OutputTransaction(out) as tx:
        (tx.path / "graph.ttl").write_text("new", encoding="utf-8")
    assert sorted(p.name for p in out.iterdir()) == ["graph.ttl"]  # no stale graph.html
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.lock", "out"]


def test_an_error_keeps_the_old_folder_and_leaves_no_staging(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with OutputTransaction(out) as tx:
        (tx.path / "graph.ttl").write_text("old", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), OutputTransaction(out) as tx:
        (tx.path / "graph.ttl").write_text("half", encoding="utf-8")
        raise KeyboardInterrupt
    assert snapshot(out) == {"graph.ttl": hashlib.sha256(b"old").hexdigest()}
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.lock", "out"]


def test_a_second_build_into_the_same_out_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with OutputTransaction(out), pytest.raises(OutputError, match="another build is writing"):
        OutputTransaction(out).__enter__()


def test_a_folder_orggraph_did_not_write_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError, match="did not write"):
        OutputTransaction(tmp_path).__enter__()
    with pytest.raises(OutputError, match="is a file"):
        OutputTransaction(tmp_path / "notes.txt").__enter__()
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_kill_between_two_renames_is_undone_by_the_next_build(tmp_path: Path) -> None:
    aside = tmp_path / ".out.old"
    aside.mkdir()
    (aside / "graph.ttl").write_text("old", encoding="utf-8")
    (tmp_path / ".out.staging-x").mkdir()
    with OutputTransaction(tmp_path / "out"):
        assert (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8") == "old"
        assert not (tmp_path / ".out.staging-x").exists()


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


def _build_forever(out: Path, corpora: list[Corpus]) -> None:  # pragma: no cover (child)
    n = 0
    while True:
        with OutputTransaction(out) as tx:
            write_outputs(corpora[n % 2], [], tx.path, html=n % 2 == 0, store=False)
        n += 1


def test_kill_9_at_random_moments_leaves_one_complete_build(tmp_path: Path) -> None:
    """The builds run in forked children; the Oxigraph store is left out because a child forked
    from a process that already ran pyoxigraph (as this test session has) can block on its
    runtime. The store is written in the same staging folder, so the swap covers it alike."""
    corpora = [corpus(3, "甲"), corpus(5, "乙")]
    expected = []
    slowest = 0.0
    for n, c in enumerate(corpora):
        ref = tmp_path / f"ref{n}"
        ref.mkdir()
        began = time.monotonic()
        write_outputs(c, [], ref, html=n == 0, store=False)  # the second build: --no-html
        slowest = max(slowest, time.monotonic() - began)
        expected.append(snapshot(ref))
    # kill moments spread over a few builds' time, however fast or loaded this machine is
    span = max(1.6, 3 * slowest)
    out = tmp_path / "work" / "out"
    rng = random.Random(17)
    states = set()
    for _ in range(20):
        pid = os.fork()
        if pid == 0:  # pragma: no cover (child)
            try:
                _build_forever(out, corpora)
            finally:
                os._exit(1)
        time.sleep(rng.uniform(0.05, span))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        if out.exists():
            got = snapshot(out)
            assert got in expected, sorted(got)
            states.add(expected.index(got))
        # nothing temporary where a user looks
        assert not [p for p in out.parent.glob("out/**/*") if p.name.endswith(".tmp")]
    assert states  # at least one build completed before a kill
    with OutputTransaction(out):  # the next build cleans whatever a kill left beside out/
        pass
    assert sorted(p.name for p in out.parent.iterdir()) == [".out.lock", "out"]


def test_a_gitkeep_in_out_is_kept(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / ".gitkeep").write_text("", encoding="utf-8")
    with OutputTransaction(out) as tx:
        (tx.path / "graph.ttl").write_text("new", encoding="utf-8")
    assert sorted(p.name for p in out.iterdir()) == [".gitkeep", "graph.ttl"]
