"""Regression tests for the reliability probe's findings (F1–F26): one line or a correct build.

Each test names its finding; inputs are made-up reports of the same shape as the probe's.
"""

from __future__ import annotations

import csv
import json
import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orggraph.build import extract_one
from orggraph.cli import app, terminal_safe
from orggraph.ingest import chunks
from orggraph.ingest.formats import html_text, markdown_markup
from orggraph.ingest.normalize import normalize
from orggraph.ingest.read import read_inputs, source_text
from orggraph.rdf.sparql_text import bind_params
from tests.conftest import SeedsBuild

runner = CliRunner()
REPORT = (
    "某市组织工作综述\n\n某市实施“=1+2”工程，全市培训党员2万人次。\n"
    "@SUM(A1:A9)某市新建党群服务中心120个。\n"
)


def run(*args: object):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [str(a) for a in args])


def one_line_error(result, code: int | None = None) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code != 0 and (code is None or result.exit_code == code), result.output
    lines = [  # progress lines ("orggraph [ 0.0s] read") are not messages
        line
        for line in result.stderr.splitlines()
        if line.strip() and not line.startswith("orggraph [")
    ]
    assert len(lines) == 1 and lines[0].startswith("error:"), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def write(folder: Path, name: str | bytes, text: str) -> Path:
    path = Path(os.fsdecode(os.path.join(os.fsencode(folder), os.fsencode(name))))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path


def test_f2_a_long_article_is_read_in_parts_with_offsets_in_the_original(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    paragraphs = [f"某市第{i}批培训党员{i + 1}万人次。" for i in range(40)]
    original = "某市组织工作\n\n" + "\n\n".join(paragraphs)
    whole = extract_one(source_text("big.txt", "big.txt", original))
    monkeypatch.setattr(chunks, "MAX_PART", 60)
    monkeypatch.setattr(chunks.split_source, "__defaults__", (60,))
    split = extract_one(source_text("big.txt", "big.txt", original))
    assert any("parts" in w for w in split.warnings)
    assert [m.value for m in split.metrics] == [m.value for m in whole.metrics]
    src = split.source
    for m in split.metrics:
        assert src.quote(m.evidence.start, m.evidence.end) == m.surface


def test_f4_a_file_name_that_is_not_utf8_builds(tmp_path: Path) -> None:
    write(tmp_path / "in", b"b\xff.txt", REPORT)
    result = run("build", tmp_path / "in", "--out", tmp_path / "out", "--no-html")
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["inputs"][0]["source_file"] == "b\\xff.txt"


def test_f5_service_is_refused_unless_allowed(seeds_build: SeedsBuild) -> None:
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }"
    assert "--allow-service" in one_line_error(run("query", seeds_build.ttl, query), 4)
    commented = "# no SERVICE here\nSELECT ?s WHERE { ?s a og:Program } LIMIT 1"
    assert run("query", seeds_build.ttl, commented).exit_code == 0


def test_f6_f26_unreadable_and_skipped_entries_are_warnings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import orggraph.ingest.read as read_module
    import orggraph.ingest.walk as walk_module

    write(tmp_path, "a.txt", REPORT)
    write(tmp_path, "locked.txt", REPORT + "另一篇。")
    write(tmp_path / "closed", "c.txt", REPORT + "第三篇。")
    (tmp_path / "link").symlink_to(tmp_path / "closed")
    os.mkfifo(tmp_path / "pipe.txt")
    real_read, real_scandir = read_module.read_bytes, os.scandir

    def read_bytes(path: Path, label: str) -> bytes:
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real_read(path, label)

    def scandir(path):  # type: ignore[no-untyped-def]
        if Path(path).name == "closed":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(read_module, "read_bytes", read_bytes)
    monkeypatch.setattr(walk_module.os, "scandir", scandir)
    result = read_inputs([tmp_path])
    assert [a.source_file for a in result.articles] == ["a.txt"]
    text = "\n".join(result.warnings)
    for needle in ("locked.txt: Permission denied", "closed: Permission denied", "link", "pipe"):
        assert needle in text
    with pytest.raises(Exception, match="Permission denied"):
        read_inputs([tmp_path], strict=True)


