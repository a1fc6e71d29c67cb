"""Where extraction runs: in local processes (``local``, see ``build.extract_texts``) or on a
Dask distributed cluster (``dask``).

On Dask, each worker loads the pipeline once (``load_pipeline`` is cached per process) and
receives articles as text records; each article's facts (or its extraction error) come back
as plain picklable records, so the resolved graph is the same bytes whichever executor ran.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from orggraph.errors import ExecutorError, ExtractionError
from orggraph.records import ArticleFacts, SourceText

EXECUTORS = ("local", "dask")


def check_executor(executor: str, scheduler: str | None) -> None:
    """ExecutorError for an unknown executor or a Dask run without a scheduler."""
    if executor not in EXECUTORS:
        raise ExecutorError(f"--executor must be one of {', '.join(EXECUTORS)}, got {executor!r}")
    if executor == "dask" and not scheduler:
        raise ExecutorError("--executor dask needs --scheduler tcp://HOST:PORT")


def extract_on_worker(source: SourceText) -> ArticleFacts | ExtractionError:
    """One article's facts on a Dask worker (the pipeline loads on the worker's first task)."""
    from orggraph.build import extract_or_error

    return extract_or_error(source)


def dask_results(
    sources: Sequence[SourceText], scheduler: str
) -> Iterator[ArticleFacts | ExtractionError]:
    """Each article's facts (or error), in input order, from the cluster at ``scheduler``."""
    from distributed import Client

    try:
        client = Client(scheduler, timeout="20s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ExecutorError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    with client:
        futures = client.map(extract_on_worker, list(sources), pure=False)
        for future in futures:
            yield future.result()
