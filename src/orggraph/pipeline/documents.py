"""TODO(owner): documents extraction. Skeleton so the pipeline wires end to end."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("og_documents")
def find_documents(doc: Doc) -> Doc:
    return doc
