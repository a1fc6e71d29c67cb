"""TODO(owner: input): read files and folders into SourceText. Minimal UTF-8 .txt reader for wiring."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from orggraph.errors import EmptyInputError, InputNotFoundError
from orggraph.records import SourceText


@dataclass(frozen=True)
class ReadResult:
    articles: tuple[SourceText, ...]
    warnings: tuple[str, ...]


def read_inputs(inputs: Sequence[Path]) -> ReadResult:
    """Read every article under the given files and folders."""
    files: list[Path] = []
    for p in inputs:
        if not p.exists():
            raise InputNotFoundError(f"no such file or folder: {p}")
        files.extend(sorted(p.rglob("*.txt")) if p.is_dir() else [p])
    articles = []
    for f in files:
        text = f.read_text(encoding="utf-8")
        if not text.strip():
            raise EmptyInputError(f"{f}: empty file")
        articles.append(
            SourceText(
                source_file=f.name,
                path=str(f),
                original=text,
                text=text,
                offsets=tuple(range(len(text) + 1)),
                sha256=hashlib.sha256(text.encode()).hexdigest(),
            )
        )
    return ReadResult(tuple(articles), ())
