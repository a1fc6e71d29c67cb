"""The query page of ``orggraph serve`` (YASGUI) in a real headless Chromium: it loads, runs a
named query against /query, and sends no request anywhere but the server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Route, sync_playwright

from orggraph.outputs.html.chromium import CHROMIUM, CHROMIUM_ARGS, MISSING
from tests.conftest import SeedsBuild
from tests.servers import free_port, orggraph, start, stop

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(seeds_build: SeedsBuild) -> Iterator[str]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start(orggraph("serve", str(seeds_build.out), "--port", str(port)), base + "/queries")
    yield base
    assert stop(proc) == 0


def test_the_yasgui_page_runs_a_named_query_with_no_outside_request(server: str) -> None:
    if not CHROMIUM.exists():
        pytest.fail(MISSING)
    outside: list[str] = []
    errors: list[str] = []

    def route(r: Route) -> None:
        if r.request.url.startswith(server + "/"):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
        try:
            context = browser.new_context()
            context.route("**/*", route)
            page = context.new_page()
            page.on("pageerror", lambda err: errors.append(str(err)))
            page.goto(server + "/")
            page.wait_for_selector(".yasqe .CodeMirror", timeout=20000)
            page.wait_for_selector("#named option[value=articles]", state="attached")
            page.select_option("#named", "articles")
            page.click(".yasqe_queryButton")
            page.wait_for_selector(".yasr td:has-text('003_ca8c1ac84218663f.txt')", timeout=20000)
        finally:
            browser.close()
    assert outside == [] and errors == []
