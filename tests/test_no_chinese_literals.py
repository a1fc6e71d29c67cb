"""Rules live in data files: no module holds a Chinese literal outside docstrings and comments.

Cue words and word lists belong in ``resources/data/*.tsv`` (loaded through
``orggraph.resources.tables``); code keeps the logic. Structural punctuation (book-title marks,
quotes, the enumeration comma…) may appear in code. Modules still being migrated by their
owners are listed in ``MIGRATING`` with the branch moving them; remove a module from the list
when its literals have moved, and the test holds it to the rule from then on.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "orggraph"

#: Punctuation that is syntax of the text rather than a word: allowed in code.
STRUCTURAL = frozenset("《》“”‘’「」『』【】〈〉〔〕、，。；：！？（）％…—·\u3000\ufffd")

#: Modules whose literals are still being moved to data files, with who is moving them.
MIGRATING: dict[str, str] = {}
#: User-interface text, not rules: a help example and a page caption.
INTERFACE = {"cli.py", "outputs/html/layout.py"}


def is_chinese(char: str) -> bool:
    """A Han character, or CJK punctuation and full-width forms not in STRUCTURAL."""
    code = ord(char)
    if char in STRUCTURAL:
        return False
    return (
        0x3400 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FFFF
        or 0x3000 <= code <= 0x303F
        or 0xFF00 <= code <= 0xFFEF
    )


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def chinese_literals(source: str) -> list[tuple[int, str]]:
    """(line, literal) of every string literal holding a Chinese character, docstrings aside."""
    tree = ast.parse(source)
    docs = _docstrings(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docs
        and any(is_chinese(c) for c in node.value)
    ]


def _modules() -> list[str]:
    return sorted(str(p.relative_to(SRC)) for p in SRC.rglob("*.py"))


@pytest.mark.parametrize("module", [m for m in _modules() if m not in MIGRATING.keys() | INTERFACE])
def test_module_holds_no_chinese_literal(module: str) -> None:
    found = chinese_literals((SRC / module).read_text(encoding="utf-8"))
    assert not found, f"{module}: move these to resources/data/*.tsv: {found[:5]}"


def test_the_exemption_lists_name_existing_modules() -> None:
    assert set(MIGRATING) | INTERFACE <= set(_modules())


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('"""文档。"""\nX = 1  # 注释\n', []),
        ('X = "《》、“”"\n', []),
        ('X = ("工程", "行动")\n', [(1, "工程"), (1, "行动")]),
        ('def f():\n    """说明。"""\n    return "来源"\n', [(3, "来源")]),
        ('X = f"{1}名"\n', [(1, "名")]),
    ],
)
def test_the_check_sees_literals_but_not_docstrings_or_comments(source, expected) -> None:  # type: ignore[no-untyped-def]
    assert sorted(chinese_literals(source)) == expected
