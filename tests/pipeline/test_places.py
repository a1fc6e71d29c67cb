"""Place mentions: full and short names, context, nicknames, abbreviations, local places."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orggraph.pipeline import extract
from orggraph.records import ArticleFacts
from orggraph.resources.gazetteer import load_gazetteer
from tests.factories import source

GAZ = load_gazetteer()


def run(text: str) -> ArticleFacts:
    return extract(source(text))


def mentioned(facts: ArticleFacts) -> set[str]:
    """Names of the places mentioned in the text."""
    places = {p.key: p for p in facts.places}
    return {places[m.place].name for m in facts.place_mentions}


def key_of(name: str, province: str) -> str:
    return next(p.key for p in GAZ.named(name) if p.key.startswith(province))


def test_new_district_is_a_local_place_of_its_city_not_the_namesake_district() -> None:
    facts = run(
        "2023年,岳阳市南湖新区组织系统赴浙江嘉兴南湖学习。南湖新区干部表示收获很大。\n"
        "立足南湖区情,推进工作。"
    )
    keys = {m.place for m in facts.place_mentions}
    yueyang = key_of("岳阳市", "43")
    assert f"{yueyang}/南湖新区" in keys
    assert key_of("南湖区", "33") in keys  # written after its parent 嘉兴
    district = next(m for m in facts.place_mentions if m.surface == "南湖区")
    assert district.place == f"{yueyang}/南湖新区"  # the article's own district
    assert facts.focus == (f"{yueyang}/南湖新区",)


def test_capital_anaphor_and_nickname_need_the_article_region() -> None:
    hohhot = run("呼和浩特市组织系统扎实开展工作。首府各级党组织举办“院士青城行”活动。")
    assert [m.surface for m in hohhot.place_mentions].count("首府") == 1
    assert {m.place for m in hohhot.place_mentions} == {key_of("呼和浩特市", "15")}
    hunan = run("株洲市组织系统扎实开展工作。首府各级党组织举办“院士青城行”活动。")
    assert {m.surface for m in hunan.place_mentions} == {"株洲市"}


def test_provincial_capital_of_a_province() -> None:
    facts = run("衡阳市组织系统坚持抓基层。选派干部到省会学习。")
    assert "长沙市" in mentioned(facts)


def test_fixed_abbreviation_expands_to_every_place() -> None:
    facts = run("株洲市选派20名干部赴北上广深挂职。")
    assert {"北京市", "上海市", "广州市", "深圳市"} <= mentioned(facts)


def test_run_of_city_abbreviations_resolves_near_the_article() -> None:
    facts = run("包头市组织部推动呼包鄂三市签署协议。")
    assert {"呼和浩特市", "包头市", "鄂尔多斯市"} <= mentioned(facts)


def test_county_gets_its_whole_parent_chain_without_mentions_of_parents() -> None:
    facts = run("怀仁市组织系统坚持强基固本。")
    assert {p.name for p in facts.places} == {"怀仁市", "朔州市", "山西省"}
    assert mentioned(facts) == {"怀仁市"}


def test_short_name_of_a_district_of_a_municipality_in_its_own_report() -> None:
    text = (
        "重庆市江津区推行积分管理。\n江津区的做法是平时考核。\n江津坚持考用结合,选派干部120名。\n"
    )
    facts = run(text)
    surfaces = {m.surface for m in facts.place_mentions}
    assert "江津" in surfaces
    places = {p.key: p.name for p in facts.places}
    assert places[facts.metrics[0].place or ""] == "江津区"
    elsewhere = run("湖南省株洲市推行积分管理。\n江津坚持考用结合。\n")
    assert "江津" not in {m.surface for m in elsewhere.place_mentions}


def test_village_attached_through_its_town() -> None:
    facts = run("浏阳市组织部在浏阳市大瑶镇南阳村召开现场会。")
    places = {p.name: p for p in facts.places}
    liuyang = key_of("浏阳市", "43")
    town = places["大瑶镇"]
    assert town.parent == liuyang and town.adcode and town.adcode.startswith(liuyang)
    assert places["南阳村"].parent == town.key == town.adcode


def test_standalone_village_attaches_to_the_article_place() -> None:
    # 石塘村 is no village of 醴陵市 in the reference data: kept only when an organ vouches for it
    weak = run("醴陵市组织系统在石塘村召开现场会,以金鱼路社区为试点推进。")
    strong = run("醴陵市组织系统在石塘村党支部召开现场会,以金鱼路社区为试点推进。")
    liling = key_of("醴陵市", "43")
    assert "石塘村" not in {p.name for p in weak.places}
    places = {p.name: p for p in strong.places}
    assert places["石塘村"].parent == liling
    assert places["金鱼路社区"].parent == liling  # named after its street: vouched, unlinked


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("株洲市坚持长治久安的目标。", "长治市"),
        ("株洲市推动世界大同的理想。", "大同市"),
        ("株洲市联合湖南中医药大学共建工作站。", "湖南省"),
        ("株洲市组织部会同有关部门开展考察。", "会同县"),
        ("株洲市推进软弱涣散村党组织整顿,创新实施村(社区)治理。", "软弱涣散村"),
        ("株洲市弘扬“平江精神”。", "平江县"),
        ("株洲市组织部在汉江流域调研。", "汉江"),
    ],
)
def test_words_containing_a_place_name_are_not_mentions(text: str, absent: str) -> None:
    assert absent not in mentioned(run(text))


def test_ambiguous_county_is_left_unlinked_without_context() -> None:
    assert "朝阳区" not in mentioned(run("株洲市干部赴朝阳区学习。"))
    facts = run("株洲市干部赴北京市朝阳区学习。")
    assert key_of("朝阳区", "11") in {m.place for m in facts.place_mentions}


PIECES = [
    "株洲市",
    "醴陵市",
    "浏阳市大瑶镇",
    "北上广深",
    "长治久安",
    "石塘村",
    "组织部",
    "干部",
    "。",
]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=12))
def test_mentions_point_into_complete_chains(pieces: list[str]) -> None:
    text = "".join(pieces)
    facts = run(text)
    places = {p.key: p for p in facts.places}
    for m in facts.place_mentions:
        assert text[m.evidence.start : m.evidence.end] == m.surface
        place = places[m.place]
        while place.parent is not None:
            place = places[place.parent]
        assert place.level == "province"


def test_a_two_character_county_named_with_its_parent_is_found_again_alone() -> None:
    text = (
        "江苏省加强流动党员管理,江苏省各地积极探索。江苏省徐州市沛县组建驻外党支部。"
        "沛县驻外党员参加学习。"
    )
    facts = run(text)
    names = {p.key: p.name for p in facts.places}
    assert [m.evidence.start for m in facts.place_mentions if names[m.place] == "沛县"] == [
        text.index("沛县"),
        text.rindex("沛县"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "湖南省溆浦县茅坡村党支部书记李怀化说,修路是大家的事。",
        "湖南省溆浦县的村民周常德告诉记者,合作社办起来了。",
    ],
)
def test_a_short_name_inside_a_persons_name_is_no_place(text: str) -> None:
    found = mentioned(run(text))
    assert "湖南省" in found and not {"怀化市", "常德市"} & found


def test_a_persons_name_stays_a_name_where_it_recurs_without_the_title() -> None:
    text = "湖南省溆浦县茅坡村党支部书记李怀化带头捐款。“路修好了就好。”李怀化说。"
    assert "怀化市" not in mentioned(run(text))


def test_a_short_name_after_a_title_and_a_verb_stays_a_place() -> None:
    assert "怀化市" in mentioned(run("湖南省委书记在怀化调研时强调,要抓好基层党建。"))


@pytest.mark.parametrize(
    "text",
    [
        "李某外出打工多年,如今在杭州经营一家物流公司。",
        "大学毕业后,他在杭州一家银行工作。",
    ],
)
def test_a_place_before_a_count_or_a_business_verb_is_where_the_institution_is(
    text: str,
) -> None:
    assert "杭州市" in mentioned(run(text))


@pytest.mark.parametrize(
    ("text", "child"),
    [
        ("河南洛阳探索“村村有好戏”文化惠民工程。", "洛阳市"),
        ("在河南信阳市,茶农的日子越过越红火。", "信阳市"),
    ],
)
def test_an_everyday_word_short_name_right_before_a_division_inside_it_is_a_place(
    text: str, child: str
) -> None:
    assert {"河南省", child} <= mentioned(run(text))


def test_an_everyday_word_short_name_standing_alone_is_no_place() -> None:
    assert "河南省" not in mentioned(run("大河南岸的村庄里,村民说起了家乡话。"))


def test_a_one_character_abbreviation_names_the_venue_of_a_meeting() -> None:
    assert "北京市" in mentioned(run("全省基层党建工作座谈会昨日在京召开。"))


@pytest.mark.parametrize("text", ["他在京东平台销售农产品。", "做好来京务工人员服务。"])
def test_a_one_character_abbreviation_outside_the_venue_formula_is_no_place(text: str) -> None:
    assert "北京市" not in mentioned(run(text))
