"""The one atomic file writer: an output is either the old file or the complete new one.

Every output (graph.ttl, metrics.csv, report.json, the HTML page) goes through here. The
temporary file is created beside the target and given the mode an ordinary ``open`` would
give (0666 less the process umask: 0644 under umask 022), then moved into place.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from orggraph.errors import OutputError


def process_umask() -> int:
    """The process umask (read by setting it and restoring it at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; move it into place only if the block succeeds."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o666 & ~process_umask())
        os.replace(tmp_path, path)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    finally:
        tmp_path.unlink(missing_ok=True)


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text to ``path`` atomically."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


@contextmanager
def open_atomic(path: Path, newline: str | None = None) -> Iterator[IO[str]]:
    """Open a UTF-8 text file that replaces ``path`` when closed without error."""
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline=newline) as fh:
        yield fh


def write_bytes(path: Path, data: bytes | Iterable[bytes | memoryview]) -> None:
    """Write bytes (or the pieces of them, in order) to ``path`` atomically."""
    with atomic_path(path) as tmp, tmp.open("wb") as fh:
        if isinstance(data, bytes):
            fh.write(data)
        else:
            fh.writelines(data)
