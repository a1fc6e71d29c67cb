"""Extraction in a process forked as a build starts, which loads the pipeline meanwhile.

Loading the pipeline (spaCy, the dictionaries, the gazetteer) takes seconds, and a build
spends about as long reading its inputs and looking them up in the cache before it knows
what to extract. ``EarlyExtraction`` overlaps the two: its process loads the pipeline while
the build reads, then extracts the articles it is sent (forking the ``--jobs`` workers from
itself, so they start with the pipeline loaded) and sends each result back in input order.
The build process itself never loads spaCy. When every article was cached, the process is
stopped unused.

Results cross as pickled bytes without the article (the build has it and puts it back), so
the process only forwards them. The process and its workers die with the build (kill -9
included), ignore Ctrl-C (the build stops them), and an error loading the pipeline reaches
the build as the error it is.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import pickle
import signal
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from multiprocessing.connection import Connection
from types import TracebackType

from orggraph.errors import ExtractionError, OrgGraphError
from orggraph.executor import (
    can_fork,
    die_with_parent,
    extract_fragment_or_error,
    in_processes,
    preload,
    stop_forked,
)
from orggraph.rdf.fragments import Extracted, warm
from orggraph.records import NO_SOURCE, ArticleFacts, SourceText

Result = ArticleFacts | Extracted | ExtractionError


class EarlyExtraction:
    """A forked process that loads the pipeline on entry and extracts what ``results`` is
    given (each article's facts with its graph fragment), in ``jobs`` processes."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.process: multiprocessing.process.BaseProcess | None = None
        self.conn: Connection | None = None

    def __enter__(self) -> EarlyExtraction:
        context = multiprocessing.get_context("fork")
        self.conn, theirs = context.Pipe()
        self.process = context.Process(target=_serve, args=(theirs, self.jobs, os.getpid()))
        self.process.start()
        theirs.close()
        return self

    def results(self, sources: Sequence[SourceText]) -> Iterator[Result]:
        """Each article's facts and fragment (or its error), in the order of ``sources``."""
        if self.conn is None:
            raise ExtractionError("the extraction process is not running")
        self.conn.send(list(sources))
        for source in sources:
            try:
                found = pickle.loads(self.conn.recv_bytes())
            except (EOFError, OSError) as exc:
                raise ExtractionError("the extraction process stopped unexpectedly") from exc
            if isinstance(found, _Failed):
                raise found.error
            yield _with_source(found, source)

    def close(self) -> None:
        """Stop the process (unused, or done)."""
        stop_forked(self.process, self.conn)
        self.process, self.conn = None, None

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def early_extraction(executor: str, jobs: int) -> AbstractContextManager[EarlyExtraction | None]:
    """The early extraction process of a local build with more than one job; with one job,
    everything runs in the build's own process."""
    if executor == "local" and jobs > 1 and can_fork():
        return EarlyExtraction(jobs)
    return nullcontext()


@dataclasses.dataclass(frozen=True)
class _Failed:
    """Loading the pipeline failed: the error the build raises."""

    error: OrgGraphError


def _serve(conn: Connection, jobs: int, parent: int) -> None:  # pragma: no cover (forked)
    """In the forked process: load the pipeline, then extract what is sent, then exit."""
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: the build stops this process
    failed: _Failed | None = None
    try:
        from orggraph.pipeline import load_pipeline

        load_pipeline()
        preload()
        warm()
    except OrgGraphError as exc:
        failed = _Failed(exc)
    except Exception as exc:  # a library error while loading: said in one line
        failed = _Failed(ExtractionError(f"cannot load the pipeline: {type(exc).__name__}: {exc}"))
    try:
        sources = conn.recv()
        if failed is not None:
            conn.send_bytes(pickle.dumps(failed))
        else:
            for packed in in_processes(extract_packed, sources, min(jobs, len(sources))):
                conn.send_bytes(packed)
    except (EOFError, OSError):
        pass  # the build went away
    finally:
        os._exit(0)  # no exit handlers of the build's state


def extract_packed(source: SourceText) -> bytes:
    """An article's facts and fragment (or its error), pickled without the article."""
    found = extract_fragment_or_error(source)
    if isinstance(found, tuple):
        found = (dataclasses.replace(found[0], source=NO_SOURCE), found[1])
    return pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL)


def _with_source(found: Result, source: SourceText) -> Result:
    if isinstance(found, tuple):
        return (dataclasses.replace(found[0], source=source), found[1])
    return found
