"""TODO(owner): metrics extraction. Skeleton so the pipeline wires end to end."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("og_metrics")
def find_metrics(doc: Doc) -> Doc:
    return doc
