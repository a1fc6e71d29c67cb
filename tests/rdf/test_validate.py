"""SHACL: every build conforms to the ontology's shapes; a broken graph fails, one line each."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal
from typer.testing import CliRunner

from orggraph.cli import app
from orggraph.rdf.build import build_graph
from orggraph.rdf.namespace import OG
from orggraph.rdf.validate import violations
from orggraph.resolve import resolve
from tests.conftest import SeedsBuild
from tests.factories import TEXT, article


def _graph() -> Graph:
    return build_graph(resolve([article(TEXT)]))


def _broken() -> Graph:
    g = _graph()
    metric = next(g.subjects(RDF.type, OG.Metric))
    g.set((metric, OG.value, Literal("many")))
    place = next(g.subjects(OG.adcode, None))
    g.set((place, OG.adcode, Literal("43ab00")))
    program = next(g.subjects(RDF.type, OG.Program))
    g.remove((program, OG.kind, None))
    evidence = next(g.subjects(RDF.type, OG.Evidence))
    end = g.value(evidence, OG.end)
    g.set((evidence, OG.start, Literal(int(end) + 5)))
    return g


def test_a_built_graph_conforms() -> None:
    assert violations(_graph()) == []


def test_the_seeds_build_conforms(seeds_build: SeedsBuild) -> None:
    assert violations(seeds_build.graph()) == []


def test_a_broken_graph_lists_each_violation_on_one_line() -> None:
    found = violations(_broken())
    expected = [
        "og:value: og:value must be one xsd:decimal number",
        "og:adcode: og:adcode must be a GB/T 2260 code of 6, 9 or 12 digits",
        "og:kind: needs exactly one og:kind from the program kinds",
        "og:start: og:start must be a non-negative integer before og:end",
    ]
    for text in expected:
        assert any(text in line for line in found), (text, found)
    assert len(found) == len(expected)
    assert all("\n" not in line and line.startswith("id:") for line in found)


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    good, bad = tmp_path / "good.ttl", tmp_path / "bad.ttl"
    good.write_text(_graph().serialize(format="turtle"), encoding="utf-8")
    bad.write_text(_broken().serialize(format="turtle"), encoding="utf-8")
    return good, bad


def test_cli_validate_passes_a_good_graph(files: tuple[Path, Path]) -> None:
    result = CliRunner().invoke(app, ["validate", str(files[0])])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


def test_cli_validate_fails_a_broken_graph_with_one_line_each(files: tuple[Path, Path]) -> None:
    result = CliRunner().invoke(app, ["validate", str(files[1])])
    assert result.exit_code == 9
    assert "og:adcode must be a GB/T 2260 code" in result.stdout
    assert "4 SHACL violation(s)" in result.stderr
    assert "Traceback" not in result.output


def test_cli_validate_of_a_missing_file_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["validate", str(tmp_path / "none.ttl")])
    assert result.exit_code == 3
    assert "no such graph file" in result.stderr and len(result.stderr.strip().splitlines()) == 1
