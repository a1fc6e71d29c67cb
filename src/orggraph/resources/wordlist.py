"""jieba's own dictionary (word → frequency, part-of-speech tag), read once per process."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import NamedTuple


class DictEntry(NamedTuple):
    freq: int
    tag: str


@cache
def jieba_dictionary() -> Mapping[str, DictEntry]:
    """Every word of the dictionary jieba ships, with its frequency and tag."""
    entries: dict[str, DictEntry] = {}
    source = resources.files("jieba").joinpath("dict.txt")
    with source.open(encoding="utf-8") as lines:
        for line in lines:
            word, count, tag = line.split()
            entries[word] = DictEntry(int(count), tag)
    return entries
