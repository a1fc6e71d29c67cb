"""Shared fixtures: the seeds are built once per test session."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Graph

from orggraph.build import BuildSummary, build

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@dataclass(frozen=True)
class SeedsBuild:
    summary: BuildSummary
    out: Path

    @property
    def ttl(self) -> Path:
        return self.out / "graph.ttl"

    def graph(self) -> Graph:
        return Graph().parse(self.ttl, format="turtle")


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory: pytest.TempPathFactory) -> SeedsBuild:
    """The five seed reports built into a session-wide output folder."""
    out = tmp_path_factory.mktemp("seeds_out")
    return SeedsBuild(build([SEEDS], out), out)


@pytest.fixture(scope="session")
def seeds_graph(seeds_build: SeedsBuild) -> Graph:
    return seeds_build.graph()
