"""Townships, villages and former names below/around the county level (orggraph.resources)."""

from __future__ import annotations

import hashlib
import re
from importlib.resources import files

import pytest

from orggraph.resources import formernames, localplaces
from orggraph.resources.localplaces import find_township, find_village, stem, townships, villages

DATA = files("orggraph.resources") / "data"
XUPU = "431224"  # 溆浦县
HUARONG = "430821"  # 华容县 (also has a 茅坡村)


def test_maopo_is_under_beidouxi() -> None:
    found = find_village(XUPU, "茅坡村")
    assert len(found) == 1
    village = found[0]
    town = find_township(XUPU, "北斗溪镇")
    assert town is not None and town.code.startswith(XUPU) and len(town.code) == 9
    assert village.township == town.code
    assert village.kind == "village"
    assert village.key == f"{town.code}/茅坡村"
    assert village in villages(town.code)


@pytest.mark.parametrize("name", ["北斗溪乡", "北斗溪镇", "北斗溪"])
def test_township_by_name_or_stem(name: str) -> None:
    town = find_township(XUPU, name)
    assert town is not None
    assert (town.name, town.name_2019, town.kind) == ("北斗溪镇", "北斗溪乡", "town")


@pytest.mark.parametrize(
    ("county", "name", "current"),
    [(XUPU, "思蒙乡", "思蒙镇"), ("140681", "云中镇", "云中街道")],
)
def test_stem_matching_across_suffixes(county: str, name: str, current: str) -> None:
    town = find_township(county, name)
    assert town is not None and town.name == current


@pytest.mark.parametrize(
    ("county", "expected"),
    [(XUPU, "北斗溪镇"), (HUARONG, None), ("110101", None)],
)
def test_same_village_name_in_different_counties(county: str, expected: str | None) -> None:
    found = find_village(county, "茅坡")
    if county == "110101":
        assert found == ()
        return
    assert len(found) == 1
    assert found[0].county == county
    if expected:
        assert localplaces.township(found[0].township).name == expected  # type: ignore[union-attr]
    assert {v.township for v in find_village(XUPU, "茅坡")}.isdisjoint(
        {v.township for v in find_village(HUARONG, "茅坡")}
    )


def test_village_search_within_a_township() -> None:
    town = find_township(XUPU, "北斗溪镇")
    other = find_township(XUPU, "卢峰镇")
    assert town and other
    assert len(find_village(XUPU, "茅坡", town.code)) == 1
    assert find_village(XUPU, "茅坡", other.code) == ()
    assert find_village(HUARONG, "茅坡", town.code) == ()


def test_ambiguous_village_returns_all_candidates() -> None:
    counts: dict[str, int] = {}
    for town in townships(XUPU):
        for village in villages(town.code):
            counts[village.name] = counts.get(village.name, 0) + 1
    name = next(n for n, c in sorted(counts.items()) if c > 1)
    found = find_village(XUPU, name)
    assert len(found) == counts[name] > 1
    assert len({v.key for v in found}) == len(found)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("北斗溪乡", "北斗溪"),
        ("北斗溪镇", "北斗溪"),
        ("东华门街道", "东华门"),
        ("长营回族乡", "长营"),
        ("牛场苗族彝族乡", "牛场"),
        ("茅坡村", "茅坡"),
        ("茅坡村村委会", "茅坡"),
        ("新兴社区居委会", "新兴"),
        ("巴彦芒哈嘎查", "巴彦芒哈"),
        ("茅坡", "茅坡"),
    ],
)
def test_stem(name: str, expected: str) -> None:
    assert stem(name) == expected


@pytest.mark.parametrize(
    ("raw", "name", "kind"),
    [
        ("茅坡村村委会", "茅坡村", "village"),
        ("梅尖村民委员会", "梅尖村", "village"),
        ("新兴社区居委会", "新兴社区", "community"),
        ("北关居委会", "北关", "community"),
        ("锦桥社区", "锦桥社区", "community"),
    ],
)
def test_committee_names(raw: str, name: str, kind: str) -> None:
    assert localplaces.committee_name(raw) == (name, kind)


def test_unknown_county_is_empty() -> None:
    assert townships("999999") == ()
    assert find_township("999999", "北斗溪镇") is None
    assert find_village("999999", "茅坡") == ()


def test_every_township_code_extends_its_county() -> None:
    for county in localplaces.counties()[::50]:
        for town in townships(county):
            assert town.code[:6] == county and len(town.code) == 9 and town.code.isdigit()


def test_every_stem_starts_its_name() -> None:
    """Look-ups skip a county whose rows do not contain the name or its stem: that is only
    sound while a stem is the start of the name it comes from."""
    for county in localplaces.counties()[::40]:
        for town in townships(county):
            assert town.name.startswith(stem(town.name))
            for village in villages(town.code):
                assert village.name.startswith(village.stem)


def test_a_name_absent_from_the_county_finds_nothing_before_decoding() -> None:
    county = localplaces.counties()[7]
    made_up = "甲乙丙丁戊己村"
    assert (
        find_village(county, made_up) == () and localplaces.townships_named(county, "庚辛镇") == ()
    )


@pytest.mark.parametrize("name", ["localplaces.tsv.gz", "former_names.tsv", "place_suffixes.tsv"])
def test_data_hash_matches_source_record(name: str) -> None:
    source = name.split(".")[0] + ".SOURCE.md"
    text = (DATA / source).read_text(encoding="utf-8")
    if name == "place_suffixes.tsv":
        assert "place_suffixes.tsv" in text
        return
    recorded = re.search(r"sha256: `([0-9a-f]{64})`", text)
    assert recorded is not None
    assert hashlib.sha256((DATA / name).read_bytes()).hexdigest() == recorded.group(1)


@pytest.mark.parametrize(
    ("name", "year", "adcode"),
    [
        ("怀仁县", None, "140681"),
        ("襄樊市", None, "420600"),
        ("莱芜市", None, "370116"),
        ("通县", None, "110112"),
        ("蓟县", None, "120119"),
        ("思茅市", 2005, "530800"),
        ("思茅市", 1995, "530802"),
        ("思茅市", None, None),  # two divisions bore the name
        ("北京市", None, None),  # a current name, not a former one
    ],
)
def test_former_names(name: str, year: int | None, adcode: str | None) -> None:
    assert formernames.current_for_former(name, year) == adcode
