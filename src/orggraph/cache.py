"""Per-article facts cached between builds, so a rebuild extracts only new or changed files.

An entry's key is a hash of the article (its original and normalized text, metadata) and of
the extraction's version: orggraph's version, the source of the code that reads and
extracts, and the reference data. Any change to those makes every key new, so a stale
entry is never used. Entries of articles no longer among the inputs are dropped.

A file's articles as read (``SourceText``) are kept under a hash of its bytes, its names and
the extraction's version, so a rebuild neither decodes nor normalizes unchanged files.
Beside the facts, each article's graph fragment (``rdf.fragments``: its own triples as
Turtle text) is kept under a key that adds the file's name and the graph code's version,
and its metrics.csv lines in one file of all articles' lines (``FactsCache.metric_lines``).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from functools import cache
from importlib.resources import files
from pathlib import Path

from orggraph import __version__
from orggraph.ingest.decode import read_bytes
from orggraph.ingest.read import read_file
from orggraph.ingest.walk import shown
from orggraph.outputs.metrics_csv import article_lines
from orggraph.rdf.fragments import (
    Extracted,
    Fragment,
    Fragments,
    GraphState,
    article_fragment,
    article_id,
)
from orggraph.records import NO_SOURCE, ArticleFacts, SourceText
from orggraph.resources import versions as refdata

CACHE_DIR = "cache"
FRAGMENT = ".fragment"  # the suffix of graph fragment entries (facts: .pickle)
SOURCES = ".sources"  # the suffix of a read file's articles
STATE = "graph-state"  # what the last build's graph held (outputs.graphfiles)
ROWS = "metric-rows"  # the metrics.csv lines of the last build's articles, by rows_key
# Code whose change can change what is extracted from an article.
_CODE = ("pipeline", "ingest", "resources", "resolve", "records.py")
# Code whose change can change an article's graph fragment (besides its facts).
_GRAPH_CODE = ("rdf", "outputs/turtle.py")
# Code whose change can change an article's metrics.csv lines (besides its facts).
_ROWS_CODE = ("outputs/metrics_csv.py", "rdf/iri.py")


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


@cache
def graph_version() -> str:
    """A hash of everything an article's graph fragment depends on besides its facts."""
    return _code_version(_GRAPH_CODE)


@cache
def rows_version() -> str:
    """A hash of everything an article's metrics.csv lines depend on besides its facts."""
    return _code_version(_ROWS_CODE)


def _code_version(parts: tuple[str, ...]) -> str:
    digest = hashlib.sha256(extraction_version().encode())
    root = files("orggraph")
    for part in parts:
        for path in sorted(_files(Path(str(root / part)))):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    suffixes = (".py", ".tsv", ".txt", ".ttl")
    return [p for p in path.rglob("*") if p.suffix in suffixes and p.is_file()]


def article_key(source: SourceText) -> str:
    """The cache key of one article under the current extraction version."""
    digest = hashlib.sha256(extraction_version().encode())
    for part in (source.sha256, source.text, repr(source.meta), source.encoding):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(b"T" if source.traditional else b"S")
    return digest.hexdigest()


