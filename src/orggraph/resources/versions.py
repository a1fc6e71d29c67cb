"""Versions of the reference data files shipped in ``orggraph/data`` (each has a ``.SOURCE.md``)."""

from __future__ import annotations

import hashlib
from importlib.resources import files


def versions() -> dict[str, str]:
    """Each data file's name with the SHA-256 (first 16 hex digits) of its content."""
    data = files("orggraph.resources") / "data"
    out: dict[str, str] = {}
    for entry in sorted(data.iterdir(), key=lambda e: e.name):
        if entry.is_file() and not entry.name.endswith(".md") and not entry.name.startswith("."):
            out[entry.name] = hashlib.sha256(entry.read_bytes()).hexdigest()[:16]
    return out
