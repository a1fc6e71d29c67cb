"""Towns and villages: linked in context, verb phrases rejected, lists, attribution, focus."""

from __future__ import annotations

import pytest

from orggraph.pipeline import extract
from orggraph.pipeline import place_rules as rules
from orggraph.records import ArticleFacts, Place, PlaceLevel
from tests.factories import source

XUPU = "431224"  # 溆浦县, 怀化市, 湖南省


def run(text: str) -> ArticleFacts:
    return extract(source(text))


def mentioned(facts: ArticleFacts) -> dict[str, Place]:
    places = {p.key: p for p in facts.places}
    return {places[m.place].name: places[m.place] for m in facts.place_mentions}


def chain(facts: ArticleFacts, key: str) -> list[str]:
    places = {p.key: p for p in facts.places}
    out: list[str] = []
    place = places.get(key)
    while place is not None:
        out.append(place.name)
        place = places.get(place.parent or "")
    return out


def test_village_written_after_its_county_chains_up_to_the_province() -> None:
    facts = run("湖南怀化溆浦县北斗溪镇茅坡村的党员干部商量修路的事。")
    village = mentioned(facts)["茅坡村"]
    assert chain(facts, village.key) == ["茅坡村", "北斗溪镇", "溆浦县", "怀化市", "湖南省"]
    town = mentioned(facts)["北斗溪镇"]
    assert town.adcode and town.adcode.startswith(XUPU) and len(town.adcode) == 9


def test_a_village_name_of_another_county_is_not_linked_outside_its_context() -> None:
    # 茅坡村 exists in 溆浦县 (and elsewhere), but not in 浏阳市: no link to a far county
    facts = run("浏阳市组织部到茅坡村走访调研,召开座谈会。")
    village = mentioned(facts).get("茅坡村")
    assert village is None or not village.key.startswith(XUPU)
    assert all(not p.key.startswith(XUPU) for p in facts.places)


def test_a_village_of_the_context_county_is_linked_without_its_town() -> None:
    facts = run("溆浦县坚持党建引领。茅坡村成立了合作社,带动群众增收。")
    village = mentioned(facts)["茅坡村"]
    assert village.key.startswith(XUPU) and "北斗溪镇" in chain(facts, village.key)


@pytest.mark.parametrize(
    "text",
    [
        "溆浦县的驻村干部每周回村看望老人。",
        "溆浦县的老人买药需要去镇上,很不方便。",
        "溆浦县深入实施村级组织建设行动。",
        "溆浦县将各街道纳入考核范围。",
        "溆浦县选派干部下派至镇开展工作。",
        "溆浦县的年轻人没时间去社区参加活动。",
        "溆浦县全面推行村务公开制度。",
    ],
)
def test_verb_phrases_before_a_suffix_are_not_places(text: str) -> None:
    local = [p for p in mentioned(run(text)).values() if p.level not in COUNTY_AND_ABOVE]
    assert local == []


COUNTY_AND_ABOVE = (PlaceLevel.PROVINCE, PlaceLevel.PREFECTURE, PlaceLevel.COUNTY)


@pytest.mark.parametrize(
    ("stem", "trimmed"),
    [
        ("是北斗溪", "北斗溪"),
        ("他回", ""),
        ("整合茅坡", "茅坡"),
        ("以同仁路", "同仁路"),
        ("北斗溪", "北斗溪"),
    ],
)
def test_a_verb_or_function_word_glued_before_a_name_falls_away(stem: str, trimmed: str) -> None:
    assert rules.trim_phrase(stem) == trimmed


def test_a_verb_glued_before_a_known_town_is_dropped() -> None:
    facts = run("溆浦县的北斗溪镇是一个山区镇,他常说家乡是北斗溪镇。")
    assert set(mentioned(facts)) == {"溆浦县", "北斗溪镇"}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("浏阳市整合桃湾、柳塘、杏坪3个村,成立联合党委。", {"桃湾村", "柳塘村", "杏坪村"}),
        ("浏阳市的桃湾、柳塘等社区开展志愿服务。", {"桃湾社区", "柳塘社区"}),
    ],
)
def test_bare_names_of_a_list_closed_by_its_suffix(text: str, names: set[str]) -> None:
    assert names <= set(mentioned(run(text)))


