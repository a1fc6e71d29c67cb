"""TODO(owner): focus extraction. Skeleton so the pipeline wires end to end."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("og_focus")
def find_focus(doc: Doc) -> Doc:
    return doc
