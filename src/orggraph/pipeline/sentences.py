"""Sentence boundaries from Chinese end punctuation and line breaks."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from orggraph.pipeline.text import Sentences


@Language.component("og_sentences")
def mark_sentences(doc: Doc) -> Doc:
    """Set ``doc._.og_sentences`` and token sentence starts."""
    sentences = Sentences.of(doc.text)
    doc._.og_sentences = sentences
    starts = set(sentences.starts)
    for i, token in enumerate(doc):
        token.is_sent_start = i == 0 or token.idx in starts
    return doc
