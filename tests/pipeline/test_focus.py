"""Focus: sections of multi-place reports, the focal place of single-place reports, attribution."""

from __future__ import annotations

from orggraph.pipeline import load_pipeline
from orggraph.pipeline.attribution import place_at
from orggraph.records import Place
from tests.factories import source

MULTI = (
    "近日,渭河流域城市组织工作会议召开,宝鸡市、咸阳市、渭南市介绍经验。\n"
    "宝鸡市:开展“红色引擎”活动 推动党建提质\n"
    "今年以来,宝鸡市部署开展活动,覆盖80个社区。\n"
    "咸阳市:严把政治关 选准干部\n"
    "近年来,咸阳市坚持好干部标准,选拔干部120名。渭南市委组织部派员交流,培训干部30人。\n"
    "渭南市:“双联双促”提升治理能力\n"
    "渭南市以“双联双促”为抓手,组建队伍15支。\n"
)


def run(text: str):  # type: ignore[no-untyped-def]
    from orggraph.pipeline import extract

    nlp = load_pipeline()
    doc = nlp.make_doc(text)
    return nlp, doc, extract(source(text), nlp)


def names(places: tuple[Place, ...], keys: tuple[str, ...]) -> list[str]:
    by_key = {p.key: p.name for p in places}
    return [by_key[k] for k in keys]


def test_multi_city_report_has_one_section_per_city() -> None:
    _, _, facts = run(MULTI)
    assert names(facts.places, facts.focus) == ["宝鸡市", "咸阳市", "渭南市"]
    assert [names(facts.places, s.focus) for s in facts.sections] == [
        ["宝鸡市"],
        ["咸阳市"],
        ["渭南市"],
    ]
    xianyang = facts.sections[1]
    assert MULTI[xianyang.start : xianyang.end].startswith("咸阳市:")
    assert "120名" in MULTI[xianyang.start : xianyang.end]


def test_opening_subject_wins_over_frequency() -> None:
    text = (
        "学习长沙经验。\n2022年以来,株洲市组织系统坚持大抓基层。学习长沙做法,对标长沙标准,"
        "借鉴长沙模式。"
    )
    _, _, facts = run(text)
    assert names(facts.places, facts.focus) == ["株洲市"]


def test_author_line_and_title_point_to_the_focus() -> None:
    text = "奋进新征程——醴陵市组织工作综述\n坚持大抓基层,赴长沙学习。\n(作者为湖南省醴陵市委书记)"
    _, _, facts = run(text)
    assert names(facts.places, facts.focus) == ["醴陵市"]


def _doc_of(text: str):  # type: ignore[no-untyped-def]
    """The Doc after places and focus, its records still on the working extensions."""
    nlp = load_pipeline(disable=["og_documents", "og_programs", "og_metrics", "og_facts"])
    return nlp(text)


def test_facts_in_a_section_belong_to_its_city_unless_another_city_acts() -> None:
    doc = _doc_of(MULTI)
    by_key = {k: p.name for k, p in doc._.og_places.items()}
    at = MULTI.index("120名")
    assert by_key[place_at(doc, at, at + 4)] == "咸阳市"
    actor = MULTI.index("30人")
    assert by_key[place_at(doc, actor, actor + 3)] == "渭南市"
    located = MULTI.index("80个")
    assert by_key[place_at(doc, located, located + 3)] == "宝鸡市"
