"""The page's embedded font: a WOFF subset covering exactly the characters shown."""

from __future__ import annotations

import io

from fontTools.ttLib import TTFont

from orggraph.outputs.html.font import _make_subset, font_path, woff


def test_subset_is_woff_with_the_characters_and_the_licence():
    path = font_path()
    assert path is not None
    data = _make_subset(path, "党建引领乡村振兴")
    font = TTFont(io.BytesIO(data))
    assert font.flavor == "woff"
    cmap = font.getBestCmap()
    assert {chr(c) for c in cmap} >= set("党建引领乡村振兴")
    assert len(cmap) < 100  # a subset, not the whole font
    assert any(n.nameID == 13 for n in font["name"].names)  # licence kept


def test_subset_is_deterministic():
    path = font_path()
    assert path is not None
    assert _make_subset(path, "村社区") == _make_subset(path, "村社区")


def test_woff_round_trips_every_table():
    path = font_path()
    assert path is not None
    plain = TTFont(io.BytesIO(_make_subset(path, "市")))
    plain.flavor = None
    buf = io.BytesIO()
    plain.save(buf)
    again = TTFont(io.BytesIO(woff(buf.getvalue())))
    assert sorted(again.keys()) == sorted(plain.keys())
    assert again.getBestCmap() == plain.getBestCmap()
