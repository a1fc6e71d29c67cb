"""Per-article facts cached between builds, so a rebuild extracts only new or changed files.

An entry's key is a hash of the article (its original and normalized text, metadata) and of
the extraction's version: orggraph's version, the source of the code that reads and
extracts, and the reference data. Any change to those makes every key new, so a stale
entry is never used. Entries of articles no longer among the inputs are dropped.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import replace
from functools import cache
from importlib.resources import files
from pathlib import Path

from orggraph import __version__
from orggraph.records import ArticleFacts, SourceText
from orggraph.resources import versions as refdata

CACHE_DIR = "cache"
# Code whose change can change what is extracted from an article.
_CODE = ("pipeline", "ingest", "resources", "resolve", "records.py")


@cache
def extraction_version() -> str:
    """A hash of everything extraction depends on besides the article itself."""
    digest = hashlib.sha256(__version__.encode())
    root = files("orggraph")
    for part in _CODE:
        for path in sorted(_files(Path(str(root / part)))):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for name, value in sorted(refdata.versions().items()):
        digest.update(f"{name}={value}\n".encode())
    return digest.hexdigest()[:16]


def _files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return [p for p in path.rglob("*") if p.suffix in (".py", ".tsv", ".txt") and p.is_file()]


def article_key(source: SourceText) -> str:
    """The cache key of one article under the current extraction version."""
    digest = hashlib.sha256(extraction_version().encode())
    for part in (source.sha256, source.text, repr(source.meta), source.encoding):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(b"T" if source.traditional else b"S")
    return digest.hexdigest()


class FactsCache:
    """A folder of pickled ArticleFacts, one file per article key."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.pickle"

    def get(self, source: SourceText) -> ArticleFacts | None:
        """The cached facts of an article (with its current source record), or None."""
        key = article_key(source)
        try:
            facts = pickle.loads(self._path(key).read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None
        if not isinstance(facts, ArticleFacts):
            return None
        self.used.add(key)
        return replace(facts, source=source)

    def put(self, facts: ArticleFacts) -> None:
        """Store an article's facts; an entry is written whole or not at all."""
        key = article_key(facts.source)
        self.used.add(key)
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=self.folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(facts, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self._path(key))
        finally:
            Path(tmp).unlink(missing_ok=True)

    def prune(self) -> int:
        """Drop every entry this build did not use (removed files, old versions)."""
        dropped = 0
        if not self.folder.is_dir():
            return 0
        for path in self.folder.iterdir():
            if path.stem not in self.used or path.suffix != ".pickle":
                path.unlink(missing_ok=True)
                dropped += 1
        return dropped
