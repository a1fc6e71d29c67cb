"""jieba's dictionary parsed once per machine: a cache file read in a few milliseconds.

Parsing ``dict.txt`` (349k lines) and deriving jieba's prefix table take over a second of
start-up in every process. The parse is stored under ``$XDG_CACHE_HOME/orggraph/jieba``
(default ``~/.cache/orggraph/jieba``) as a few flat blocks (the keys joined by newlines, their
values as a machine array), keyed by the dictionary file's path, size and modification time;
each process then builds its one dict from them. A missing, stale or unreadable cache is
rebuilt from the dictionary; a cache folder that cannot be written is skipped (the dictionary
is parsed in memory as before).

One dict serves both the segmenter's prefix table and the tag look-ups (building a second
dict of 349k words took a third of the start-up): a word's value packs its frequency and its
tag number, ``freq << TAG_BITS | tag``; a mere prefix's value is 0. Tag number 0 means "no
tag" (``tag_names[0] == ""``).
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from orggraph.errors import OutputError
from orggraph.outputs.atomic import write_bytes

#: Bumped whenever the stored layout changes (old files are then ignored).
FORMAT = 2
#: Low bits of a packed value holding the tag number.
TAG_BITS = 8
TAG_MASK = (1 << TAG_BITS) - 1


@dataclass(frozen=True)
class Parsed:
    """The dictionary's keys: each word once in file order (its last line wins), then the
    prefixes of words that are no word themselves (jieba's prefix table entries)."""

    keys: list[str]
    values: list[int]  # packed: freq << TAG_BITS | tag number; 0 for a prefix
    tag_names: tuple[str, ...]  # by tag number; "" first (no tag)
    total: int  # sum of the words' frequencies

    @property
    def size(self) -> int:
        """The number of words (the keys before the prefixes)."""
        return sum(1 for v in self.values if v)

    @property
    def words(self) -> list[str]:
        return self.keys[: self.size]

    @property
    def freqs(self) -> list[int]:
        return [v >> TAG_BITS for v in self.values[: self.size]]

    @property
    def tags(self) -> list[str]:
        return [self.tag_names[v & TAG_MASK] for v in self.values[: self.size]]

    @property
    def prefixes(self) -> list[str]:
        return self.keys[self.size :]


def parse(lines: Any) -> Parsed:
    """Parse jieba's ``word freq tag`` lines (every word's frequency is above 0)."""
    entries: dict[str, tuple[int, str]] = {}
    for line in lines:
        word, count, tag = line.split()
        if int(count) <= 0:
            raise ValueError(f"dictionary word {word!r} has frequency {count}")
        entries[word] = (int(count), tag)
    prefixes: dict[str, None] = {}
    for word in entries:
        for end in range(1, len(word)):
            prefix = word[:end]
            if prefix not in entries:
                prefixes[prefix] = None
    names = ("", *sorted({t for _, t in entries.values()}))
    number = {name: i for i, name in enumerate(names)}
    if len(names) > TAG_MASK:
        raise ValueError(f"dictionary has {len(names)} tags, more than {TAG_MASK}")
    values = [f << TAG_BITS | number[t] for f, t in entries.values()]
    total = sum(f for f, _ in entries.values())
    return Parsed([*entries, *prefixes], values + [0] * len(prefixes), names, total)


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "orggraph" / "jieba"


def cache_file(source: Path) -> Path:
    """The cache file of the dictionary at ``source`` (named by its path, size and mtime)."""
    stat = source.stat()
    key = f"{FORMAT}\0{source.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}"
    return cache_dir() / f"dict-{hashlib.sha256(key.encode()).hexdigest()[:20]}.marshal"


def load(source: Path) -> Parsed:
    """The parsed dictionary at ``source``: from its cache file, else parsed (and cached)."""
    path = cache_file(source)
    parsed = _read(path)
    if parsed is None:
        with source.open(encoding="utf-8") as lines:
            parsed = parse(lines)
        _write(path, parsed)
    return parsed


def _read(path: Path) -> Parsed | None:
    try:
        version, keys, value_bytes, tag_names, total = marshal.loads(path.read_bytes())
        values = array("q")
        values.frombytes(value_bytes)
        parsed = Parsed(keys.split("\n"), values.tolist(), tuple(tag_names), total)
    except (OSError, ValueError, TypeError, EOFError):
        return None
    if version != FORMAT or len(parsed.keys) != len(parsed.values):
        return None
    return parsed


def _write(path: Path, parsed: Parsed) -> None:
    blocks = (
        FORMAT,
        "\n".join(parsed.keys),
        array("q", parsed.values).tobytes(),
        list(parsed.tag_names),
        parsed.total,
    )
    store(path, marshal.dumps(blocks))


def store(path: Path, data: bytes) -> None:
    """Write a per-machine cache file whole (a temporary file renamed over it); a read-only or
    full cache folder only means the work is done again next time. Written by the one atomic
    writer, so a kill leaves no temporary file behind once the cache is written again."""
    with contextlib.suppress(OutputError):
        write_bytes(path, data)
