"""Program identity across articles: one key per program, however it is written."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orggraph.records import ProgramKind
from orggraph.resolve.programkey import head_at_end, program_key, program_label

SAME = [
    # (name, head) written two ways that name one program
    (("五个一百", "工程"), ("五个一百工程", None)),
    (("“五个一百”", "工程"), ("五个一百", None)),
    (("一村多名大学生", "计划"), ("一村多名大学生计划", None)),
    (("不忘初心、牢记使命", "主题教育"), ("不忘初心牢记使命", "主题教育")),
    (("群英斷是非", "工作法"), ("群英断是非", "工作法")),  # traditional characters
    (("四支队伍集村部", "工作机制"), ("四支队伍集村部", "机制")),
    (("村（社区）治理能力强化提升行动", "行动"), ("村(社区)治理能力强化提升行动", None)),
    (("一核多元·五好家园", "品牌"), ("一核多元五好家园", None)),
    (("ＡＢ", None), ("AB", None)),  # full width
]

DIFFERENT = [
    (("党史学习教育", "学习教育"), ("党纪学习教育", "学习教育")),
    (("五个一百", "工程"), ("百千万", "工程")),
    (("六个一", "机制"), ("六个一线", "计划")),
    (("一村多名大学生计划", None), ("一村多名中职生", None)),
    (("1+4", "体系"), ("1+8+N", "体系")),
    # a two-character modifier names a family of places of service, not one program
    (("红色", "驿站"), ("红色议事厅", None)),
    (("“共富”", "车间"), ("共富工坊", None)),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_spellings_of_one_program_share_a_key(
    a: tuple[str, str | None], b: tuple[str, str | None]
) -> None:
    assert program_key(*a) == program_key(*b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_programs_keep_apart(
    a: tuple[str, str | None], b: tuple[str, str | None]
) -> None:
    assert program_key(*a) != program_key(*b)


def test_a_name_that_is_only_a_head_noun_keeps_it() -> None:
    assert program_key("工程", None) == "工程"


@pytest.mark.parametrize(
    ("name", "head", "label"),
    [
        ("五个一百", "工程", "五个一百工程"),
        ("党史学习教育", "学习教育", "党史学习教育"),
        ("双报到双服务", None, "双报到双服务"),
    ],
)
def test_label_adds_the_head_noun_once(name: str, head: str | None, label: str) -> None:
    assert program_label(name, head) == label


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("两学一做学习教育", ProgramKind.CAMPAIGN),
        ("四支队伍集村部工作机制", ProgramKind.MECHANISM),
        ("群英断是非工作法", ProgramKind.METHOD),
        ("五溪人才行动计划", ProgramKind.PLAN),
        ("干部强能工程", ProgramKind.PROJECT),
        ("片组邻三长制度", ProgramKind.SYSTEM),
    ],
)
def test_head_noun_gives_the_kind(text: str, kind: ProgramKind) -> None:
    head = head_at_end(text)
    assert head is not None and head.kind is kind


names = st.text(alphabet="一二三四五双百千万党建红色服务引领", min_size=2, max_size=8)


@given(names, st.sampled_from(["工程", "行动", "计划", "机制", "模式"]))
def test_quotes_spaces_and_separate_head_do_not_change_the_key(name: str, head: str) -> None:
    key = program_key(name, head)
    assert program_key(f"“{name}”", head) == key
    assert program_key(f" {name} ", head) == key
    assert program_key(name + head, None) == key
