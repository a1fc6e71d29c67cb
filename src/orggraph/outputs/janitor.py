"""The work area of a build beside ``out/`` and the janitor that empties it after a kill.

A build into ``out/`` works in one hidden folder beside it, ``.out.orggraph/``: the ``lock``
file every build holds (``flock``) and the build's ``staging-*`` folder. The area exists only
while a build runs: the build that ends (or its janitor) removes it while still holding the
lock, so a build that opened the lock file just before checks, once locked, that the file is
still the one at the path, and starts over otherwise.

The janitor is this file run as a script (``python -I -S janitor.py AREA OUT``) in its own
session, so a kill of the build or of its process group does not reach it. Its stdin is the
read end of a pipe whose only write end the build holds. A build that ends normally writes
``DONE`` and the janitor exits; end of file without it means the build died (kill -9, OOM),
and the janitor takes the lock, puts ``out/`` back if a kill fell between two renames, deletes
the staging folder and removes the area. Standard library only: it starts in milliseconds
and needs nothing of the environment the build ran in.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import signal
import sys
from pathlib import Path

LOCK = "lock"
OLD = "old"  # out/ set aside where the system cannot exchange two folders
STAGING = "staging-"
DONE = b"d"


def area_of(out: Path) -> Path:
    """The hidden work area of the build into ``out`` (absolute)."""
    out = Path(os.path.abspath(out))
    return out.parent / f".{out.name}.orggraph"


def acquire(area: Path, *, create: bool, wait: bool) -> int | None:
    """An fd holding ``area``'s lock; None if another build holds it (and not ``wait``) or,
    without ``create``, if there is no area."""
    for _ in range(1000):
        if create:
            with contextlib.suppress(FileExistsError):
                os.mkdir(area)  # 0777 less the umask, as any folder
        flags = os.O_RDWR | (os.O_CREAT if create else 0)
        try:
            fd = os.open(area / LOCK, flags, 0o666)
        except FileNotFoundError:
            if not create:
                return None
            continue  # the area was removed by the build that held it: start over
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            if _same_file(fd, area / LOCK):
                return fd
        except BlockingIOError:
            os.close(fd)
            return None
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # locked a lock file that was removed meanwhile
    raise OSError(errno.EAGAIN, "the lock file keeps changing", str(area / LOCK))


def _same_file(fd: int, path: Path) -> bool:
    try:
        there = os.stat(path)
    except FileNotFoundError:
        return False
    here = os.fstat(fd)
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def release(area: Path, fd: int) -> None:
    """Remove the lock file and the area (if nothing else is in it), then unlock."""
    try:
        with contextlib.suppress(OSError):
            os.unlink(area / LOCK)
        with contextlib.suppress(OSError):
            os.rmdir(area)
    finally:
        os.close(fd)  # closing releases the flock


def recover(area: Path, out: Path) -> None:
    """Undo what a killed build left in ``area``; call with the lock held."""
    old = area / OLD
    if old.is_dir():
        if out.exists():
            remove(old)
        else:
            os.replace(old, out)
    for stale in area.glob(STAGING + "*"):
        remove(stale)


def remove(path: Path) -> None:
    """Delete a folder tree, or the symlink an ``out`` that was one was swapped into."""
    if path.is_symlink():
        with contextlib.suppress(OSError):
            path.unlink()
    else:
        shutil.rmtree(path, ignore_errors=True)


def main(argv: list[str]) -> int:
    """Wait for the build's word or its death; after a death, clean its area."""
    area, out = Path(argv[1]), Path(argv[2])
    for name in ("SIGHUP", "SIGINT", "SIGQUIT", "SIGTSTP"):
        with contextlib.suppress(AttributeError, OSError, ValueError):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    with contextlib.suppress(OSError):
        os.chdir("/")  # keep no folder busy
    try:
        word = os.read(0, 1)
    except OSError:
        word = b""
    if word == DONE:
        return 0
    fd = acquire(area, create=False, wait=True)  # after the next build, if one started
    if fd is None:
        # killed between making the area and its lock file: an empty area (a build starting
        # meanwhile makes it again; ``acquire`` retries)
        with contextlib.suppress(OSError):
            os.rmdir(area)
        return 0
    try:
        recover(area, out)
    finally:
        release(area, fd)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
