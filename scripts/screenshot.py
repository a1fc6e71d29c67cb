"""Screenshot an orggraph page in headless Chromium (Debian's, no network).

    uv run python scripts/screenshot.py [--graph out/graph.ttl | --seeds seeds] \
        [--html PAGE] [--select NAME] --out docs/graph.png

With --seeds the seeds are built first; with --select the named node is clicked so the
side panel shows its evidence.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Route, sync_playwright
from rdflib import Graph

from orggraph.outputs.html.chromium import CHROMIUM, CHROMIUM_ARGS
from orggraph.outputs.html.render import render_html


def _block(route: Route) -> None:
    if route.request.url.startswith(("file:", "data:")):
        route.continue_()
    else:
        route.abort()


def shoot(
    page_path: Path,
    out: Path,
    select: str | None,
    search: str | None,
    focus: str | None,
    scale: float | None,
) -> None:
    """Load ``page_path``, optionally search and select a node, and save a PNG."""
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
        page = browser.new_page(viewport={"width": 1600, "height": 1000}, device_scale_factor=1)
        page.route("**/*", _block)
        page.goto(page_path.resolve().as_uri())
        page.wait_for_function("window.orggraph && window.orggraph.ready")
        if focus:
            ids = page.evaluate("name => window.orggraph.findIds(name)", focus)
            page.select_option("#place-filter", value=str(ids[0]))
        if search:
            page.fill("#search", search)
            page.wait_for_selector("#results button")
        if select:
            ids = page.evaluate("name => window.orggraph.findIds(name)", select)
            if ids:
                page.evaluate("id => window.orggraph.select(id, {focus: false})", ids[0])
                if scale:
                    page.evaluate(
                        "([id, s]) => window.orggraph.network.focus("
                        "id, {scale: s, offset: {x: -200, y: 0}})",
                        [ids[0], scale],
                    )
        page.wait_for_timeout(300)
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out))
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--graph", type=Path, help="Turtle graph to render")
    source.add_argument("--seeds", type=Path, help="folder of reports to build first")
    source.add_argument("--html", type=Path, help="an already rendered page")
    parser.add_argument("--select", help="label of a node to select")
    parser.add_argument("--search", help="text to type into the search box")
    parser.add_argument("--scale", type=float, help="zoom on the selected node")
    parser.add_argument("--focus", help="label of a place to show alone with its neighbourhood")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        page = args.html
        graph_path = args.graph
        if args.seeds:
            subprocess.run(
                [sys.executable, "-m", "orggraph.cli", "build", str(args.seeds), "--out", tmp],
                check=True,
            )
            graph_path = Path(tmp) / "graph.ttl"
        if page is None:
            page = Path(tmp) / "graph.html"
            render_html(Graph().parse(graph_path), page, title="orggraph · seeds")
        shoot(page, args.out, args.select, args.search, args.focus, args.scale)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
