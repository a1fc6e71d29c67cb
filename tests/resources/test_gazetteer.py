"""The national gazetteer: codes, levels, parent chains, short names, capitals, nicknames."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orggraph.records import PlaceLevel
from orggraph.resources.gazetteer import load_gazetteer, local_level, local_place

GAZ = load_gazetteer()
KEYS = sorted(GAZ.places)
RANK = {PlaceLevel.PROVINCE: 0, PlaceLevel.PREFECTURE: 1, PlaceLevel.COUNTY: 2}


def only(name: str, province: str | None = None):
    found = [p for p in GAZ.named(name) if province is None or p.key.startswith(province)]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("name", "level", "parent"),
    [
        ("怀仁市", "county", "朔州市"),
        ("潜江市", "county", "湖北省"),  # 省直辖县级行政单位
        ("神农架林区", "county", "湖北省"),
        ("北京市", "province", None),  # 直辖市
        ("呼和浩特市", "prefecture", "内蒙古自治区"),
        ("锡林郭勒盟", "prefecture", "内蒙古自治区"),
        ("恩施土家族苗族自治州", "prefecture", "湖北省"),
        ("南湖区", "county", "嘉兴市"),
    ],
)
def test_levels_and_parents(name: str, level: str, parent: str | None) -> None:
    place = only(name)
    assert place.level == level
    assert (GAZ.get(place.parent).name if place.parent else None) == parent  # type: ignore[union-attr]


def test_municipal_districts_hang_under_the_municipality() -> None:
    chaoyang = only("朝阳区", "11")
    assert [p.name for p in GAZ.chain(chaoyang.key)] == ["朝阳区", "北京市"]


def test_county_chain_reaches_the_province() -> None:
    assert [p.name for p in GAZ.chain(only("怀仁市").key)] == ["怀仁市", "朔州市", "山西省"]


@settings(max_examples=200)
@given(st.sampled_from(KEYS))
def test_every_chain_is_complete_and_ordered(key: str) -> None:
    chain = list(GAZ.chain(key))
    assert chain[-1].level == PlaceLevel.PROVINCE
    assert chain[-1].key == key[:2] + "0000"
    assert all(RANK[a.level] > RANK[b.level] for a, b in itertools.pairwise(chain))
    assert len(key) == 6 and key.isdigit()


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("内蒙古自治区", "内蒙古"),
        ("广西壮族自治区", "广西"),
        ("恩施土家族苗族自治州", "恩施"),
        ("神农架林区", "神农架"),
        ("万柏林区", "万柏林"),
        ("湖南省", "湖南"),
    ],
)
def test_short_names(name: str, short: str) -> None:
    assert GAZ.short(only(name).key) == short


def test_capitals_are_prefectures_of_their_province() -> None:
    for province, capital in GAZ.capitals.items():
        assert GAZ.places[capital].level == PlaceLevel.PREFECTURE
        assert GAZ.within(capital, province)
    assert GAZ.capital_of(only("包头市").key) == only("呼和浩特市")


def test_nicknames_resolve_to_known_places() -> None:
    assert [GAZ.places[k].name for k in GAZ.nicknames["北上广深"].places] == [
        "北京市",
        "上海市",
        "广州市",
        "深圳市",
    ]
    assert not GAZ.nicknames["青城"].group


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("茶园村", PlaceLevel.VILLAGE),
        ("东风社区", PlaceLevel.COMMUNITY),
        ("城关镇", PlaceLevel.TOWNSHIP),
        ("滨江街道", PlaceLevel.TOWNSHIP),
        ("湘江新区", PlaceLevel.COUNTY),
        ("村", None),
    ],
)
def test_local_levels(name: str, level: PlaceLevel | None) -> None:
    assert local_level(name) == level


def test_local_place_key_hangs_under_parent() -> None:
    town = local_place(only("浏阳市"), "大瑶镇", PlaceLevel.TOWNSHIP)
    village = local_place(town, "南阳村", PlaceLevel.VILLAGE)
    assert village.key == f"{only('浏阳市').key}/大瑶镇/南阳村"
    assert village.parent == town.key and village.adcode is None
