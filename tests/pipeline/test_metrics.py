from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orggraph.pipeline import extract, facts_of, load_pipeline
from orggraph.records import Evidence, Metric, ProgramKind, ProgramMention
from tests.factories import source


def metrics(text: str) -> tuple[Metric, ...]:
    return extract(source(text)).metrics


def only(text: str) -> Metric:
    found = metrics(text)
    assert len(found) == 1, [m.surface for m in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "unit", "approximate"),
    [
        ("推动3.6万余名党员干部联片包干。", "36000", "名", True),
        ("筹措资金2.93亿元保障乡镇干部收入。", "293000000", "元", False),
        ("整合资金8500万元设立引导资金。", "85000000", "元", False),
        ("吸纳各类专家近千人。", "1000", "人", True),
        ("走访慰问专家人才上百人。", "100", "人", True),
        ("培训干部1.2万余人次。", "12000", "人次", True),
        ("全年入户走访居民3.6万户。", "36000", "户", False),
        ("柔性引进人才及团队166人(个)。", "166", "人(个)", False),
        ("党组织覆盖率达97.7%。", "97.7", "%", False),
        ("集体增收是上年的2.41倍。", "2.41", "倍", False),
        ("服务中心面积扩展为1000平方米以上。", "1000", "平方米", True),
        ("班子成员平均年龄46.3岁。", "46.3", "岁", False),
        ("连续举办二十期培训班。", "20", "期", False),
        ("服务游客超20万人次。", "200000", "人次", True),
        ("两千余名党员参加培训。", "2000", "名", True),
        ("吸引百分之三十的毕业生返乡。", "30", "%", False),
    ],
)
def test_quantity_value_and_unit(text: str, value: str, unit: str, approximate: bool) -> None:
    m = only(text)
    assert (m.value, m.unit, m.approximate) == (Decimal(value), unit, approximate)


@pytest.mark.parametrize(
    "text",
    [
        "制定《关于激励乡村干部担当作为的二十条措施》。",
        "出台《加强年轻干部培养选拔10条措施》。",
        "实施“三大行动”,开展“五个一百”工程。",
        "2018、2019、2020年度连续3年稳居全省第一档次。",
        "省第十一次党代会以来,成绩显著。",
        "学习党的二十届三中全会精神。",
        "10月22日,2020年联席会议召开。",
        "选派一批干部深入一线,进一步统一思想。",
        "服务千家万户,做到一人一策。",
        "落实中央八项规定精神。",
        "第一步,摸清底数。",
    ],
)
def test_not_quantities(text: str) -> None:
    assert metrics(text) == ()


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        # a division whose name opens with a numeral and a classifier: in a list of places,
        # before an organisation's kind, or running on past the classifier
        ("电力公司调集榆树、九台、双阳供电公司6支抢修队。", ["6支"]),
        ("九台供电公司派出3支小分队。", ["3支"]),
        ("他先后在三门峡市和五台县工作。", []),
        # the same characters counting things stay counts
        ("村里添置三台电脑、五台打印机。", ["三台", "五台"]),
        # a class index right after a count of the classified thing; a count of classes stays
        ("合作社注册7件29类商标。", ["7件"]),
        ("意见建议归为12类300余条。", ["12类", "300余条"]),
        # a quoted instruction states a rule to follow; quoted reports keep their figures
        ("干部喊话叮嘱：“赶集时每户只去1个人，相隔2米远。”镇里发放300个口罩。", ["300个"]),
        ("书记说：“村里今年种了800多亩。”", ["800多亩"]),
        # everyday words opening with a numeral and a classifier
        ("老张开着三轮车,把市四套班子的慰问品送到2户人家。", ["2户"]),
        # a duration counted with 个 before a time word is not a count of 个
        ("抢修队连干了两个半小时,修好3个变压器。", ["3个"]),
        ("志愿者们熬了40个小时,送出200个口罩。", ["200个"]),
        ("调解员劝了两个多小时。", []),
        ("工程队干了三个多月,建成5个站点。", ["5个"]),
        ("审批压缩到十几个工作日,服务8个企业。", ["8个"]),
        ("民兵守了三个昼夜。", []),
        # counts of 个 before other nouns stay counts
        ("村里建了两个小组、三个钟楼、四个星级服务站。", ["两个", "三个", "四个"]),
    ],
)
def test_names_and_indexes_are_not_counts(text: str, surfaces: list[str]) -> None:
    assert [m.surface for m in metrics(text)] == surfaces


