"""Outputs as one transaction: ``out/`` is always wholly the old build or wholly the new one.

A build writes every output into a fresh hidden sibling folder (``.out.staging-XXXX``) and
then swaps it with ``out/`` in one step (Linux ``renameat2(RENAME_EXCHANGE)``; elsewhere two
renames, with the old folder put back by the next build if a kill falls between them). The
old contents end in the staging folder and are deleted; a build killed before that leaves
only a hidden sibling, which the next build removes. Outputs of options not used this time
(``--no-html``) therefore never linger beside new ones. Hidden files a user keeps in ``out/``
(``.gitkeep``) are carried over; a folder holding only such files counts as empty.

Builds into the same ``out/`` never interleave: each holds an exclusive ``flock`` on
``.out.lock`` beside ``out/`` for its whole run; a second one stops with ``OutputError``.

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
import tempfile
from pathlib import Path
from types import TracebackType

from orggraph.errors import OutputError
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
        self._lock_fd: int | None = None
        self.path = Path()
        self._carried: frozenset[int] = frozenset()  # linked from the previous build

    def __enter__(self) -> OutputTransaction:
        self._check_target()
        try:
            self.parent.mkdir(parents=True, exist_ok=True)
            self._lock()
            self._recover()
            self.path = Path(tempfile.mkdtemp(prefix=f".{self.name}.staging-", dir=self.parent))
            os.chmod(self.path, 0o777 & ~process_umask())
        except OSError as exc:
            self._unlock()
            raise OutputError(f"cannot write {self.out}: {exc.strerror or exc}") from exc
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
            if self.path != Path():
                shutil.rmtree(self.path, ignore_errors=True)
            self._unlock()

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
                aside = self.parent / f".{self.name}.old"
                if self.out.exists():
                    shutil.rmtree(aside, ignore_errors=True)
                    os.replace(self.out, aside)
                os.replace(self.path, self.out)
                shutil.rmtree(aside, ignore_errors=True)
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
        lock = self.parent / f".{self.name}.lock"
        self._lock_fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666 & ~process_umask())
        try:
            fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._unlock()
            raise OutputError(
                f"another build is writing {self.out} (lock {lock}); wait for it to finish"
            ) from None

    def _unlock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing releases the flock
            self._lock_fd = None

    def _recover(self) -> None:
        """Undo what a killed build left: put an old folder back, drop staging folders."""
        aside = self.parent / f".{self.name}.old"
        if aside.is_dir():
            if self.out.exists():
                shutil.rmtree(aside, ignore_errors=True)
            else:
                os.replace(aside, self.out)
        for stale in self.parent.glob(f".{self.name}.staging-*"):
            shutil.rmtree(stale, ignore_errors=True)
        if self.out.is_dir():
            for tmp in self.out.glob(".*.tmp"):  # left by builds before transactions
                tmp.unlink(missing_ok=True)


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)
