"""graph.ttl and the store, from the graph's fragments (``rdf.fragments``).

With the build cache, what the store holds is kept in the cache (``GraphState``: the
fragment keys of its articles and its shared part), and a rebuild that changed few articles
updates a checkpoint of the previous store (the triples no longer in the graph removed, the
new ones added) instead of loading the whole graph again. Either way the store holds exactly
the triples of graph.ttl.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping
from pathlib import Path

from orggraph.cache import FactsCache, fragment_key
from orggraph.errors import GraphError, OutputError
from orggraph.outputs.atomic import write_text
from orggraph.outputs.turtle import Rendered, merge_sorted, verb, write_rendered
from orggraph.rdf.fragments import (
    Fragment,
    GraphState,
    article_fragment,
    article_id,
    corpus_fragment,
    ontology_fragment,
)
from orggraph.rdf.namespace import PREFIXES
from orggraph.rdf.store import STORE_DIR, store_dir, update_store, write_store
from orggraph.resolve import Corpus

#: Above this share of changed articles, loading the whole graph is cheaper than updating.
MAX_CHANGE = 0.25


def joined(fragments: Iterable[Fragment]) -> Fragment:
    """One fragment of several."""
    parts = list(fragments)
    prefixes = dict(pair for part in parts for pair in part.prefixes)
    triples = tuple(merge_sorted(part.triples for part in parts))
    return Fragment(triples, tuple(sorted(prefixes.items())))


def write_graph(
    corpus: Corpus,
    folder: Path,
    fragments: Mapping[tuple[str, str], Fragment] | None = None,
    *,
    store: bool = True,
    cache: FactsCache | None = None,
    previous: Path | None = None,
    collect: list[Fragment] | None = None,
) -> int:
    """Write graph.ttl (and the store) of ``corpus`` into ``folder``; how many triples.

    ``fragments``: the articles' fragments made already (the others are made here);
    ``previous``: the previous build's folder, whose store may be updated rather than rebuilt;
    ``collect``: given a list, the fragments of the whole graph are added to it (for the page).
    """
    made = fragments or {}
    shared = joined([ontology_fragment(), corpus_fragment(corpus)])
    articles: dict[str, Fragment] = {}
    for facts in corpus.articles:
        found = made.get(article_id(facts.source))
        key = (
            fragment_key(facts.source) if cache is not None else "\0".join(article_id(facts.source))
        )
        articles[key] = found if found is not None else article_fragment(facts)
    parts = [shared, *articles.values()]
    if collect is not None:
        collect.extend(parts)
    triples = merge_sorted(part.triples for part in parts)  # each part is in order
    prefixes = dict(pair for part in parts for pair in part.prefixes)
    write_text(folder / "graph.ttl", write_rendered(triples, prefixes))
    state = GraphState(frozenset(articles), shared)
    if store:
        _write_store(folder, triples, state, articles, cache, previous)
    if cache is not None:
        cache.save_graph_state(state)
    return len(triples)


def _write_store(
    folder: Path,
    triples: list[Rendered],
    state: GraphState,
    articles: Mapping[str, Fragment],
    cache: FactsCache | None,
    previous: Path | None,
) -> None:
    old_store = store_dir(previous) if previous is not None and previous.is_dir() else None
    change = _change(cache, state, articles, triples) if old_store is not None else None
    if change is not None and old_store is not None:
        try:
            update_store(old_store, folder / STORE_DIR, *change)
            return
        except (OutputError, GraphError):
            pass  # load the whole graph instead
    write_store(folder / "graph.ttl", folder / STORE_DIR)


def _change(
    cache: FactsCache | None,
    state: GraphState,
    articles: Mapping[str, Fragment],
    new: list[Rendered],
) -> tuple[str, str] | None:
    """Turtle of the triples to delete from and insert into the previous store, or None when
    the previous graph is unknown or changed too much."""
    old = cache.graph_state() if cache is not None else None
    if old is None or cache is None:
        return None
    removed, added = old.articles - state.articles, state.articles - old.articles
    if len(removed) + len(added) > MAX_CHANGE * max(1, len(state.articles)):
        return None
    gone = [cache.fragment_by_key(key) for key in sorted(removed)]
    if any(fragment is None for fragment in gone):
        return None
    old_shared, new_shared = set(old.shared.triples), set(state.shared.triples)
    left = [t for fragment in gone if fragment is not None for t in fragment.triples]
    left += [t for t in old.shared.triples if t not in new_shared]  # most stay
    deleted = [t for t in left if not _holds(new, t)]
    inserted = [t for key in sorted(added) for t in articles[key].triples]
    inserted += [t for t in state.shared.triples if t not in old_shared]
    return _turtle(deleted), _turtle(inserted)


def _holds(ordered: list[Rendered], triple: Rendered) -> bool:
    """Whether the ordered list holds ``triple``."""
    at = bisect_left(ordered, triple)
    return at < len(ordered) and ordered[at] == triple


def _turtle(triples: Iterable[Rendered]) -> str:
    """Rendered triples as a Turtle document (one triple a line, every prefix declared)."""
    head = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items())
    return head + "".join(f"{s} {verb(p)} {o} .\n" for s, p, o in triples)
