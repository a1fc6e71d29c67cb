"""The one atomic file writer: an output is either the old file or the complete new one.

Every output (graph.ttl, metrics.csv, report.json, the HTML page, exports) goes through here.
The temporary file is created beside the target and given the mode an ordinary ``open`` would
give (0666 less the process umask: 0644 under umask 022), then moved into place.

Nothing stays behind after a kill -9 either. The temporary file is named
``.<name>.<pid>-<random>.orggraph.tmp`` and its writer holds an exclusive ``flock`` on it from
creation to rename; the kernel drops the lock when the writer dies, however it dies. A process
sweeps a folder the first time it writes there (once, so writing many files into one folder
stays linear): a temporary file of that pattern whose lock it can take belongs to a dead writer
and is deleted. So the next command writing into the folder (``view``, ``export``, a build)
removes what a killed one left. A live writer's file is never touched (its lock is held), pid
reuse and pid namespaces do not matter, and a file system without ``flock`` only means nothing
is swept there. A writer that finds its new file deleted by a sweep between creating and
locking it (the only window) starts over with a fresh one.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from orggraph.errors import OutputError

SUFFIX = ".orggraph.tmp"
_NAME_PART = 100  # characters of the target's name kept in the temporary name (NAME_MAX)
_swept: set[str] = set()  # folders this process has swept


def process_umask() -> int:
    """The process umask (read by setting it and restoring it at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def is_temporary(name: str) -> bool:
    """Whether ``name`` is a temporary file of this writer."""
    return name.startswith(".") and name.endswith(SUFFIX)


def sweep(folder: Path) -> int:
    """Delete the temporary files of dead writers in ``folder``; how many were deleted."""
    removed = 0
    try:
        with os.scandir(folder) as found:
            entries = [
                e for e in found if is_temporary(e.name) and e.is_file(follow_symlinks=False)
            ]
    except OSError:
        return 0
    for entry in entries:
        with contextlib.suppress(OSError):
            removed += _remove_if_abandoned(Path(entry.path))
    return removed


def _remove_if_abandoned(path: Path) -> bool:
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False  # a live writer holds it, or the file system cannot tell
        if not _same_file(fd, path):
            return False  # renamed into place (or replaced) since it was opened
        path.unlink()
        return True
    finally:
        os.close(fd)


def _same_file(fd: int, path: Path) -> bool:
    try:
        there = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return False
    here = os.fstat(fd)
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def _locked_temporary(path: Path) -> tuple[int, Path]:
    """A new temporary file beside ``path`` and an fd holding its lock."""
    prefix = f".{path.name[:_NAME_PART]}.{os.getpid()}-"
    for _ in range(100):
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=SUFFIX, dir=path.parent)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError as exc:
            if exc.errno not in (errno.ENOLCK, errno.EOPNOTSUPP, errno.EINVAL):
                os.close(fd)
                raise
        if _same_file(fd, Path(tmp)):
            return fd, Path(tmp)
        os.close(fd)  # a sweep took it for a dead writer's before it was locked
    raise OSError(errno.EAGAIN, "temporary files keep vanishing", str(path.parent))


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; move it into place only if the block succeeds."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        folder = os.path.abspath(path.parent)
        if folder not in _swept:
            sweep(path.parent)
            _swept.add(folder)
        fd, tmp_path = _locked_temporary(path)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o666 & ~process_umask())
        os.replace(tmp_path, path)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    finally:
        try:
            tmp_path.unlink(missing_ok=True)
        finally:
            os.close(fd)  # unlocks: only now may a sweep look at the file


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text to ``path`` atomically."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


@contextmanager
def open_atomic(path: Path, newline: str | None = None) -> Iterator[IO[str]]:
    """Open a UTF-8 text file that replaces ``path`` when closed without error."""
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline=newline) as fh:
        yield fh


def write_bytes(path: Path, data: bytes) -> None:
    """Write bytes to ``path`` atomically."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
