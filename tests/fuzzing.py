"""Report-like random text and the properties every input must keep (suite and scripts/fuzz.py).

The text mixes what real reports hold: place names, program and document marks, numerals of
every shape (Arabic runs of any length, Chinese numerals, 万/亿/%), quotes and book-title
marks, pinyin in parentheses, mojibake, odd and control characters, very long lines.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from hypothesis import strategies as st
from rdflib import Graph

from orggraph.build import extract_one, serialize_turtle
from orggraph.errors import OrgGraphError
from orggraph.ingest.decode import decode
from orggraph.ingest.normalize import normalize
from orggraph.ingest.read import read_file, source_text
from orggraph.outputs.metrics_csv import metric_rows
from orggraph.rdf.build import build_graph
from orggraph.resolve import resolve

WORDS = [
    "某市", "某某县", "城关镇", "新村", "湖南省", "怀化市", "党建", "引领", "培训", "实施",
    "印发", "工程", "机制", "计划", "行动", "工作法", "办法", "措施", "条例", "人次", "名",
    "个", "万", "亿", "余", "多", "%", "年", "同比", "增长", "懷化市", "文章来源:", "【", "】",
    "第", "期", "届", "元", "万元", "亿元", "党员", "干部", "村", "社区", "2021年", "今年以来",
]  # fmt: skip
PUNCT = list("，,。；;：:、！!？?“”‘’《》（）()「」 \u3000\n\t-—/.·%＋+")
ODD = [
    "\ufffd", "\u200b", "\ufeff", "\u2028", "\u00ad", "\r", "\x1b[8m", "\x1b]0;t\x07", "\x00",
    "𠀀", "\u202e", "Ａ", "１", "锟斤拷", "ÃƒÂ¤", "æ‰€", "<!--", "-->", "=", "@", "---\n",
]  # fmt: skip
number = st.one_of(
    st.integers(0, 10**12).map(str),
    st.text("0123456789", min_size=1, max_size=40),
    st.text("0123456789,.", min_size=1, max_size=12),
    st.text("一二三四五六七八九十百千万亿两零", min_size=1, max_size=8),
    st.tuples(st.integers(0, 99999), st.sampled_from(["万", "亿", "%", "余万", "多万"])).map(
        lambda t: f"{t[0]}{t[1]}"
    ),
)
pinyin = st.lists(st.sampled_from(["dǎng", "jiàn", "zu3", "cun", "xiāng"]), min_size=1, max_size=3)
han = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=4)
piece = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(PUNCT),
    number,
    pinyin.map(lambda x: "(" + " ".join(x) + ")"),
    han,
    st.sampled_from(ODD),
    han.map(lambda h: "“" + h + "”工程"),
    han.map(lambda h: "《" + h + "办法》"),
)
report_text = st.lists(piece, max_size=120).map("".join)
long_line = st.tuples(st.sampled_from(WORDS), st.integers(100, 1500)).map(lambda t: t[0] * t[1])
report = st.one_of(report_text, st.tuples(report_text, long_line).map("".join))


def check_normalize(text: str) -> None:
    """Offsets: one per character plus the end, within the original, non-decreasing."""
    page = normalize(text)
    assert len(page.offsets) == len(page.text) + 1
    assert all(0 <= o <= len(text) for o in page.offsets)
    assert list(page.offsets) == sorted(page.offsets)
    assert not any(ch in page.text for ch in "\x00\x1b\x07")


def check_decode(data: bytes) -> None:
    """Any bytes decode or raise a typed error."""
    with contextlib.suppress(OrgGraphError):
        decode(data, "fuzz")


def check_read(text: str, folder: Path) -> None:
    """Every input form of the text reads, or raises a typed error."""
    forms = {
        "a.txt": text,
        "a.md": text,
        "a.html": f"<html><body><p>{text}</p></body></html>",
        "a.jsonl": json.dumps({"text": text, "title": text[:20]}, ensure_ascii=False),
    }
    for name, content in forms.items():
        path = folder / name
        path.write_text(content, encoding="utf-8", errors="surrogatepass")
        with contextlib.suppress(OrgGraphError):
            read_file(path, name)


def check_build(texts: list[str]) -> None:
    """The whole build in memory: no crash, Turtle round-trips, every quote is its original."""
    sources = [source_text(f"a{i}.txt", f"a{i}.txt", t) for i, t in enumerate(texts)]
    sources = [s for s in sources if s.text]
    if not sources:
        return
    facts = [extract_one(s) for s in sources]
    corpus = resolve(facts)
    graph = build_graph(corpus)
    turtle = serialize_turtle(graph)
    assert len(Graph().parse(data=turtle, format="turtle")) == len(graph)
    for article in corpus.articles:
        list(metric_rows(article))
        src = article.source
        for m in (*article.metrics, *article.place_mentions, *article.programs):
            start, end = src.original_span(m.evidence.start, m.evidence.end)
            assert 0 <= start <= end <= len(src.original)
