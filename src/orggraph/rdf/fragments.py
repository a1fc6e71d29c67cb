"""The graph in parts: one fragment per article, one for the shared nodes, one for the ontology.

A fragment is a set of triples already written as Turtle terms (``outputs.turtle.Renderer``)
with the prefixes they use. An article's fragment is a pure function of its facts (see
``rdf.build.article_triples``), so extraction workers make it beside the facts and the build
cache keeps it: a rebuild renders only the changed articles' fragments. ``graph_turtle`` merges
the fragments into exactly the Turtle that ``outputs.turtle.serialize`` writes for
``rdf.build.build_graph`` of the same corpus.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from orggraph.outputs.turtle import Rendered, Renderer, merge_sorted, write_rendered
from orggraph.rdf.build import article_triples, corpus_triples, kind_concepts
from orggraph.rdf.namespace import PREFIXES, ontology
from orggraph.records import ArticleFacts, SourceText
from orggraph.resolve import Corpus

Prefixes = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Fragment:
    """Triples as Turtle text (subject, verb, object), distinct and in order (as Turtle writes
    them), and the prefixes they use."""

    triples: tuple[Rendered, ...]
    prefixes: Prefixes

    def __len__(self) -> int:
        return len(self.triples)


@dataclass(frozen=True)
class GraphState:
    """What a built graph.ttl (and its store) holds, for the next build to change it by
    difference (``outputs.splice``): its articles' fragment keys with the prefixes each uses,
    its shared part, how many fragments state each triple stated by more than one, how many
    triples it has, and the SHA-256 of its text."""

    articles: Mapping[str, Prefixes]
    shared: Fragment
    repeated: Mapping[Rendered, int]
    triples: int
    turtle: str


#: An article's facts with its graph fragment, as an extraction worker returns them.
Extracted = tuple[ArticleFacts, Fragment]
#: Graph fragments of a build's articles, by ``article_id``.
Fragments = dict[tuple[str, str], Fragment]


def render(triples: Iterable[tuple[object, object, object]]) -> Fragment:
    """A fragment of rdflib triples (duplicates dropped, in order), under the project prefixes."""
    renderer = Renderer(PREFIXES.items())
    rendered = tuple(sorted(set(renderer.render(triples))))
    return Fragment(rendered, tuple(sorted(renderer.prefixes.items())))


def article_fragment(facts: ArticleFacts) -> Fragment:
    """One article's own triples (see ``rdf.build.article_triples``)."""
    return render(article_triples(facts))


def corpus_fragment(corpus: Corpus) -> Fragment:
    """The nodes shared across the corpus's articles."""
    return render(corpus_triples(corpus))


@cache
def ontology_fragment() -> Fragment:
    """The ontology, which every graph states."""
    return render(ontology())


def warm() -> None:
    """Load what fragments need (ontology, kind concepts) before worker processes fork."""
    ontology_fragment()
    kind_concepts()


def article_id(source: SourceText) -> tuple[str, str]:
    """What tells apart the articles of one build (as ``resolve`` orders them)."""
    return (source.source_file, source.sha256)


def graph_fragments(
    corpus: Corpus, made: Mapping[tuple[str, str], Fragment] | None = None
) -> Iterator[Fragment]:
    """Every fragment of the corpus's graph; article fragments from ``made`` where given."""
    made = made or {}
    yield ontology_fragment()
    yield corpus_fragment(corpus)
    for facts in corpus.articles:
        found = made.get(article_id(facts.source))
        yield found if found is not None else article_fragment(facts)


def merged_turtle(fragments: Sequence[Fragment]) -> tuple[str, int]:
    """The Turtle text of the union of ``fragments``, and how many triples it states."""
    prefixes = dict(pair for fragment in fragments for pair in fragment.prefixes)
    triples = merge_sorted(fragment.triples for fragment in fragments)
    return write_rendered(triples, prefixes), len(triples)


def graph_turtle(corpus: Corpus, made: Mapping[tuple[str, str], Fragment] | None = None) -> str:
    """``serialize(build_graph(corpus))``, from fragments (``made`` ones reused)."""
    return merged_turtle(list(graph_fragments(corpus, made)))[0]
