"""The whole path: read → normalize → extract → resolve → graph → outputs. Also the Python API."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from orggraph import __version__
from orggraph.cache import CACHE_DIR, FactsCache
from orggraph.executor import run as run_executor
from orggraph.ingest.read import read_inputs
from orggraph.outputs.atomic import write_text
from orggraph.outputs.html import render_html
from orggraph.outputs.metrics_csv import write_metrics_csv
from orggraph.rdf.build import build_graph
from orggraph.rdf.store import STORE_DIR, write_store
from orggraph.records import ArticleFacts, SourceText
from orggraph.resolve import Corpus, resolve
from orggraph.resources import versions as refdata

Progress = Callable[[int, int, str], None]  # (done, total, current file)


@dataclass(frozen=True)
class BuildSummary:
    """What a build produced: counts, warnings and the files written."""

    articles: int
    places: int
    programs: int
    documents: int
    metrics: int
    warnings: tuple[str, ...] = ()
    outputs: tuple[Path, ...] = field(default_factory=tuple)


def extract_articles(
    sources: Sequence[SourceText],
    progress: Progress | None = None,
    *,
    cache: FactsCache | None = None,
    executor: str = "local",
    scheduler: str | None = None,
) -> list[ArticleFacts]:
    """Run the extraction pipeline over each article not already in ``cache``."""
    cached = [cache.get(s) if cache else None for s in sources]
    todo = [s for s, hit in zip(sources, cached, strict=True) if hit is None]
    fresh = iter(run_executor(todo, executor, scheduler, progress))
    facts = [hit if hit is not None else next(fresh) for hit in cached]
    if cache is not None:
        for hit, item in zip(cached, facts, strict=True):
            if hit is None:
                cache.put(item)
    return facts


def summarize(
    corpus: Corpus, warnings: Sequence[str], outputs: Sequence[Path] = ()
) -> BuildSummary:
    mentioned = {m.place for a in corpus.articles for m in a.place_mentions}
    return BuildSummary(
        articles=len(corpus.articles),
        places=len(mentioned),
        programs=len(corpus.programs),
        documents=len(corpus.documents),
        metrics=sum(len(a.metrics) for a in corpus.articles),
        warnings=tuple(warnings),
        outputs=tuple(outputs),
    )


def build_corpus(
    inputs: Sequence[Path],
    progress: Progress | None = None,
    *,
    cache: FactsCache | None = None,
    executor: str = "local",
    scheduler: str | None = None,
) -> tuple[Corpus, tuple[str, ...]]:
    """Read and extract the inputs into a resolved corpus, with every warning met."""
    read = read_inputs(inputs)
    facts = extract_articles(
        read.articles, progress, cache=cache, executor=executor, scheduler=scheduler
    )
    corpus = resolve(facts)
    warnings = (*read.warnings, *(w for a in corpus.articles for w in a.warnings))
    return corpus, tuple(warnings)


def graph_of_inputs(inputs: Sequence[Path], progress: Progress | None = None) -> Graph:
    """The graph of the inputs, built in memory without writing anything."""
    corpus, _ = build_corpus(inputs, progress)
    return build_graph(corpus)


def serialize_turtle(graph: Graph) -> str:
    """Turtle text of a graph; the same graph always gives the same bytes."""
    return graph.serialize(format="turtle")


def run_report(corpus: Corpus, summary: BuildSummary) -> dict[str, object]:
    """The per-run record written to ``report.json``."""
    return {
        "orggraph_version": __version__,
        "reference_data": reference_data_versions(),
        "inputs": [
            {
                "source_file": a.source.source_file,
                "path": a.source.path,
                "sha256": a.source.sha256,
                "encoding": a.source.encoding,
                "traditional": a.source.traditional,
            }
            for a in corpus.articles
        ],
        "counts": {
            "articles": summary.articles,
            "places": summary.places,
            "programs": summary.programs,
            "documents": summary.documents,
            "metrics": summary.metrics,
            "warnings": len(summary.warnings),
        },
        "warnings": list(summary.warnings),
    }


def reference_data_versions() -> dict[str, str]:
    """Versions of the reference data the extractors used."""
    return refdata.versions()


def build(
    inputs: Sequence[Path],
    out_dir: Path,
    *,
    html: bool = True,
    store: bool = True,
    use_cache: bool = True,
    executor: str = "local",
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> BuildSummary:
    """Build the inputs into ``out_dir``: graph.ttl, store/, graph.html, metrics.csv, report.json.

    With ``use_cache``, per-article facts are kept in ``out_dir/cache`` and reused by the
    next build; ``executor="dask"`` extracts on the cluster at ``scheduler``.
    """
    cache = FactsCache(out_dir / CACHE_DIR) if use_cache else None
    corpus, warnings = build_corpus(
        inputs, progress, cache=cache, executor=executor, scheduler=scheduler
    )
    if cache is not None:
        cache.prune()
    graph = build_graph(corpus)
    turtle = serialize_turtle(graph)
    outputs = [out_dir / "graph.ttl", out_dir / "metrics.csv", out_dir / "report.json"]
    write_text(outputs[0], turtle)
    write_metrics_csv(corpus.articles, outputs[1])
    if store:
        outputs.append(write_store(outputs[0], out_dir / STORE_DIR))
    if html:
        outputs.append(out_dir / "graph.html")
        render_html(graph, outputs[-1], title="orggraph")
    summary = summarize(corpus, warnings, outputs)
    report = json.dumps(run_report(corpus, summary), ensure_ascii=False, indent=1, sort_keys=True)
    write_text(outputs[2], report + "\n")
    return summary
