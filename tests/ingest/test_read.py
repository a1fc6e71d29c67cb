"""Reading files and folders: every form and encoding gives the same article text."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import opencc
import pytest

from orggraph.errors import (
    DecodeError,
    EmptyInputError,
    InputNotFoundError,
    InputTooLargeError,
    UnsupportedInputError,
)
from orggraph.ingest.read import read_inputs

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TITLE = "党建引领基层治理 激发乡村振兴新动能"
PARAGRAPHS = [
    "今年以来,某某县坚持以党建引领基层治理,全面推行“四支队伍集村部”工作机制。",
    "全县举办培训班12期,培训党员干部3.6万余名,占比达78.3%。",
    "下一步,将持续深化“群英断是非”工作法,为乡村振兴提供坚强组织保证。",
]
REPORT = "\n".join([TITLE, *PARAGRAPHS])
HEADER = "某某党建网\n" + TITLE + "\n来源:某某日报 时间:2024-05-06 09:00\n"
FOOTER = "\n1\n主办单位:中共某某县委组织部\n技术支持:某某网络公司\nICP备案号:某ICP备12345678号\n"
PAGE = HEADER + "\n\n".join(PARAGRAPHS) + FOOTER
HTML = f"""<!doctype html><html><head><title>x</title><style>p {{color: red}}</style>
<script>var nav = "首页";</script></head><body>
<nav><a href="/">首页</a> &gt; <a href="/news">要闻</a></nav>
<div class="banner">某某党建网</div><h1>{TITLE}</h1>
<div>来源:某某日报 时间:2024-05-06 09:00</div>
{"".join(f"<p>{p.replace('12期', '<b>12</b>期')}</p>" for p in PARAGRAPHS)}
<script>console.log("统计")</script>
<footer><p>主办单位:中共某某县委组织部</p><p>ICP备案号:某ICP备12345678号</p></footer>
</body></html>"""
MARKDOWN = f"# {TITLE}\n\n*来源:某某日报*\n\n" + "\n\n".join(
    p.replace("12期", "**12期**") for p in PARAGRAPHS
)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


FORMS: dict[str, Callable[[Path], Path]] = {
    "utf-8": lambda d: _write(d, "a.txt", PAGE.encode()),
    "utf-8 BOM, CRLF": lambda d: _write(d, "a.txt", PAGE.replace("\n", "\r\n").encode("utf-8-sig")),
    "gbk": lambda d: _write(d, "a.txt", PAGE.encode("gbk")),
    "gb18030": lambda d: _write(d, "a.txt", PAGE.encode("gb18030")),
    "utf-16": lambda d: _write(d, "a.txt", PAGE.encode("utf-16")),
    "full width": lambda d: _write(d, "a.txt", PAGE.replace(",", "，").replace("%", "％").encode()),
    "html": lambda d: _write(d, "a.html", HTML.encode("gbk")),
    "markdown": lambda d: _write(d, "a.md", MARKDOWN.encode()),
    "jsonl": lambda d: _write(
        d, "a.jsonl", (json.dumps({"text": PAGE, "source": "某某日报"}) + "\n").encode()
    ),
}


@pytest.mark.parametrize("form", FORMS)
def test_every_form_gives_the_same_text(form: str, tmp_path: Path) -> None:
    (article,) = read_inputs([FORMS[form](tmp_path)]).articles
    assert article.text == REPORT
    assert article.meta.publisher == "某某日报"
    for i, char in enumerate(article.text):  # every character quotes its original
        assert article.quote(i, i + 1) in {char, "，", "％"}


def test_traditional_big5_and_utf8_agree(tmp_path: Path) -> None:
    traditional = opencc.OpenCC("s2tw").convert(PAGE)
    assert opencc.OpenCC("t2s").convert(traditional) == PAGE  # the test text round-trips
    big5 = _write(tmp_path, "big5.txt", traditional.encode("big5"))
    utf8 = _write(tmp_path, "utf8.txt", traditional.encode())
    articles = [*read_inputs([big5]).articles, *read_inputs([utf8]).articles]
    assert [a.text for a in articles] == [REPORT, REPORT]
    assert all(a.traditional for a in articles)
    assert articles[0].encoding == "big5"


def test_html_drops_scripts_styles_and_navigation(tmp_path: Path) -> None:
    (article,) = read_inputs([_write(tmp_path, "a.htm", HTML.encode())]).articles
    for hidden in ("color", "console", "首页", "要闻", "主办单位", "ICP"):
        assert hidden not in article.original or hidden in ("主办单位", "ICP")
        assert hidden not in article.text


def test_folder_walk_sorted_with_skips(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    _write(tmp_path, "b.txt", PAGE.encode())
    _write(tmp_path / "sub", "a.txt", (PAGE + "\n另一篇的结尾。").encode("gbk"))
    _write(tmp_path, "c.jsonl", "\n".join(json.dumps({"text": p}) for p in PARAGRAPHS).encode())
    _write(tmp_path, "image.png", b"\x89PNG\r\n\x1a\n\0\0")
    _write(tmp_path, "d.txt", b"abc\0def")
    result = read_inputs([tmp_path])
    assert [a.source_file for a in result.articles] == [
        "b.txt",
        "c.jsonl#1",
        "c.jsonl#2",
        "c.jsonl#3",
        "sub/a.txt",
    ]
    assert any("image.png" in w and "unsupported" in w for w in result.warnings)
    assert any("d.txt" in w and "binary" in w for w in result.warnings)


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as f:
        f.truncate(size)
    return path


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (lambda d: d / "missing.txt", InputNotFoundError, "missing.txt"),
        (lambda d: _write(d, "empty.txt", b""), EmptyInputError, "empty.txt"),
        (lambda d: _write(d, "blank.txt", b" \n\r\n"), EmptyInputError, "blank.txt"),
        (lambda d: _write(d, "nul.txt", b"\xe5\x85\x9a\0"), UnsupportedInputError, "nul.txt"),
        (lambda d: _write(d, "bad.txt", b"\xe5\x85\x9a\xff\xfe" * 3), DecodeError, "byte offset 3"),
        (lambda d: _sparse(d / "huge.txt", 100 * 2**20), InputTooLargeError, "huge.txt"),
        (lambda d: _write(d, "report.doc", b"PK"), UnsupportedInputError, "report.doc"),
        (lambda d: _write(d, "report.docx", b"PK"), DecodeError, "cannot read as DOCX"),
        (lambda d: _write(d, "scan.pdf", b"%PDF-1.4 x"), DecodeError, "cannot read as PDF"),
        (lambda d: _write(d, "furniture.txt", FOOTER.encode()), EmptyInputError, "furniture"),
    ],
)
def test_explicit_file_errors(
    make: Callable[[Path], Path], error: type[Exception], message: str, tmp_path: Path
) -> None:
    with pytest.raises(error, match=message):
        read_inputs([make(tmp_path)])


def test_no_article_in_folder(tmp_path: Path) -> None:
    _write(tmp_path, "x.png", b"\x89PNG")
    with pytest.raises(EmptyInputError):
        read_inputs([tmp_path])


@pytest.fixture(scope="module")
def seeds() -> dict[str, object]:
    return {a.source_file[:3]: a for a in read_inputs([SEEDS]).articles}


def test_seed_002_is_simplified_without_pinyin(seeds: dict) -> None:
    article = seeds["002"]
    assert article.traditional
    assert "新质生产力" in article.text and "怀仁市" in article.text
    assert not any("a" <= c.lower() <= "z" or c in "āáǎàīíǐìūúǔù" for c in article.text)
    assert any("002" in w and "?!捌咭弧逼陂g" in w for w in article.warnings)
    assert "捌咭" not in article.text


@pytest.mark.parametrize(
    "furniture",
    ["主办单位", "技术支持", "ICP", "责任编辑", "评论", "来源:", "党建网站联盟", "APP", "来访者"],
)
def test_seed_bodies_hold_no_page_furniture(seeds: dict, furniture: str) -> None:
    assert all(furniture not in a.text for a in seeds.values())


def test_seed_offsets_map_back(seeds: dict) -> None:
    for article in seeds.values():
        assert len(article.offsets) == len(article.text) + 1
        assert list(article.offsets) == sorted(article.offsets)
        same = sum(article.quote(i, i + 1) == c for i, c in enumerate(article.text))
        assert article.traditional or same == len(article.text)