def test_from_a_to_b_gives_two_observations_with_their_years() -> None:
    found = metrics("村均运转经费从2016年的8万元提高到2021年的24万元。")
    assert [(m.value, m.unit, m.year) for m in found] == [
        (Decimal(80000), "元", "2016"),
        (Decimal(240000), "元", "2021"),
    ]
    assert found[0].measure == found[1].measure == "村均运转经费"


def test_the_from_figure_of_a_change_has_no_year_unless_stated() -> None:
    found = metrics("2019年,村集体收入由5万元提高到30万元。")
    assert [(m.surface, m.year) for m in found] == [("5万元", None), ("30万元", "2019")]


@pytest.mark.parametrize(
    "text",
    [
        # a manner adverb between the from-figure and the change verb
        "2020年5月以来,该县将村级运转经费由每年4万元一次性提高至不少于8万元。",
        # the from-figure is a range: neither end takes the date of the raise
        "2020年5月以来,该县将村级运转经费由每年3万至4万元一次性提高至不少于8万元。",
        "2020年,该镇把保洁员补贴从每月600元进一步提高到900元。",
        # growth told with 发展: "从4亩发展到300亩"
        "2020年,村里的蔬菜大棚从5亩发展到300余亩。",
    ],
)
def test_the_from_figure_before_an_adverb_of_manner_has_no_year(text: str) -> None:
    *before, after = metrics(text)
    assert [m.year for m in before] == [None] * len(before)
    assert after.year is not None


def test_change_against_a_baseline() -> None:
    level, change = metrics("新一届班子成员平均年龄44.2岁、比上届下降3.3岁。")
    assert not level.change and level.measure == "新一届班子成员平均年龄"
    assert change.change and change.value == Decimal("3.3")


def test_a_share_inherits_its_subject() -> None:
    count, share = metrics("全日制大学本科以上学历62人、占17.9%。")
    assert count.measure == "全日制大学本科以上学历"
    assert share.measure == "全日制大学本科以上学历占比"


def test_share_names_its_whole() -> None:
    share = metrics("示范小区总数达到33个,占到城市小区总数的48.5%。")[1]
    assert share.share_of == "城市小区总数"


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("五年来举办县处级领导干部专题轮训班12期。", "举办县处级领导干部专题轮训班"),
        ("全市累计考察975个领导班子、5574名领导干部。", "领导班子"),
        ("选派2549名年轻干部到急难险重岗位锻炼。", "年轻干部"),
        ("为11名具有研究生学历的公务员晋升职级。", "公务员"),
        ("先后招引熊猫饲养、景区运营等紧缺人才41人。", "紧缺人才"),
        ("筹措资金21亿元建设农村综合服务中心。", "筹措资金"),
        ("省委组织部先后在该县举办了两期村级组织负责人培训班。", "村级组织负责人培训班"),
        ("市委组织部在该区组织了四批党内法规骨干培训班。", "党内法规骨干培训班"),
        ("区财政年内拨付了300万元党建专项资金。", "党建专项资金"),
        ("【工作回顾】 全县有党员3.1万名。", "全县有党员"),
    ],
)
def test_measure_in_the_texts_words(text: str, measure: str) -> None:
    assert metrics(text)[0].measure == measure


@pytest.mark.parametrize(
    ("text", "surface", "measure"),
    [
        # a counted noun opened by a modifying verb or adverb after a classifier
        ("镇里组建了9个巡查调解小组。", "9个", "巡查调解小组"),
        ("共有2300名在职党员到村报到。", "2300名", "在职党员"),
        ("为群众提供了15个长期保洁岗位。", "15个", "长期保洁岗位"),
        ("承担宣传、巡逻等6项工作。", "6项", "工作"),
        # the subject of a relative clause is what is counted; a time head is not
        ("120户居民连夜联名写下的倡议书已送到镇里。", "120户", "居民"),
        ("村里只有20个党员的时候,大家也能修路。", "20个", "党员"),
        # sequence adverbs, existential and achievement verbs, a subject before a time word
        ("工作组先后5次开展入户走访。", "5次", "工作组"),
        ("支部成立后,共有兼职网格员12人。", "12人", "兼职网格员"),
        ("合作社前年实现销售额3.2亿元。", "3.2亿元", "销售额"),
        # an age indicator before the figure, a percent of the noun after it
        ("社员平均年龄68岁的合作社办起了工厂。", "68岁", "社员平均年龄"),
        ("全县95%以上的村民小组建立议事会。", "95%以上", "村民小组"),
        # examples listed before "等": the counted noun, however short
        ("东村、西村等8个村和3个社区结成对子。", "8个", "村"),
        # a bracket as the subject of a share; a qualifier-only clause takes the one before
        ("参训干部中,45岁以下仅占12.5%。", "12.5%", "45岁以下占比"),
        ("服务站的月均接待量,最高达320人次。", "320人次", "月均接待量"),
    ],
)
def test_measure_of_each_sentence_shape(text: str, surface: str, measure: str) -> None:
    found = {m.surface: m.measure for m in metrics(text)}
    assert found[surface] == measure


