"""The extracted texts evidence offsets index, saved beside the graph as ``text/<sha256>.txt``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from orggraph.outputs.atomic import write_text
from orggraph.records import SourceText


def write_texts(sources: Sequence[SourceText], out_dir: Path) -> list[Path]:
    """Save the text of every extracted source (HTML, PDF, DOCX, JSONL) under ``out_dir``.

    The file holds exactly ``SourceText.original``, so ``file[start:end] == quote`` for
    every evidence of that article. Plain-text inputs are not copied: their offsets index
    the input file itself.
    """
    written = []
    for source in sources:
        if source.extracted:
            path = out_dir / source.text_file
            if not path.exists() or path.read_text(encoding="utf-8") != source.original:
                write_text(path, source.original)
            written.append(path)
    return sorted(set(written))
