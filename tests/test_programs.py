"""Programs: named initiatives with their head noun; slogans, epithets and formulas are not."""

from __future__ import annotations

import pytest

from orggraph.pipeline import extract
from orggraph.records import ArticleFacts, ProgramKind, ProgramMention
from tests.factories import source


def run(text: str) -> ArticleFacts:
    return extract(source(text))


def programs(text: str) -> dict[str, ProgramMention]:
    return {p.name: p for p in run(text).programs}


@pytest.mark.parametrize(
    ("text", "name", "head", "kind"),
    [
        ("全市大力实施村集体经济“三个一千”工程。", "三个一千", "工程", ProgramKind.PROJECT),
        ("创新“邻里议事会”工作法,化解矛盾。", "邻里议事会", "工作法", ProgramKind.METHOD),
        ("创新建立“三支队伍进网格”工作机制。", "三支队伍进网格", "工作机制", ProgramKind.MECHANISM),
        ("扎实开展党支部“六化”达标创建工程。", "六化", "工程", ProgramKind.PROJECT),
        ("开展“我为企业解难题”实践活动。", "我为企业解难题", "实践活动", ProgramKind.ACTIVITY),
        ("坚持“两步走”战略,分步推进。", "两步走", "战略", ProgramKind.STRATEGY),
        (
            "以打造“红心向党·幸福家园”小区党建品牌为目标。",
            "红心向党·幸福家园",
            "品牌",
            ProgramKind.BRAND,
        ),
        ("大力实施村级后备力量“千人计划”。", "千人计划", "计划", ProgramKind.PLAN),
        ("高标准开展“三严三实”专题教育。", "三严三实", "专题教育", ProgramKind.CAMPAIGN),
    ],
)
def test_quoted_names_with_head_noun(text: str, name: str, head: str, kind: ProgramKind) -> None:
    found = programs(text)
    assert name in found
    assert (found[name].head, found[name].kind) == (head, kind)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("本市以“双联系双服务”为抓手,推进社区治理。", "双联系双服务"),
        ("全面推行“一支队伍管到底”,提升效能。", "一支队伍管到底"),
        ("连续举办4届“专家故乡行”,吸引人才回乡。", "专家故乡行"),
        ("开展为期3年的“一带三”导师帮带。", "一带三"),
    ],
)
def test_quoted_names_put_into_effect_without_head(text: str, name: str) -> None:
    assert name in programs(text)


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("结合党史学习教育,开展专题培训。", "党史学习教育", ProgramKind.CAMPAIGN),
        ("大力实施基层党建示范引领行动,建设示范点。", "基层党建示范引领行动", ProgramKind.ACTION),
        ("因人施策推行干部强能工程,开展培训。", "干部强能工程", ProgramKind.PROJECT),
        ("始终坚持人才强县战略,做好引才工作。", "人才强县战略", ProgramKind.STRATEGY),
        ("深入推进扫黑除恶专项斗争,发展集体经济。", "扫黑除恶专项斗争", ProgramKind.CAMPAIGN),
    ],
)
def test_unquoted_named_initiatives(text: str, name: str, kind: ProgramKind) -> None:
    found = programs(text)
    assert name in found
    assert found[name].kind is kind


def test_parallel_programs_of_a_counted_group_are_part_of_it() -> None:
    text = "创新实施党员队伍提质提升、村级干部培优提升、基层组织堡垒提升“三大行动”。"
    found = programs(text)
    items = ["党员队伍提质提升行动", "村级干部培优提升行动", "基层组织堡垒提升行动"]
    assert all(found[i].part_of == "三大行动" for i in items)


def test_programs_listed_after_one_another_are_all_found() -> None:
    text = "推进“支部+合作社”强基工程、新风尚建设扶志工程、帮扶干部能力提升工程。"
    assert {"支部+合作社", "新风尚建设扶志工程", "帮扶干部能力提升工程"} <= set(programs(text))


def test_items_sharing_one_head_after_deng() -> None:
    text = "实施青年英才、名教师名校长、名医生等人才计划,评选优秀人才。"
    assert {"青年英才", "名教师名校长", "名医生"} <= set(programs(text))


@pytest.mark.parametrize(
    "text",
    [
        "真正让“肯干者有位、实干者实惠、苦干者吃香”蔚然成风。",  # slogan
        "大力选拔忠诚干净担当的“虎将”“猛将”“干将”,注重实绩。",  # epithets
        "引导党员干部坚定拥护“两个确立”、坚决做到“两个维护”。",  # formulas
        "牢记“国之大者”,服务中心大局。",
        "解决群众急难愁盼的就医、就学、停车“三难”问题。",  # quoted problem list
        "连续3年考评均为“优秀”等次。",  # quoted evaluation
        "聚焦“四好”要求,抓好换届。",  # quoted criteria
        "坚持“实干实绩”用人导向。",
        "构建了党员与居民之间的“连心桥”。",  # figure of speech
        "党的二十届三中全会要求“健全推动高质量发展体制机制”。",  # quoted speech
        "大力传承弘扬“红旗渠精神”。",
    ],
)
def test_slogans_epithets_formulas_and_criteria_are_not_programs(text: str) -> None:
    assert run(text).programs == ()


def test_evidence_covers_quotes_and_head_noun() -> None:
    text = "大力实施“五个一百”工程,整合资金。"
    (mention,) = run(text).programs
    assert text[mention.evidence.start : mention.evidence.end] == "“五个一百”工程"


def test_each_program_is_listed_once_per_article() -> None:
    text = "实施“红色服务”计划。深入实施“红色服务”计划,成效明显。"
    assert [p.name for p in run(text).programs] == ["红色服务"]


def test_quoted_names_inside_document_titles_are_not_programs() -> None:
    text = "制定《全市“属地管理”事项责任清单》。"
    assert run(text).programs == ()


def test_a_document_naming_the_program_governs_it() -> None:
    text = "制定实施《全市青年人才行动计划》。全方位推动“青年人才行动计划”提质增效。"
    (mention,) = run(text).programs
    assert mention.governed_by == "全市青年人才行动计划"