def fragment_key(source: SourceText) -> str:
    """The cache key of one article's graph fragment: its facts' key, its names, graph code."""
    digest = hashlib.sha256(f"{graph_version()}\0{article_key(source)}\0".encode())
    digest.update(f"{source.source_file}\0{source.extracted}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def rows_key(source: SourceText) -> str:
    """The key of one article's metrics.csv lines: its facts' key, its names, the rows code."""
    digest = hashlib.sha256(f"{rows_version()}\0{article_key(source)}\0".encode())
    digest.update(f"{source.source_file}\0{source.text_file}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class FactsCache:
    """A folder of pickled ArticleFacts, one file per article key."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()
        self._rows: dict[str, str] | None = None  # the last build's metric lines
        self._rows_now: dict[str, str] = {}  # this build's

    def metric_lines(self, facts: ArticleFacts) -> str:
        """An article's metrics.csv lines (``article_lines``): the last build's, or made now.

        ``prune`` keeps the lines of the articles asked for, for the next build.
        """
        if self._rows is None:
            found = self._load(self.folder / ROWS)
            self._rows = found if isinstance(found, dict) else {}
        key = rows_key(facts.source)
        lines = self._rows.get(key)
        if not isinstance(lines, str):
            lines = article_lines(facts)
        self._rows_now[key] = lines
        return lines

    def _path(self, key: str, suffix: str = ".pickle") -> Path:
        return self.folder / f"{key}{suffix}"

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
        """Store an article's facts; an entry is written whole or not at all.

        The article itself is not stored with them: ``get`` is given it (read again or from
        the read cache), so an entry holds only what extraction found.
        """
        self._write(article_key(facts.source), replace(facts, source=NO_SOURCE))

    def get_fragment(self, source: SourceText) -> Fragment | None:
        """The cached graph fragment of an article, or None."""
        key = fragment_key(source)
        try:
            fragment = pickle.loads(self._path(key, FRAGMENT).read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None
        if not isinstance(fragment, Fragment):
            return None
        self.used.add(key)
        return fragment

    def put_fragment(self, source: SourceText, fragment: Fragment) -> None:
        """Store an article's graph fragment; written whole or not at all."""
        self._write(fragment_key(source), fragment, FRAGMENT)

    def read(self, path: Path, name: str) -> list[SourceText]:
        """``ingest.read.read_file``, from the cache when the file's bytes were read before."""
        label = shown(path)
        data = read_bytes(path, label)
        digest = hashlib.sha256(f"{extraction_version()}\0{name}\0{label}\0".encode())
        digest.update(data)
        key = digest.hexdigest()
        try:
            found = pickle.loads(self._path(key, SOURCES).read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            found = None
        if isinstance(found, list) and all(isinstance(a, SourceText) for a in found):
            self.used.add(key)
            return found
        articles = read_file(path, name)
        self._write(key, articles, SOURCES)
        return articles

    def fragment_by_key(self, key: str) -> Fragment | None:
        """A cached fragment by its key (``fragment_key``), or None."""
        found = self._load(self._path(key, FRAGMENT))
        return found if isinstance(found, Fragment) else None

    def graph_state(self) -> GraphState | None:
        """What the previous build's graph held (``outputs.graphfiles``), or None."""
        found = self._load(self.folder / STATE)
        if not isinstance(found, GraphState) or not hasattr(found, "turtle"):
            return None  # none, or kept by a version that kept less
        return found

    def keep(self, keys: Iterable[str]) -> None:
        """Keep these entries for the next build (``prune`` drops the others)."""
        self.used.update(keys)

    def save_graph_state(self, state: GraphState) -> None:
        """Keep what this build's graph holds, for the next build."""
        self._write(STATE, state, "")

    @staticmethod
    def _load(path: Path) -> object:
        try:
            return pickle.loads(path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None

    def _write(self, key: str, value: object, suffix: str = ".pickle") -> None:
        self.used.add(key)
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=self.folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self._path(key, suffix))
        finally:
            Path(tmp).unlink(missing_ok=True)

    def prune(self) -> int:
        """Drop every entry this build did not use (removed files, old versions); keep the
        metric lines of this build's articles (``metric_lines``)."""
        if self._rows_now:
            if self._rows_now != self._rows:
                self._write(ROWS, self._rows_now, "")
            self.used.add(ROWS)
        dropped = 0
        if not self.folder.is_dir():
            return 0
        for path in self.folder.iterdir():
            if path.name in (STATE, ROWS) and path.name in self.used:
                continue
            if path.stem not in self.used or path.suffix not in (".pickle", FRAGMENT, SOURCES):
                path.unlink(missing_ok=True)
                dropped += 1
        return dropped


class ArticleFragments(Mapping[tuple[str, str], Fragment]):
    """The graph fragments of a build's articles by ``article_id``: those ``made`` this build,
    the others read from the cache when first asked for (``cached_fragment``)."""

    def __init__(
        self,
        articles: Iterable[ArticleFacts],
        made: Mapping[tuple[str, str], Fragment],
        cache: FactsCache | None,
    ) -> None:
        self._facts = {article_id(facts.source): facts for facts in articles}
        self._made, self._cache = made, cache

    def __getitem__(self, key: tuple[str, str]) -> Fragment:
        found = self._made.get(key)
        return found if found is not None else cached_fragment(self._facts[key], self._cache)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self._facts)

    def __len__(self) -> int:
        return len(self._facts)


def cached_fragment(facts: ArticleFacts, cache: FactsCache | None) -> Fragment:
    """The cached fragment of an article whose facts were cached (made now if missing)."""
    found = cache.get_fragment(facts.source) if cache is not None else None
    if found is None:
        found = article_fragment(facts)
        if cache is not None:
            cache.put_fragment(facts.source, found)
    return found


def keep_extracted(
    result: ArticleFacts | Extracted, cache: FactsCache | None, fragments: Fragments | None
) -> ArticleFacts:
    """Cache a freshly extracted article (and its fragment); its facts."""
    facts, fragment = result if isinstance(result, tuple) else (result, None)
    if cache is not None:
        cache.put(facts)
    if fragments is not None:
        if fragment is None:
            fragment = article_fragment(facts)
        fragments[article_id(facts.source)] = fragment
        if cache is not None:
            cache.put_fragment(facts.source, fragment)
    return facts
