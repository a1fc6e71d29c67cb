"""graph.ttl and the store, from the graph's fragments (``rdf.fragments``).

A clean build merges every fragment. With the build cache, a rebuild that changed few
articles edits the previous graph.ttl instead (``outputs.splice``): only the fragments of
the articles that left or came are read, and the previous store is updated by the same
difference (a checkpoint of it, the triples no longer in the graph removed, the new ones
added) rather than loaded again. Either way graph.ttl is the same bytes and the store holds
exactly its triples.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from orggraph.cache import FactsCache, fragment_key
from orggraph.errors import GraphError, OutputError
from orggraph.outputs.atomic import write_bytes
from orggraph.outputs.background import Background
from orggraph.outputs.splice import Spliced, splice
from orggraph.outputs.turtle import Rendered, merge_counted, merge_sorted, verb, write_rendered
from orggraph.rdf.fragments import (
    Fragment,
    GraphState,
    article_fragment,
    article_id,
    corpus_fragment,
    ontology_fragment,
)
from orggraph.rdf.namespace import PREFIXES
from orggraph.rdf.store import STORE_DIR, StoreCopy, store_dir, write_store
from orggraph.records import ArticleFacts
from orggraph.resolve import Corpus

#: Above this share of changed articles, a full merge and store load are cheaper.
MAX_CHANGE = 0.25
GRAPH_FILE = "graph.ttl"
_FragmentOf = Callable[[ArticleFacts], Fragment]


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
    prior: Callable[[], Previous | None] | None = None,
    pending: list[Background[None]] | None = None,
) -> int:
    """Write graph.ttl (and the store) of ``corpus`` into ``folder``; how many triples.

    ``fragments``: the articles' fragments by ``article_id`` (those missing are made here);
    ``previous``: the previous build's folder, whose graph.ttl and store may be changed by
    difference (``prior``: what it held, read already; see ``read_previous``); ``collect``:
    given a list, the fragments of the whole graph are added to it; ``pending``: given a list,
    the store is written in a thread put there (to be waited for), not before returning.
    """
    made = fragments if fragments is not None else {}
    shared = joined([ontology_fragment(), corpus_fragment(corpus)])
    keys = {_key(facts, cache): facts for facts in corpus.articles}

    def fragment_of(facts: ArticleFacts) -> Fragment:
        found = made.get(article_id(facts.source))
        return found if found is not None else article_fragment(facts)

    before = prior() if prior is not None else read_previous(previous, cache)
    spliced = _by_difference(before, cache, keys, fragment_of, shared)
    if spliced is None:
        pieces, state = _merged(keys, fragment_of, shared)
    else:
        pieces, state = spliced[0].pieces, spliced[1]
    if cache is not None:
        cache.keep(keys)
    jobs = [Background(lambda: _write_turtle(folder, pieces, state, cache), GRAPH_FILE)]
    if store:
        change = spliced[0] if spliced is not None else None
        copy = before.store if before is not None else None
        turtle = jobs[0]  # a store loaded whole reads graph.ttl once written
        jobs.append(
            Background(lambda: _write_store(folder, previous, change, turtle, copy), "store")
        )
    elif before is not None and before.store is not None:
        before.store.discard()
    if pending is None:
        for job in jobs:
            job.result()
    else:
        pending += jobs
    if collect is not None:
        collect += [shared, *map(fragment_of, keys.values())]
    return state.triples


def _write_turtle(
    folder: Path, pieces: list[bytes | memoryview], state: GraphState, cache: FactsCache | None
) -> None:
    """Write graph.ttl; keep what it holds (with its hash) for the next build."""
    write_bytes(folder / GRAPH_FILE, pieces)
    if cache is not None:
        cache.save_graph_state(replace(state, turtle=_digest(*pieces)))


def _key(facts: ArticleFacts, cache: FactsCache | None) -> str:
    """An article's name in the graph's state: its fragment's cache key."""
    return fragment_key(facts.source) if cache is not None else "\0".join(article_id(facts.source))


