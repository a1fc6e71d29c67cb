"""Metadata the page states: headline, source, date, author."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from orggraph.ingest.metadata import credit_names, extract_meta, parse_date
from orggraph.ingest.read import read_inputs
from orggraph.records import ArticleMeta

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "gold"
BODY = "全市组织系统坚持大抓基层,推动基层党建质效双升。\n今年以来,共培训党员1200名。"


@pytest.mark.parametrize(
    ("page", "field", "expected"),
    [
        (
            f"党建引领乡村振兴见实效\n来源:某某日报 时间:2022年3月5日\n{BODY}",
            "title",
            "党建引领乡村振兴见实效",
        ),
        (f"某某党建网\n党建引领乡村振兴见实效\n{BODY}", "title", "党建引领乡村振兴见实效"),
        (BODY, "title", None),
        (
            f"党建引领乡村振兴见实效\n来源:某某日报 时间:2022年3月5日\n{BODY}",
            "publisher",
            "某某日报",
        ),
        (
            f"标题一行\n发布时间:\n2022-03-05 10:00\n文章来源:\n某某发布\n{BODY}",
            "publisher",
            "某某发布",
        ),
        (f"{BODY}\n来源:某某晚报\n责任编辑:张三", "publisher", "某某晚报"),
        (
            f"党建引领乡村振兴见实效\n来源:某某日报 时间:2022年3月5日\n{BODY}",
            "issued",
            "2022-03-05",
        ),
        (f"标题一行\n发布时间:\n2022-03-05 10:00\n{BODY}", "issued", "2022-03-05"),
        (f"3月8日,2023全省组织工作会议召开。\n{BODY}", "issued", "2023"),
        (f"2023年3月8日,全省组织工作会议召开。\n{BODY}", "issued", "2023-03-08"),
        (f"2024年,全区组织系统扎实推进各项工作。\n{BODY}", "issued", None),
        (f"某县推进网格治理\n{BODY}\n(2022年5月6日 第7版)", "issued", "2022-05-06"),
        (f"《某某日报》（2022年05月06日 第 7 版）\n标题\n{BODY}", "issued", "2022-05-06"),
        (
            f"连接：http://news.example.cn/html/2019-04/03/c_20190403_1-02.htm\n标题\n{BODY}",
            "issued",
            "2019-04-03",
        ),
        (f"网址：https://example.cn/a/20180911/456.html\n标题\n{BODY}", "issued", "2018-09-11"),
        (f"标题\n{BODY}\n全县第3版规划出台。", "issued", None),
        (f"{BODY}\n(作者为某某县委组织部部长)", "creator", "某某县委组织部部长"),
        (f"{BODY}\n(本报记者王明 通讯员李华 整理)", "creator", "王明、李华"),
        (f"{BODY}\n[责任编辑:王伟 校对:李晓艳]", "creator", None),
    ],
)
def test_meta_fields(page: str, field: str, expected: str | None) -> None:
    assert getattr(extract_meta(page), field) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-11-17 16:18", "2021-11-17"),
        ("2021年11月7日", "2021-11-07"),
        ("2021/3", "2021-03"),
        ("2020", "2020"),
        ("昨天", None),
    ],
)
def test_parse_date(value: str, expected: str | None) -> None:
    assert parse_date(value) == expected


def test_credit_names_refuses_sentences() -> None:
    assert credit_names("记者从市委组织部获悉,全市新发展党员300名。") == []


@pytest.fixture(scope="module")
def seed_meta() -> dict[str, ArticleMeta]:
    return {a.source_file: a.meta for a in read_inputs([SEEDS]).articles}


@pytest.mark.parametrize("gold", sorted(GOLD.glob("*.json")), ids=lambda p: p.stem[:3])
def test_seed_meta_matches_gold(gold: Path, seed_meta: dict[str, ArticleMeta]) -> None:
    expected = json.loads(gold.read_text(encoding="utf-8"))
    meta = seed_meta[expected["doc"]]
    got = {
        "title": meta.title,
        "source": meta.publisher,
        "published": meta.issued,
        "author": meta.creator,
    }
    assert got == expected["meta"]
