"""The whole path: read → normalize → extract → resolve → graph → outputs. Also the Python API."""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import suppress
from pathlib import Path

from rdflib import Graph

from orggraph.cache import CACHE_DIR, ArticleFragments, FactsCache, keep_extracted
from orggraph.collector import collector_paused
from orggraph.early import EarlyExtraction, early_extraction
from orggraph.errors import EmptyInputError, ExtractionError
from orggraph.executor import (
    check_executor,
    dask_results,
    extract_with_fragments,
    in_processes,
)
from orggraph.ingest.chunks import merge_facts, split_source
from orggraph.ingest.read import read_inputs
from orggraph.outputs import turtle
from orggraph.outputs.atomic import write_text
from orggraph.outputs.background import Background
from orggraph.outputs.graphfiles import Previous, read_previous, write_graph
from orggraph.outputs.metrics_csv import article_lines, write_metrics_csv
from orggraph.outputs.pagejob import PageJob
from orggraph.outputs.report import BuildSummary, run_report, summarize
from orggraph.outputs.texts import write_texts
from orggraph.outputs.transaction import OutputTransaction
from orggraph.rdf.build import build_graph
from orggraph.rdf.fragments import (
    Extracted,
    Fragment,
    Fragments,
)
from orggraph.rdf.store import STORE_DIR
from orggraph.records import ArticleFacts, SourceText
from orggraph.resolve import Corpus, resolve

Progress = Callable[[int, int, str], None]  # (done, total, current file)
#: Told when a phase starts: its name (read, extract, resolve, graph, write, page) and how
#: many items it has (None when unknown).
Phase = Callable[[str, "int | None"], None]


def _no_phase(name: str, count: int | None) -> None:
    """A phase reporter that says nothing."""


