"""Local extraction processes: workers die with the build; the collector is on while extracting."""

from __future__ import annotations

import gc
import os
import signal
import time
from pathlib import Path

import pytest

from orggraph.collector import collector_paused
from orggraph.executor import die_with_parent, in_processes
from orggraph.records import SourceText
from tests.factories import source


def alive(pid: int) -> bool:
    """A process that runs (a zombie waiting for its reaper counts as dead)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    except OSError:
        return False
    return state[0] not in ("Z", "X")


def test_a_worker_dies_when_the_build_is_killed() -> None:
    ready_r, ready_w = os.pipe()
    build = os.fork()
    if build == 0:  # pragma: no cover (child: the build)
        try:
            worker = os.fork()
            if worker == 0:
                os.setpgid(0, 0)  # out of the build's group: only the build's death can end it
                die_with_parent(os.getppid())
                os.write(ready_w, str(os.getpid()).encode())  # watching from now on
                time.sleep(120)
                os._exit(0)
            time.sleep(120)
        finally:
            os._exit(1)
    os.close(ready_w)
    worker = int(os.read(ready_r, 32))
    os.close(ready_r)
    try:
        assert alive(worker)
        os.kill(build, signal.SIGKILL)
        os.waitpid(build, 0)
        deadline = time.monotonic() + 20
        while alive(worker) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert not alive(worker)
    finally:
        if alive(worker):
            os.kill(worker, signal.SIGKILL)


def collector_on(_: SourceText) -> bool:
    return gc.isenabled()


@pytest.mark.parametrize("jobs", [1, 2])
def test_extraction_runs_with_the_collector_on_inside_a_paused_build(jobs: int) -> None:
    sources = [source("某县推行网格工作法。", f"{i}.txt") for i in range(2)]
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        assert list(in_processes(collector_on, sources, jobs)) == [True, True]
        assert not gc.isenabled()  # the build's own work goes on without it
    assert gc.isenabled()
