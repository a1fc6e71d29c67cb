"""Unquoted program names: generic nouns, working lists, construction works and clause fragments
are not programs; named initiatives after an implementing verb are."""

from __future__ import annotations

import pytest

from orggraph.pipeline import extract
from orggraph.records import ProgramMention
from tests.factories import source


def programs(text: str) -> dict[str, ProgramMention]:
    return {p.name: p for p in extract(source(text)).programs}


@pytest.mark.parametrize(
    "text",
    [
        "学校负责实施培训计划,完成培训任务。",
        "会商建立服务需求清单,联动推进解决。",
        "村里决定尽快启动河道改造工程。",
        "驻村工作队开展了多种帮扶行动,带来变化。",
        "完善治理是一项系统工程,要久久为功。",
        "紧密结合国家重大战略需求,精准赋能。",
        "用党的创新理论统一思想意志行动,凝聚共识。",
        "组织部要求导师精准制定帮带培养计划,明确职责。",
    ],
)
def test_generic_nouns_working_lists_works_and_clauses_are_not_programs(text: str) -> None:
    assert programs(text) == {}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("结合党史学习教育,开展专题培训。", "党史学习教育"),
        ("深入实施乡村教师素质提升工程,每年培训千人。", "乡村教师素质提升工程"),
        ("全面推行村级小微权力清单,规范运行。", "村级小微权力清单"),
    ],
)
def test_named_initiatives_after_a_verb_are_programs(text: str, name: str) -> None:
    assert name in programs(text)
