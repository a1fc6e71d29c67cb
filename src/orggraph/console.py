"""The terminal side of the CLI: results to stdout, one-line messages to stderr, exit codes.

``user_errors`` turns any library error into one line and the error's exit code; text that
comes from a report is printed with its control characters escaped.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import NoReturn

import click
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from orggraph.errors import OrgGraphError

err = Console(stderr=True, highlight=False)


def fail(message: str, code: int = 1) -> NoReturn:
    err.print(f"[bold red]error:[/] {message}", markup=True, soft_wrap=True)
    raise typer.Exit(code)


class Format(StrEnum):
    """Output forms of ``query``: an aligned table, or a W3C SPARQL results format."""

    table = "table"
    json = "json"
    csv = "csv"
    tsv = "tsv"
    xml = "xml"


INTERNAL_ERROR = 70  # EX_SOFTWARE: a bug, not bad input
_program = False  # running as the ``orggraph`` program, not inside a caller (a test runner)


def program() -> None:
    """The ``orggraph`` program (the console script, and ``python -m orggraph.cli``)."""
    global _program
    from orggraph.cli import app

    _program = True
    app()


def finished() -> None:
    """End the program now, its work done and written (a build's outputs are in place): the
    interpreter would otherwise spend a noticeable time freeing the build's objects one by
    one (a 1M-triple build holds millions). Inside a caller, nothing happens."""
    if _program:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


INTERRUPTED = 130


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn library errors into a one-line message and the error's exit code.

    Anything else is a bug: one line naming it (``ORGGRAPH_DEBUG=1`` shows the traceback).
    Ctrl-C stops with exit code 130; a build's output folder is then left as it was.
    """
    try:
        yield
    except OrgGraphError as exc:
        fail(one_line(str(exc)), exc.exit_code)
    except OSError as exc:
        fail(one_line(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": ")), 1)
    except KeyboardInterrupt:
        fail("interrupted; nothing was written", INTERRUPTED)
    except (
        typer.Exit,
        click.exceptions.Exit,
        click.exceptions.ClickException,
        click.exceptions.Abort,
    ):
        raise
    except Exception as exc:
        if os.environ.get("ORGGRAPH_DEBUG"):
            raise
        where = exc.__traceback__
        while where is not None and where.tb_next is not None:
            where = where.tb_next
        place = f" in {Path(where.tb_frame.f_code.co_filename).name}" if where else ""
        detail = one_line(str(exc))[:200]
        fail(
            f"internal error: {type(exc).__name__}{place}: {detail} "
            "(rerun with ORGGRAPH_DEBUG=1 for details)",
            INTERNAL_ERROR,
        )


def one_line(text: str) -> str:
    """A message as one printable line: controls escaped, only its first line kept."""
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return terminal_safe(lines[0] if lines else text.strip())


_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """Text with control characters (ESC sequences…) shown as escapes, never executed."""
    return _CONTROLS.sub(lambda m: repr(m.group())[1:-1], text)


def echo(text: str) -> None:
    """Print report-derived text to stdout with controls escaped."""
    typer.echo(terminal_safe(text))


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int, str], None]]:
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[current]}"),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task(label, total=None, current="")

        def update(done: int, total: int, current: str) -> None:
            bar.update(task, completed=done, total=total, current=current)

        yield update
