"""Flat exports of extracted facts for spreadsheets and data frames."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from orggraph.outputs.atomic import open_atomic
from orggraph.rdf.iri import metric_iri, place_iri
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
    # joins and citations: admin code, IRIs, the article, and where the quote is
    "adcode",
    "place_iri",
    "metric_iri",
    "article_title",
    "article_date",
    "source_file",
    "text_file",
    "start",
    "end",
)


# A spreadsheet reads a cell starting with one of these as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_TEXT_COLUMNS = ("article", "place", "program", "measure", "unit", "evidence", "article_title")


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
    codes = {p.key: p.adcode or "" for p in article.places}
    source = article.source
    for m in sorted(article.metrics, key=lambda m: (m.evidence.start, m.evidence.end)):
        ev = m.evidence
        quote = source.quote(ev.sentence_start, ev.sentence_end)
        start, end = source.original_span(ev.sentence_start, ev.sentence_end)
        start += len(quote) - len(quote.lstrip())
        end -= len(quote) - len(quote.rstrip())
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
            "evidence": quote.strip(),
            "adcode": codes.get(m.place, "") if m.place else "",
            "place_iri": str(place_iri(m.place)) if m.place else "",
            "metric_iri": str(metric_iri(source.sha256, *source.original_span(ev.start, ev.end))),
            "article_title": source.meta.title or "",
            "article_date": source.meta.issued or "",
            "source_file": source.source_file,
            "text_file": source.text_file,
            "start": str(start),
            "end": str(end),
        }


def article_lines(article: ArticleFacts) -> str:
    """The CSV lines of one article's metrics (``metric_rows``), as metrics.csv holds them."""
    buffer = io.StringIO(newline="")
    csv.DictWriter(buffer, fieldnames=METRIC_COLUMNS).writerows(metric_rows(article))
    return buffer.getvalue()


def write_metrics_csv(
    articles: Sequence[ArticleFacts],
    path: Path,
    *,
    excel: bool = False,
    lines: Callable[[ArticleFacts], str] = article_lines,
) -> None:
    """Write every metric of ``articles`` to a UTF-8 CSV at ``path``, atomically.

    ``excel`` starts the file with a byte-order mark, so Excel (a Chinese Windows
    included) opens it as UTF-8 instead of the local code page. ``lines`` gives an
    article's lines (``article_lines``, or a cache of them: the build cache keeps them).
    """
    with open_atomic(Path(path), newline="") as out:
        if excel:
            out.write("\ufeff")
        csv.DictWriter(out, fieldnames=METRIC_COLUMNS).writeheader()
        for article in articles:
            out.write(lines(article))
