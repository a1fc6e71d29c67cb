"""Extraction: a blank Chinese spaCy pipeline whose components are orggraph's rule extractors.

``load_pipeline()`` builds it from the shipped ``config.cfg``; ``nlp(text)`` runs it and
``facts_of(doc)`` reads the article's records back. Components pass records to each other
through ``Doc._`` extensions, in pipeline order: sentences → places → focus → documents →
programs → metrics; ``og_facts`` then packs them as plain data (``doc._.og_facts``), so Docs
cross processes (``nlp.pipe(texts, n_process=N)``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.util import load_config, load_model_from_config
from thinc.api import Config

from orggraph.pipeline import (  # noqa: F401  (registers the components)
    documents,
    facts,
    focus,
    metrics,
    places,
    programs,
    sentences,
    tokenizer,
)
from orggraph.pipeline.facts import facts_of, text_source
from orggraph.pipeline.state import register_extensions
from orggraph.records import ArticleFacts, SourceText

__all__ = ["CONFIG", "PIPE_NAMES", "extract", "facts_of", "load_pipeline", "text_source"]

CONFIG = Path(__file__).with_name("config.cfg")
PIPE_NAMES = (
    "og_sentences",
    "og_places",
    "og_focus",
    "og_documents",
    "og_programs",
    "og_metrics",
    "og_facts",
)

ConfigLike = str | Path | Mapping[str, Any] | Config


def load_pipeline(config: ConfigLike | None = None, disable: Iterable[str] = ()) -> Language:
    """The extraction pipeline, built from ``config.cfg`` and initialised.

    ``config`` is a config file, or a mapping of overrides merged into the shipped config
    (nested sections, or dotted keys such as ``"components.og_places.max_name"``).
    ``disable`` names components to skip. The default pipeline is built once per process.
    """
    if config is None:
        return _default(tuple(disable))
    return _build(_config(config), tuple(disable))


def _config(config: ConfigLike) -> Config:
    if isinstance(config, str | Path):
        return load_config(Path(config))
    dotted = {k: v for k, v in config.items() if "." in k}
    nested = {k: v for k, v in config.items() if "." not in k}
    return load_config(CONFIG, overrides=dotted).merge(Config(nested))


@cache
def _default(disable: tuple[str, ...]) -> Language:
    return _build(load_config(CONFIG), disable)


def _build(config: Config, disable: tuple[str, ...]) -> Language:
    register_extensions()
    nlp = load_model_from_config(config, auto_fill=True, validate=True, disable=list(disable))
    nlp.initialize()
    return nlp


def extract(source: SourceText, nlp: Language | None = None) -> ArticleFacts:
    """Extract the places, programs, documents and metrics of one article."""
    nlp = nlp or load_pipeline()
    doc = nlp.make_doc(source.text)
    doc._.og_source = source  # its metadata (publication date) dates relative years
    # in-process, the records need no packing into plain data
    return facts_of(nlp(doc, disable=["og_facts"]), source)
