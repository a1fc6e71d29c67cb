"""Sample metrics of a built corpus for a hand audit of their years (docs/audits/programs.md).

usage: uv run python scripts/audit_metrics.py BUILD/metrics.csv OUT.md [--seed N] [--size 100]
       [--context CORPUS_DIR]
The rows of metrics.csv are sorted by (article, sentence start, metric IRI) and ``size`` indexes
are drawn with ``random.Random(seed).sample``, the method of every metrics round. Each row shows
value and unit, measure, place, year and the sentence with the figure in bold; the verdict column
is left for the reader. With --context, the text before each sentence (to its paragraph's start
and the paragraph before) is written below the table to help judge the year.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

QUOTE_MAX = 110
CONTEXT = 400


def _figure_span(iri: str) -> tuple[int, int]:
    """The figure's offsets, the last two fields of its metric IRI (``…-0000348-0000353``)."""
    *_, start, end = iri.rsplit("-", 2)
    return int(start), int(end)


def _sorted_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    return sorted(rows, key=lambda r: (r["article"], int(r["start"]), r["metric_iri"]))


def _cell(row: dict[str, str]) -> str:
    """The sentence with the figure in bold, cut around it when long; pipes escaped."""
    quote, lo = row["evidence"], int(row["start"])
    start, end = (x - lo for x in _figure_span(row["metric_iri"]))
    text = f"{quote[:start]}**{quote[start:end]}**{quote[end:]}"
    if len(text) > QUOTE_MAX:
        cut = max(0, start - QUOTE_MAX // 2)
        text = ("…" if cut else "") + text[cut : cut + QUOTE_MAX] + "…"
    return text.replace("|", "\\|").replace("\n", " ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("metrics", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--context", type=Path, help="the corpus folder (texts of the articles)")
    args = parser.parse_args()
    rows = _sorted_rows(args.metrics)
    picked = random.Random(args.seed).sample(range(len(rows)), args.size)
    lines = [
        "| # | art. | value unit | measure | place | year | sentence (figure in bold) | verdict |",
        "|---|---|---|---|---|---|---|---|",
    ]
    notes = []
    for n, i in enumerate(picked, 1):
        r = rows[i]
        art = r["article"].split("_", 1)[0]
        cells = [str(n), art, f"{r['value']} {r['unit']}", r["measure"] or "—", r["place"] or "—"]
        lines.append("| " + " | ".join([*cells, r["year"] or "—", _cell(r), ""]) + " |")
        if args.context:
            text = (args.context / r["text_file"]).read_text(encoding="utf-8")
            lo = int(r["start"])
            before = text[max(0, lo - CONTEXT) : lo].replace("\n", " ⏎ ")
            head = f"### {n} {r['article']} year={r['year'] or '—'}"
            notes.append(f"{head}\n…{before}\n>> {_cell(r)}\n")
    args.out.write_text("\n".join(lines) + "\n\n" + "\n".join(notes), encoding="utf-8")


if __name__ == "__main__":
    main()
