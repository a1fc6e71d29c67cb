"""The command line as a user meets it: results on stdout, one-line errors, nothing lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orggraph.cli import app
from tests.conftest import ROOT, SEEDS, SeedsBuild

runner = CliRunner()


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [str(a) for a in args])


def assert_one_line_error(result, code: int | None = None) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code != 0
    if code is not None:
        assert result.exit_code == code
    assert "Traceback" not in result.output + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), result.stderr


def test_build_writes_outputs_and_prints_summary(tmp_path: Path) -> None:
    result = run("build", SEEDS / "000_793074010ad9b4f2.txt", "--out", tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "articles 1" in result.stdout
    for name in ("graph.ttl", "graph.html", "metrics.csv", "report.json"):
        assert (tmp_path / name).stat().st_size > 0


@pytest.fixture
def previous_out(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("# an earlier build\n", encoding="utf-8")
    return out


def keeps_previous(out: Path) -> bool:
    return (out / "graph.ttl").read_text(encoding="utf-8") == "# an earlier build\n"


def test_missing_path_is_one_line_and_keeps_out(previous_out: Path, tmp_path: Path) -> None:
    result = run("build", tmp_path / "nope.txt", "--out", previous_out)
    assert_one_line_error(result)
    assert "nope.txt" in result.stderr
    assert keeps_previous(previous_out)


def test_empty_file_is_one_line_and_keeps_out(previous_out: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = run("build", empty, "--out", previous_out)
    assert_one_line_error(result)
    assert keeps_previous(previous_out)


def test_binary_file_is_one_line_and_keeps_out(previous_out: Path, tmp_path: Path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    result = run("build", binary, "--out", previous_out)
    assert_one_line_error(result)
    assert keeps_previous(previous_out)


def test_malformed_query_is_one_line(seeds_build: SeedsBuild) -> None:
    result = run("query", seeds_build.ttl, "SELECT ?x WHERE { ?x")
    assert_one_line_error(result, code=4)


def test_query_needs_exactly_one_source(seeds_build: SeedsBuild) -> None:
    assert_one_line_error(run("query", seeds_build.ttl))
    assert_one_line_error(run("query", seeds_build.ttl, "ASK {}", "--name", "articles"))


def test_named_query_with_param_prints_csv(seeds_build: SeedsBuild) -> None:
    result = run(
        "query",
        seeds_build.ttl,
        "--name",
        "programs-by-place",
        "--param",
        "place=潜江市",
        "--format",
        "csv",
    )
    assert result.exit_code == 0, result.stderr
    assert "双报到双服务" in result.stdout
    assert all(line.startswith("潜江市") for line in result.stdout.splitlines()[1:])


def test_a_named_query_runs_by_its_name_alone(seeds_build: SeedsBuild) -> None:
    by_name = run("query", seeds_build.ttl, "program-timeline", "--format", "csv")
    by_option = run("query", seeds_build.ttl, "--name", "program-timeline", "--format", "csv")
    assert by_name.exit_code == 0, by_name.stderr
    assert by_name.stdout == by_option.stdout
    rows = by_name.stdout.splitlines()
    assert rows[0].split(",")[:3] == ["programName", "placeName", "since"]
    assert any(row.split(",")[2].strip().isdigit() for row in rows[1:])  # a stated first year


def test_query_list_shows_named_queries() -> None:
    result = run("query", "unused.ttl", "--list")
    assert result.exit_code == 0
    assert "shared-programs:" in result.stdout


def test_query_on_missing_graph_is_one_line(tmp_path: Path) -> None:
    assert_one_line_error(run("query", tmp_path / "none.ttl", "ASK {}"))


def test_view_renders_html_from_turtle(seeds_build: SeedsBuild, tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    result = run("view", seeds_build.ttl, "--out", target)
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")


def test_explain_shows_the_link_with_its_sentence(seeds_build: SeedsBuild) -> None:
    result = run("explain", seeds_build.ttl, "双报到双服务")
    assert result.exit_code == 0, result.stderr
    assert "潜江市" in result.stdout
    assert "以“双报到双服务”" in result.stdout and "001_cdb9b270fe56c2aa.txt" in result.stdout


def test_explain_unknown_name_is_one_line(seeds_build: SeedsBuild) -> None:
    assert_one_line_error(run("explain", seeds_build.ttl, "不存在的名字"), code=5)


def test_eval_on_a_built_graph_prints_figures_as_json(seeds_build: SeedsBuild) -> None:
    result = run("eval", ROOT / "tests" / "gold", seeds_build.ttl, "--json")
    assert result.exit_code == 0, result.stderr
    figures = json.loads(result.stdout)["total"]
    assert figures["documents"]["f1"] >= 0.9 and figures["focal_acc"] == 1.0


def test_eval_with_a_missing_gold_folder_is_one_line(
    seeds_build: SeedsBuild, tmp_path: Path
) -> None:
    assert_one_line_error(run("eval", tmp_path / "no-gold", seeds_build.ttl))