def test_f7_f23_f16_jsonl_bad_lines_are_warnings_and_good_lines_build(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "某市\ud800开展培训1万人次。\n某市发展党员300名。"}),
        '{"text": "某市", "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"text": "某市", "n": ' + "9" * 5000 + "}",
        "not json",
        json.dumps({"text": "某县新建党群服务中心12个。", "title": "标题\x1b[8m"}),
    ]
    path = write(tmp_path, "a.jsonl", "\n".join(lines) + "\n")
    result = read_inputs([path])
    assert [a.source_file for a in result.articles] == ["a.jsonl#1", "a.jsonl#5"]
    assert "\ufffd" in result.articles[0].original
    assert result.articles[1].meta.title == "标题[8m"
    text = "\n".join(result.warnings)
    assert "line 2" in text and "line 3" in text and "line 4" in text


def test_f8_csv_cells_are_spreadsheet_safe(tmp_path: Path) -> None:
    write(tmp_path, "c.txt", REPORT)
    assert run("build", tmp_path / "c.txt", "--out", tmp_path / "o", "--no-html").exit_code == 0
    with (tmp_path / "o" / "metrics.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    cells = [v for row in rows for k, v in row.items() if k != "value"]
    assert cells and not [c for c in cells if c[:1] in ("=", "+", "-", "@")]
    assert any(c.startswith("'@SUM") for c in cells)


def test_f9_html_nested_thousands_deep_reads() -> None:
    page = "<html><body>" + "<div>" * 5000 + "<p>某市培训干部1万人次。</p>"
    assert html_text(page) == "某市培训干部1万人次。"


def test_f10_unclosed_markdown_comments_and_brackets_are_linear() -> None:
    import time

    started = time.monotonic()
    assert markdown_markup("<!--" * 50_000 + "\n正文") == []
    markdown_markup("[" * 100_000 + "](")
    assert time.monotonic() - started < 10  # quadratic took minutes
    assert markdown_markup("a<!-- x -->b") == [(1, 11)]


def test_f11_f25_params_bind_outside_comments_and_names_are_checked() -> None:
    query = "# metrics where {place} is given\nSELECT ?m WHERE { ?m og:place ?place }"
    bound = bind_params(query, {"place": "某市"})
    assert bound.index("VALUES") > bound.index("\n")
    with pytest.raises(Exception, match="no \\?plase"):
        bind_params(query, {"plase": "某市"})
    with pytest.raises(Exception, match="sets \\?x itself"):
        bind_params("SELECT ?x WHERE { BIND(1 AS ?x) }", {"x": "1"})
    assert "VALUES" in bind_params("SELECT * { ?place ?p ?o }", {"place": "某市"})


def test_f12_control_characters_never_reach_text_or_terminal() -> None:
    page = normalize("某市“党建\x1b[8m隐藏\x1b[0m引领”机制\x1b]0;T\x07。\x00")
    assert not any(ch in page.text for ch in "\x1b\x07\x00")
    assert terminal_safe("a\x1b[8mb\x07") == "a\\x1b[8mb\\x07"


def test_f13_view_on_ill_typed_literals_is_quiet(tmp_path: Path, seeds_build: SeedsBuild) -> None:
    text = seeds_build.ttl.read_text(encoding="utf-8")
    bad = tmp_path / "bad.ttl"
    bad.write_text(text.replace("og:start ", 'og:start "abc"^^xsd:integer ; og:x ', 1), "utf-8")
    result = run("view", bad, "--out", tmp_path / "bad.html")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.stderr


def test_f14_outputs_follow_the_umask(tmp_path: Path) -> None:
    write(tmp_path, "c.txt", REPORT)
    old = os.umask(0o022)
    try:
        assert run("build", tmp_path / "c.txt", "--out", tmp_path / "o").exit_code == 0
    finally:
        os.umask(old)
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "o").iterdir()}
    assert modes and all(m == 0o644 for n, m in modes.items() if (tmp_path / "o" / n).is_file())
    assert stat.S_IMODE((tmp_path / "o").stat().st_mode) == 0o755


def remove_tree(top: Path) -> None:
    """Delete a folder of any depth (shutil.rmtree, and pytest's clean-up, recurse)."""
    order, stack = [], [top]
    while stack:
        folder = stack.pop()
        order.append(folder)
        for entry in os.scandir(folder):
            if entry.is_dir(follow_symlinks=False):
                stack.append(Path(entry.path))
            else:
                os.unlink(entry.path)
    for folder in reversed(order):
        folder.rmdir()


