"""Where extraction runs: in local processes (``local``, ``in_processes``) or on a Dask
distributed cluster (``dask``).

On Dask, each worker loads the pipeline once (``load_pipeline`` is cached per process) and
receives articles as text records; each article's facts (or its extraction error) come back
as plain picklable records, so the resolved graph is the same bytes whichever executor ran.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from multiprocessing.connection import Connection
from typing import TypeVar

from orggraph.collector import collecting
from orggraph.errors import ExecutorError, ExtractionError
from orggraph.rdf.fragments import Extracted, article_fragment, warm
from orggraph.records import ArticleFacts, SourceText

T = TypeVar("T")


EXECUTORS = ("local", "dask")
_PR_SET_PDEATHSIG = 1


def can_fork() -> bool:
    """Whether this system forks processes (workers then start with what this one loaded)."""
    return "fork" in multiprocessing.get_all_start_methods()


def stop_forked(
    process: multiprocessing.process.BaseProcess | None, conn: Connection | None
) -> None:
    """Stop a forked helper process (if still running) and close the pipe to it."""
    if process is not None:
        if process.is_alive():
            process.terminate()
        process.join()
    if conn is not None:
        conn.close()


def check_executor(executor: str, scheduler: str | None) -> None:
    """ExecutorError for an unknown executor or a Dask run without a scheduler."""
    if executor not in EXECUTORS:
        raise ExecutorError(f"--executor must be one of {', '.join(EXECUTORS)}, got {executor!r}")
    if executor == "dask" and not scheduler:
        raise ExecutorError("--executor dask needs --scheduler tcp://HOST:PORT")


def extract_on_worker(
    source: SourceText, fragment: bool = False
) -> ArticleFacts | Extracted | ExtractionError:
    """One article's facts on a Dask worker (the pipeline loads on the worker's first task),
    with its graph fragment when ``fragment``."""
    from orggraph.build import extract_or_error

    return extract_fragment_or_error(source) if fragment else extract_or_error(source)


def dask_results(
    sources: Sequence[SourceText], scheduler: str, fragments: bool = False
) -> Iterator[ArticleFacts | Extracted | ExtractionError]:
    """Each article's facts (or error), in input order, from the cluster at ``scheduler``;
    as (facts, graph fragment) pairs when ``fragments``."""
    from distributed import Client

    try:
        client = Client(scheduler, timeout="20s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ExecutorError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    with client:
        futures = client.map(extract_on_worker, list(sources), pure=False, fragment=fragments)
        for future in futures:
            yield future.result()


def extract_with_fragments(
    sources: Iterable[SourceText], jobs: int = 1
) -> Iterator[Extracted | ExtractionError]:
    """``extract_texts``, each article's graph fragment made in the worker beside its facts."""
    warm()
    yield from in_processes(extract_fragment_or_error, sources, jobs)


def in_processes(
    work: Callable[[SourceText], T], sources: Iterable[SourceText], jobs: int
) -> Iterator[T]:
    """``work`` over ``sources`` in ``jobs`` forked processes that inherit the loaded pipeline."""
    from orggraph.pipeline import load_pipeline  # spaCy loads only when extracting

    load_pipeline()
    if jobs <= 1 or not can_fork():
        gc.freeze()
        with collecting():
            yield from map(work, sources)
        return
    preload()
    # The pipeline's tables live as long as the process: out of the collector's scans, and
    # shared copy-on-write with forked workers (the use ``gc.freeze`` documents).
    gc.freeze()
    pool = multiprocessing.get_context("fork").Pool(
        jobs, initializer=start_worker, initargs=(os.getpid(),)
    )
    with pool:
        yield from pool.imap(work, sources, chunksize=1)


def start_worker(parent: int) -> None:
    """A worker: the collector on (extraction needs it), and dying with the build."""
    gc.enable()
    die_with_parent(parent)


def preload() -> None:
    """Load what extraction otherwise loads on its first article (cn2an's patterns, the local
    places table): once before the workers fork, rather than once in each of them."""
    import cn2an  # noqa: F401

    from orggraph.resources import localplaces

    localplaces.load()


def die_with_parent(parent: int) -> None:
    """Make this worker die when the build that forked it does (kill -9 included), so no
    orphan keeps extracting; Linux ``prctl(PR_SET_PDEATHSIG)``, elsewhere nothing."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the build died before the prctl
        os._exit(1)


def extract_fragment_or_error(source: SourceText) -> Extracted | ExtractionError:
    """``extract_or_error``, with the article's graph fragment beside its facts."""
    from orggraph.build import extract_or_error

    facts = extract_or_error(source)
    return facts if isinstance(facts, ExtractionError) else (facts, article_fragment(facts))
