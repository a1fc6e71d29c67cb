"""What ``explain`` finds about an entity, and its text form (facts with their sentences).

Plain data: ``orggraph.outputs.explain`` reads it out of a graph.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

MAX_QUOTES_PER_ARTICLE = 3
MAX_LISTED = 15


@dataclass(frozen=True)
class Quote:
    """A sentence stating a fact, where it stands, and the rule that read it."""

    text: str
    article: str  # article title, "" when the article states none
    source_file: str
    start: int
    end: int
    rule: str | None = None


@dataclass(frozen=True)
class Fact:
    """One statement about the entity: ``relation`` → ``value`` (a label where there is one)."""

    relation: str
    value: str
    iri: str | None = None  # when the value is an entity
    quotes: tuple[Quote, ...] = ()


@dataclass(frozen=True)
class Mention:
    """An article that mentions the entity, with the sentences that do."""

    article: str
    source_file: str
    iri: str
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class Explanation:
    """Everything the graph states about one entity, with evidence."""

    iri: str
    label: str
    types: tuple[str, ...]
    other_labels: tuple[str, ...]
    facts: tuple[Fact, ...]
    mentions: tuple[Mention, ...]
    linked_from: tuple[Fact, ...]  # e.g. "implements" → programs carried out by a place

    def format(self) -> str:
        """The explanation as text for a reader about to cite it."""
        return format_explanation(self)


def format_explanation(x: Explanation) -> str:
    """Header, facts with their sentences, articles mentioning it, and what links to it."""
    lines = [f"{x.label}  ({', '.join(x.types) or 'entity'})", f"  IRI: {x.iri}"]
    if x.other_labels:
        lines.append(f"  also written: {'、'.join(x.other_labels)}")
    if x.facts:
        lines += ["", "Facts"]
        for fact in x.facts:
            lines.append(f"  {fact.relation}: {fact.value}")
            lines += _quote_lines(fact.quotes, indent="    ")
    if x.mentions:
        lines += ["", f"Mentioned in {len(x.mentions)} article(s)"]
        shown = {q for fact in x.facts for q in fact.quotes}
        for m in x.mentions:
            lines.append(f"  {_where(m.article, m.source_file)}")
            fresh = [q for q in m.quotes if q not in shown]  # not quoted under Facts already
            lines += _quote_lines(fresh, indent="    ", with_article=False)
    if x.linked_from:
        lines += ["", "Linked from"]
        for relation in dict.fromkeys(f.relation for f in x.linked_from):
            names = [f.value for f in x.linked_from if f.relation == relation]
            more = f" … and {len(names) - MAX_LISTED} more" if len(names) > MAX_LISTED else ""
            lines.append(f"  {relation} ({len(names)}): {'、'.join(names[:MAX_LISTED])}{more}")
    return "\n".join(lines)


def _where(title: str, source_file: str) -> str:
    return f"《{title}》, {source_file}" if title else source_file


def _quote_lines(quotes: Sequence[Quote], indent: str, with_article: bool = True) -> list[str]:
    lines = []
    shown: dict[str, int] = defaultdict(int)
    hidden: dict[str, int] = defaultdict(int)
    for q in quotes:
        if shown[q.source_file] >= MAX_QUOTES_PER_ARTICLE:
            hidden[q.source_file] += 1
            continue
        shown[q.source_file] += 1
        where = _where(q.article, q.source_file) if with_article else q.source_file
        rule = f", rule {q.rule}" if q.rule else ""
        lines.append(f"{indent}“{q.text.strip()}”")
        lines.append(f"{indent}  — {where}, characters {q.start}–{q.end}{rule}")
    lines += [f"{indent}… {n} more in {f}" for f, n in sorted(hidden.items())]
    return lines
