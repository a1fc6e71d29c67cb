"""scripts/load_serve.py on the seeds: concurrent clients, every answer checked, memory sampled."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import ROOT, SeedsBuild


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("load_serve", ROOT / "scripts" / "load_serve.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["load_serve"] = module
    spec.loader.exec_module(module)
    return module


def test_five_clients_for_three_seconds_get_no_error(
    seeds_build: SeedsBuild, capsys: pytest.CaptureFixture[str]
) -> None:
    code = load_script().main([str(seeds_build.out), "--clients", "5", "--seconds", "3"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "errors 0" in out and "p95" in out and "peak" in out


def test_an_answer_in_the_wrong_format_is_an_error(tmp_path: Path) -> None:
    check = load_script().expect("text/csv", lambda body: None)
    with pytest.raises(ValueError, match="content type"):
        check("application/json", b"{}")


def test_memory_growth_compares_the_second_and_the_last_quarter() -> None:
    growth = load_script().growth
    samples = [(t, 100.0 + (200.0 if t >= 30 else 0.0)) for t in range(40)]
    assert growth(samples, 40) == (100.0, 300.0)
