"""Every evidence of every input form cites a file whose [start:end] is its quote."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import docx
import pytest
from rdflib import Graph
from rdflib.namespace import DCTERMS

from orggraph.build import build
from orggraph.rdf.namespace import OG

FIXTURES = Path(__file__).parent / "ingest" / "fixtures"

# Made-up reports of the usual shape: a place, a quoted program, counted figures, a year.
TXT = "襄州区创新“田间党课”做法\n2021年以来，襄州区推行“田间党课”做法，培训农村党员2400人次。\n"
HTML = (
    "<html><head><title>荆门市推行“红色网格”</title></head><body><nav>首页 | 要闻</nav>"
    "<article><h1>荆门市推行“红色网格”</h1><p>2020年，荆门市推行“红色网格”机制，"
    "划分网格<b>860</b>个，配备网格员1200名。</p></article></body></html>"
)
JSONL = {
    "title": "随州市开展“书记带头走访”活动",
    "url": "https://example.org/news/42",
    "published": "2023-05-06",
    "text": "2023年，随州市开展“书记带头走访”活动，走访群众3.5万户。",
}
DOCX_LINES = ["天门市实施“能人回引”工程", "2019年以来，天门市实施“能人回引”工程，回引人才560名。"]


def _mixed_folder(folder: Path) -> None:
    folder.mkdir()
    (folder / "a.txt").write_text(TXT, encoding="utf-8")
    (folder / "b.html").write_text(HTML, encoding="utf-8")
    (folder / "c.jsonl").write_text(json.dumps(JSONL, ensure_ascii=False) + "\n", "utf-8")
    document = docx.Document()
    for line in DOCX_LINES:
        document.add_paragraph(line)
    document.save(str(folder / "d.docx"))
    shutil.copy(FIXTURES / "made-up-report.pdf", folder / "e.pdf")


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Graph]:
    root = tmp_path_factory.mktemp("mixed")
    inputs, out = root / "in", root / "out"
    _mixed_folder(inputs)
    build([inputs], out, html=False)
    return inputs, out, Graph().parse(out / "graph.ttl")


def test_every_form_is_read(mixed: tuple[Path, Path, Graph]) -> None:
    _, _, g = mixed
    files = {str(f) for f in g.objects(None, OG.sourceFile)}
    assert files == {"a.txt", "b.html", "c.jsonl#1", "d.docx", "e.pdf"}


def test_file_slice_is_the_quote_for_every_evidence(mixed: tuple[Path, Path, Graph]) -> None:
    inputs, out, g = mixed
    checked = set()
    for ev in g.subjects(OG.quote, None):
        article = g.value(ev, OG.article)
        text_file = str(g.value(article, OG.textFile))
        path = inputs / text_file if text_file == "a.txt" else out / text_file
        text = path.read_text(encoding="utf-8")
        start, end = int(g.value(ev, OG.start)), int(g.value(ev, OG.end))
        assert text[start:end] == str(g.value(ev, OG.quote))
        checked.add(str(g.value(article, OG.sourceFile)))
    assert checked == {"a.txt", "b.html", "c.jsonl#1", "d.docx", "e.pdf"}


def test_extracted_texts_are_saved_by_hash(mixed: tuple[Path, Path, Graph]) -> None:
    _, out, g = mixed
    saved = sorted(p.name for p in (out / "text").iterdir())
    hashes = sorted(f"{g.value(a, OG.sha256)}.txt" for a in g.subjects(OG.textFile, None))
    assert len(saved) == 4 and set(saved) < set(hashes)


def test_jsonl_fields_reach_the_article(mixed: tuple[Path, Path, Graph]) -> None:
    _, _, g = mixed
    (article,) = [a for a, f in g.subject_objects(OG.sourceFile) if str(f) == "c.jsonl#1"]
    assert str(g.value(article, DCTERMS.source)) == JSONL["url"]
    assert str(g.value(article, DCTERMS.title)) == JSONL["title"]
    assert str(g.value(article, DCTERMS.issued)) == JSONL["published"]


def test_metrics_csv_cites_file_and_offsets(mixed: tuple[Path, Path, Graph]) -> None:
    import pandas as pd

    inputs, out, _ = mixed
    frame = pd.read_csv(out / "metrics.csv", dtype=str, keep_default_na=False)
    assert len(frame) > 0
    for row in frame.itertuples():
        base = inputs if row.text_file == row.source_file else out
        text = (base / row.text_file).read_text(encoding="utf-8")
        assert text[int(row.start) : int(row.end)] == row.evidence
        assert row.metric_iri.startswith("https://w3id.org/orggraph/id/metric/")
    jsonl = frame[frame.source_file == "c.jsonl#1"]
    assert set(jsonl.article_title) == {JSONL["title"]}
    assert set(jsonl.article_date) == {JSONL["published"]}
