"""Local extraction processes: the collector is on while extracting, as it was after a build."""

from __future__ import annotations

import gc

import pytest

from orggraph.executor import collector_paused, in_processes
from orggraph.records import SourceText
from tests.factories import source


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
