"""The one loader of orggraph's data files (``resources/data/*.tsv``).

The convention, for every table: UTF-8, tab-separated; lines starting with ``#`` are comments
(each file says in its comments which class of text its rows handle); the first other line is
the header row naming the columns; every row has that many cells (missing trailing cells are
empty strings). Each data file has a ``<name>.SOURCE.md`` beside it.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

Row = dict[str, str]


def data_text(filename: str) -> str:
    """The text of a data file shipped in ``orggraph/resources/data``."""
    return (files("orggraph.resources") / "data" / filename).read_text(encoding="utf-8")


@cache
def table(name: str) -> tuple[Row, ...]:
    """The rows of ``data/<name>.tsv`` as dicts keyed by the header row."""
    header: list[str] | None = None
    rows: list[Row] = []
    for line in data_text(f"{name}.tsv").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None:
            header = cells
            continue
        cells += [""] * (len(header) - len(cells))
        rows.append(dict(zip(header, cells, strict=False)))
    return tuple(rows)


@cache
def words(name: str, column: str = "word", **where: str) -> tuple[str, ...]:
    """The ``column`` cells of ``data/<name>.tsv`` whose other cells equal ``where``.

    Longest first (then by code point), so prefix and suffix scans take the longest match.
    """
    found = {
        row[column]
        for row in table(name)
        if row.get(column) and all(row.get(k) == v for k, v in where.items())
    }
    return tuple(sorted(found, key=lambda w: (-len(w), w)))


@cache
def word_set(name: str, column: str = "word", **where: str) -> frozenset[str]:
    """``words`` as a set, for membership tests."""
    return frozenset(words(name, column, **where))
