"""Extraction: a blank Chinese spaCy pipeline whose components are orggraph's rule extractors.

``extract(source)`` is a pure function of the article's text and the reference data.
Components communicate through ``Doc._`` extensions, in pipeline order:
sentences → places → focus → documents → programs → metrics.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from orggraph.pipeline import (  # noqa: F401  (registers the components)
    documents,
    focus,
    metrics,
    places,
    programs,
    sentences,
    tokenizer,
)
from orggraph.records import ArticleFacts, SourceText

PIPE_NAMES = ("og_sentences", "og_places", "og_focus", "og_documents", "og_programs", "og_metrics")

_LIST_EXTENSIONS = (
    "og_place_mentions",  # list[PlaceMention]
    "og_sections",  # list[Section]
    "og_focus",  # list[str] (Place.key)
    "og_documents",  # list[DocumentMention]
    "og_programs",  # list[ProgramMention]
    "og_metrics",  # list[Metric]
    "og_warnings",  # list[str]
)


def _register_extensions() -> None:
    for name in (*_LIST_EXTENSIONS, "og_source", "og_sentences", "og_places"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


@cache
def load_pipeline() -> Language:
    """The extraction pipeline, built once per process."""
    _register_extensions()
    nlp = spacy.blank(
        "zh", config={"nlp": {"tokenizer": {"@tokenizers": "orggraph.JiebaTokenizer.v1"}}}
    )
    for name in PIPE_NAMES:
        nlp.add_pipe(name)
    nlp.initialize()
    return nlp


def extract(source: SourceText, nlp: Language | None = None) -> ArticleFacts:
    """Extract the places, programs, documents and metrics of one article."""
    nlp = nlp or load_pipeline()
    doc = nlp.make_doc(source.text)
    doc._.og_source = source
    for name in _LIST_EXTENSIONS:
        setattr(doc._, name, [])
    doc._.og_places = {}  # Place.key -> Place, every place referenced
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return ArticleFacts(
        source=source,
        places=tuple(sorted(doc._.og_places.values(), key=lambda p: p.key)),
        place_mentions=tuple(doc._.og_place_mentions),
        sections=tuple(doc._.og_sections),
        focus=tuple(doc._.og_focus),
        programs=tuple(doc._.og_programs),
        documents=tuple(doc._.og_documents),
        metrics=tuple(doc._.og_metrics),
        warnings=tuple(doc._.og_warnings),
    )
