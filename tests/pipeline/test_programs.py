"""Programs: named initiatives with their head noun; slogans, epithets and formulas are not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orggraph.pipeline import extract, load_pipeline
from orggraph.records import ArticleFacts, ProgramKind, ProgramMention
from orggraph.resolve.programkey import program_key
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


def places_of(text: str, name: str) -> list[str | None]:
    """The names of the places carrying out each mention of ``name``, in text order."""
    facts = run(text)
    names = {p.key: p.name for p in facts.places}
    return [names.get(p.place) if p.place else None for p in facts.programs if p.name == name]


def test_every_mention_is_kept_with_its_own_place() -> None:
    text = "荆州市委组织部实施“青苗培育”计划。宜昌市委组织部深入实施“青苗培育”计划,选派干部。"
    assert places_of(text, "青苗培育") == ["荆州市", "宜昌市"]


def test_one_span_read_by_two_rules_is_one_mention() -> None:
    text = "推广“党员联户”、“邻里守望”等模式。"
    spans = [(p.evidence.start, p.evidence.end) for p in run(text).programs]
    assert len(spans) == len(set(spans)) == 2


fragments = st.sampled_from(
    [
        "宜昌市委组织部深入实施“青苗培育”计划",
        "推行“党员联户”、“邻里守望”等模式",
        "创新“积分超市”、红色驿站等做法",
        "大力实施基层党建示范引领行动",
        "开展“争创服务型窗口、争当服务型标兵活动”",
        "牢记“国之大者”",
    ]
)


@settings(max_examples=25, deadline=None)
@given(st.lists(fragments, min_size=1, max_size=4))
def test_repeating_a_text_repeats_its_mentions(parts: list[str]) -> None:
    text = "。".join(parts) + "。"
    once = [(p.name, p.kind) for p in run(text).programs]
    assert [(p.name, p.kind) for p in run(text + text).programs] == once + once


@settings(max_examples=25, deadline=None)
@given(st.lists(fragments, min_size=1, max_size=4))
def test_mentions_of_one_program_never_overlap(parts: list[str]) -> None:
    mentions = run("。".join(parts)).programs
    for i, a in enumerate(mentions):
        for b in mentions[i + 1 :]:
            same = program_key(a.name, a.head) == program_key(b.name, b.head)
            assert not same or a.evidence.end <= b.evidence.start


@pytest.mark.parametrize(
    ("text", "names", "kind"),
    [
        (
            "乡镇“四议两公开”、村级“一事一议”、“民主恳谈”等机制进一步完善。",
            ["四议两公开", "一事一议", "民主恳谈"],
            ProgramKind.MECHANISM,
        ),
        (
            "各地“村民说事”、“小事不出村”等制度日益健全。",
            ["村民说事", "小事不出村"],
            ProgramKind.SYSTEM,
        ),
        ("推广“党员联户”、“邻里守望”等模式。", ["党员联户", "邻里守望"], ProgramKind.MODEL),
        ("打造“红色管家”、“幸福小院”等品牌。", ["红色管家", "幸福小院"], ProgramKind.BRAND),
        (
            "宜昌市委组织部推广“积分超市”、红色小院、邻里议事等做法。",
            ["积分超市", "红色小院", "邻里议事"],
            ProgramKind.OTHER,
        ),
    ],
)
def test_items_of_a_list_closed_by_its_kind_are_programs(
    text: str, names: list[str], kind: ProgramKind
) -> None:
    found = programs(text)
    assert [(found[n].kind) for n in names] == [kind] * len(names)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("“积分超市”、红色驿站等做法得到推广。", "红色驿站"),  # no implementing verb
        ("宜昌市推广网格议事、红色驿站等做法。", "红色驿站"),  # no program named in the list
        ("全面推行“AB”岗、“短平快”实训、任期聘用等举措。", "任期聘用"),  # measures, not names
        (
            "推广“积分超市”、红色驿站、组织干部到基层一线蹲点调研等做法。",
            "组织干部到基层一线蹲点调研",
        ),  # a description
    ],
)
def test_unquoted_list_items_need_a_verb_a_named_program_and_a_practice_noun(
    text: str, name: str
) -> None:
    assert name not in programs(text)


@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        ("中山市委组织部举办“向杭州学习”系列培训班12期。", "向杭州学习", "中山市"),
        ("中山市委组织部学习借鉴“杭州经验”工作法。", "杭州经验", "中山市"),
        ("中山市委组织部开展“赴杭州跟班学习”活动。", "赴杭州跟班学习", "中山市"),
        ("中山市委组织部推行“中山人才驿站”工程。", "中山人才驿站", "中山市"),
        ("朔州市怀仁市大力推广“人在山西创业”引才品牌。", "人在山西创业", "山西省"),
    ],
)
def test_a_place_in_the_name_owns_the_program_only_when_it_is_not_an_example(
    text: str, name: str, place: str
) -> None:
    assert places_of(text, name) == [place]


def test_a_long_quoted_name_ending_in_its_head_noun_is_a_program() -> None:
    text = "市直机关开展了“争创服务型窗口、争当服务型标兵活动”,反响良好。"
    (mention,) = run(text).programs
    assert (mention.name, mention.head) == ("争创服务型窗口、争当服务型标兵活动", "活动")


@pytest.mark.parametrize(
    "text",
    [
        "会议强调“要把人才工作抓在手上、把服务工作做到心上”。",  # no head noun
        "实施“争创服务型窗口、争当服务型标兵、争做服务型干部、争树服务型形象”。",
        "大会提出“以党建引领基层治理、以治理成效检验党建活动”。",  # no implementing verb
    ],
)
def test_long_quoted_phrases_without_head_noun_or_verb_stay_slogans(text: str) -> None:
    assert run(text).programs == ()


def test_multi_character_head_nouns_stay_one_token() -> None:
    doc = load_pipeline().make_doc("开展主题教育期间推行工作法")
    assert {"主题教育", "工作法"} <= {t.text for t in doc}


def test_quoted_names_inside_document_titles_are_not_programs() -> None:
    text = "制定《全市“属地管理”事项责任清单》。"
    assert run(text).programs == ()


def test_a_document_naming_the_program_governs_it() -> None:
    text = "制定实施《全市青年人才行动计划》。全方位推动“青年人才行动计划”提质增效。"
    (mention,) = run(text).programs
    assert mention.governed_by == "全市青年人才行动计划"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("社区打造“邻里议事厅”,居民有事好商量。", "邻里议事厅"),
        ("建成120处“暖蜂之家”爱心驿站,服务快递小哥。", "暖蜂之家"),
        ("村里正筹建‘增收车间’,带动妇女就业。", "增收车间"),
        ("落实好“四议两公开”等制度。", "四议两公开"),
        ("推行“早晚办”“假日办”的错时服务机制。", "早晚办"),
        ("推行“早晚办”“假日办”的错时服务机制。", "假日办"),
        ("配套“议账”“晒账”制度。", "晒账"),
        ("通过城乡“结对共建”、部门“三方协同”、社区“多元共治”等方式方法,探索新路。", "三方协同"),
        ("全市全面推行村级事务阳光清单,规范权力运行。", "村级事务阳光清单"),
        ("学习贯彻创新理论主题教育开展以来,全县干部深入基层。", "学习贯彻创新理论主题教育"),
        ("全镇开展换届“回头看”,查摆问题。", "回头看"),
    ],
)
def test_named_places_of_service_lists_and_long_names_are_programs(text: str, name: str) -> None:
    assert name in programs(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("打通服务群众“最后一公里”。", "最后一公里"),
        ("这项工程惠及全村群众。", "这项工程"),
        ("开展线上学习教育,提升能力。", "线上学习教育"),
        ("聚焦‘两委’工作职能,各村分别制定方案。", "两委"),
        ("各村制定了议事协商、民主监督等事项清单。", "议事协商"),
        ("某县推进网格治理见成效\n（百村万户走访记）\n正文一段。", "百村万户走访记"),
    ],
)
def test_catch_phrases_generic_nouns_and_column_names_are_not_programs(
    text: str, name: str
) -> None:
    assert name not in programs(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("我们因“时”制宜调整党课内容。", "时"),
        ("“帮老人买一次药”“替孩子看一回作业”……社区志愿服务驿站前排起了队。", "帮老人买一次药"),
        ("会上,负责同志点出了基层探索的“活水源头”。", "活水源头"),
        ("这里已成为全县推进治理的一个“亮丽名片”。", "亮丽名片"),
        ("企业完成了从“协同创新”到“原始突破”的跨越。", "原始突破"),
        ("合作社注册“青山蜜语”特色品牌,产品远销省外。", "青山蜜语"),
        ("“结对导师”认真制定个人成长培养计划。", "结对导师"),
        ("经过反复琢磨,他终于找到了“破局方法”。", "破局方法"),
        ("把这项“送到家门口的服务工作”做细做实。", "送到家门口的服务工作"),
        ("今年是全面建成小康社会、“十四五”规划起步之年。", "十四五"),
        ("由社区“两委”成员担任物业项目监督员。", "两委"),
        ("推进监督向基层“毛细血管”——村组延伸。", "毛细血管"),
        ("采取“一对多”结对培养方式,帮带新人。", "一对多"),
    ],
)
def test_puns_speech_descriptions_products_and_figures_are_not_programs(
    text: str, name: str
) -> None:
    assert name not in programs(text)


def test_a_figurative_head_names_a_program_after_an_implementing_verb() -> None:
    assert "三看三问方法" in programs("全县推行“三看三问方法”,提升议事效率。")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "形成以“红心家园”品牌为统领,以各具亮点的做法为支撑,各地打造了上百个特色品牌。",
            "红心家园",
        ),
        ("在“党建引领、携手增收”农产品展销活动现场,书记介绍说。", "党建引领、携手增收"),
    ],
)
def test_party_brands_and_named_fairs_stay_programs(text: str, name: str) -> None:
    assert name in programs(text)


@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        # a town's meeting, then the whole county-level city takes the action up
        (
            "湖南省怀化市溆浦县北斗溪镇召开驻村工作会。全县“乡村夜话”活动随即铺开。",
            "乡村夜话",
            "溆浦县",
        ),
        # a district of a municipality applies the municipality's mechanism
        (
            "重庆市綦江区坚持考用结合。綦江区结合市级“擂台比武”机制,制定考核办法。",
            "擂台比武",
            "重庆市",
        ),
    ],
)
def test_a_scope_word_gives_the_program_to_the_level_it_names(
    text: str, name: str, place: str
) -> None:
    assert places_of(text, name) == [place]


def test_a_place_running_pilots_is_not_the_venue_of_an_event() -> None:
    text = (
        "湖南省怀化市溆浦县北斗溪镇茅坡村建起议事会。\n"
        "溆浦县还在试点乡镇推行“一码通办”服务,方便群众。"
    )
    assert places_of(text, "一码通办") == ["溆浦县"]


def test_the_campaign_of_an_opening_time_clause_is_the_subjects() -> None:
    text = (
        "云南省大理白族自治州宾川县坚持党建引领。宾川县坚持抓乡促村。"
        "“红色夜校”活动开展以来,云南省坚持问题导向,形成一批调研成果。"
    )
    assert places_of(text, "红色夜校") == ["云南省"]