def test_a_count_that_does_not_match_the_list_takes_nothing() -> None:
    facts = run("浏阳市整合桃湾、柳塘、杏坪5个村,成立联合党委。")
    assert not {"桃湾村", "柳塘村", "杏坪村"} & set(mentioned(facts))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("浏阳市桃湾村党支部组织党员修路。", "桃湾村"),
        ("浏阳市的柳塘路社区成立了议事会。", "柳塘路社区"),
    ],
)
def test_unknown_names_need_strong_evidence(text: str, name: str) -> None:
    assert name in mentioned(run(text))


def test_former_names_resolve_to_todays_division() -> None:
    facts = run("湖北省襄樊市和山西省怀仁县的干部交流经验。")
    names = {p.name for p in facts.places}
    assert {"襄阳市", "怀仁市"} <= names


def test_a_piece_about_one_village_has_it_as_focus() -> None:
    text = (
        "茅坡村的新变化\n"
        "湖南怀化溆浦县北斗溪镇茅坡村,过去是个软弱涣散村。\n"
        "茅坡村党支部换届后,全村修了3条路。茅坡村还建起合作社。\n"
    )
    facts = run(text)
    places = {p.key: p.name for p in facts.places}
    assert [places[k] for k in facts.focus] == ["茅坡村"]
    assert all(places[m.place or ""] == "茅坡村" for m in facts.metrics)


def test_a_national_piece_has_no_focus() -> None:
    text = (
        "各地干部表示要认真学习\n"
        "会议召开后,各地反响热烈。合肥市一名干部说,要扎实工作。\n"
        "长沙市一位社区书记表示深受鼓舞。海南省的一名党员说,将立足岗位。\n"
        "江苏省的驻村干部表示,要把会议精神带回村里。\n"
    )
    assert run(text).focus == ()


def test_figures_belong_to_the_place_their_paragraph_reports() -> None:
    text = (
        "溆浦县推进基层治理\n"
        "溆浦县坚持党建引领,全县建成党群服务站120个。\n"
        "北斗溪镇茅坡村过去是软弱涣散村。\n"
        "如今,村里修了3条路,建起合作社,带动80户增收。\n"
        "溆浦县还选派干部45名驻村帮扶。\n"
    )
    facts = run(text)
    places = {p.key: p.name for p in facts.places}
    by_span = {m.surface: places.get(m.place or "") for m in facts.metrics}
    assert by_span["120个"] == "溆浦县"
    assert by_span["3条"] == "茅坡村" and by_span["80户"] == "茅坡村"
    assert by_span["45名"] == "溆浦县"


def _metric_places(text: str) -> dict[str, str | None]:
    facts = run(text)
    places = {p.key: p.name for p in facts.places}
    return {m.surface: places.get(m.place or "") for m in facts.metrics}


def test_a_figure_of_this_village_belongs_to_the_village_last_named() -> None:
    text = (
        "溆浦县推进基层治理\n"
        "溆浦县北斗溪镇的松林村和茅坡村都在山区,茅坡村过去是软弱涣散村。该村建成合作社5个。\n"
    )
    assert _metric_places(text)["5个"] == "茅坡村"


def test_figures_of_several_villages_belong_to_their_town() -> None:
    text = (
        "溆浦县推进基层治理\n"
        "溆浦县坚持党建引领,全县建成党群服务站120个。\n"
        "北斗溪镇的松林村、黄田村、沙坪村共投入资金300万元入股合作社。\n"
    )
    assert _metric_places(text)["300万元"] == "北斗溪镇"


def test_a_territory_word_opening_a_clause_names_the_place_of_its_level() -> None:
    text = (
        "溆浦县推进基层治理\n"
        "溆浦县坚持党建引领,全县建成党群服务站120个。\n"
        "北斗溪镇茅坡村过去道路难行,村民出行不便。\n"
        "现在全村道路硬化完工,新修便道1200米。溆浦县将道路管护交给村里。\n"
        "北斗溪镇组织党员走访群众。截至目前,全县开展义诊活动30次,服务群众900人次。\n"
        "北斗溪镇党委牵头,率全县之先建成议事厅6个。\n"
    )
    places = _metric_places(text)
    assert places["1200米"] == "茅坡村"  # the village last named, below the paragraph's county
    assert places["30次"] == places["900人次"] == "溆浦县"  # the town's county
    assert places["6个"] == "北斗溪镇"  # 全县 inside a clause is no territory of the figure


