"""jieba's dictionary parsed once per machine: a cache file read in a few milliseconds.

Parsing ``dict.txt`` (349k lines) and deriving jieba's prefix table take over a second of
start-up in every process. The parse is stored under ``$XDG_CACHE_HOME/orggraph/jieba``
(default ``~/.cache/orggraph/jieba``) as a few flat blocks (words joined by newlines,
frequencies and tag numbers as machine arrays), keyed by the dictionary file's path, size and
modification time; each process then only builds its dicts from them. A missing, stale or
unreadable cache is rebuilt from the dictionary; a cache folder that cannot be written is
skipped (the dictionary is parsed in memory as before).
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Bumped whenever the stored layout changes (old files are then ignored).
FORMAT = 1


@dataclass(frozen=True)
class Parsed:
    """The dictionary in file order: each word once (its last line wins), frequency and tag,
    and the prefixes of words that are no word themselves (jieba's prefix table entries)."""

    words: list[str]
    freqs: list[int]
    tags: list[str]
    prefixes: list[str]


def parse(lines: Any) -> Parsed:
    """Parse jieba's ``word freq tag`` lines."""
    entries: dict[str, tuple[int, str]] = {}
    for line in lines:
        word, count, tag = line.split()
        entries[word] = (int(count), tag)
    words = list(entries)
    prefixes: dict[str, None] = {}
    for word in words:
        for end in range(1, len(word)):
            prefix = word[:end]
            if prefix not in entries:
                prefixes[prefix] = None
    values = entries.values()
    return Parsed(words, [f for f, _ in values], [t for _, t in values], list(prefixes))


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
        blocks = marshal.loads(path.read_bytes())
        version, words, freq_bytes, tag_names, tag_bytes, prefixes = blocks
        freqs, tag_numbers = array("q"), array("H")
        freqs.frombytes(freq_bytes)
        tag_numbers.frombytes(tag_bytes)
        parsed = Parsed(
            words.split("\n"),
            freqs.tolist(),
            list(map(tag_names.__getitem__, tag_numbers)),
            prefixes.split("\n") if prefixes else [],
        )
    except (OSError, ValueError, TypeError, IndexError, EOFError):
        return None
    if version != FORMAT or not len(parsed.words) == len(parsed.freqs) == len(parsed.tags):
        return None
    return parsed


def _write(path: Path, parsed: Parsed) -> None:
    names = sorted(set(parsed.tags))
    number = {name: i for i, name in enumerate(names)}
    blocks = (
        FORMAT,
        "\n".join(parsed.words),
        array("q", parsed.freqs).tobytes(),
        names,
        array("H", [number[t] for t in parsed.tags]).tobytes(),
        "\n".join(parsed.prefixes),
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".dict-", suffix=".tmp")
    except OSError:
        return  # a read-only cache folder: parse again next time
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(marshal.dumps(blocks))
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
