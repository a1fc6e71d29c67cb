"""The graph page in a real headless Chromium, with every network request blocked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, sync_playwright
from rdflib import Graph

from orggraph.outputs.html import render_html
from orggraph.outputs.html.chromium import CHROMIUM, CHROMIUM_ARGS, MISSING
from orggraph.outputs.html.project import project
from tests.html_fixtures import HOSTILE_PROGRAM, HOSTILE_QUOTE, HOSTILE_TITLE, sample_graph

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(MISSING)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
        yield browser
        browser.close()


class Opened:
    """A loaded page, the requests it tried to send off the machine, and its errors."""

    def __init__(self, browser: Browser, path: Path) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page: Page = self.context.new_page()
        self.page.on("pageerror", lambda err: self.errors.append(str(err)))
        self.page.on("request", self._request)
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function("window.orggraph && window.orggraph.ready", timeout=15000)

    def _request(self, request) -> None:
        if not request.url.startswith(("file:", "data:")):
            self.blocked.append(request.url)

    def _route(self, route: Route) -> None:
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def search(self, text: str) -> None:
        self.page.fill("#search", text)
        self.page.wait_for_selector("#results button")

    def close(self) -> None:
        self.context.close()


def open_graph(browser: Browser, graph: Graph, tmp: Path, title: str = "orggraph") -> Opened:
    out = tmp / "graph.html"
    render_html(graph, out, title=title)
    return Opened(browser, out)


def test_hostile_labels_are_text_and_nothing_runs(browser: Browser, tmp_path: Path):
    graph = sample_graph(hostile=True)
    opened = open_graph(browser, graph, tmp_path, title=HOSTILE_TITLE)
    page = opened.page
    try:
        projected = project(graph)
        assert page.evaluate("window.orggraph.counts()") == {
            "nodes": projected.number_of_nodes(),
            "edges": projected.number_of_edges(),
        }
        assert page.title() == HOSTILE_TITLE
        opened.search("<img")
        result = page.locator("#results button", has_text="onerror")
        assert result.inner_text().startswith(HOSTILE_PROGRAM)
        result.click()
        assert page.inner_text("#panel-title") == HOSTILE_PROGRAM
        evidence = page.inner_text("#panel-evidence")
        assert HOSTILE_QUOTE.replace("\u2028", "") in evidence.replace("\u2028", "")
        assert f"《{HOSTILE_TITLE}》" in evidence
        opened.search("<script>")
        page.locator("#results button", has_text="文献").click()
        assert page.inner_text("#panel-title") == HOSTILE_TITLE
        assert page.locator("img").count() == 0
        assert page.locator("script").count() == 6
        assert page.evaluate("window.__pwned") is None
        assert opened.errors == []
        assert opened.blocked == []
    finally:
        opened.close()


def test_filters_focus_and_metrics(browser: Browser, tmp_path: Path):
    opened = open_graph(browser, sample_graph(), tmp_path)
    page = opened.page
    try:
        first = page.evaluate("window.orggraph.visibleCounts()")
        assert first["nodes"] == 8  # places, programs, document: no metric, no article
        page.uncheck("input[data-cls=program]")
        assert page.evaluate("window.orggraph.visibleCounts()")["nodes"] == 6
        page.check("input[data-cls=program]")
        page.select_option("#place-filter", label="\u3000杭州市")
        shown = page.evaluate(
            "[...window.orggraph.network.body.data.nodes.getIds()]"
            ".map(id => window.orggraph.network.body.data.nodes.get(id).label)"
        )
        assert sorted(shown) == sorted(["杭州市", "浙江省", "红色根脉强基工程"])
        page.select_option("#place-filter", value="")
        opened.search("潜江")
        page.locator("#results button", has_text="潜江市").click()
        button = page.locator("#panel-actions button.metrics")
        assert "(1)" in button.inner_text()
        button.click()
        assert page.evaluate("window.orggraph.visibleCounts()")["nodes"] == 9
        assert opened.blocked == []
        assert opened.errors == []
    finally:
        opened.close()


def test_seeds_page_search_and_click_shows_evidence(
    browser: Browser, seeds_graph: Graph, tmp_path: Path
):
    projected = project(seeds_graph)
    opened = open_graph(browser, seeds_graph, tmp_path)
    page = opened.page
    try:
        assert page.evaluate("window.orggraph.counts()") == {
            "nodes": projected.number_of_nodes(),
            "edges": projected.number_of_edges(),
        }
        opened.search("潜江")
        page.locator("#results button", has_text="潜江").first.click()
        ids = page.evaluate("window.orggraph.findIds('双报到双服务')")
        assert len(ids) == 1
        pos = page.evaluate("id => window.orggraph.domPosition(id)", ids[0])
        page.mouse.click(pos["x"], pos["y"])
        assert page.inner_text("#panel-title") == "双报到双服务"
        program = next(n for n, d in projected.nodes(data=True) if d["label"] == "双报到双服务")
        quotes = {e.quote for e in projected.nodes[program]["evidence"]}
        assert quotes
        shown = page.inner_text("#panel-evidence")
        assert all(" ".join(q.split()) in " ".join(shown.split()) for q in quotes)
        assert opened.blocked == []
        assert opened.errors == []
    finally:
        opened.close()
