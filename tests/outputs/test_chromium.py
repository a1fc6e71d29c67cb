"""The browser is located (ORGGRAPH_CHROMIUM, PATH), never assumed at one path."""

from __future__ import annotations

from pathlib import Path

import pytest

from orggraph.outputs.html.chromium import find_chromium


def test_the_environment_variable_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    browser = tmp_path / "my-chromium"
    browser.write_text("#!/bin/sh\n", encoding="utf-8")
    browser.chmod(0o755)
    monkeypatch.setenv("ORGGRAPH_CHROMIUM", str(browser))
    assert find_chromium() == browser
    monkeypatch.setenv("ORGGRAPH_CHROMIUM", str(tmp_path / "missing"))
    assert find_chromium() is None


def test_chromium_is_found_on_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    browser = tmp_path / "chromium-browser"
    browser.write_text("#!/bin/sh\n", encoding="utf-8")
    browser.chmod(0o755)
    monkeypatch.delenv("ORGGRAPH_CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_chromium() == browser
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert find_chromium() is None
