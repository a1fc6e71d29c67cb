"""Merge the same entity across sentences and articles into one record per identity."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from orggraph.records import (
    ArticleFacts,
    DocumentKind,
    DocumentMention,
    Place,
    ProgramKind,
    ProgramMention,
)
from orggraph.resolve.programkey import program_key

T = TypeVar("T")


@dataclass(frozen=True)
class ProgramEntity:
    key: str
    name: str
    head: str | None
    kind: ProgramKind
    mentions: tuple[tuple[int, ProgramMention], ...]  # (article index, mention)


@dataclass(frozen=True)
class DocumentEntity:
    key: str
    title: str
    kind: DocumentKind
    mentions: tuple[tuple[int, DocumentMention], ...]


@dataclass(frozen=True)
class Corpus:
    """Articles plus one entity per identity; every tuple is in a stable, sorted order."""

    articles: tuple[ArticleFacts, ...]
    places: tuple[Place, ...]
    programs: tuple[ProgramEntity, ...]
    documents: tuple[DocumentEntity, ...]


def document_key(title: str) -> str:
    """The merge key of a document: its title, width-folded, without spaces."""
    return "".join(unicodedata.normalize("NFKC", title).split())


def _most_common(values: Iterable[T], order: Callable[[T], Any] = str) -> T:
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], order(v)))


def _merge_programs(articles: Sequence[ArticleFacts]) -> tuple[ProgramEntity, ...]:
    groups: dict[str, list[tuple[int, ProgramMention]]] = {}
    for i, facts in enumerate(articles):
        for mention in facts.programs:
            groups.setdefault(program_key(mention.name, mention.head), []).append((i, mention))
    entities = []
    for key, mentions in sorted(groups.items()):
        heads = [m.head for _, m in mentions if m.head]
        entities.append(
            ProgramEntity(
                key=key,
                name=_most_common((m.name for _, m in mentions), order=lambda n: (len(n), n)),
                head=_most_common(heads) if heads else None,
                kind=_most_common(m.kind for _, m in mentions),
                mentions=tuple(mentions),
            )
        )
    return tuple(entities)


def _merge_documents(articles: Sequence[ArticleFacts]) -> tuple[DocumentEntity, ...]:
    groups: dict[str, list[tuple[int, DocumentMention]]] = {}
    for i, facts in enumerate(articles):
        for mention in facts.documents:
            groups.setdefault(document_key(mention.title), []).append((i, mention))
    return tuple(
        DocumentEntity(
            key=key,
            title=_most_common((m.title for _, m in mentions), order=lambda t: (len(t), t)),
            kind=_most_common(m.kind for _, m in mentions),
            mentions=tuple(mentions),
        )
        for key, mentions in sorted(groups.items())
    )


def _merge_places(articles: Sequence[ArticleFacts]) -> tuple[Place, ...]:
    places: dict[str, Place] = {}
    for facts in articles:
        for place in facts.places:
            places.setdefault(place.key, place)
    return tuple(places[k] for k in sorted(places))


def resolve(articles: Sequence[ArticleFacts]) -> Corpus:
    """One entity per place key, program key and document key across all articles."""
    ordered = tuple(sorted(articles, key=lambda a: (a.source.source_file, a.source.sha256)))
    return Corpus(
        articles=ordered,
        places=_merge_places(ordered),
        programs=_merge_programs(ordered),
        documents=_merge_documents(ordered),
    )
