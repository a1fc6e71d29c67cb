"""Sentence boundaries from Chinese end punctuation and line breaks."""

from __future__ import annotations

import numpy as np
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from orggraph.pipeline.state import start_doc
from orggraph.pipeline.text import Sentences


class SentenceMarker:
    """The ``og_sentences`` component: ``doc._.og_sentences`` and token sentence starts."""

    def __call__(self, doc: Doc) -> Doc:
        start_doc(doc)
        sentences = Sentences.of(doc.text)
        doc._.og_sentences = sentences
        if len(doc):
            idx = doc.to_array(IDX).astype("int64")
            starts = np.isin(idx, np.fromiter(sentences.starts, dtype="int64"))
            starts[0] = True
            flags = np.where(starts, 1, -1).astype("int64").astype("uint64")
            doc.from_array([SENT_START], flags.reshape(-1, 1))  # type: ignore[arg-type]
        return doc


@Language.factory(
    "og_sentences",
    assigns=["doc._.og_sentences", "token.is_sent_start"],
    requires=[],
)
def make_sentence_marker(nlp: Language, name: str) -> SentenceMarker:
    """Factory of the ``og_sentences`` component."""
    return SentenceMarker()
