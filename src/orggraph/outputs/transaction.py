"""Outputs as one transaction: ``out/`` is always wholly the old build or wholly the new one.

A build writes every output into a fresh staging folder and then swaps it with ``out/`` in one
step (Linux ``renameat2(RENAME_EXCHANGE)``; elsewhere two renames, undone after a kill between
them). The old contents end in the staging folder and are deleted. Outputs of options not used
this time (``--no-html``) therefore never linger beside new ones. Hidden files a user keeps in
``out/`` (``.gitkeep``) are carried over; a folder holding only such files counts as empty.

The staging folder must be on the file system of ``out/`` for the swap, so it lives in the
build's work area beside ``out/`` (``.out.orggraph/``, see ``outputs.janitor``), which exists
only while a build runs. Builds into the same ``out/`` never interleave: each holds an
exclusive ``flock`` on the area's lock file for its whole run; a second one stops with
``OutputError``. A build killed at any moment (kill -9) leaves ``out/`` whole and the area to
its janitor, a small process in its own session that notices the death (end of file on a pipe
only the build writes to) and removes the area within milliseconds; if the janitor died too
(power cut, a kill of every process), the next build does it. Processes forked during a build
(the ``--jobs`` workers) close the build's pipe and lock at once, so they keep neither open.

Sub-folders that must outlive a build (an incremental cache) are carried over with
``carry(name)``: the previous build's files are hard-linked into the new folder before the
build writes, so writers of such folders must replace files (write + rename), never edit
them in place. Everything else (e.g. an on-disk store) is written fresh under ``path``.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import TracebackType

from orggraph.errors import OutputError
from orggraph.outputs import janitor
from orggraph.outputs.atomic import process_umask

# Written by every build: a folder holding one of them is orggraph's to replace.
MARKERS = ("report.json", "graph.ttl")
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux); False where the system cannot."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    renameat2.argtypes += [ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _fsync_tree(root: Path, durable: frozenset[int] = frozenset()) -> None:
    """Flush every file under ``root`` to disk, except the ``durable`` inodes (files the
    previous build flushed and this one only linked)."""
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            with contextlib.suppress(OSError):
                if durable and os.stat(path).st_ino in durable:
                    continue
                fd = os.open(path, os.O_RDONLY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)


# fds a build keeps to itself: closed in any process forked while it runs (--jobs workers)
_PRIVATE_FDS: set[int] = set()


def _close_private_fds() -> None:  # pragma: no cover (runs in forked children)
    for fd in _PRIVATE_FDS:
        with contextlib.suppress(OSError):
            os.close(fd)
    _PRIVATE_FDS.clear()


os.register_at_fork(after_in_child=_close_private_fds)


class Janitor:
    """The build's janitor process (``outputs.janitor``), told ``DONE`` when the build ends."""

    def __init__(self, area: Path, out: Path) -> None:
        self.proc: subprocess.Popen[bytes] | None = None
        self.fd: int | None = None
        if not sys.executable or getattr(sys, "frozen", False):
            return  # no interpreter to run it with: the next build recovers instead
        read, write = os.pipe()  # both non-inheritable; the read end goes to the janitor
        script = os.path.abspath(janitor.__file__)
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-I", "-S", script, os.fsencode(area), os.fsencode(out)],
                stdin=read,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # out of the build's process group and terminal
                cwd="/",
            )
        except OSError:
            os.close(write)
        else:
            self.fd = write
            _PRIVATE_FDS.add(write)
        finally:
            os.close(read)

    def dismiss(self) -> None:
        """The build ended and cleaned up: the janitor exits without touching anything."""
        if self.fd is None:
            return
        _PRIVATE_FDS.discard(self.fd)
        with contextlib.suppress(OSError):
            os.write(self.fd, janitor.DONE)
        os.close(self.fd)
        self.fd = None
        if self.proc is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(timeout=5)


def _inodes(root: Path) -> frozenset[int]:
    """The inodes of the files under ``root``."""
    found = set()
    for folder, _, names in os.walk(root):
        for name in names:
            with contextlib.suppress(OSError):
                found.add(os.stat(os.path.join(folder, name)).st_ino)
    return frozenset(found)


