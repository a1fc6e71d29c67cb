"""The page's views in headless Chromium: network blocked and no system CJK font installed."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Browser, Page, Route, sync_playwright
from rdflib import Graph

from orggraph.outputs.html.chromium import CHROMIUM, CHROMIUM_ARGS
from orggraph.rdf.namespace import GEO
from tests.conftest import SeedsBuild

pytestmark = pytest.mark.browser

#: Fontconfig that sees only Latin fonts, so any CJK glyph must come from the page's own font.
FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>{cache}</cachedir></fontconfig>
"""


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
    folder = tmp_path_factory.mktemp("fontconfig")
    conf = folder / "fonts.conf"
    conf.write_text(FONTS_CONF.format(cache=folder / "cache"), encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS), env=env
        )
        yield browser
        browser.close()


def _block(route: Route, blocked: list[str]) -> None:
    if route.request.url.startswith(("file:", "data:", "blob:")):
        route.continue_()
    else:
        blocked.append(route.request.url)
        route.abort()


@pytest.fixture()
def opened(browser: Browser, seeds_build: SeedsBuild) -> Iterator[tuple[Page, list[str]]]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    blocked: list[str] = []
    errors: list[str] = []
    context.route("**/*", lambda route: _block(route, blocked))
    page = context.new_page()
    page.on("pageerror", lambda err: errors.append(str(err)))
    yield page, blocked
    context.close()
    assert not errors
    assert not blocked


def goto(page: Page, out: Path, fragment: str = "") -> None:
    page.goto((out / "graph.html").resolve().as_uri() + fragment)
    page.wait_for_function("window.orggraph && window.orggraph.ready", timeout=30000)
    page.wait_for_function("document.body.dataset.view !== undefined")


def test_table_sorts_by_value_and_downloads_the_same_rows(opened, seeds_build, tmp_path):  # type: ignore[no-untyped-def]
    page, _ = opened
    goto(page, seeds_build.out, "#view=table&tab=metrics")
    page.click("#table th[data-key=value]")
    values = page.eval_on_selector_all(
        "#table tbody tr", "rows => rows.map(r => r.children[3].textContent)"
    )
    numbers = [float(v.replace(",", "")) for v in values]
    assert numbers == sorted(numbers, reverse=True) and len(numbers) > 100
    assert "sort=value" in page.evaluate("location.hash")
    with page.expect_download() as info:
        page.click("#table-csv")
    path = tmp_path / "metrics.csv"
    info.value.save_as(path)
    frame = pd.read_csv(path, encoding="utf-8-sig")
    assert len(frame) == len(numbers)
    assert frame["value"].tolist() == numbers
    measures = page.eval_on_selector_all(
        "#table tbody tr", "rows => rows.map(r => r.children[2].textContent)"
    )
    assert frame["measure"].fillna("").tolist() == measures


def test_table_filter_narrows_rows(opened, seeds_build):  # type: ignore[no-untyped-def]
    page, _ = opened
    goto(page, seeds_build.out, "#view=table&tab=links")
    before = page.locator("#table tbody tr").count()
    page.fill("#table-filter", "一村多名")
    after = page.locator("#table tbody tr").count()
    assert 0 < after < before


def test_diffusion_lists_a_program_with_its_cities(opened, seeds_build):  # type: ignore[no-untyped-def]
    page, _ = opened
    goto(page, seeds_build.out, "#view=diffusion")
    row = page.locator("#diffusion tr[data-program='一村多名大学生计划']")
    places = set(row.locator(".chip button").all_inner_texts())
    assert places == {"十堰市", "仙桃市", "孝感市"}
    page.select_option("#diffusion-kind", "Campaign")
    kinds = page.locator("#diffusion tbody td:nth-child(2)")
    assert kinds.count() > 0
    assert all("campaign" in k for k in kinds.all_inner_texts())


