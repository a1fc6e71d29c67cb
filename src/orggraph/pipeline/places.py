"""TODO(owner): places extraction. Skeleton so the pipeline wires end to end."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("og_places")
def find_places(doc: Doc) -> Doc:
    return doc