class OutputTransaction:
    """Stage a build's outputs in ``path`` and swap them into ``out`` on ``commit()``."""

    def __init__(self, out: Path) -> None:
        self.out = Path(out)
        self.parent = self.out.absolute().parent
        self.name = self.out.absolute().name
        self.area = janitor.area_of(self.out)
        self._lock_fd: int | None = None
        self._janitor: Janitor | None = None
        self.path = Path()
        self._carried: frozenset[int] = frozenset()  # linked from the previous build

    def __enter__(self) -> OutputTransaction:
        self._check_target()
        try:
            self.parent.mkdir(parents=True, exist_ok=True)
            # The janitor starts before the work area exists, so a kill at any later moment
            # (even between making the area and locking it) leaves someone to clean it.
            self._janitor = Janitor(self.area, self.parent / self.name)
            self._lock()
            self._recover()
            self.path = Path(tempfile.mkdtemp(prefix=janitor.STAGING, dir=self.area))
            os.chmod(self.path, 0o777 & ~process_umask())
        except BaseException as exc:
            self._end()
            if isinstance(exc, OSError):
                raise OutputError(f"cannot write {self.out}: {exc.strerror or exc}") from exc
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if kind is None:
                self.commit()
        finally:
            self._end()

    def carry(self, name: str) -> Path:
        """Bring ``out/name`` of the previous build into this one (hard links); its new path."""
        target = self.path / name
        source = self.out / name
        if source.is_dir() and not target.exists():
            try:
                shutil.copytree(source, target, copy_function=os.link)
                self._carried |= _inodes(target)
            except (OSError, shutil.Error):
                shutil.rmtree(target, ignore_errors=True)
                try:
                    shutil.copytree(source, target, copy_function=shutil.copy2)
                except (OSError, shutil.Error):
                    shutil.rmtree(target, ignore_errors=True)  # a cache: start afresh
        return target

    def commit(self) -> None:
        """Make the staged folder ``out/``; the old contents are deleted."""
        try:
            self._keep_hidden_files()
            _fsync_tree(self.path, self._carried)
            if self.out.exists() and _exchange(self.path, self.out):
                pass  # self.path now holds the old build, removed on exit
            else:
                aside = self.area / janitor.OLD
                if self.out.exists():
                    janitor.remove(aside)
                    os.replace(self.out, aside)
                os.replace(self.path, self.out)
                janitor.remove(aside)
            fd = os.open(self.parent, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as exc:
            raise OutputError(f"cannot write {self.out}: {exc.strerror or exc}") from exc

    def _keep_hidden_files(self) -> None:
        """Hidden files a user put in ``out/`` (``.gitkeep``) stay; builds write none."""
        if not self.out.is_dir():
            return
        for entry in self.out.iterdir():
            if entry.name.startswith(".") and entry.is_file() and not entry.name.endswith(".tmp"):
                target = self.path / entry.name
                if not target.exists():
                    _link_or_copy(str(entry), str(target))

    def _check_target(self) -> None:
        if self.out.exists() and not self.out.is_dir():
            raise OutputError(f"--out {self.out} is a file, not a folder")
        if (
            self.out.is_dir()
            and any(not p.name.startswith(".") for p in self.out.iterdir())
            and not any((self.out / name).is_file() for name in MARKERS)
        ):
            raise OutputError(
                f"--out {self.out} holds files orggraph did not write (no graph.ttl); "
                "give a new or empty folder"
            )

    def _lock(self) -> None:
        self._lock_fd = janitor.acquire(self.area, create=True, wait=False)
        if self._lock_fd is None:
            lock = self.area / janitor.LOCK
            raise OutputError(
                f"another build is writing {self.out} (lock {lock}); wait for it to finish"
            )
        _PRIVATE_FDS.add(self._lock_fd)

    def _end(self) -> None:
        """Delete the staging folder and the work area, unlock, dismiss the janitor."""
        if self.path != Path():
            janitor.remove(self.path)
        if self._lock_fd is not None:
            _PRIVATE_FDS.discard(self._lock_fd)
            janitor.release(self.area, self._lock_fd)
            self._lock_fd = None
        if self._janitor is not None:
            self._janitor.dismiss()
            self._janitor = None

    def _recover(self) -> None:
        """Undo what a killed build left (also where builds before the work area left it)."""
        janitor.recover(self.area, self.parent / self.name)
        aside = self.parent / f".{self.name}.old"
        if aside.is_dir():
            if self.out.exists():
                shutil.rmtree(aside, ignore_errors=True)
            else:
                os.replace(aside, self.out)
        for stale in self.parent.glob(f".{self.name}.staging-*"):
            shutil.rmtree(stale, ignore_errors=True)
        _drop_unused_lock(self.parent / f".{self.name}.lock")
        if self.out.is_dir():
            for tmp in self.out.glob(".*.tmp"):
                tmp.unlink(missing_ok=True)


def _drop_unused_lock(path: Path) -> None:
    """Remove the lock file earlier versions kept beside ``out/`` unless a build holds it."""
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        path.unlink()
    except OSError:
        pass
    finally:
        os.close(fd)


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)