def test_f16_deep_folders_and_deep_gold_json(tmp_path: Path) -> None:
    deep = tmp_path / "in"
    deep.mkdir()
    try:
        for _ in range(1100):  # deeper than Python's recursion limit
            deep = deep / "d"
            deep.mkdir()
        write(deep, "a.txt", REPORT)
        found = read_inputs([tmp_path / "in"]).articles
        assert [a.source_file.count("/") for a in found] == [1100]
    finally:
        remove_tree(tmp_path / "in")
    gold = tmp_path / "gold"
    write(gold, "a.json", '{"x": ' + "[" * 100_000 + "]" * 100_000 + "}")
    one_line_error(run("eval", gold, tmp_path / "x.ttl"))


def test_f17_a_query_file_not_in_utf8_is_one_line(tmp_path: Path, seeds_build: SeedsBuild) -> None:
    (tmp_path / "q.rq").write_bytes(b"\xff\xfeSELECT")
    assert "not UTF-8" in one_line_error(run("query", seeds_build.ttl, "--file", tmp_path / "q.rq"))


def test_f18_view_never_overwrites_its_graph(tmp_path: Path, seeds_build: SeedsBuild) -> None:
    graph = tmp_path / "g.ttl"
    graph.write_bytes(seeds_build.ttl.read_bytes())
    one_line_error(run("view", graph, "--out", graph), 6)
    assert graph.read_bytes() == seeds_build.ttl.read_bytes()


def test_f19_f24_an_unusable_out_is_found_before_extraction(tmp_path: Path) -> None:
    write(tmp_path, "c.txt", REPORT)
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert "is a file" in one_line_error(
        run("build", tmp_path / "c.txt", "--out", tmp_path / "file"), 6
    )


def test_f20_results_stop_at_the_limit(seeds_build: SeedsBuild) -> None:
    result = run("query", seeds_build.ttl, "SELECT ?s WHERE { ?s ?p ?o }", "--limit", "5")
    assert result.exit_code == 0
    assert "(5 rows, more left out: raise --limit)" in result.stdout


@pytest.mark.parametrize(("fmt", "lines"), [("csv", 6), ("tsv", 6)])
def test_f20_w3c_results_stop_at_the_limit_too(
    seeds_build: SeedsBuild, fmt: str, lines: int
) -> None:
    query = "SELECT ?s ?o WHERE { ?s ?p ?o . ?o ?q ?r }"  # a self-join: far more than 5 rows
    result = run("query", seeds_build.ttl, query, "--limit", "5", "--format", fmt)
    assert result.exit_code == 0
    assert len(result.stdout.strip().splitlines()) == lines  # the header and five rows
    assert "only the first 5 rows" in result.stderr


def test_f20_json_results_keep_types_under_the_limit(seeds_build: SeedsBuild) -> None:
    query = "SELECT ?m ?v WHERE { ?m og:value ?v } ORDER BY ?m"
    result = run("query", seeds_build.ttl, query, "--limit", "3", "--format", "json")
    bindings = json.loads(result.stdout)["results"]["bindings"]
    assert len(bindings) == 3
    assert all(b["m"]["type"] == "uri" and "datatype" in b["v"] for b in bindings)


def test_f21_duplicates_counted_once_and_names_unique(tmp_path: Path) -> None:
    write(tmp_path / "a", "x.txt", REPORT)
    write(tmp_path / "b", "x.txt", REPORT + "另一篇。")
    copy = write(tmp_path / "c", "copy.txt", REPORT)
    result = read_inputs([tmp_path / "a", tmp_path / "b", copy])
    assert [a.source_file for a in result.articles] == ["a/x.txt", "b/x.txt"]
    assert any("same text as" in w for w in result.warnings)


def test_f22_front_matter_is_metadata_not_text(tmp_path: Path) -> None:
    yaml = "---\ntitle: 前言标题\ndate: 2021-11-17\ntags: [a]\n---\n" + REPORT
    toml = '+++\ntitle = "另一标题"\n+++\n' + REPORT + "再一篇。"
    (a,) = read_inputs([write(tmp_path, "a.md", yaml)]).articles
    (b,) = read_inputs([write(tmp_path, "b.md", toml)]).articles
    assert (a.meta.title, a.meta.issued, b.meta.title) == ("前言标题", "2021-11-17", "另一标题")
    assert "tags" not in a.text and "+++" not in b.text