def default_jobs() -> int:
    """Worker processes for extraction: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def extract_texts(
    sources: Iterable[SourceText], jobs: int = 1
) -> Iterator[ArticleFacts | ExtractionError]:
    """Each article's facts (or the error it failed with), in input order, in ``jobs`` processes.

    The pipeline is loaded once, before the workers fork, so each worker starts with it; only
    the article (in) and its facts (out) cross processes. Output does not depend on ``jobs``.
    """
    yield from in_processes(extract_or_error, sources, jobs)


def extract_articles(
    sources: Sequence[SourceText],
    progress: Progress | None = None,
    jobs: int = 1,
    *,
    strict: bool = False,
    skipped: list[str] | None = None,
    cache: FactsCache | None = None,
    executor: str = "local",
    scheduler: str | None = None,
    fragments: Fragments | None = None,
    early: EarlyExtraction | None = None,
) -> list[ArticleFacts]:
    """Run the extraction pipeline over each article not already in ``cache``.

    An article the pipeline fails on is skipped with a message in ``skipped``, or raises
    ``ExtractionError`` when ``strict`` (or when no ``skipped`` list is given). ``progress``
    counts the articles extracted (cached ones are not). ``executor="dask"`` extracts on the
    Dask cluster at ``scheduler`` instead of in ``jobs`` local processes. Given a
    ``fragments`` dict, the graph fragment of each article extracted is put there too (made
    by the worker that extracts it); the cached ones are read when needed
    (``cache.ArticleFragments``). Given ``early`` (a local build), its process extracts.
    """
    check_executor(executor, scheduler)
    cached = [cache.get(s) if cache else None for s in sources]
    todo = [s for s, hit in zip(sources, cached, strict=True) if hit is None]
    if not todo:
        results: Iterator[ArticleFacts | Extracted | ExtractionError] = iter(())
        if early is not None:
            early.close()  # loaded for nothing: every article was cached
    elif executor == "dask":
        results = dask_results(todo, scheduler or "", fragments is not None)
    elif early is not None:
        results = early.results(todo)
    elif fragments is not None:
        results = extract_with_fragments(todo, min(jobs, len(todo)))  # no pool for one file
    else:
        results = extract_texts(todo, min(jobs, len(todo)))
    facts, done = [], 0
    for source, hit in zip(sources, cached, strict=True):
        if hit is not None:
            facts.append(hit)
            continue
        article = next(results)
        done += 1
        if isinstance(article, ExtractionError):
            if strict or skipped is None:
                raise article
            skipped.append(f"skipped {article}")
        else:
            facts.append(keep_extracted(article, cache, fragments))
        if progress:
            progress(done, len(todo), source.source_file)
    return facts


# What a library may raise on text it was not made for; becomes ExtractionError.
_LIBRARY_ERRORS = (
    RecursionError,
    MemoryError,
    ArithmeticError,
    LookupError,
    ValueError,
    TypeError,
    AttributeError,
    UnicodeError,
    RuntimeError,
)


def extract_or_error(source: SourceText) -> ArticleFacts | ExtractionError:
    """``extract_one``, with its error returned rather than raised (to cross processes)."""
    try:
        return extract_one(source)
    except ExtractionError as exc:
        return exc


def extract_one(source: SourceText) -> ArticleFacts:
    """One article's facts; long articles go through the pipeline in parts (ingest.chunks).

    Any library error becomes ``ExtractionError`` naming the file and the characters.
    """
    from orggraph.pipeline import extract

    parts = split_source(source)
    done = []
    for start, part in parts:
        try:
            done.append((start, extract(part)))
        except _LIBRARY_ERRORS as exc:
            first, end = part.offsets[0], part.offsets[-1]
            detail = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
            raise ExtractionError(
                f"{source.source_file} (characters {first}–{end}): extraction failed: "
                f"{type(exc).__name__}: {detail}"
            ) from exc
    facts = done[0][1] if len(done) == 1 else merge_facts(source, done)
    return _with_number_warnings(facts)


def _with_number_warnings(facts: ArticleFacts) -> ArticleFacts:
    """Warn about digit runs too long to be a reported value (they are not read)."""
    from orggraph.pipeline.numbers import out_of_range

    source = facts.source
    found = [
        f"{source.source_file}: number of {end - start} digits at character "
        f"{source.original_span(start, end)[0]} is out of range, not read as a metric"
        for start, end in out_of_range(source.text)
    ]
    return dataclasses.replace(facts, warnings=(*facts.warnings, *found)) if found else facts


def build_corpus(
    inputs: Sequence[Path],
    progress: Progress | None = None,
    jobs: int = 1,
    *,
    strict: bool = False,
    phase: Phase = _no_phase,
    cache: FactsCache | None = None,
    executor: str = "local",
    scheduler: str | None = None,
    fragments: Fragments | None = None,
    early: EarlyExtraction | None = None,
) -> tuple[Corpus, tuple[str, ...]]:
    """Read and extract the inputs into a resolved corpus, with every warning met.

    A file that cannot be read or extracted is skipped with a warning (``strict``: an error).
    Given ``fragments``, each article's graph fragment is put there (``extract_articles``).
    """
    phase("read", None)
    read = read_inputs(inputs, strict=strict, reader=cache.read if cache is not None else None)
    skipped: list[str] = []
    phase("extract", len(read.articles))
    facts = extract_articles(
        read.articles,
        progress,
        jobs,
        strict=strict,
        skipped=skipped,
        cache=cache,
        executor=executor,
        scheduler=scheduler,
        fragments=fragments,
        early=early,
    )
    if not facts:
        raise EmptyInputError(f"no article could be extracted: {'; '.join(skipped)}")
    phase("resolve", len(facts))
    corpus = resolve(facts)
    warnings = (*read.warnings, *skipped, *(w for a in corpus.articles for w in a.warnings))
    return corpus, tuple(warnings)


def graph_of_inputs(inputs: Sequence[Path], progress: Progress | None = None) -> Graph:
    """The graph of the inputs, built in memory without writing anything."""
    corpus, _ = build_corpus(inputs, progress)
    return build_graph(corpus)


def serialize_turtle(graph: Graph) -> str:
    """Turtle text of a graph; the same graph always gives the same bytes."""
    return turtle.serialize(graph)


def build(
    inputs: Sequence[Path],
    out_dir: Path,
    *,
    html: bool = True,
    progress: Progress | None = None,
    jobs: int = 1,
    strict: bool = False,
    excel: bool = False,
    phase: Phase = _no_phase,
    store: bool = True,
    use_cache: bool = True,
    executor: str = "local",
    scheduler: str | None = None,
) -> BuildSummary:
    """Build the inputs into ``out_dir``: graph.ttl, store/, graph.html, metrics.csv, report.json.

    ``jobs`` extraction processes; the output is the same for any number. The outputs are
    one transaction (``outputs.transaction``): ``out_dir`` is replaced as a whole when every
    file is written, and left as it was on any error or interruption. With ``use_cache``,
    per-article facts are kept in ``out_dir/cache`` and reused by the next build (only new or
    changed files are extracted); ``executor="dask"`` extracts on the cluster at ``scheduler``.
    """
    check_executor(executor, scheduler)
    with (
        OutputTransaction(out_dir) as tx,
        collector_paused(),
        early_extraction(executor, jobs) as early,
    ):
        cache = FactsCache(tx.carry(CACHE_DIR)) if use_cache else None
        # what the previous build held, read while this one reads and extracts
        staged_store = tx.path / STORE_DIR if store else None
        prior = Background(lambda: read_previous(out_dir, cache, staged_store), "previous build")
        fragments: Fragments = {}
        corpus, warnings = build_corpus(
            inputs,
            progress,
            jobs,
            strict=strict,
            cache=cache,
            executor=executor,
            scheduler=scheduler,
            phase=phase,
            fragments=fragments,
            early=early,
        )
        names = write_outputs(
            corpus,
            warnings,
            tx.path,
            html=html,
            excel=excel,
            phase=phase,
            store=store,
            fragments=ArticleFragments(corpus.articles, fragments, cache),
            cache=cache,
            previous=out_dir,
            jobs=jobs,
            prior=prior.result,
        )
        if cache is not None:
            cache.prune()
    return summarize(corpus, warnings, [out_dir / name for name in names])


def write_outputs(
    corpus: Corpus,
    warnings: Sequence[str],
    folder: Path,
    *,
    html: bool = True,
    excel: bool = False,
    phase: Phase = _no_phase,
    store: bool = True,
    fragments: Mapping[tuple[str, str], Fragment] | None = None,
    cache: FactsCache | None = None,
    previous: Path | None = None,
    jobs: int = 1,
    prior: Callable[[], Previous | None] | None = None,
) -> list[str]:
    """Write the outputs of ``corpus`` into ``folder``; the names of the main files.

    ``excel``: metrics.csv starts with a byte-order mark (UTF-8 that Excel recognises).
    graph.ttl is merged from the articles' graph ``fragments`` (those missing are made here);
    with ``cache``, the graph.ttl and store of the ``previous`` build folder (``prior``: what
    it held, read already) are changed by difference when few articles changed; the store is
    written in a thread meanwhile. With ``jobs`` > 1, graph.html is written in a forked
    process meanwhile (``PageJob``).
    """
    phase("graph", len(corpus.articles))
    names = ["graph.ttl", "metrics.csv", "report.json"] + (["graph.html"] if html else [])
    parts: list[Fragment] = []
    with PageJob(corpus, folder, fragments, background=html and jobs > 1) as page:
        collect = parts if html and not page.background else None  # the page drawn here
        pending: list[Background[None]] = []
        try:
            triples = write_graph(
                corpus, folder, fragments, store=store, cache=cache, previous=previous,
                collect=collect, prior=prior, pending=pending,
            )  # fmt: skip
            phase("write", triples)
            lines = cache.metric_lines if cache is not None else article_lines  # kept
            write_metrics_csv(corpus.articles, folder / "metrics.csv", excel=excel, lines=lines)
            write_texts([a.source for a in corpus.articles], folder)
            if html:
                phase("page", triples)
                page.finish(parts)
        except BaseException:
            for job in pending:  # no thread outlives the build's folder
                with suppress(BaseException):
                    job.result()
            raise
        for job in pending:
            job.result()
        if store:
            names.append(STORE_DIR)
    summary = summarize(corpus, warnings, [folder / name for name in names])
    report = json.dumps(run_report(corpus, summary), ensure_ascii=False, indent=1, sort_keys=True)
    write_text(folder / "report.json", report + "\n")
    return names
