"""graph.html of a build: written from the graph's fragments, beside the other outputs.

The page reads an index of the graph's triples (``rdf.rendered``), never an rdflib graph.
With more than one job, it is written in a forked process while this one writes graph.ttl,
the store and the tables (the page and the store are the two largest serial stages); the
bytes are the same either way, since the page depends only on the set of triples.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
from collections.abc import Mapping, Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from types import TracebackType

from orggraph.collector import collector_paused
from orggraph.errors import OrgGraphError, OutputError
from orggraph.executor import can_fork, die_with_parent, stop_forked
from orggraph.rdf.fragments import Fragment, graph_fragments
from orggraph.rdf.rendered import index_of_fragments
from orggraph.resolve import Corpus

PAGE = "graph.html"


def write_page(corpus: Corpus, parts: Sequence[Fragment], folder: Path) -> None:
    """Write graph.html of ``corpus`` (whose graph's fragments are ``parts``) into ``folder``."""
    from orggraph.outputs.html import render_html  # networkx and pyvis: only for the page

    texts = {a.source.sha256: a.source.original for a in corpus.articles}
    with collector_paused():  # the index is many small acyclic objects too
        index = index_of_fragments(parts)
        render_html(index, folder / PAGE, title="orggraph", texts=texts)


class PageJob:
    """graph.html written in a forked process started on entry (``background``), or by
    ``finish`` here. ``finish`` waits for the page and raises its error; leaving the block on
    an error stops the forked process."""

    def __init__(
        self,
        corpus: Corpus,
        folder: Path,
        made: Mapping[tuple[str, str], Fragment] | None,
        *,
        background: bool,
    ) -> None:
        self.corpus, self.folder, self.made = corpus, folder, made
        self.background = background and can_fork()
        self.process: multiprocessing.process.BaseProcess | None = None
        self.answer: Connection | None = None

    def __enter__(self) -> PageJob:
        if self.background:
            context = multiprocessing.get_context("fork")
            self.answer, told = context.Pipe(duplex=False)
            self.process = context.Process(target=self._run, args=(told, os.getpid()), daemon=True)
            self.process.start()
            told.close()
        return self

    def _run(self, told: Connection, parent: int) -> None:
        """In the forked process: the page, then None or its error sent back."""
        die_with_parent(parent)  # a killed build leaves no process writing into its folder
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # an interrupted build stops it (__exit__)
        error: OrgGraphError | None = None
        try:
            write_page(self.corpus, list(graph_fragments(self.corpus, self.made)), self.folder)
        except OrgGraphError as exc:
            error = exc
        except Exception as exc:  # a library error: said in one line, as the parent would
            error = OutputError(f"cannot write {PAGE}: {type(exc).__name__}: {exc}")
        try:
            told.send(error)
        except (pickle.PicklingError, TypeError, AttributeError):
            told.send(OutputError(str(error)))
        told.close()
        os._exit(0)  # as a pool worker ends: no exit handlers or flushes of the parent's state

    def finish(self, parts: Sequence[Fragment]) -> None:
        """The page written: waited for, or written here from ``parts``."""
        if self.process is None or self.answer is None:
            write_page(self.corpus, parts, self.folder)
            return
        try:
            error = self.answer.recv()
        except EOFError:  # the process died without a word (killed, out of memory)
            error = OutputError(f"the process writing {PAGE} stopped")
        self.process.join()
        self.process = None
        if error is not None:
            raise error

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        stop_forked(self.process, self.answer)
        self.process, self.answer = None, None
