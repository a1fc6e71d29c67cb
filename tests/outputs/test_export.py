from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from orggraph.outputs.metrics_csv import METRIC_COLUMNS, write_metrics_csv
from orggraph.pipeline import extract
from tests.factories import source

TEXT = (
    "怀化市组织工作综述\n全市累计考察975个领导班子、5574名领导干部。"
    "村均运转经费从2016年的8万元提高到2021年的24万元。"
)


@pytest.fixture(scope="module")
def frame(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    path = tmp_path_factory.mktemp("export") / "out" / "metrics.csv"
    write_metrics_csv([extract(source(TEXT, name="000.txt"))], path)
    return pd.read_csv(path, dtype={"year": str})


def test_columns_and_numeric_values(frame: pd.DataFrame) -> None:
    assert tuple(frame.columns) == METRIC_COLUMNS
    assert pd.api.types.is_numeric_dtype(frame["value"])
    assert frame["value"].tolist() == [975, 5574, 80000, 240000]


def test_rows_carry_article_year_and_evidence(frame: pd.DataFrame) -> None:
    assert set(frame["article"]) == {"000.txt"}
    # figures without a year of their own take the article's publication year (2021 here)
    assert frame["year"].fillna("").tolist() == ["2021", "2021", "2016", "2021"]
    assert frame["evidence"][0] == "全市累计考察975个领导班子、5574名领导干部。"
    assert frame["unit"].tolist() == ["个", "名", "元", "元"]


def test_written_atomically_over_an_old_file(tmp_path: Path) -> None:
    path = tmp_path / "metrics.csv"
    path.write_text("old", encoding="utf-8")
    write_metrics_csv([extract(source("建成乡镇小套房8997套。"))], path)
    assert pd.read_csv(path)["value"].tolist() == [8997]
    assert [p.name for p in tmp_path.iterdir()] == ["metrics.csv"]


def test_no_articles_gives_a_header_only(tmp_path: Path) -> None:
    path = tmp_path / "metrics.csv"
    write_metrics_csv([], path)
    assert tuple(pd.read_csv(path).columns) == METRIC_COLUMNS
