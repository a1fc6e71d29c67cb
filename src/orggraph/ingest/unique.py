"""Each article once, each under its own name.

The same file given twice (by folder and by name, or two copies) would be counted twice in
report.json and metrics.csv while the graph, keyed by the text's hash, holds it once: later
copies are dropped with a warning. Two different files with the same name (``a/x.txt`` and
``b/x.txt`` given as two folders) get names long enough to tell them apart.
"""

from __future__ import annotations

import dataclasses
import os
from collections import defaultdict
from collections.abc import Sequence

from orggraph.records import SourceText


def deduplicate(articles: Sequence[SourceText]) -> tuple[list[SourceText], list[str]]:
    """Articles without repeated texts, with unique ``source_file`` names; and the warnings."""
    seen: dict[str, SourceText] = {}
    kept: list[SourceText] = []
    warnings: list[str] = []
    for article in articles:
        first = seen.get(article.sha256)
        if first is not None:
            warnings.append(
                f"skipped {article.source_file} ({article.path}): same text as "
                f"{first.source_file} ({first.path})"
            )
            continue
        seen[article.sha256] = article
        kept.append(article)
    return unique_names(kept), warnings


def unique_names(articles: Sequence[SourceText]) -> list[SourceText]:
    """Rename articles sharing a ``source_file`` after as many path parts as tell them apart."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, article in enumerate(articles):
        groups[article.source_file].append(i)
    renamed = list(articles)
    for indices in groups.values():
        if len(indices) < 2:
            continue
        names = _distinct(
            [articles[i].source_file for i in indices], [articles[i].path for i in indices]
        )
        for i, name in zip(indices, names, strict=True):
            renamed[i] = dataclasses.replace(articles[i], source_file=name)
    return renamed


def _distinct(names: list[str], paths: list[str]) -> list[str]:
    fragments = [name.partition("#")[1:] for name in names]  # ("#", "3") for JSON Lines
    parts = [os.path.abspath(p).split(os.sep) for p in paths]
    depth = max(len(p) for p in parts)
    for k in range(1, depth + 1):
        tails = ["/".join(p[-k:]) for p in parts]
        candidates = [t + "".join(f) for t, f in zip(tails, fragments, strict=True)]
        if len(set(candidates)) == len(candidates):
            return candidates
    return [f"{n}~{i + 1}" for i, n in enumerate(names)]  # same path twice with other text
