"""The whole path: read → normalize → extract → resolve → graph → outputs. Also the Python API."""

from __future__ import annotations

import json
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from orggraph import __version__
from orggraph.ingest.read import read_inputs
from orggraph.outputs import turtle
from orggraph.outputs.atomic import write_text
from orggraph.outputs.html import render_html
from orggraph.outputs.metrics_csv import write_metrics_csv
from orggraph.outputs.texts import write_texts
from orggraph.rdf.build import build_graph
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


def default_jobs() -> int:
    """Worker processes for extraction: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def extract_texts(sources: Iterable[SourceText], jobs: int = 1) -> Iterator[ArticleFacts]:
    """Each article's facts, in input order, extracted in ``jobs`` processes.

    The pipeline is loaded once, before the workers fork, so each worker starts with it; only
    the article (in) and its facts (out) cross processes. Output does not depend on ``jobs``.
    """
    from orggraph.pipeline import extract, load_pipeline  # spaCy loads only when extracting

    load_pipeline()
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(extract, sources)
        return
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        yield from pool.imap(extract, sources, chunksize=1)


def extract_articles(
    sources: Sequence[SourceText], progress: Progress | None = None, jobs: int = 1
) -> list[ArticleFacts]:
    """Run the extraction pipeline over each article."""
    facts = []
    for i, article in enumerate(extract_texts(sources, jobs)):
        facts.append(article)
        if progress:
            progress(i + 1, len(sources), article.source.source_file)
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
    inputs: Sequence[Path], progress: Progress | None = None, jobs: int = 1
) -> tuple[Corpus, tuple[str, ...]]:
    """Read and extract the inputs into a resolved corpus, with every warning met."""
    read = read_inputs(inputs)
    facts = extract_articles(read.articles, progress, jobs)
    corpus = resolve(facts)
    warnings = (*read.warnings, *(w for a in corpus.articles for w in a.warnings))
    return corpus, tuple(warnings)


def graph_of_inputs(inputs: Sequence[Path], progress: Progress | None = None) -> Graph:
    """The graph of the inputs, built in memory without writing anything."""
    corpus, _ = build_corpus(inputs, progress)
    return build_graph(corpus)


def serialize_turtle(graph: Graph) -> str:
    """Turtle text of a graph; the same graph always gives the same bytes."""
    return turtle.serialize(graph)


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
    progress: Progress | None = None,
    jobs: int = 1,
) -> BuildSummary:
    """Build the inputs into ``out_dir``: graph.ttl, graph.html, metrics.csv and report.json.

    ``jobs`` extraction processes; the output is the same for any number.
    """
    corpus, warnings = build_corpus(inputs, progress, jobs)
    graph = build_graph(corpus)
    turtle = serialize_turtle(graph)
    outputs = [out_dir / "graph.ttl", out_dir / "metrics.csv", out_dir / "report.json"]
    write_text(outputs[0], turtle)
    write_metrics_csv(corpus.articles, outputs[1])
    write_texts([a.source for a in corpus.articles], out_dir)
    if html:
        outputs.append(out_dir / "graph.html")
        render_html(graph, outputs[-1], title="orggraph")
    summary = summarize(corpus, warnings, outputs)
    report = json.dumps(run_report(corpus, summary), ensure_ascii=False, indent=1, sort_keys=True)
    write_text(outputs[2], report + "\n")
    return summary
