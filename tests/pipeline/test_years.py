"""How far a stated year reaches: the year finder on made-up report paragraphs."""

from __future__ import annotations

import pytest

from orggraph.pipeline.years import Dating, YearFinder

DATED = "2021-05-01"


def dating_of(text: str, figure: str, issued: str | None = DATED) -> Dating | None:
    """The dating of the first ``figure`` in ``text``, its sentence opening after the last 。."""
    offset = text.index(figure)
    sentence = max(text.rfind("。", 0, offset), text.rfind("\n", 0, offset)) + 1
    return YearFinder.of(text, issued).dating(offset, sentence)


def year_and_rule(text: str, figure: str, issued: str | None = DATED) -> tuple[str, str] | None:
    found = dating_of(text, figure, issued)
    return (found.year, found.rule) if found else None


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        # a narrative year that opens a paragraph scopes the rest of that paragraph
        ("2016年,该村启动改造。新建水渠3条。", "3条", ("2016", "year.paragraph")),
        ("该村地处山区。2016年,村里启动改造。新建水渠3条。", "3条", ("2016", "year.paragraph")),
        # … but not the next paragraphs, which may tell another story or the present
        ("2016年,该村启动改造。\n村里现有党员45名。", "45名", ("2021", "year.publication")),
        (
            "2016年,该村启动改造。\n邻村有党员45名。\n2018年,又建成驿站。",
            "45名",
            ("2021", "year.publication"),
        ),
    ],
)
def test_a_narrative_year_scopes_its_own_paragraph(
    text: str, figure: str, expected: tuple[str, str]
) -> None:
    assert year_and_rule(text, figure) == expected


def test_an_undated_article_gives_no_year_past_a_narrative_paragraph() -> None:
    text = "2016年,该村启动改造。\n村里现有党员45名。"
    assert dating_of(text, "45名", issued=None) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an "as of" year dates the statistics of the paragraphs after it
        ("截至2020年底,全市有党员3万名。\n全市共有党支部800个。", ("2020", "year.section")),
        # a later year opening a clause with the same year keeps it going
        (
            "截至2020年底,全市有党员3万名。\n2020年,新发展党员1200名。\n全市共有党支部800个。",
            ("2020", "year.section"),
        ),
    ],
)
def test_an_as_of_year_scopes_its_section(text: str, expected: tuple[str, str]) -> None:
    assert year_and_rule(text, "800个") == expected


def test_another_year_ends_the_reach_of_an_as_of_year() -> None:
    text = "截至2019年底,全市有党员3万名。\n2020年以来,各村新建驿站。\n全市共有党支部800个。"
    assert year_and_rule(text, "800个") == ("2021", "year.publication")


def test_several_paragraph_openings_naming_one_year_date_the_article() -> None:
    report = "2024年,我们抓党建。\n2024年,我们抓人才。\n2024年,我们抓减负。\n全区建成驿站12个。"
    assert year_and_rule(report, "12个", issued=None) == ("2024", "year.article")
    single = "2008年,村里修通公路。\n全区建成驿站12个。"
    assert dating_of(single, "12个", issued=None) is None


def test_a_paragraph_opening_year_does_not_date_an_undated_article() -> None:
    assert YearFinder.of("1995年,村里修路。\n2008年,村里建厂。").publication is None
    assert YearFinder.of("截至2022年底,全镇有党员300名。").publication == "2023"


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        ("该县党员由原来的300名增加到420名。", "300名", None),
        ("2019年,贫困发生率由6.4%下降到0.7%。", "6.4%", None),
        ("村均经费从2016年的8万元提高到2021年的24万元。", "8万元", ("2016", "year.baseline")),
    ],
)
def test_the_from_figure_of_a_change_takes_only_its_own_year(
    text: str, figure: str, expected: tuple[str, str] | None
) -> None:
    offset = text.index(figure)
    found = YearFinder.of(text, DATED).baseline_dating(offset, 0)
    assert ((found.year, found.rule) if found else None) == expected


def test_the_whole_year_is_the_year_stated_before() -> None:
    text = "2024年,我们推进基层治理。\n全年化解矛盾纠纷1780多个。"
    assert year_and_rule(text, "1780", issued=None) == ("2024", "year.clause")


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        # the day of one event dates that event's sentence, not the paragraph after it
        ("2003年12月19日,省委书记到社区调研。社区配齐网格员2720名。", "2720名"),
        # a span's start ("从…到现在") is not the date of the figures after it
        ("从2008年他当选书记到现在,已经15年了。村民人均年收入23320元。", "23320元"),
    ],
)
def test_a_day_or_a_span_start_dates_its_own_sentence_only(text: str, figure: str) -> None:
    assert year_and_rule(text, figure) == ("2021", "year.publication")
    same_sentence = text.replace("。", ",", 1)
    assert year_and_rule(same_sentence, figure) != ("2021", "year.publication")


