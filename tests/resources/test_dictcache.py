"""The per-machine cache of jieba's dictionary parse gives what parsing the file gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from orggraph.resources import dictcache

LINES = ["甲乙丙 30 n\n", "甲乙 5 v\n", "丁 2 m\n", "甲乙 7 vn\n", "戊己庚辛 1 ns\n"]


@pytest.fixture
def source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = tmp_path / "dict.txt"
    path.write_text("".join(LINES), encoding="utf-8")
    return path


def test_parse_keeps_the_last_line_of_a_word_and_lists_prefixes() -> None:
    parsed = dictcache.parse(LINES)
    assert parsed.words == ["甲乙丙", "甲乙", "丁", "戊己庚辛"]
    assert parsed.freqs == [30, 7, 2, 1]
    assert parsed.tags == ["n", "vn", "m", "ns"]
    assert parsed.prefixes == ["甲", "戊", "戊己", "戊己庚"]  # 甲乙 is a word itself


def test_one_value_per_key_packs_frequency_and_tag() -> None:
    parsed = dictcache.parse(LINES)
    assert parsed.keys == [*parsed.words, *parsed.prefixes]
    value = dict(zip(parsed.keys, parsed.values, strict=True))
    assert value["甲"] == 0  # a mere prefix
    assert value["甲乙"] >> dictcache.TAG_BITS == 7
    assert parsed.tag_names[value["甲乙"] & dictcache.TAG_MASK] == "vn"
    assert parsed.total == 30 + 7 + 2 + 1


def test_a_word_without_frequency_is_refused() -> None:
    with pytest.raises(ValueError, match="frequency"):
        dictcache.parse(["甲乙 0 n\n"])


def test_cached_parse_equals_the_file_parse(source: Path) -> None:
    first = dictcache.load(source)
    assert dictcache.cache_file(source).is_file()
    assert dictcache.load(source) == first == dictcache.parse(LINES)


def test_a_changed_dictionary_is_parsed_again(source: Path) -> None:
    dictcache.load(source)
    source.write_text("".join(LINES) + "壬癸 9 nz\n", encoding="utf-8")
    assert dictcache.load(source).words[-1] == "壬癸"


def test_a_damaged_cache_file_is_rebuilt(source: Path) -> None:
    dictcache.load(source)
    dictcache.cache_file(source).write_bytes(b"\x00not a cache")
    assert dictcache.load(source) == dictcache.parse(LINES)


def test_an_unwritable_cache_folder_still_gives_the_parse(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file where the folder would go
    assert dictcache.load(source) == dictcache.parse(LINES)
