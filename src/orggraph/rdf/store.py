"""The persistent Oxigraph store beside the Turtle: written by ``build``, opened by every reader.

The store holds exactly the triples of ``graph.ttl`` (which states the ontology and its
concept schemes too) in its default graph. ``build`` writes it into the build's staging
folder, so it is swapped in with the other outputs.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox

from orggraph.errors import GraphError, OutputError
from orggraph.outputs.atomic import process_umask

STORE_DIR = "store"
GRAPH_FILE = "graph.ttl"


def _load(store: ox.Store, path: Path) -> None:
    try:
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    except (SyntaxError, OSError, ValueError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise GraphError(f"cannot read {path} as Turtle: {first}") from exc


def fill_store(store: ox.Store, turtle: Path) -> ox.Store:
    """Load a graph's Turtle into the default graph."""
    _load(store, turtle)
    return store


def memory_store(turtle: Path) -> ox.Store:
    """An in-memory store of a Turtle file."""
    if not turtle.is_file():
        raise GraphError(f"no such graph file: {turtle}")
    return fill_store(ox.Store(), turtle)


def write_store(turtle: Path, target: Path) -> Path:
    """Build an on-disk store of ``turtle`` in a sibling folder, then swap it in for ``target``."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
        os.chmod(fresh, 0o777 & ~process_umask())  # mkdtemp makes it owner-only
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


class StoreCopy:
    """A writable copy of the store at ``previous``, to become ``target`` once changed: made
    ahead of the change (a build makes it while it extracts).

    The copy is a RocksDB checkpoint (hard links to the unchanged table files), so a small
    change costs little whatever the size of the store; ``previous`` is left as it was.
    """

    def __init__(self, previous: Path, target: Path) -> None:
        self.target = target
        self.fresh: Path | None = None
        self.store: ox.Store | None = None
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
            self.fresh.rmdir()  # the checkpoint makes the folder itself
            ox.Store.read_only(str(previous)).backup(str(self.fresh))
            os.chmod(self.fresh, 0o777 & ~process_umask())
            self.store = ox.Store(str(self.fresh))
        except OSError as exc:
            self.discard()
            raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc

    def change(
        self, prefixes: Mapping[str, str], deleted: Iterable[str], inserted: Iterable[str]
    ) -> Path:
        """Remove the ``deleted`` triples, add the ``inserted`` ones, and swap the copy in for
        the target. A triple is given as its three terms as Turtle writes them (which SPARQL
        reads alike), under ``prefixes``."""
        try:
            if self.store is None:
                raise OutputError(f"cannot write {self.target}: the copy was discarded")
            removed = "".join(f"{triple} .\n" for triple in deleted)
            if removed:  # one DELETE DATA: removing triples one by one costs several times more
                heads = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes.items())
                self.store.update(f"{heads}DELETE DATA {{\n{removed}}}")
            heads = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in prefixes.items())
            added = heads + "".join(f"{triple} .\n" for triple in inserted)
            self.store.load(input=added, format=ox.RdfFormat.TURTLE)
            self.store.flush()
            self.store = None  # closes the database before it moves
            if self.fresh is not None:
                _swap_dir(self.fresh, self.target)
        except (OSError, SyntaxError, ValueError) as exc:
            raise OutputError(f"cannot write {self.target}: {exc}") from exc
        finally:
            self.discard()
        return self.target

    def discard(self) -> None:
        """Close and delete the copy (after ``change``: what is left of it)."""
        self.store = None
        if self.fresh is not None:
            shutil.rmtree(self.fresh, ignore_errors=True)
