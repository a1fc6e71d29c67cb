"""Atomic writes: a failed write leaves the earlier file whole and no temporary behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from orggraph.errors import OutputError
from orggraph.outputs.atomic import atomic_path, open_atomic, write_text


def test_write_text_replaces_content(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "graph.ttl"
    write_text(target, "new")
    write_text(target, "newer")
    assert target.read_text(encoding="utf-8") == "newer"
    assert list(target.parent.iterdir()) == [target]


def test_failure_inside_the_block_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "graph.ttl"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), open_atomic(target) as fh:
        fh.write("half")
        raise RuntimeError("boom")
    assert target.read_text(encoding="utf-8") == "old"
    assert list(tmp_path.iterdir()) == [target]


def test_unwritable_folder_is_an_output_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="cannot write"), atomic_path(blocker / "graph.ttl"):
        pass
