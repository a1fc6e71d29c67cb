"""Python's cyclic garbage collector switched for a stretch of work, and back as it was.

A build holds hundreds of thousands of small acyclic records, strings and graph terms at once
(cached facts, fragments, the page's index) and makes no cycles worth finding: each full pass
would scan them all again. Extraction, which does make cycles (spaCy's Docs), turns it on.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager


@contextmanager
def collector(on: bool) -> Iterator[None]:
    """The collector on (or off) within, as it was after."""
    was = gc.isenabled()
    _switch(on)
    try:
        yield
    finally:
        _switch(was)


def _switch(on: bool) -> None:
    if on:
        gc.enable()
    else:
        gc.disable()


def collecting() -> AbstractContextManager[None]:
    """The collector on within (extraction makes cycles)."""
    return collector(True)


def collector_paused() -> AbstractContextManager[None]:
    """The collector off within (many small acyclic objects)."""
    return collector(False)
