"""orggraph: RDF knowledge graphs from Chinese reports on local Party organizational work."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["__version__", "load_pipeline"]

if TYPE_CHECKING:
    from spacy.language import Language


def load_pipeline(config: Any = None, disable: Any = ()) -> Language:
    """The extraction pipeline (see ``orggraph.pipeline.load_pipeline``); spaCy loads lazily."""
    from orggraph.pipeline import load_pipeline as load

    return load(config, disable)
