"""Where extraction runs: in this process (``local``) or on a Dask cluster (``dask``).

Each executor takes the articles still to extract and returns their facts in input order.
On Dask, each worker loads the pipeline once (``load_pipeline`` is cached per process) and
receives articles as text records; the facts come back as plain picklable records, so the
resolved graph is the same bytes whichever executor ran.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from orggraph.errors import ExecutorError
from orggraph.records import ArticleFacts, SourceText

Progress = Callable[[int, int, str], None]
EXECUTORS = ("local", "dask")


def extract_one(source: SourceText) -> ArticleFacts:
    """Extract one article with this process's pipeline (loaded on first use)."""
    from orggraph.pipeline import extract, load_pipeline

    return extract(source, load_pipeline())


def run_local(
    sources: Sequence[SourceText], progress: Progress | None = None
) -> list[ArticleFacts]:
    facts = []
    for i, source in enumerate(sources):
        facts.append(extract_one(source))
        if progress:
            progress(i + 1, len(sources), source.source_file)
    return facts


def run_dask(
    sources: Sequence[SourceText], scheduler: str, progress: Progress | None = None
) -> list[ArticleFacts]:
    """Extract on the Dask cluster whose scheduler listens at ``scheduler`` (tcp://HOST:PORT)."""
    from distributed import Client, as_completed

    try:
        client = Client(scheduler, timeout="20s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ExecutorError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    with client:
        futures = client.map(extract_one, list(sources), pure=False)
        order = {f.key: i for i, f in enumerate(futures)}
        results: list[ArticleFacts | None] = [None] * len(sources)
        for done, future in enumerate(as_completed(futures, loop=client.loop), start=1):
            index = order[future.key]
            results[index] = future.result()
            if progress:
                progress(done, len(sources), sources[index].source_file)
    return [r for r in results if r is not None]


def run(
    sources: Sequence[SourceText],
    executor: str = "local",
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> list[ArticleFacts]:
    """The facts of each source, in order, extracted by the chosen executor."""
    if executor == "local":
        return run_local(sources, progress)
    if executor == "dask":
        if not scheduler:
            raise ExecutorError("--executor dask needs --scheduler tcp://HOST:PORT")
        return run_dask(sources, scheduler, progress)
    raise ExecutorError(f"--executor must be one of {', '.join(EXECUTORS)}, got {executor!r}")