def test_a_figure_in_a_quotation_takes_the_place_the_quotation_names() -> None:
    text = (
        "溆浦县推进基层治理\n"
        "“今天应到会党员40名,实到会党员36名,符合规定人数。参加活动的还有卢峰镇"
        "流动党员党支部的8名党员……”6月1日,"
        "在溆浦县北斗溪镇茅坡村的院坝里,党员们围坐一圈,听取意见建议30条。\n"
    )
    places = _metric_places(text)
    assert places["8名"] == "卢峰镇"  # named inside the quotation
    assert places["30条"] == "茅坡村"  # the narration's place


def test_places_listed_as_examples_of_a_count_are_not_its_place() -> None:
    text = (
        "溆浦县推进基层治理\n"
        "溆浦县组织北斗溪镇茅坡村、松林村等5个村和12个县直单位结对共建。\n"
        "全县选派率为18%,特别是北斗溪镇、山背、卢峰镇等3个乡镇,选派率达到26%。\n"
    )
    places = _metric_places(text)
    assert places["5个"] == places["12个"] == "溆浦县"
    assert places["26%"] == "溆浦县"  # every item of the list, named or not, is an example


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("溆浦县与湖南山乡富民农业发展有限公司签约。", "湖南省"),
        ("溆浦县联合怀化军分区开展帮扶。", "怀化市"),
    ],
)
def test_a_place_opening_an_institutions_name_is_no_mention(text: str, absent: str) -> None:
    facts = run(text)
    places = {p.key: p.name for p in facts.places}
    assert absent not in {places[m.place] for m in facts.place_mentions}


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        # an office holder's phrase before the place: 时任 is no part of the name
        ("浏阳市抓党建促振兴。2001年,时任柳溪乡党委书记的老张带头修路。", "时任柳溪乡", "柳溪乡"),
        # the organisation prefix of a party committee
        ("浏阳市抓党建促振兴。\n中共柳溪乡党委:近日组织党员学习。", "中共柳溪乡", "柳溪乡"),
        # the end of the town written before the village
        ("浏阳市抓党建促振兴。青石镇东河湾村党支部书记带头修路。", "镇东河湾村", "东河湾村"),
        (
            "浏阳市抓党建促振兴。丰乐街道办事处柳荫社区居委会组织活动。",
            "办事处柳荫社区",
            "柳荫社区",
        ),
    ],
)
def test_an_unlisted_name_starts_after_the_words_before_it(
    text: str, wrong: str, right: str
) -> None:
    names = set(mentioned(run(text)))
    assert wrong not in names and right in names


@pytest.mark.parametrize(
    "text",
    [
        "浏阳市抓党建促振兴。历届村两委成员都被聘为顾问。",
        "浏阳市抓党建促振兴。选派干部到镇街社区、信访一线工作。",
        "佛山市南海区高标准建设镇(街道)、村(社区)党群服务中心。",
    ],
)
def test_words_about_every_village_or_town_are_no_place(text: str) -> None:
    names = set(mentioned(run(text)))
    assert not {"历届村", "镇街社区", "高标准建设镇"} & names


def test_a_community_written_after_its_streets_office_starts_after_the_office() -> None:
    facts = run("昆明市官渡区关上街道办事处青松社区成立了议事会。")
    names = set(mentioned(facts))
    assert "办事处青松社区" not in names and "青松社区" in names


def test_a_suffix_opening_a_common_word_ends_no_village_name() -> None:
    # 团结村 is a village of 溆浦县; 团结村风 (the united ways of a village) names none
    assert "团结村" not in mentioned(run("溆浦县坚持党建引领,培育团结村风,带动群众增收。"))
    assert "团结村" in mentioned(run("溆浦县坚持党建引领,团结村成立了合作社,带动群众增收。"))


def test_a_zones_short_form_stands_for_the_full_form_the_article_gives() -> None:
    text = "怀化经济技术开发区设立了司机服务站。怀化经开区党工委牵头推进服务。"
    names = set(mentioned(run(text)))
    assert "怀化经济技术开发区" in names and "怀化经济开发区" not in names
    assert "怀化经济开发区" in mentioned(run("怀化经开区党工委牵头推进服务。"))
