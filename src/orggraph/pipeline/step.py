"""A rule function run as a pipeline component."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from orggraph.pipeline.state import start_doc


class Step:
    """Starts the Doc's result containers if needed, then applies ``rule``."""

    def __init__(self, rule: Callable[[Doc], Doc]) -> None:
        self.rule = rule

    def __call__(self, doc: Doc) -> Doc:
        start_doc(doc)
        return self.rule(doc)
