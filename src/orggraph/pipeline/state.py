"""The Doc extensions the components share, and their per-doc start.

While the pipeline runs, components pass records (``orggraph.records``) to each other through
these extensions; ``og_facts`` (the last component) packs them into plain data so a Doc can
cross processes (``nlp.pipe(n_process=N)``).
"""

from __future__ import annotations

from spacy.tokens import Doc

LIST_EXTENSIONS = (
    "og_place_mentions",  # list[PlaceMention]
    "og_sections",  # list[Section]
    "og_focus",  # list[str] (Place.key)
    "og_documents",  # list[DocumentMention]
    "og_programs",  # list[ProgramMention]
    "og_metrics",  # list[Metric]
    "og_warnings",  # list[str]
)
WORK_EXTENSIONS = (*LIST_EXTENSIONS, "og_sentences", "og_places", "og_source", "og_years")
EXTENSIONS = (*WORK_EXTENSIONS, "og_facts")


def register_extensions() -> None:
    """Declare every ``doc._.og_*`` extension (idempotent)."""
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def start_doc(doc: Doc) -> None:
    """Give a fresh Doc its empty result containers; leaves a started Doc alone."""
    if doc._.og_places is None:
        doc._.og_places = {}  # Place.key -> Place, every place referenced
    for name in LIST_EXTENSIONS:
        if getattr(doc._, name) is None:
            setattr(doc._, name, [])


register_extensions()