def test_a_rate_is_not_a_share_of_its_noun() -> None:
    assert metrics("并将考核结果按30%的比例计入总分。")[0].measure == "考核结果"


def test_respectively_pairs_numbers_joined_by_and() -> None:
    found = metrics("男职工、女职工占比分别提高0.5和0.3个百分点。")
    assert [m.measure for m in found] == ["女职工占比"]


def test_respectively_pairs_subjects_with_numbers() -> None:
    found = metrics("精简会议、文件分别达到22%、24%。")
    assert [m.measure for m in found] == ["精简会议", "文件"]


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("2018年率先对13个县市区全覆盖开展考察。", ["2018"]),
        ("截至2021年8月底,共组织3000名党员报到。", ["2021-08"]),
        ("集体增收1500万元,是2019年全区集体收入的2.41倍。", ["2021", "2021"]),
        ("2024年,我们推进基层治理。\n全年化解矛盾纠纷1780多个。", ["2024"]),
        ("30名年轻干部有导师帮带。\n2024年,我们推进基层治理。", ["2021"]),
        (
            "30名年轻干部有导师帮带。\n2024年,我们抓治理。\n2024年,我们抓人才。\n2024年,我们抓减负。",
            ["2021"],  # a dated article: its own date, not the year its paragraphs open with
        ),
        (
            "【党员队伍】 2022年,全县有党员3.1万名。新发展党员420名,比上年增长2.4%。"
            "其中,少数民族党员0.6万名。",
            ["2022", "2022", "2022", "2022"],
        ),
        ("【党员队伍】 2022年,全县有党员3.1万名。2021年底,全县有党员2.9万名。", ["2022", "2021"]),
        ("【工作回顾】 全县有党员3.1万名,2019年新发展党员420名。", ["2021", "2019"]),
        ("全县有党员3.1万名。新发展党员420名,比上年增长2.4%。", ["2021", "2021", "2021"]),
    ],
)
def test_year_of_a_figure(text: str, years: list[str | None]) -> None:
    """Clause, sentence, paragraph and article years; else the publication year (2021 here)."""
    assert [m.year for m in metrics(text)] == years


@pytest.mark.parametrize(
    ("text", "year", "rule", "since"),
    [
        ("今年,全镇新建便民驿站12个。", "2021", "year.sentence", False),
        ("去年,全镇新建便民驿站12个。", "2020", "year.sentence", False),
        ("前年全镇新建便民驿站12个。", "2019", "year.clause", False),
        ("全镇前年新建便民驿站12个,去年又建成8个。", "2019", "year.clause", False),
        ("今年上半年,全镇新建便民驿站12个。", "2021", "year.sentence", False),
        ("去年3月,全镇新建便民驿站12个。", "2020-03", "year.sentence", False),
        ("2019年以来,全镇新建便民驿站12个。", "2019", "year.sentence", True),
        ("今年以来,全镇新建便民驿站12个。", "2021", "year.sentence", True),
        ("2016年,该镇启动改造。当年建成便民驿站12个。", "2016", "year.clause", False),
        ("2016年,该镇启动改造。次年建成便民驿站12个。", "2017", "year.clause", False),
        ("2017年,该县启动改造,建成便民驿站12个。", "2017", "year.sentence", False),
        ("截至2017年底,该县启动改造,建成便民驿站12个。", "2017", "year.sentence", False),
        ("据统计,截至2017年底,该县建成便民驿站12个。", "2017", "year.sentence", False),
        (
            "2017年,该县启动改造。\n全县建成便民驿站12个。\n2018年,有了新变化。",
            "2021",
            "year.publication",
            False,
        ),
        ("该县建成便民驿站12个,比2017年多3个。", "2021", "year.publication", False),
        ("该县建成便民驿站12个,比上年多3个。", "2021", "year.publication", False),
    ],
)
def test_year_rule_and_period(text: str, year: str, rule: str, since: bool) -> None:
    first = metrics(text)[0]
    assert (first.year, first.year_rule, first.since) == (year, rule, since)


def test_undated_article_takes_its_year_from_an_as_of_statement() -> None:
    from orggraph.pipeline.years import YearFinder

    text = "今年,全镇新建驿站12个。截至2022年底,全镇有党员300名。"
    finder = YearFinder.of(text)
    assert finder.publication == "2023"
    assert finder.year_for(text.index("12"), 0) == "2023"
    assert YearFinder.of("今年,全镇新建驿站12个。").year_for(5, 0) is None


