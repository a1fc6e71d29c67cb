"""Benchmark the graph page on a generated graph (default 10,000 nodes) in headless Chromium.

    uv run python scripts/bench_html.py [--nodes 10000] [--keep PAGE]

Prints the time to generate, project + lay out + render, and to load the page until it
is interactive (first drawing done), then the time a search and a selection take.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from playwright.sync_api import sync_playwright
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from orggraph.outputs.html import render_html
from orggraph.outputs.html.chromium import CHROMIUM, CHROMIUM_ARGS
from orggraph.rdf.namespace import ID, OG

SYLLABLES = "安宝昌东丰福光和华佳江金康乐林龙明宁平青清泉瑞山顺泰同文新兴阳永玉元长正中"
PROGRAM_HEADS = ("工程", "行动", "计划", "机制", "工作法", "模式", "品牌")
LEVELS = (
    (OG.Province, "省", 10),
    (OG.Prefecture, "市", 8),
    (OG.County, "县", 8),
    (OG.Township, "镇", 2),
)


class Generator:
    """A random graph following the ontology contract."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.g = Graph()
        self.count = 0
        self.evidence = 0

    def name(self, n: int) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(n))

    def entity(self, kind: str, cls: URIRef, label: str) -> URIRef:
        self.count += 1
        node = ID[f"{kind}/{self.count}"]
        self.g.add((node, RDF.type, cls))
        self.g.add((node, RDFS.label, Literal(label, lang="zh-Hans")))
        return node

    def cite(self, about: URIRef, article: URIRef, quote: str) -> None:
        self.evidence += 1
        ev = ID[f"evidence/{self.evidence}"]
        for p, o in (
            (RDF.type, OG.Evidence),
            (OG.about, about),
            (OG.article, article),
            (OG.quote, Literal(quote)),
            (OG.start, Literal(0, datatype=XSD.integer)),
            (OG.end, Literal(len(quote), datatype=XSD.integer)),
            (OG.rule, Literal("bench.generated")),
        ):
            self.g.add((ev, p, o))

    def places(self) -> list[URIRef]:
        out: list[URIRef] = []
        parents: list[URIRef | None] = [None]
        for cls, suffix, fan in LEVELS:
            level: list[URIRef] = []
            for parent in parents:
                for _ in range(fan):
                    place = self.entity("place", cls, self.name(2) + suffix)
                    if parent is not None:
                        self.g.add((place, OG.partOf, parent))
                    level.append(place)
            out.extend(level)
            parents = list(level)
        return out

    def build(self, total: int) -> Graph:
        places = self.places()
        local = [p for p in places if (p, RDF.type, OG.Province) not in self.g]
        articles = []
        for i in range(total // 25):
            art = self.entity("article", OG.Article, f"报道{i}")
            self.g.add((art, OG.sourceFile, Literal(f"{i:05d}_bench.txt")))
            self.g.add((art, DCTERMS.title, Literal(self.name(4) + "推进基层党建")))
            self.g.add((art, OG.focus, self.rng.choice(local)))
            articles.append(art)
        programs: list[URIRef] = []
        while self.count < total:
            art = self.rng.choice(articles)
            place = self.rng.choice(local)
            roll = self.rng.random()
            if roll < 0.35:
                label = self.name(4) + self.rng.choice(PROGRAM_HEADS)
                node = self.entity("program", OG.Program, label)
                self.g.add((node, OG.implementedBy, place))
                programs.append(node)
            elif roll < 0.55:
                node = self.entity("document", OG.PolicyDocument, f"关于{self.name(4)}的意见")
                self.g.add((node, OG.issuedBy, place))
                label = f"《{self.name(4)}》"
            else:
                value = self.rng.randint(1, 5000)
                label = f"{self.name(2)}党员 {value} 名"
                node = self.entity("metric", OG.Metric, label)
                self.g.add((node, OG.value, Literal(Decimal(value))))
                self.g.add((node, OG.unit, Literal("名")))
                self.g.add((node, OG.place, place))
                if programs and self.rng.random() < 0.3:
                    self.g.add((node, OG.program, self.rng.choice(programs)))
            self.g.add((node, OG.mentionedIn, art))
            self.cite(node, art, f"{self.name(6)}，{label}，{self.name(8)}。")
        return self.g


def measure(page_path: Path) -> dict[str, float]:
    """Seconds to interactive, and to answer a search and a selection, in Chromium."""
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.route(
            "**/*",
            lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort(),
        )
        start = time.perf_counter()
        page.goto(page_path.resolve().as_uri())
        page.wait_for_function("window.orggraph && window.orggraph.ready", timeout=60000)
        ready = time.perf_counter() - start
        start = time.perf_counter()
        page.fill("#search", "工程")
        page.wait_for_selector("#results button")
        page.locator("#results button").first.click()
        page.wait_for_selector("#panel:not([hidden])")
        search = time.perf_counter() - start
        start = time.perf_counter()
        page.select_option("#place-filter", index=5)
        page.evaluate("window.orggraph.visibleCounts()")
        focus = time.perf_counter() - start
        browser.close()
    return {"interactive": ready, "search+select": search, "place focus": focus}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="also write the page here")
    args = parser.parse_args()
    start = time.perf_counter()
    graph = Generator(args.seed).build(args.nodes)
    print(f"generated   {len(graph):>8} triples          {time.perf_counter() - start:6.2f} s")
    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp) / "bench.html"
        start = time.perf_counter()
        summary = render_html(graph, out, title="orggraph bench")
        took = time.perf_counter() - start
        size = out.stat().st_size / 1e6
        counts = f"{summary.nodes:>8} nodes {summary.edges} edges {size:.1f} MB"
        print(f"rendered    {counts} {took:6.2f} s")
        for name, seconds in measure(out).items():
            print(f"chromium    {name:<24} {seconds:6.2f} s")


if __name__ == "__main__":
    main()
