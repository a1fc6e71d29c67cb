"""Sample programs and documents of a built graph for a hand audit (docs/audits/programs.md).

usage: uv run python scripts/audit_programs.py BUILD/graph.ttl OUT.md [--programs 100]
       [--documents 50] [--seed 12]
A sample unit is one distinct name in one article (a program or document node × an article
mentioning it), so a name repeated in one article counts once, as a researcher counts it. Each
row shows the label, the head noun or kind, the rule and the first evidence sentence in that
article; the verdict column is left for the reader.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

OG = "https://w3id.org/orggraph/ontology#"
QUOTE_MAX = 110


def _first_evidence(graph: Graph) -> dict[tuple[URIRef, URIRef], tuple[int, str, str, int]]:
    """(node, article) → (mention start, rule, quote, mention offset in quote) of its first one."""
    about, article = URIRef(OG + "about"), URIRef(OG + "article")
    first: dict[tuple[URIRef, URIRef], tuple[int, str, str, int]] = {}
    for ev in graph.subjects(RDF.type, URIRef(OG + "Evidence")):
        node, art = graph.value(ev, about), graph.value(ev, article)
        if not isinstance(node, URIRef) or not isinstance(art, URIRef):
            continue
        start = int(graph.value(ev, URIRef(OG + "mentionStart")) or 0)
        sentence = int(graph.value(ev, URIRef(OG + "start")) or 0)
        key = (node, art)
        if key not in first or start < first[key][0]:
            rule = str(graph.value(ev, URIRef(OG + "rule")) or "")
            quote = str(graph.value(ev, URIRef(OG + "quote")) or "")
            first[key] = (start, rule, quote, start - sentence)
    return first


def _clip(quote: str, at: int) -> str:
    """The quote, cut around the mention when long; pipes escaped for a Markdown table."""
    if len(quote) > QUOTE_MAX:
        lo = max(0, at - QUOTE_MAX // 2)
        quote = ("…" if lo else "") + quote[lo : lo + QUOTE_MAX] + "…"
    return quote.replace("|", "\\|").replace("\n", " ")


def _rows(graph: Graph, kind: str, first: dict) -> list[dict[str, str]]:
    files = {
        a: str(graph.value(a, URIRef(OG + "sourceFile")))
        for a in graph.subjects(RDF.type, URIRef(OG + "Article"))
    }
    rows = []
    for node in sorted(graph.subjects(RDF.type, URIRef(OG + kind))):
        label = str(graph.value(node, RDFS.label))
        if kind == "Program":
            extra = str(graph.value(node, URIRef(OG + "headNoun")) or "-")
        else:
            types = {str(t).removeprefix(OG) for t in graph.objects(node, RDF.type)}
            extra = ",".join(sorted(types - {"Document"})) or "-"
        for art in sorted(graph.objects(node, URIRef(OG + "mentionedIn"))):
            _, rule, quote, at = first.get((node, art), (0, "", "", 0))
            rows.append(
                {
                    "label": label,
                    "extra": extra,
                    "article": files.get(art, "?").removesuffix(".txt"),
                    "rule": rule,
                    "quote": _clip(quote, at),
                }
            )
    return rows


def _table(title: str, rows: list[dict[str, str]], extra: str) -> str:
    lines = [
        f"| # | label | {extra} | article | rule | evidence | verdict |",
        "|---|---|---|---|---|---|---|",
    ]
    for i, r in enumerate(rows, 1):
        cells = [str(i), r["label"], r["extra"], r["article"], r["rule"], r["quote"], ""]
        lines.append("| " + " | ".join(cells) + " |")
    return f"{title}\n\n" + "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("graph", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--programs", type=int, default=100)
    parser.add_argument("--documents", type=int, default=50)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    graph = Graph().parse(args.graph)
    first = _first_evidence(graph)
    programs = _rows(graph, "Program", first)
    documents = _rows(graph, "Document", first)
    rng = random.Random(args.seed)
    p_sample = rng.sample(programs, min(args.programs, len(programs)))
    d_sample = rng.sample(documents, min(args.documents, len(documents)))
    text = _table(f"programs: {len(programs)} (program × article)", p_sample, "head")
    text += "\n" + _table(f"documents: {len(documents)} (document × article)", d_sample, "kind")
    args.out.write_text(text, encoding="utf-8")
    print(len(programs), "program × article;", len(documents), "document × article")


if __name__ == "__main__":
    main()