def _with_programs(text: str, programs: list[ProgramMention]) -> tuple[Metric, ...]:
    """Run the pipeline with ``programs`` standing in for what og_programs found."""
    nlp = load_pipeline()
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "og_metrics":
            doc._.og_programs = programs
        doc = proc(doc)
    return facts_of(doc).metrics


def test_program_named_in_the_sentence_is_linked() -> None:
    text = "创新建立四支队伍集村部工作机制,推动1123名领导干部联片包干。另有300名党员参加。"
    start = text.index("四支队伍集村部")
    program = ProgramMention(
        "四支队伍集村部",
        "工作机制",
        ProgramKind.MECHANISM,
        None,
        Evidence(start, start + 7, 0, text.index("。") + 1, "test"),
    )
    linked, other = _with_programs(text, [program])
    assert linked.program == "四支队伍集村部"
    assert other.program is None


def test_numbers_inside_a_program_name_are_not_quantities() -> None:
    text = "实施五个一百工程,推动200个村增收。"
    start = text.index("五个一百")
    program = ProgramMention(
        "五个一百", "工程", ProgramKind.PROJECT, None, Evidence(start, start + 4, 0, 19, "test")
    )
    assert [m.surface for m in _with_programs(text, [program])] == ["200个"]


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=1, max_value=10**7), st.sampled_from(["名", "个", "人次", "元"]))
def test_any_stated_count_is_found_once_and_quoted_names_never(n: int, unit: str) -> None:
    stated = metrics(f"全市共有{n}{unit}。")
    assert [(m.value, m.unit) for m in stated] == [(Decimal(n), unit)]
    assert metrics(f"出台《服务群众{n}{unit}行动方案》。") == ()


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=99_999), min_size=1, max_size=4))
def test_surface_and_evidence_point_into_the_text(numbers: list[int]) -> None:
    text = "".join(f"培训干部{n}名,建成阵地{n}个。" for n in numbers)
    for m in metrics(text):
        ev = m.evidence
        assert text[ev.start : ev.end] == m.surface
        assert ev.sentence_start <= ev.start < ev.end <= ev.sentence_end


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("每名网格员联系5—15户群众。", [("5", "户"), ("15", "户")]),
        ("每个项目补助2-3万元。", [("20000", "元"), ("30000", "元")]),
        ("梳理出10类服务事项。", [("10", "类")]),
        ("明确14种容错情形和7种不予容错情形。", [("14", "种"), ("7", "种")]),
        ("全年查处违纪案件36起。", [("36", "起")]),
        ("每人每年培训不少于7天。", [("7", "天")]),
    ],
)
def test_ranges_and_category_counts(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(str(m.value), m.unit) for m in metrics(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "今年,七户镇党委书记走访群众。",
        "二期工程正在建设中。",
        "区里设立二处,专门负责审核。",
        "流动超过3个月就纳入管理。",
        "村民们对着他‘三张清单’的做法点头称赞。",
        "全县推行“两本台账”。各村都把两本台账挂在墙上。",
    ],
)
def test_numbers_in_names_ordinals_and_durations_are_not_figures(text: str) -> None:
    assert metrics(text) == ()


def test_a_place_suffix_after_a_range_bound_is_counted() -> None:
    found = metrics("集体收入8万元以上村达到30个。")
    assert [m.value for m in found] == [Decimal(80000), Decimal(30)]


@pytest.mark.parametrize(
    ("text", "year", "rule"),
    [
        # a present-time word or a recent span states the article's own year
        ("2018年,村里修通了公路。\n如今,全村有党员45名。", "2021", "year.present"),
        ("2018年,村里修通了公路。\n近五年,全村发展党员12名。", "2021", "year.present"),
        ("2018年,村里修通了公路。\n近两年来,全村发展党员12名。", "2021", "year.present"),
        # the same characters inside another word ("项目前沿") say nothing about time
        ("2018年,村里修通了公路,安排8名干部到项目前沿锻炼。", "2018", "year.sentence"),
    ],
)
def test_present_statements_take_the_articles_year(text: str, year: str, rule: str) -> None:
    m = metrics(text)[-1]
    assert (m.year, m.year_rule) == (year, rule)


def test_an_undated_relative_year_takes_no_year_from_further_back() -> None:
    from orggraph.pipeline.years import YearFinder

    text = "2016年修通公路后,去年全村发展党员12名。"
    assert YearFinder.of(text).year_for(text.index("12"), 0) is None
    assert YearFinder.of(text, "2021-05-01").year_for(text.index("12"), 0) == "2020"