def test_map_shows_every_place_with_coordinates(opened, seeds_build):  # type: ignore[no-untyped-def]
    page, _ = opened
    goto(page, seeds_build.out, "#view=map")
    graph = Graph().parse(seeds_build.ttl)
    located = set(graph.subjects(GEO.lat, None))
    assert page.locator("#map .place").count() == len(located) > 0


def test_timeline_and_reader(opened, seeds_build):  # type: ignore[no-untyped-def]
    page, _ = opened
    goto(page, seeds_build.out, "#view=timeline")
    years = page.eval_on_selector_all(".year-row", "rows => rows.map(r => r.dataset.year)")
    assert years == sorted(years) and "2021" in years
    goto(page, seeds_build.out, "#view=reader")
    marks = page.locator("#reader mark")
    assert marks.count() > 20
    title = marks.first.get_attribute("title") or ""
    assert "[" in title and ":" in title  # offsets shown


def test_deep_link_reopens_the_selection(opened, seeds_build, browser):  # type: ignore[no-untyped-def]
    page, _ = opened
    goto(page, seeds_build.out)
    page.fill("#search", "怀化市")
    page.locator("#results button", has_text="怀化市").first.click()
    link = page.url
    assert "node=place" in link
    other = browser.new_page()
    try:
        other.goto(link)
        other.wait_for_function("window.orggraph && window.orggraph.ready", timeout=30000)
        other.wait_for_selector("#panel:not([hidden])")
        assert other.inner_text("#panel-title") == "怀化市"
    finally:
        other.close()


def test_search_finds_traditional_forms_and_admin_codes(opened, seeds_build):  # type: ignore[no-untyped-def]
    page, _ = opened
    goto(page, seeds_build.out)
    for query, expected in (("懷仁", "怀仁市"), ("431200", "怀化市"), ("huaihua", "怀化市")):
        page.fill("#search", query)
        page.wait_for_function(
            "([q, name]) => document.getElementById('search').value === q &&"
            " [...document.querySelectorAll('#results .name')].some(n => n.textContent === name)",
            arg=[query, expected],
            timeout=5000,
        )


def test_copy_citation_names_file_offsets_and_quote(opened, seeds_build):  # type: ignore[no-untyped-def]
    page, _ = opened
    goto(page, seeds_build.out, "#view=table&tab=metrics")
    page.locator("#table button.cite").first.click()
    text = page.evaluate("window.ogui.lastCopied")
    assert ".txt [" in text and "“" in text


def _shot(page: Page, text: str, family: str) -> bytes:
    page.evaluate(
        """([text, family]) => {
            let probe = document.getElementById('probe');
            if (!probe) {
              probe = document.createElement('span');
              probe.id = 'probe';
              probe.style.cssText = 'position:fixed;left:10px;top:120px;z-index:99;' +
                'background:#fff;color:#000;font-size:48px;padding:4px';
              document.body.append(probe);
            }
            probe.style.fontFamily = family;
            probe.textContent = text;
        }""",
        [text, family],
    )
    return page.locator("#probe").screenshot()


def test_labels_render_as_cjk_glyphs_not_tofu(opened, seeds_build):  # type: ignore[no-untyped-def]
    page, _ = opened
    goto(page, seeds_build.out)
    page.evaluate("document.fonts.ready")
    page.screenshot()
    # Without the page's font the machine shows boxes: two different labels look the same.
    missing = "'No Such Font', sans-serif"
    assert _shot(page, "怀化市", missing) == _shot(page, "仙桃市", missing)
    # With it, the same labels are distinct glyphs, and not the boxes.
    family = "'OrgGraph CJK', sans-serif"
    huaihua, xiantao = _shot(page, "怀化市", family), _shot(page, "仙桃市", family)
    assert huaihua != xiantao
    assert huaihua != _shot(page, "怀化市", missing)
    width = page.evaluate(
        "() => { const c = document.createElement('canvas').getContext('2d');"
        " c.font = \"40px 'OrgGraph CJK'\"; return c.measureText('怀化市').width; }"
    )
    assert width > 100  # full-width glyphs drawn by the graph canvas too
