"""Benchmark of extraction alone: the floor (segmenter, spaCy Doc) and each component.

    uv run python scripts/bench_extract.py [--corpus DIR]

In one process, over the same texts, twice (cold: spaCy's new lexemes, the unknown-word memo
and the county data are made on the first pass; warm: the second), CPU-seconds of
``jieba.cut``, of our segmenter alone (``Segmenter.words``), of the tokenizer with spaCy's Doc
(``nlp.make_doc``) and of each pipeline component. The ratios to ``jieba.cut`` are what the
build's 0.5× target is measured against (``docs/performance.md``).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "wild"


def cpu(work: Callable[[], object]) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    import jieba

    from orggraph.ingest.chunks import split_source
    from orggraph.ingest.read import read_inputs
    from orggraph.pipeline import load_pipeline

    articles = read_inputs([args.corpus]).articles
    parts = [part for article in articles for _, part in split_source(article)]
    texts = [part.text for part in parts]
    nlp = load_pipeline()
    tokenizer: Any = nlp.tokenizer
    segmenter = tokenizer.segmenter
    jieba.initialize()
    print(f"{len(texts)} texts, {sum(map(len, texts)):,} chars")
    for label in ("cold", "warm"):
        base = cpu(lambda: [list(jieba.cut(t)) for t in texts])
        alone = cpu(lambda: [segmenter.words(t) for t in texts])
        docs: list[Any] = []
        made = cpu(partial(docs.extend, map(nlp.make_doc, texts)))
        stages: dict[str, float] = {}
        for doc, part in zip(docs, parts, strict=True):
            doc._.og_source = part
            for name, component in nlp.pipeline:
                stages[name] = stages.get(name, 0.0) + cpu(partial(component, doc))
        print(
            f"{label}: jieba.cut {base:.2f} CPU-s; segmenter {alone:.2f} ({alone / base:.2f}x); "
            f"segmenter + Doc {made:.2f} ({made / base:.2f}x); components "
            + " ".join(f"{name.removeprefix('og_')} {s:.2f}" for name, s in stages.items())
            + f" (all {sum(stages.values()):.2f}, {(made + sum(stages.values())) / base:.2f}x)"
        )


if __name__ == "__main__":
    main()
