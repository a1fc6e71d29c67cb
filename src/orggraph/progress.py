"""Build progress for people: phase names, counts and ETA on a terminal (rich), plain log
lines on stderr otherwise (CI, nohup, notebooks): one per phase and every N files."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

#: Phases of a build, in order, with what each counts.
PHASES = {
    "read": "files",
    "extract": "articles",
    "resolve": "articles",
    "graph": "articles",
    "write": "triples",
    "page": "triples",
}


class Reporter:
    """Receives ``phase(name, count)`` and ``step(done, total, current)`` from a build."""

    def __init__(self, console: Console, every: int = 10) -> None:
        self.console = console
        self.every = every
        self.started = time.monotonic()
        self.bar: Progress | None = None
        self.task: TaskID | None = None
        self.name = ""

    def _log(self, text: str) -> None:
        stream: IO[str] = self.console.file
        elapsed = time.monotonic() - self.started
        stream.write(f"orggraph [{elapsed:6.1f}s] {text}\n")
        stream.flush()

    def phase(self, name: str, count: int | None) -> None:
        self.name = name
        unit = PHASES.get(name, "items")
        if self.bar is not None:
            # one task per phase: its own clock; a count to go through only for extraction
            if self.task is not None:
                self.bar.remove_task(self.task)
            counted = name == "extract" and count is not None
            about = "" if counted or count is None else f"{count} {unit}"
            self.task = self.bar.add_task(name, total=count if counted else None, current=about)
        elif name != "read":  # reading fails fast on bad input: its error stays the one line
            self._log(f"{name}" + (f": {count} {unit}" if count is not None else ""))

    def step(self, done: int, total: int, current: str) -> None:
        if self.bar is not None and self.task is not None:
            self.bar.update(self.task, completed=done, total=total, current=current)
        elif done == total or done % self.every == 0:
            self._log(f"{self.name or 'extract'} {done}/{total} {current}")


@contextmanager
def reporter(console: Console, every: int = 10) -> Iterator[Reporter]:
    """A Reporter drawing a rich bar on a terminal, else writing log lines to the console."""
    report = Reporter(console, every)
    if not console.is_terminal:
        yield report
        report._log("done")
        return
    columns = (
        TextColumn("{task.description:>8}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        TextColumn("{task.fields[current]}"),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        report.bar = bar
        yield report
