"""The last component: the article's results as plain data, and the records read back from it."""

from __future__ import annotations

import hashlib
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from orggraph.pipeline.plain import from_plain, to_plain
from orggraph.pipeline.state import WORK_EXTENSIONS, start_doc
from orggraph.records import (
    ArticleFacts,
    DocumentMention,
    Metric,
    Place,
    PlaceMention,
    ProgramMention,
    Section,
    SourceText,
)

# field of ArticleFacts -> (extension holding it while the pipeline runs, record type)
FIELDS: dict[str, tuple[str, Any]] = {
    "places": ("og_places", tuple[Place, ...]),
    "place_mentions": ("og_place_mentions", tuple[PlaceMention, ...]),
    "sections": ("og_sections", tuple[Section, ...]),
    "focus": ("og_focus", tuple[str, ...]),
    "programs": ("og_programs", tuple[ProgramMention, ...]),
    "documents": ("og_documents", tuple[DocumentMention, ...]),
    "metrics": ("og_metrics", tuple[Metric, ...]),
    "warnings": ("og_warnings", tuple[str, ...]),
}


class FactPacker:
    """The ``og_facts`` component: packs the results into ``doc._.og_facts`` (plain data).

    The working extensions are emptied, so the Doc serialises (``to_bytes``, ``n_process``).
    """

    def __call__(self, doc: Doc) -> Doc:
        start_doc(doc)
        doc._.og_facts = {field: to_plain(value) for field, value in _records(doc).items()}
        for name in WORK_EXTENSIONS:
            setattr(doc._, name, None)
        return doc


@Language.factory("og_facts", assigns=["doc._.og_facts"], requires=["doc._.og_places"])
def make_fact_packer(nlp: Language, name: str) -> FactPacker:
    """Factory of the ``og_facts`` component."""
    return FactPacker()


def facts_of(doc: Doc, source: SourceText | None = None) -> ArticleFacts:
    """The records of a processed Doc; ``source`` defaults to the Doc's own text.

    Reads ``doc._.og_facts`` when packed, else the working extensions (``og_facts`` disabled).
    """
    packed = doc._.og_facts
    if packed is None:
        start_doc(doc)
        fields = _records(doc)
    else:
        fields = {f: from_plain(kind, packed.get(f, [])) for f, (_, kind) in FIELDS.items()}
    return ArticleFacts(source=source or text_source(doc.text), **fields)


def _records(doc: Doc) -> dict[str, Any]:
    fields = {f: tuple(getattr(doc._, ext)) for f, (ext, _) in FIELDS.items() if f != "places"}
    fields["places"] = tuple(sorted(doc._.og_places.values(), key=lambda p: p.key))
    return fields


def text_source(text: str, name: str = "text") -> SourceText:
    """A SourceText for a bare string: normalized text and original are the same."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    offsets = tuple(range(len(text) + 1))
    return SourceText(name, name, text, text, offsets, digest)
