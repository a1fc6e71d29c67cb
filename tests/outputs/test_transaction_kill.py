"""kill -9 during a build: out/ is one complete build and nothing is left beside it.

The builds run in forked children of this test; the Oxigraph store is left out because a child
forked from a process that already ran pyoxigraph (as this test session has) can block on its
runtime. The store is written in the same staging folder, so the swap covers it alike.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import time
from collections.abc import Callable
from pathlib import Path

from orggraph.build import write_outputs
from orggraph.outputs.transaction import OutputTransaction
from orggraph.resolve import Corpus, resolve
from tests.factories import article

# How long the janitor may take to clean after a kill (it takes milliseconds; the margin is
# for a loaded machine).
JANITOR_SECONDS = 20.0


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (hidden ones included) with its SHA-256."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def beside(out: Path) -> list[str]:
    """What a user sees next to ``out/`` once the janitor is done (or the wait is over)."""
    deadline = time.monotonic() + JANITOR_SECONDS
    while True:
        names = sorted(p.name for p in out.parent.iterdir() if p.name != out.name)
        if not names or time.monotonic() > deadline:
            return names
        time.sleep(0.01)


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


def in_child(body: Callable[[], None]) -> int:
    """Run ``body`` in a forked child leading its own process group; the child's pid."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover (child)
        try:
            os.setpgid(0, 0)
            body()
        finally:
            os._exit(1)
    return pid


def test_kill_9_at_random_moments_leaves_one_complete_build(tmp_path: Path) -> None:
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

    def build_forever() -> None:  # pragma: no cover (child)
        n = 0
        while True:
            with OutputTransaction(out) as tx:
                write_outputs(corpora[n % 2], [], tx.path, html=n % 2 == 0, store=False)
            n += 1

    rng = random.Random(17)
    states = set()
    for kill in range(20):
        pid = in_child(build_forever)
        time.sleep(rng.uniform(0.05, span))
        if kill % 2:
            os.killpg(pid, signal.SIGKILL)  # the whole process group, as a shell's job control
        else:
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        if out.exists():
            got = snapshot(out)
            assert got in expected, sorted(got)
            states.add(expected.index(got))
        assert beside(out) == []  # no staging folder, lock or work area left beside out/
    assert states  # at least one build completed before a kill


def test_processes_forked_during_a_build_hold_neither_its_lock_nor_its_pipe(
    tmp_path: Path,
) -> None:
    """A --jobs worker outliving a killed build neither blocks the janitor nor the next build."""
    out = tmp_path / "out"
    ready_r, ready_w = os.pipe()
    worker_r, worker_w = os.pipe()

    def build_with_a_worker() -> None:  # pragma: no cover (child)
        with OutputTransaction(out) as tx:
            (tx.path / "graph.ttl").write_text("half", encoding="utf-8")
            worker = os.fork()
            if worker == 0:
                os.setpgid(0, 0)  # out of the build's group: it outlives the kill
                time.sleep(120)
                os._exit(0)
            os.write(worker_w, str(worker).encode())
            os.write(ready_w, b"r")
            time.sleep(120)

    pid = in_child(build_with_a_worker)
    os.close(ready_w)
    os.close(worker_w)
    assert os.read(ready_r, 1) == b"r"
    worker = int(os.read(worker_r, 32))
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        assert beside(out) == []  # the janitor saw the build's death despite the worker
        with OutputTransaction(out) as tx:  # and the worker holds no lock
            (tx.path / "graph.ttl").write_text("next", encoding="utf-8")
        assert snapshot(out) == {"graph.ttl": hashlib.sha256(b"next").hexdigest()}
    finally:
        os.kill(worker, signal.SIGKILL)
        os.close(ready_r)
        os.close(worker_r)


def test_without_a_janitor_the_next_build_cleans_up(tmp_path: Path) -> None:
    """Build and janitor both killed (a power cut): the next build removes the work area."""
    out = tmp_path / "out"
    with OutputTransaction(out) as tx:
        (tx.path / "graph.ttl").write_text("old", encoding="utf-8")
    ready_r, ready_w = os.pipe()

    def build_and_report_the_janitor() -> None:  # pragma: no cover (child)
        with OutputTransaction(out) as tx:
            (tx.path / "graph.ttl").write_text("half", encoding="utf-8")
            janitor = tx._janitor.proc.pid if tx._janitor and tx._janitor.proc else 0
            os.write(ready_w, str(janitor).encode())
            time.sleep(120)

    pid = in_child(build_and_report_the_janitor)
    os.close(ready_w)
    janitor = int(os.read(ready_r, 32))
    os.close(ready_r)
    os.kill(janitor, signal.SIGKILL)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.orggraph", "out"]
    assert snapshot(out) == {"graph.ttl": hashlib.sha256(b"old").hexdigest()}
    with OutputTransaction(out) as tx:
        assert [p.name for p in tx.path.parent.iterdir() if p != tx.path] == ["lock"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_the_janitor_of_a_build_that_ended_exits(tmp_path: Path) -> None:
    with OutputTransaction(tmp_path / "out") as tx:
        janitor = tx._janitor.proc if tx._janitor else None
        assert janitor is not None and janitor.poll() is None  # watching while the build runs
    assert janitor.returncode == 0  # told the build ended: exited, nothing touched