def test_an_as_of_day_still_dates_the_statistics_after_it() -> None:
    text = "截至2022年6月30日,公司获得专利64项。\n公司共有党员120名。"
    assert year_and_rule(text, "120名", issued=None) == ("2022-06", "year.section")


@pytest.mark.parametrize(
    ("text", "estimate"),
    [
        ("学习贯彻二十届三中全会精神,全镇新建驿站12个。", "2024"),  # held in July: that year
        ("学习贯彻党的二十大精神,全镇新建驿站12个。", "2023"),  # held in October: the next year
    ],
)
def test_a_cited_event_estimates_an_undated_articles_year(text: str, estimate: str) -> None:
    assert YearFinder.of(text).publication == estimate
    assert year_and_rule(text, "12个", issued=None) == (estimate, "year.estimated")


@pytest.mark.parametrize(
    ("text", "estimate"),
    [
        # a later year told as a date of the story: the estimate (a lower bound) is wrong
        ("到2019年底,全村完成改厕80户。\n2021年5月,最后一间旱厕拆除。\n全村新栽月季500株。", None),
        ("学习贯彻党的二十大精神。\n2024年3月,全镇又建成驿站5个。\n全镇有驿站12个。", None),
        # a target, a range end or a year in a title is no date of the story
        ("到2019年底,全村完成改厕80户。\n到2025年,全村将建成驿站5个。\n全村有驿站12个。", "2020"),
        (
            "截至2022年底,全镇有驿站9个。\n《全镇三年规划（2023—2025年）》印发。\n有驿站12个。",
            "2023",
        ),
        ("截至2022年底,全镇有驿站9个。\n全镇力争2025年前建成驿站20个。\n有驿站12个。", "2023"),
    ],
)
def test_a_later_date_in_the_story_voids_the_estimate(text: str, estimate: str | None) -> None:
    assert YearFinder.of(text).publication == estimate


def test_relative_years_of_an_undated_article_are_read_against_its_estimate() -> None:
    text = "学习贯彻党的二十大精神,去年全镇新建驿站12个。"
    assert year_and_rule(text, "12个", issued=None) == ("2022", "year.clause")


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        # the year before 从 dates the "from" figure; the "to" figure is today's
        ("每月补贴从2019年的1200元提高到如今的2800元。", "2800元", ("2021", "year.present")),
        ("2020年,村均经费从2016年的5万元提高到18万元。", "18万元", ("2020", "year.sentence")),
        ("村均经费从2016年的5万元提高到2020年的18万元。", "18万元", ("2020", "year.clause")),
    ],
)
def test_the_to_figure_of_a_change_does_not_take_the_from_year(
    text: str, figure: str, expected: tuple[str, str]
) -> None:
    assert year_and_rule(text, figure) == expected


def test_a_state_once_reached_has_no_stated_year() -> None:
    text = "2019年底,全村实现脱贫,这个贫困发生率曾达41.6%的村摘了帽。"
    assert dating_of(text, "41.6%") is None
    assert year_and_rule("2015年贫困发生率曾达41.6%。", "41.6%") == ("2015", "year.clause")


def test_an_as_of_year_inside_a_paragraph_reaches_only_the_next_paragraphs() -> None:
    head = "全国工作有进展。截至2020年底,全国建成驿站3万个。\n"
    near = head + "甲地有党员300名。\n"
    far = head + "甲地修路。\n乙地修渠。\n丙地建站。\n村里有党员300名。\n"
    assert year_and_rule(near, "300名") == ("2020", "year.section")
    assert year_and_rule(far, "300名") == ("2021", "year.publication")


def test_paragraph_openings_date_only_an_undated_article() -> None:
    report = "2019年,村里修路。\n2019年,村里建厂。\n2019年,村里办学。\n村民人均耕地1.3亩。"
    assert year_and_rule(report, "1.3亩", issued=None) == ("2019", "year.article")
    assert year_and_rule(report, "1.3亩") == ("2021", "year.publication")


def test_a_running_total_takes_no_year_from_an_earlier_sentence() -> None:
    text = "2011年7月,他在海试现场入党。他先后获得科技奖励7项。"
    assert year_and_rule(text, "7项") == ("2021", "year.publication")
    assert year_and_rule("2011年7月,他先后获得科技奖励7项。", "7项") == ("2011-07", "year.sentence")


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        (
            "那是2005年,她32岁。",
            "32岁",
            ("2005", "year.sentence"),
        ),  # 是 + a year closing its clause
        ("集体增收900万元,是2018年全镇收入的3.1倍。", "3.1倍", ("2021", "year.publication")),
    ],
)
def test_a_year_after_shi_is_a_date_unless_it_is_a_baseline(
    text: str, figure: str, expected: tuple[str, str]
) -> None:
    assert year_and_rule(text, figure) == expected


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        # an exact count of years before "年前" names a year against the article's date
        ("全镇党员中青年占比由两年前的30%提高到52%。", "30%", "2019"),
        ("全镇党员中青年占比由3年前的30%提高到52%。", "30%", "2018"),
        ("十年前,村里只有党员9名。", "9名", "2011"),
    ],
)
def test_an_exact_number_of_years_ago_is_read_against_the_articles_date(
    text: str, figure: str, expected: str
) -> None:
    found = dating_of(text, figure)
    assert found is not None and found.year == expected


