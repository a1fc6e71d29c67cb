"""graph.html written in a forked process: the same page, and its errors reach the build."""

from __future__ import annotations

from pathlib import Path

import pytest

from orggraph.errors import OutputError
from orggraph.outputs.pagejob import PAGE, PageJob
from orggraph.rdf.fragments import graph_fragments
from orggraph.resolve import resolve
from tests.factories import TEXT, article


def test_the_page_written_in_a_forked_process_is_the_page_written_here(tmp_path: Path) -> None:
    corpus = resolve([article(TEXT, "a.txt"), article(TEXT + "另有一项。", "b.txt")])
    parts = list(graph_fragments(corpus))
    (tmp_path / "here").mkdir()
    (tmp_path / "forked").mkdir()
    with PageJob(corpus, tmp_path / "here", None, background=False) as job:
        job.finish(parts)
    with PageJob(corpus, tmp_path / "forked", None, background=True) as job:
        assert job.process is not None
        job.finish(parts)
    page = (tmp_path / "here" / PAGE).read_bytes()
    assert "怀化市".encode() in page
    assert (tmp_path / "forked" / PAGE).read_bytes() == page


def test_a_page_that_fails_in_its_process_fails_with_its_error(tmp_path: Path) -> None:
    corpus = resolve([article(TEXT, "a.txt")])
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(OutputError), PageJob(corpus, blocker, None, background=True) as job:
        job.finish([])
    assert blocker.read_text(encoding="utf-8") == "not a folder"
