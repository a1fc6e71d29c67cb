"""The persistent Oxigraph store beside the Turtle: written by ``build``, opened by every reader.

Layout: the graph's triples in the default graph (exactly ``graph.ttl``), the ontology and
its concept schemes in the named graph ``ONTOLOGY_GRAPH``. Queries see both (the default
graph is the union), so ``og:kind/skos:notation`` answers; a count of the default graph
equals the triples of ``graph.ttl``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox

from orggraph.errors import GraphError, OutputError

STORE_DIR = "store"
GRAPH_FILE = "graph.ttl"
ONTOLOGY_GRAPH = ox.NamedNode("https://w3id.org/orggraph/ontology")


def ontology_path() -> Path:
    """The ontology Turtle: shipped in the package, or at the repository root in a checkout."""
    packaged = Path(str(files("orggraph"))) / "ontology" / "orggraph.ttl"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / "ontology" / "orggraph.ttl"


def _load(store: ox.Store, path: Path, graph: ox.NamedNode | None = None) -> None:
    try:
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=graph)
    except (SyntaxError, OSError, ValueError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise GraphError(f"cannot read {path} as Turtle: {first}") from exc


def fill_store(store: ox.Store, turtle: Path) -> ox.Store:
    """Load a graph's Turtle into the default graph and the ontology into its named graph."""
    _load(store, turtle)
    ontology = ontology_path()
    if ontology.is_file():
        _load(store, ontology, ONTOLOGY_GRAPH)
    return store


def memory_store(turtle: Path) -> ox.Store:
    """An in-memory store of a Turtle file (and the ontology)."""
    if not turtle.is_file():
        raise GraphError(f"no such graph file: {turtle}")
    return fill_store(ox.Store(), turtle)


def write_store(turtle: Path, target: Path) -> Path:
    """Build an on-disk store of ``turtle`` in a sibling folder, then swap it in for ``target``."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
    try:
        store = fill_store(ox.Store(str(fresh)), turtle)
        store.flush()
        del store  # closes the database before it moves
        _swap_dir(fresh, target)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    return target


def _swap_dir(fresh: Path, target: Path) -> None:
    """Replace the folder ``target`` by ``fresh``; readers see the old or the new one."""
    if not target.exists():
        os.replace(fresh, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
    os.replace(target, old / target.name)
    os.replace(fresh, target)
    shutil.rmtree(old, ignore_errors=True)


def store_dir(path: Path) -> Path | None:
    """The store of a build folder (or the store folder itself), if there is one."""
    for candidate in (path / STORE_DIR, path):
        if (candidate / "CURRENT").is_file():  # a RocksDB folder
            return candidate
    return None


def open_store(path: Path) -> ox.Store:
    """A store for ``path``: a build folder's store (read-only), else its graph.ttl or a .ttl."""
    if path.is_dir():
        found = store_dir(path)
        if found is not None:
            try:
                return ox.Store.read_only(str(found))
            except OSError as exc:
                raise GraphError(f"cannot open the store in {found}: {exc}") from exc
        if (path / GRAPH_FILE).is_file():
            return memory_store(path / GRAPH_FILE)
        raise GraphError(f"{path} holds neither a store nor {GRAPH_FILE}; run orggraph build")
    return memory_store(path)


def turtle_of(path: Path) -> Path:
    """The Turtle file a graph argument names: the file itself, or a build folder's graph.ttl."""
    ttl = path / GRAPH_FILE if path.is_dir() else path
    if not ttl.is_file():
        raise GraphError(f"no such graph file: {ttl}")
    return ttl