def test_f25_construct_with_a_table_format_is_one_line(seeds_build: SeedsBuild) -> None:
    query = "CONSTRUCT { ?s a og:Program } WHERE { ?s a og:Program }"
    one_line_error(run("query", seeds_build.ttl, query, "--format", "csv"), 4)


def test_an_internal_error_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import orggraph.build as build_module

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("bug")

    monkeypatch.setattr(build_module, "build_corpus", broken)
    write(tmp_path, "c.txt", REPORT)
    line = one_line_error(run("build", tmp_path / "c.txt", "--out", tmp_path / "o"), 70)
    assert "ZeroDivisionError" in line and not (tmp_path / "o").exists()


def test_ctrl_c_keeps_the_old_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import orggraph.build as build_module

    write(tmp_path, "c.txt", REPORT)
    assert run("build", tmp_path / "c.txt", "--out", tmp_path / "o").exit_code == 0
    before = {p.name: p.read_bytes() for p in (tmp_path / "o").iterdir() if p.is_file()}

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(build_module, "write_outputs", interrupted)
    one_line_error(run("build", tmp_path / "c.txt", "--out", tmp_path / "o"), 130)
    after = {p.name: p.read_bytes() for p in (tmp_path / "o").iterdir() if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.txt", "o"]


def test_an_article_the_pipeline_fails_on_is_skipped_unless_strict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import orggraph.pipeline as pipeline

    real = pipeline.extract

    def extract(source, nlp=None):  # type: ignore[no-untyped-def]
        if "坏" in source.text:
            raise RecursionError("deep")
        return real(source, nlp)

    monkeypatch.setattr(pipeline, "extract", extract)
    write(tmp_path / "in", "a.txt", REPORT)
    write(tmp_path / "in", "b.txt", REPORT + "坏。")
    result = run("build", tmp_path / "in", "--out", tmp_path / "o", "--no-html", "-j", "1")
    assert result.exit_code == 0 and "b.txt (characters" in result.stderr
    strict = run("build", tmp_path / "in", "--out", tmp_path / "o2", "--strict", "-j", "1")
    assert "RecursionError" in one_line_error(strict, 8)


def test_f24_a_turtle_syntax_error_says_why(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix og: <https://w3id.org/orggraph/ontology#> .\nog:a og:b "x .\n', "utf-8")
    line = one_line_error(run("view", bad, "--out", tmp_path / "bad.html"), 3)
    assert "line 2" in line and "string literal" in line


def test_f26_a_hidden_folder_is_skipped_with_a_warning(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", REPORT)
    write(tmp_path / ".drafts", "b.txt", REPORT + "草稿。")
    result = read_inputs([tmp_path])
    assert [a.source_file for a in result.articles] == ["a.txt"]
    assert any(".drafts: hidden folder" in w for w in result.warnings)


def test_f24_utf16_without_a_bom_builds(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(REPORT.encode("utf-16-le"))
    (article,) = read_inputs([path]).articles
    assert article.original == REPORT and article.encoding == "utf_16_le"


def _evidence(ttl: Path) -> set[tuple[int, int, str]]:
    from rdflib import Graph, Namespace

    og = Namespace("https://w3id.org/orggraph/ontology#")
    graph = Graph().parse(ttl, format="turtle")
    return {
        (int(graph.value(ev, og.start)), int(graph.value(ev, og.end)), str(quote))  # type: ignore[arg-type]
        for ev, quote in graph.subject_objects(og.quote)
    }


def test_f2_a_text_longer_than_a_part_builds_like_the_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from orggraph.build import build

    paragraphs = [f"某市第{i}批培训党员{i + 1}万人次，新建活动室{i + 2}个。" for i in range(60)]
    original = "某市组织工作\n\n" + "\n\n".join(paragraphs) + "\n"
    path = write(tmp_path, "long.txt", original)
    whole = build([path], tmp_path / "whole", html=False)
    monkeypatch.setattr(chunks.split_source, "__defaults__", (300,))
    split = build([path], tmp_path / "split", html=False)
    assert any("parts" in w for w in split.warnings)
    assert not any("parts" in w for w in whole.warnings)
    assert split.metrics == whole.metrics == 120
    found = _evidence(tmp_path / "split" / "graph.ttl")
    assert found == _evidence(tmp_path / "whole" / "graph.ttl") and len(found) == 60
    assert all(original[start:end] == quote for start, end, quote in found)