def _merged(
    keys: Mapping[str, ArticleFacts],
    fragment_of: _FragmentOf,
    shared: Fragment,
) -> tuple[list[bytes | memoryview], GraphState]:
    """The Turtle of every fragment merged, and what it holds (its hash left to the writer)."""
    articles = {key: fragment_of(facts) for key, facts in keys.items()}
    parts = [shared, *articles.values()]
    triples, repeated = merge_counted(part.triples for part in parts)
    prefixes = dict(pair for part in parts for pair in part.prefixes)
    data: list[bytes | memoryview] = [write_rendered(triples, prefixes).encode("utf-8")]
    held = {key: fragment.prefixes for key, fragment in articles.items()}
    return data, GraphState(held, shared, repeated, len(triples), "")


@dataclass(frozen=True)
class Previous:
    """What the previous build's graph held, its graph.ttl (which ``state`` describes), and a
    writable copy of its store, if asked for and there is one."""

    state: GraphState
    data: bytes
    store: StoreCopy | None = None


def read_previous(
    folder: Path | None, cache: FactsCache | None, store_to: Path | None = None
) -> Previous | None:
    """The previous build's graph state and graph.ttl, when that file is the one the state
    describes (None otherwise, or without a cache); with ``store_to``, a copy of its store
    to become that folder (``rdf.store.StoreCopy``)."""
    state = cache.graph_state() if cache is not None else None
    ttl = folder / GRAPH_FILE if folder is not None else None
    if folder is None or state is None or ttl is None or not ttl.is_file():
        return None
    data = ttl.read_bytes()
    if _digest(data) != state.turtle:
        return None
    old_store = store_dir(folder) if store_to is not None else None
    try:
        copy = StoreCopy(old_store, store_to) if old_store and store_to else None
    except OutputError:
        copy = None  # the store is then loaded whole
    return Previous(state, data, copy)


def _by_difference(
    before: Previous | None,
    cache: FactsCache | None,
    keys: Mapping[str, ArticleFacts],
    fragment_of: _FragmentOf,
    shared: Fragment,
) -> tuple[Spliced, GraphState] | None:
    """The previous graph.ttl changed by the articles that left and came, and what it then
    holds; None when there is no previous graph to change or it changed too much."""
    if before is None or cache is None:
        return None
    old, data = before.state, before.data
    removed = sorted(key for key in old.articles if key not in keys)
    added = sorted(key for key in keys if key not in old.articles)
    if len(removed) + len(added) > MAX_CHANGE * max(1, len(keys)):
        return None
    gone = [cache.fragment_by_key(key) for key in removed]
    came = {key: fragment_of(keys[key]) for key in added}
    if any(fragment is None for fragment in gone):
        return None
    held = {key: old.articles[key] if key in old.articles else came[key].prefixes for key in keys}
    prefixes = dict(shared.prefixes)
    for pairs in set(held.values()):
        prefixes.update(pairs)
    was, now = set(old.shared.triples), set(shared.triples)
    leaving = [Fragment(tuple(was - now), ()), *(part for part in gone if part is not None)]
    coming = [Fragment(tuple(now - was), ()), *came.values()]
    result = splice(data, old.repeated, leaving, coming, prefixes)
    if result is None:
        return None
    triples = old.triples - len(result.deleted) + len(result.inserted)
    return result, GraphState(held, shared, result.repeated, triples, "")  # hash: the writer


def _digest(*pieces: bytes | memoryview) -> str:
    digest = hashlib.sha256()
    for piece in pieces:
        digest.update(piece)
    return digest.hexdigest()


def _write_store(
    folder: Path,
    previous: Path | None,
    change: Spliced | None,
    turtle: Background[None],
    copy: StoreCopy | None = None,
) -> None:
    """The store of graph.ttl: the previous one (``copy``: a copy made already) changed by
    ``change``, or loaded whole once the ``turtle`` job has written graph.ttl."""
    old_store = store_dir(previous) if previous is not None and previous.is_dir() else None
    if change is not None and (copy is not None or old_store is not None):
        try:
            if copy is None and old_store is not None:
                copy = StoreCopy(old_store, folder / STORE_DIR)
            if copy is not None:
                copy.change(
                    PREFIXES, map(_statement, change.deleted), map(_statement, change.inserted)
                )
                return
        except (OutputError, GraphError):
            pass  # load the whole graph instead
    if copy is not None:
        copy.discard()
    turtle.result()
    write_store(folder / GRAPH_FILE, folder / STORE_DIR)


def _statement(triple: Rendered) -> str:
    """A rendered triple as a statement (without its closing dot)."""
    subject, pred, obj = triple
    return f"{subject} {verb(pred)} {obj}"
