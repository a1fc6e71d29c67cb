"""All identity: one record per place, program, document and metric across the articles.

The graph builder takes what this module resolves and maps nothing itself: references by name
(a metric's program, a program's larger program, a program's governing document) are turned
into keys here, and a metric's identity is its article and its offsets in the *original* text,
so a change to normalization does not rename it.
"""

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
    Metric,
    Place,
    ProgramKind,
    ProgramMention,
    merged_places,
)
from orggraph.resolve.programkey import program_key, program_label

T = TypeVar("T")


@dataclass(frozen=True)
class ProgramLink:
    """One mention of a program, with the programs and documents it names resolved to keys."""

    article: int  # index into Corpus.articles
    mention: ProgramMention
    part_of: str | None = None  # key of the larger program
    governed_by: str | None = None  # key of the governing document


@dataclass(frozen=True)
class ProgramEntity:
    key: str
    name: str
    head: str | None
    kind: ProgramKind
    mentions: tuple[ProgramLink, ...]

    @property
    def label(self) -> str:
        """The name as written in full, with its head noun."""
        return program_label(self.name, self.head)


@dataclass(frozen=True)
class MetricEntity:
    """A stated quantity, identified by its article and its span in the original text."""

    article: int  # index into Corpus.articles
    metric: Metric
    start: int  # offsets of the quantity in the original text
    end: int
    program: str | None = None  # key of the program it counts for


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
    metrics: tuple[MetricEntity, ...] = ()


def document_key(title: str) -> str:
    """The merge key of a document: its title, width-folded, without spaces."""
    return "".join(unicodedata.normalize("NFKC", title).split())


def _most_common(values: Iterable[T], order: Callable[[T], Any] = str) -> T:
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], order(v)))


ProgramKeys = dict[tuple[int, str], str]  # (article index, name as written) → program key


def _program_keys(articles: Sequence[ArticleFacts]) -> ProgramKeys:
    """The key of every program name as written in each article."""
    return {
        (i, mention.name): program_key(mention.name, mention.head)
        for i, facts in enumerate(articles)
        for mention in facts.programs
    }


def _program_ref(keys: ProgramKeys, index: int, name: str | None) -> str | None:
    """The key of a program named in an article (a name never seen as a program keyed alone)."""
    if not name:
        return None
    return keys.get((index, name)) or program_key(name, None)


def _merge_programs(
    articles: Sequence[ArticleFacts], keys: ProgramKeys
) -> tuple[ProgramEntity, ...]:
    groups: dict[str, list[ProgramLink]] = {}
    for i, facts in enumerate(articles):
        for mention in facts.programs:
            link = ProgramLink(
                article=i,
                mention=mention,
                part_of=_program_ref(keys, i, mention.part_of),
                governed_by=document_key(mention.governed_by) if mention.governed_by else None,
            )
            groups.setdefault(keys[(i, mention.name)], []).append(link)
    entities = []
    for key, links in sorted(groups.items()):
        mentions = [link.mention for link in links]
        heads = [m.head for m in mentions if m.head]
        entities.append(
            ProgramEntity(
                key=key,
                name=_most_common((m.name for m in mentions), order=lambda n: (len(n), n)),
                head=_most_common(heads) if heads else None,
                kind=_most_common(m.kind for m in mentions),
                mentions=tuple(links),
            )
        )
    return tuple(entities)


def _metrics(articles: Sequence[ArticleFacts], keys: ProgramKeys) -> tuple[MetricEntity, ...]:
    found = []
    for i, facts in enumerate(articles):
        for metric in facts.metrics:
            start, end = facts.source.original_span(metric.evidence.start, metric.evidence.end)
            program = _program_ref(keys, i, metric.program)
            found.append(MetricEntity(i, metric, start, end, program))
    return tuple(found)


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
    return merged_places(place for facts in articles for place in facts.places)


def resolve(articles: Sequence[ArticleFacts]) -> Corpus:
    """One entity per place, program and document key, and every metric, across all articles."""
    ordered = tuple(sorted(articles, key=lambda a: (a.source.source_file, a.source.sha256)))
    keys = _program_keys(ordered)
    return Corpus(
        articles=ordered,
        places=_merge_places(ordered),
        programs=_merge_programs(ordered, keys),
        documents=_merge_documents(ordered),
        metrics=_metrics(ordered, keys),
    )
