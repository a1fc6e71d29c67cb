"""Build progress off a terminal: one plain line per phase on stderr."""

from __future__ import annotations

import io

from rich.console import Console

from orggraph.progress import PHASES, reporter


def test_log_lines_name_every_phase_and_count_files() -> None:
    stream = io.StringIO()
    console = Console(file=stream, force_terminal=False)
    with reporter(console, every=2) as report:
        for name in PHASES:
            report.phase(name, 4)
            if name == "extract":
                for i in range(1, 5):
                    report.step(i, 4, f"f{i}.txt")
    lines = stream.getvalue().splitlines()
    for name in PHASES:
        logged = any(f"] {name}: 4 {PHASES[name]}" in line for line in lines)
        assert logged == (name != "read")  # a bad input's error stays the only line
    assert sum("extract 2/4 f2.txt" in line or "extract 4/4 f4.txt" in line for line in lines) == 2
    assert not any("1/4" in line for line in lines)
    assert lines[-1].endswith("done")


def test_terminal_bar_has_one_task_per_phase() -> None:
    console = Console(file=io.StringIO(), force_terminal=True, width=120)
    with reporter(console) as report:
        report.phase("extract", 3)
        report.step(2, 3, "b.txt")
        assert report.bar is not None and report.task is not None
        task = report.bar.tasks[-1]
        assert (task.description, task.completed, task.total) == ("extract", 2, 3)
        report.phase("write", 100)
        assert [t.description for t in report.bar.tasks] == ["write"]
        assert report.bar.tasks[0].fields["current"] == "100 triples"
