"""Folder walks that never recurse and never skip anything silently.

Sub-folders are listed iteratively (any depth), in sorted order. Whatever is left out is
said in a warning: unreadable folders, symlinked folders (not followed: loops), special
files (FIFOs, sockets, devices), hidden folders (names starting with ``.``: not entered,
one warning each) and hidden files of a readable type.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path


def shown(path: Path | str) -> str:
    """A path as text that always encodes: bytes that are not UTF-8 shown as ``\\xff``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def walk_files(folder: Path, suffixes: frozenset[str]) -> Iterator[Path | str]:
    """Files under ``folder`` in sorted path order, and a warning string for each skip."""
    stack = [folder]
    found: list[Path] = []
    warnings: list[str] = []
    while stack:
        current = stack.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError as exc:
            warnings.append(f"skipped folder {shown(current)}: {exc.strerror or exc}")
            continue
        for entry in entries:
            path = Path(entry.path)
            warning = _classify(entry, path, suffixes, stack, found)
            if warning:
                warnings.append(warning)
    yield from sorted(found, key=lambda p: p.relative_to(folder).parts)
    yield from warnings


def _classify(
    entry: os.DirEntry[str],
    path: Path,
    suffixes: frozenset[str],
    stack: list[Path],
    found: list[Path],
) -> str | None:
    hidden = entry.name.startswith(".")
    try:
        if entry.is_dir(follow_symlinks=False):
            if hidden:
                return f"skipped {shown(path)}: hidden folder (not read)"
            stack.append(path)
            return None
        if entry.is_symlink():
            if path.is_dir():
                return f"skipped {shown(path)}: symlinked folder (not followed)"
            if not path.exists():
                return f"skipped {shown(path)}: dangling symlink"
        mode = os.stat(path).st_mode
    except OSError as exc:
        return f"skipped {shown(path)}: {exc.strerror or exc}"
    if not stat.S_ISREG(mode):
        return f"skipped {shown(path)}: not a regular file"
    if hidden:
        suffix = path.suffix.lower()
        return f"skipped {shown(path)}: hidden file" if suffix in suffixes else None
    found.append(path)
    return None
