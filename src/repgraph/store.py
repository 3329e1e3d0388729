"""The embedded, persistent store (Oxigraph on disk): opening it, locking it, replacing graphs atomically."""
from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from .errors import RepgraphError
from .namespaces import ONTOLOGY_GRAPH, RG, SCHEMA, SKOS

DEFAULT_STORE = "store"


def store_path(path: str | None) -> Path:
    return Path(path or os.environ.get("REPGRAPH_STORE") or DEFAULT_STORE)


def open_read(path: Path) -> ox.Store:
    if not (path / "CURRENT").exists():
        raise RepgraphError(f"{path}: no store here; run 'repgraph build' first")
    try:
        return ox.Store.read_only(str(path))
    except (OSError, RuntimeError) as err:     # RuntimeError: a corrupted store
        raise RepgraphError(f"{path}: cannot open the store ({err})") from None


@contextmanager
def open_write(path: Path) -> Iterator[ox.Store]:
    """The store at PATH opened for writing, with an exclusive lock: a second writer is refused at once."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise RepgraphError(f"{path}: cannot make the store folder ({err.strerror})") from None
    lock = open(path.with_name(path.name + ".lock"), "w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        lock.close()
        raise RepgraphError(f"{path}: another repgraph command is writing to this store; try again when it ends") from None
    try:
        try:
            store = ox.Store(str(path))
        except (OSError, RuntimeError) as err:
            raise RepgraphError(f"{path}: cannot open the store ({err})") from None
        yield store
        store.flush()
    finally:
        fcntl.flock(lock, fcntl.LOCK_UN)
        lock.close()


def replace_graphs(store: ox.Store, graphs: dict[str, list[ox.Quad]]) -> None:
    """Replace each named graph by its quads in one SPARQL update, so a build is all or nothing."""
    parts = []
    for g, quads in sorted(graphs.items()):
        triples = ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in quads], format=ox.RdfFormat.N_TRIPLES)
        parts.append(f"DROP SILENT GRAPH <{g}>")
        if quads:
            parts.append(f"INSERT DATA {{ GRAPH <{g}> {{\n{triples.decode('utf-8')}\n}} }}")
    if parts:
        store.update(" ;\n".join(parts))


def known_persons(store: ox.Store) -> dict[str, set[str]]:
    """Every person IRI in the store with all its names, for identity resolution."""
    out: dict[str, set[str]] = {}
    q = f"""SELECT DISTINCT ?p ?n WHERE {{ GRAPH ?g {{ ?p a <{RG}Person> .
            {{ ?p <{SCHEMA}name> ?n }} UNION {{ ?p <{SKOS}altLabel> ?n }} }} }}"""
    for row in store.query(q):
        out.setdefault(row["p"].value, set()).add(row["n"].value)
    return out


def appeal_graphs(store: ox.Store) -> dict[str, list[ox.Quad]]:
    """The quads of every appeal graph (every named graph but the ontology's), by graph IRI."""
    out: dict[str, list[ox.Quad]] = {}
    for q in store.quads_for_pattern(None, None, None, None):
        if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value != ONTOLOGY_GRAPH:
            out.setdefault(q.graph_name.value, []).append(q)
    return out
