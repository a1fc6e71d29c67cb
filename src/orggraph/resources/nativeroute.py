"""jieba's best path computed in C++ (jieba_fast_dat's double-array trie), same ends as jieba.

``fastcut.Segmenter.best_ends`` walks the dictionary prefixes of every character in Python;
``jieba_fast_dat`` ships the same computation (word graph and best path by log frequency, the
later end winning a tie) over a double-array trie of the words. Only that one function of it
is used, over a trie built from the segmenter's own dictionary (jieba's words plus the user
words), so the words are still jieba's: everything else (blocks, unknown-word HMM) stays
jieba's Python. Its extension module is loaded directly, without the package's own
tokenizer and dictionary. The trie of a known dictionary is kept as a file beside the
dictionary cache (``dictcache.cache_dir()``), so a process loads it in milliseconds instead of
building it (~0.2 s). When the extension is missing, the caller falls back to Python.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from orggraph.resources import dictcache

_MODULE = "jieba_fast_dat._jieba_fast_dat_functions_py3"
#: Bumped whenever the stored trie's meaning changes (old files are then ignored).
FORMAT = 2


@cache
def native() -> Any | None:
    """jieba_fast_dat's extension module, or None when it cannot be loaded here."""
    spec = importlib.util.find_spec("jieba_fast_dat")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations)))
    for path in sorted(folder.glob("_jieba_fast_dat_functions_py3.*")):
        loader = importlib.machinery.ExtensionFileLoader(_MODULE, str(path))
        module_spec = importlib.util.spec_from_file_location(_MODULE, path, loader=loader)
        if module_spec is None:
            continue
        try:
            module = importlib.util.module_from_spec(module_spec)
            loader.exec_module(module)
        except ImportError:
            continue
        return module
    return None


class Router:
    """The best-path ends of jieba over one dictionary (word → frequency, 0 for a prefix)."""

    def __init__(
        self, module: Any, freq: Mapping[str, int], total: int, key: str | None, shift: int = 0
    ):
        self._module = module
        self._total = float(total)
        self._trie = _load(module, key) if key else None
        if self._trie is None:
            self._trie = module.DatTrie()
            words = ((word, value >> shift) for word, value in freq.items())
            self._trie.build([(word, f) for word, f in words if f])
            if key:
                _save(self._trie, key)

    def ends(self, sentence: str) -> list[int]:
        """For each character, the end of the word jieba's best path takes from there."""
        route: list[int] = []
        self._module._get_DAG_and_calc(self._trie, sentence, route, self._total)
        del route[len(sentence) :]  # the module appends a last entry for the end
        return [end + 1 for end in route]


def router(
    freq: Mapping[str, int], total: int, key: str | None = None, shift: int = 0
) -> Router | None:
    """A ``Router`` over ``freq`` (stored under ``key`` when given), or None without the module.

    A word's frequency is its value in ``freq`` shifted right by ``shift`` (packed tables)."""
    module = native()
    return None if module is None else Router(module, freq, total, key, shift)


def dictionary_key(source: Path, words: tuple[str, ...], freq: int) -> str:
    """A name for the trie of jieba's dictionary at ``source`` plus ``words`` at ``freq``."""
    digest = hashlib.sha256(f"{FORMAT}\0{dictcache.cache_file(source).name}\0{freq}".encode())
    digest.update("\0".join(words).encode())
    return digest.hexdigest()[:24]


def _path(key: str) -> Path:
    return dictcache.cache_dir() / f"trie-{key}.bin"


def _load(module: Any, key: str) -> Any | None:
    try:
        stored = _path(key).read_bytes()
    except OSError:
        return None
    digest, data = stored[:32], stored[32:]
    if hashlib.sha256(data).digest() != digest:
        return None  # a damaged file: build again
    trie = module.DatTrie()
    try:
        trie.load_from_bytes(data)
    except (ValueError, RuntimeError):
        return None
    return trie


def _save(trie: Any, key: str) -> None:
    try:
        data = trie.save_to_bytes()
    except RuntimeError:
        return
    dictcache.store(_path(key), hashlib.sha256(data).digest() + data)
