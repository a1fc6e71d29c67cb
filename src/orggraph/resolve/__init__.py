"""Identity: one entity per place, program, document and metric across sentences and articles."""

from orggraph.resolve.corpus import (
    Corpus,
    DocumentEntity,
    MetricEntity,
    ProgramEntity,
    ProgramLink,
    document_key,
    resolve,
)

__all__ = [
    "Corpus",
    "DocumentEntity",
    "MetricEntity",
    "ProgramEntity",
    "ProgramLink",
    "document_key",
    "resolve",
]
