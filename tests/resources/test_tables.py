"""Every data file follows the convention of ``resources.tables``: header row, comments, source."""

from __future__ import annotations

from importlib.resources import files

import pytest

from orggraph.resources.tables import data_text, table

DATA = files("orggraph.resources") / "data"
TABLES = sorted(e.name[:-4] for e in DATA.iterdir() if e.name.endswith(".tsv"))


def test_every_data_file_is_a_table_or_a_compressed_table() -> None:
    names = [e.name for e in DATA.iterdir() if not e.name.endswith(".md")]
    assert all(n.endswith((".tsv", ".tsv.gz")) for n in names), names


@pytest.mark.parametrize("name", TABLES)
def test_table_has_a_header_row_and_a_source_record(name: str) -> None:
    lines = [ln for ln in data_text(f"{name}.tsv").splitlines() if ln and not ln.startswith("#")]
    header = lines[0].split("\t")
    assert all(cell and cell.isascii() and cell.islower() for cell in header), header
    assert all(len(line.split("\t")) <= len(header) for line in lines[1:]), name
    assert table(name) and set(table(name)[0]) == set(header)
    assert (DATA / f"{name}.SOURCE.md").is_file()
