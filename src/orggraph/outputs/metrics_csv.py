"""Flat exports of extracted facts for spreadsheets and data frames."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from orggraph.outputs.atomic import open_atomic
from orggraph.records import ArticleFacts

METRIC_COLUMNS = (
    "article",
    "place",
    "program",
    "measure",
    "value",
    "unit",
    "year",
    "approximate",
    "change",
    "evidence",
)


# A spreadsheet reads a cell starting with one of these as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_TEXT_COLUMNS = ("article", "place", "program", "measure", "unit", "evidence")


def spreadsheet_safe(cell: str) -> str:
    """A text cell a spreadsheet shows as text: controls dropped, formula starts quoted (')."""
    cell = _CONTROLS.sub("", cell)
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def metric_rows(article: ArticleFacts) -> Iterator[dict[str, str]]:
    """One row per metric of ``article``, in text order, every cell a string.

    Text cells are made spreadsheet-safe (``spreadsheet_safe``); numbers are written as is.
    """
    for row in _raw_rows(article):
        yield {k: spreadsheet_safe(v) if k in _TEXT_COLUMNS else v for k, v in row.items()}


def _raw_rows(article: ArticleFacts) -> Iterator[dict[str, str]]:
    names = {p.key: p.name for p in article.places}
    source = article.source
    for m in sorted(article.metrics, key=lambda m: (m.evidence.start, m.evidence.end)):
        ev = m.evidence
        yield {
            "article": source.source_file,
            "place": names.get(m.place, m.place) if m.place else "",
            "program": m.program or "",
            "measure": m.measure or "",
            "value": format(m.value, "f"),
            "unit": m.unit,
            "year": m.year or "",
            "approximate": str(m.approximate).lower(),
            "change": str(m.change).lower(),
            "evidence": source.quote(ev.sentence_start, ev.sentence_end).strip(),
        }


def write_metrics_csv(articles: Sequence[ArticleFacts], path: Path) -> None:
    """Write every metric of ``articles`` to a UTF-8 CSV at ``path``, atomically."""
    with open_atomic(Path(path), newline="") as out:
        writer = csv.DictWriter(out, fieldnames=METRIC_COLUMNS)
        writer.writeheader()
        for article in articles:
            writer.writerows(metric_rows(article))
