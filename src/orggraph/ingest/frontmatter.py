"""Markdown front matter (a leading ``---`` YAML or ``+++`` TOML block) read as metadata.

Only flat ``key: value`` / ``key = "value"`` lines are read; the block itself is markup,
never article text. Keys: title; date/published/issued; source/publisher; author/creator.
"""

from __future__ import annotations

import re

from orggraph.ingest.metadata import parse_date
from orggraph.records import ArticleMeta

_BLOCK = re.compile(r"\A\ufeff?(---|\+\+\+)[ \t]*\r?\n(.*?)^\1[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_LINE = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*[:=]\s*(.*?)\s*$")
_KEYS = {
    "title": "title",
    "date": "issued",
    "published": "issued",
    "issued": "issued",
    "source": "publisher",
    "publisher": "publisher",
    "author": "creator",
    "creator": "creator",
}
MAX_BLOCK = 20_000  # characters: a longer "block" is not front matter


def front_matter(text: str) -> tuple[tuple[int, int], ArticleMeta] | None:
    """The span of a leading front-matter block and the metadata it states, or None."""
    if not text.lstrip("\ufeff").startswith(("---", "+++")):
        return None
    m = _BLOCK.match(text[: MAX_BLOCK + 8])
    if m is None:
        return None
    fields: dict[str, str] = {}
    for line in m.group(2).splitlines():
        kv = _LINE.match(line)
        if kv and kv.group(1).lower() in _KEYS:
            value = kv.group(2).strip().strip("\"'").strip()
            if value:
                fields.setdefault(_KEYS[kv.group(1).lower()], value)
    issued = parse_date(fields["issued"]) if "issued" in fields else None
    meta = ArticleMeta(
        title=fields.get("title"),
        publisher=fields.get("publisher"),
        issued=issued,
        creator=fields.get("creator"),
    )
    return m.span(), meta
