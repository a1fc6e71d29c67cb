"""Programs read from their context: a criterion noun inside a head's modifier, a quoted item
listed after a program, a quote someone runs, counted entries and a level opening a name."""

from __future__ import annotations

import pytest

from orggraph.pipeline import extract
from orggraph.records import ProgramMention
from tests.factories import source


def programs(text: str) -> dict[str, ProgramMention]:
    return {p.name: p for p in extract(source(text)).programs}


@pytest.mark.parametrize(
    ("text", "name", "head"),
    [
        (
            "甘肃省建立“岗位报酬+考核奖励”的村干部结构性报酬制度,效果明显。",
            "岗位报酬+考核奖励",
            "制度",
        ),
        (
            "建立健全“登门走访、分类办理、限时回复”的问题闭环处置机制。",
            "登门走访、分类办理、限时回复",
            "机制",
        ),
    ],
)
def test_a_criterion_noun_after_de_only_modifies_the_head_noun(
    text: str, name: str, head: str
) -> None:
    found = programs(text)
    assert name in found
    assert found[name].head == head


@pytest.mark.parametrize(
    "text",
    [
        "解决群众反映的“三难”问题。",  # a quoted problem list stays no program
        "开展“六位”问题专项整治。",  # the criterion noun right after the quote still rejects
        "坚持“实干实绩”的用人导向。",
    ],
)
def test_criterion_nouns_still_reject_a_quote(text: str) -> None:
    assert programs(text) == {}


def test_a_quoted_item_listed_after_a_program_is_a_program() -> None:
    text = "湖北省把“比学赶超”活动与“村社共建”教育实践活动、街道社区“双联系”等结合起来。"
    found = programs(text)
    assert {"比学赶超", "村社共建", "双联系"} <= set(found)
    assert found["双联系"].evidence.rule == "programs.sibling"


@pytest.mark.parametrize(
    "text",
    [
        "开展“比学赶超”活动、“最后一公里”等。",  # a catch-phrase in the list
        "开展“比学赶超”活动、“好”等。",  # too short to be a name
        "开展“比学赶超”活动，“争先进”等口号响亮。",  # not joined to the program by 、
    ],
)
def test_list_siblings_that_are_no_names(text: str) -> None:
    assert set(programs(text)) == {"比学赶超"}


def test_a_quote_someone_runs_is_an_initiative() -> None:
    text = "物业经理李某负责的“李姐上门”,全天提供便民服务。"
    assert "李姐上门" in programs(text)


def test_a_quote_someone_praises_is_not() -> None:
    assert programs("居民称赞的“李姐上门”,是小区的一道风景。") == {}


@pytest.mark.parametrize(
    "text",
    [
        "列出30多条“黑脸”清单,从群众最不满意的地方改起。",
        "梳理出12条“堵点”清单。",
    ],
)
def test_a_count_of_entries_before_a_quote_counts_entries_not_programs(text: str) -> None:
    assert programs(text) == {}


def test_a_quoted_list_without_a_count_of_entries_stays_a_program() -> None:
    assert "黑脸" in programs("某镇建立“黑脸”清单制度,从群众最不满意的地方改起。")


def test_a_level_opening_a_name_is_dropped_when_the_article_names_the_rest() -> None:
    text = "某市全面推行权力运行清单。干部说,推行村级权力运行清单减少了误解。"
    names = [p.name for p in extract(source(text)).programs]
    assert names == ["权力运行清单", "权力运行清单"]


def test_a_level_opening_a_name_stays_when_the_rest_is_not_named_alone() -> None:
    assert "村级权力运行清单" in programs("某县推行村级权力运行清单。")


def test_adjacent_quoted_names_closed_by_deng_share_the_head_noun() -> None:
    text = "某区以开展“邻里互助日”“楼道清洁周”等活动为抓手,凝聚居民。"
    found = programs(text)
    assert {"邻里互助日", "楼道清洁周"} <= set(found)
    assert found["邻里互助日"].head == found["楼道清洁周"].head == "活动"


def test_quoted_honours_before_a_selection_are_no_programs() -> None:
    text = "积分靠前的村民在“最美庭院”“好婆婆”等先进典型评选中优先推荐。"
    assert programs(text) == {}


@pytest.mark.parametrize(
    ("text", "name", "head"),
    [
        ("某县建立“群众出题，干部答题”机制,分批解决难题。", "群众出题，干部答题", "机制"),
        ("某社区打造“老有所学  幼有所托”居家服务模式。", "老有所学  幼有所托", "模式"),
    ],
)
def test_two_parallel_clauses_before_a_head_noun_name_a_program(
    text: str, name: str, head: str
) -> None:
    found = programs(text)
    assert name in found and found[name].head == head


@pytest.mark.parametrize(
    "text",
    [
        "真正让“能干者上，庸碌者下”蔚然成风。",  # no head noun: a slogan
        "大家都说“有事找支部，办事不出村”活动好。",  # no verb putting it into effect
        "某所探索建设“分能独立作战，合能集中攻关”的组织体系。",  # a slogan describing it
    ],
)
def test_two_clauses_without_a_head_noun_and_a_verb_are_a_slogan(text: str) -> None:
    assert programs(text) == {}
