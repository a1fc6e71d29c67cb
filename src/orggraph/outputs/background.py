"""Work done in a thread beside the build: reading the previous build, updating the store.

Reading files, hashing and the store's own work let other threads run, so such a job
overlaps the build's Python work (reading inputs, waiting for extraction, writing tables).
``result`` waits for the job and raises its error in the build's thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Background(Generic[T]):
    """``work()`` started in a thread; ``result()`` waits for it (its error raised here)."""

    def __init__(self, work: Callable[[], T], name: str) -> None:
        self._work = work
        self._value: T | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._value = self._work()
        except BaseException as exc:  # raised again in the build's thread
            self._error = exc

    def result(self) -> T:
        """The work's value, once it is done."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]  # set by _run when no error