@pytest.mark.parametrize(
    "text",
    [
        "十几年前,村里只有党员9名。",  # a vague count names no year
        "几年前,村里只有党员9名。",
        "二十年前,村里只有党员9名。",  # not "十年前"
    ],
)
def test_a_vague_or_longer_count_of_years_ago_is_not_misread(text: str) -> None:
    found = dating_of(text, "9名")
    assert found is None or found.year not in {"2011", "2019"}


def test_years_ago_in_an_undated_article_give_no_year() -> None:
    assert dating_of("全镇党员中青年占比由两年前的30%提高到52%。", "30%", issued=None) is None


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        # what held before the story's steps: no year, not the article's date
        ("2019年,村里建起合作社。此前,村里只有党员3名。", "3名"),
        ("该社区新建了驿站。此前,由于没有物业,这个2栋楼、80多户的小区无人管理。", "80多户"),
        ("“我腿脚不便,以前全靠10多亩地过活,一年最多挣3000多元。”", "3000多元"),
        ("那个村地处深山,过去是出了名的穷村:70多户人家,住的全是土房。", "70多户"),
        ("起初,报名参加合作社的只有5户。", "5户"),
        ("老支书说,村民过去多靠养猪为生,全村不足40户。", "40户"),
        ("最多的时候,村委会门口挂了十几块牌子。", "十几块"),
        ("初到那个村时,她发现留守老人无人照料,便筹来资金8万元办起食堂。", "8万元"),
        # a year stated in the sentence before the anchor is still not the figure's
        ("2022年3月,老李到镇里反映:前几年山洪冲毁了他家的200多株果树。", "200多株"),
    ],
)
def test_an_earlier_step_of_a_story_takes_no_article_year(text: str, figure: str) -> None:
    assert dating_of(text, figure) is None


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        # "at that time" points back to the moment told last in the paragraph
        ("2015年,我来到村里。当时,村里只有党员3名。", "3名", ("2015", "year.paragraph")),
        ("2015年,我来到村里,当时村里只有党员3名。", "3名", ("2015", "year.sentence")),
    ],
)
def test_at_that_time_takes_the_year_told_before(
    text: str, figure: str, expected: tuple[str, str]
) -> None:
    assert year_and_rule(text, figure) == expected


def test_at_that_time_never_takes_the_article_year() -> None:
    assert dating_of("村里修通了公路。那时,全村只有党员3名。", "3名") is None


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        # a comparison with the past, or a recent span up to now, is no earlier step
        ("如今村里的党员比以前多了20名。", "20名", ("2021", "year.present")),
        ("村里的党员比过去多了20名。", "20名", ("2021", "year.publication")),
        ("过去5年,全村新建民宿30家。", "30家", ("2021", "year.publication")),
        ("过去的一年里,全村新建民宿30家。", "30家", ("2021", "year.publication")),
        ("过去一段时间,全村新建民宿30家。", "30家", ("2021", "year.publication")),
        # the object of a preposition or verb, not the time of its clause
        ("该县在以往基础上为每村增加干部2人。", "2人", ("2021", "year.publication")),
        ("该村将过去的12块牌子减少到4块。", "4块", ("2021", "year.publication")),
        # the cue nearest the figure decides: the past, then the present
        ("以前她在家照看孩子,如今是店长,月薪5000元。", "5000元", ("2021", "year.present")),
    ],
)
def test_the_past_only_in_a_comparison_or_before_the_present(
    text: str, figure: str, expected: tuple[str, str]
) -> None:
    assert year_and_rule(text, figure) == expected


def test_a_year_that_is_the_object_of_a_verb_scopes_no_later_clause() -> None:
    text = "2023年,该县对2022年度整治项目开展评估。另一方面,征集群众建议600余条。"
    assert year_and_rule(text, "600余条") == ("2023", "year.paragraph")
    undated = "为提高实效,该县对2022年度整治项目开展评估。另一方面,征集群众建议600余条。"
    assert dating_of(undated, "600余条", issued=None) is None
    assert dating_of("该县对2022年度整治项目开展评估。征集建议600余条。", "600余条") == Dating(
        "2021", "year.publication"
    )
