"""What a store already says about persons and organisations, as identity needs it.

Read with two SPARQL queries, graph by graph, and kept beside the store (repgraph-identity.pickle) after
every build, so that adding one appeal to a large archive does not read the whole archive again (at 10,000
appeals the queries take 8 to 15 s, the snapshot 40 ms). A build reads the rows of each graph it makes from
that graph alone (`of_graph`), never from the store. A snapshot is only used when the store holds exactly
the appeal graphs, with the same content hashes, that it was written for, by the same code; the rows of each
graph are sorted, so a registry built from a snapshot is the one built from the store.
"""
from __future__ import annotations

import hashlib
import io
import pickle
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .files import write
from .manifest import fingerprint
from .namespaces import RG, SCHEMA, SKOS
from .store import content_hashes

SNAPSHOT = "repgraph-identity.pickle"

# {g}: ?g (every graph, selected first) or one graph's IRI, which is far faster than restricting ?g
_PERSONS = f"""SELECT {{g}} ?p ?a ?n ?c ?k ?ctx ?kind WHERE {{ GRAPH {{g}} {{ ?p a <{RG}Person> . ?a a <{RG}Appeal> .
    OPTIONAL {{ ?a <{RG}countryCode> ?c }} OPTIONAL {{ ?a <{RG}case>/<{RG}caseCode> ?k }}
    {{ ?p <{SCHEMA}name> ?n }} UNION {{ ?p <{SKOS}altLabel> ?n }}
    UNION {{ ?t <{RG}person> ?p ; <{RG}relative>/<{SCHEMA}name> ?ctx BIND("r" AS ?kind) }}
    UNION {{ ?t <{RG}relative> ?p ; <{RG}person>/<{SCHEMA}name> ?ctx BIND("r" AS ?kind) }}
    UNION {{ ?t a <{RG}Membership> ; <{RG}person> ?p ; <{RG}organisation> ?o .
             {{ ?o <{SCHEMA}name> ?ctx }} UNION {{ ?o <{RG}acronym> ?ctx }} BIND("o" AS ?kind) }} }} }}"""
_ORGS = f"""SELECT {{g}} ?o ?n WHERE {{ GRAPH {{g}} {{ ?o a <{RG}Organisation> .
    {{ ?o <{SCHEMA}name> ?n }} UNION {{ ?o <{SKOS}altLabel> ?n }} UNION {{ ?o <{RG}acronym> ?n }} }} }}"""


FIELD, ROW = "\x1f", "\x1e"     # a graph's rows are held as one string: fast to snapshot and to read back


@dataclass
class StoreRows:
    """graph IRI -> its rows, packed (see `pack`): persons (p, a, n, c, k, ctx, kind) and organisations (o, n);
    "" for unbound."""
    persons: dict[str, str] = field(default_factory=dict)
    orgs: dict[str, str] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict, compare=False)   # graph -> rg:contentHash, for the stamp

    def replace(self, other: StoreRows, graphs: Iterable[str]) -> None:
        """Take OTHER's rows for GRAPHS (none when OTHER has none: the graph is gone)."""
        for g in graphs:
            for mine, theirs in ((self.persons, other.persons), (self.orgs, other.orgs), (self.hashes, other.hashes)):
                mine.pop(g, None)
                if g in theirs:
                    mine[g] = theirs[g]

    def person_rows(self) -> Iterable[tuple[str, list[str]]]:
        """(graph, row) for every person row, graph by graph."""
        return ((g, row.split(FIELD)) for g in sorted(self.persons) for row in self.persons[g].split(ROW))

    def org_rows(self) -> Iterable[list[str]]:
        return (row.split(FIELD) for g in sorted(self.orgs) for row in self.orgs[g].split(ROW))


def pack(rows: list[tuple[str, ...]]) -> str:
    """ROWS, sorted, as one string (a separator character inside a value, which no name needs, becomes a space)."""
    text = ROW.join(FIELD.join(r) for r in sorted(rows))
    if text.count(FIELD) != len(rows) * (len(rows[0]) - 1) or text.count(ROW) != len(rows) - 1:
        return pack([tuple(v.replace(FIELD, " ").replace(ROW, " ") for v in r) for r in rows])
    return text


def _values(row) -> tuple[str, ...]:
    return tuple(t.value if t is not None else "" for t in row)


def _grouped(store: ox.Store, query: str, graphs: list[str] | None) -> dict[str, str]:
    out: dict[str, list[tuple[str, ...]]] = {}
    if graphs is None:
        for row in store.query(query.replace("{g}", "?g")):
            out.setdefault(row[0].value, []).append(_values(list(row)[1:]))
    else:
        for g in graphs:
            rows = [_values(row) for row in store.query(query.replace("SELECT {g}", "SELECT").replace("{g}", f"<{g}>"))]
            if rows:
                out[g] = rows
    return {g: pack(rows) for g, rows in out.items()}


def read(store: ox.Store, graphs: list[str] | None = None) -> StoreRows:
    """The rows of STORE (of GRAPHS only, if given)."""
    return StoreRows(_grouped(store, _PERSONS, graphs), _grouped(store, _ORGS, graphs), content_hashes(store, graphs))


def of_graph(graph: str, quads: list[ox.Quad]) -> StoreRows:
    """The rows GRAPH, made of QUADS, will give once in a store (read from a small store in memory: 1 ms)."""
    store = ox.Store()
    store.extend(quads)
    return read(store, [graph])


def stamp(hashes: dict[str, str]) -> str:
    """A digest of a store's appeal graphs and their content HASHES, and of the code that read them."""
    return hashlib.sha256(repr((fingerprint(), sorted(hashes.items()))).encode("utf-8")).hexdigest()


class _PlainData(pickle.Unpickler):
    """Unpickles strings, tuples, lists and dicts only: a snapshot can name no class or function to run."""

    def find_class(self, module, name):
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")


def load(store_dir: Path | None, store: ox.Store, hashes: dict[str, str] | None = None) -> StoreRows:
    """The rows of the store at STORE_DIR, from its snapshot when that fits (HASHES: its content_hashes)."""
    if store_dir is not None:
        hashes = content_hashes(store) if hashes is None else hashes
        try:
            saved, persons, orgs = _PlainData(io.BytesIO((store_dir / SNAPSHOT).read_bytes())).load()
            if saved == stamp(hashes) and all(isinstance(v, str) for d in (persons, orgs) for v in d.values()):
                return StoreRows(persons, orgs, hashes)
        except (OSError, pickle.UnpicklingError, ValueError, TypeError, EOFError):
            pass
    return read(store)


def save(store_dir: Path, rows: StoreRows | None) -> None:
    """Write the snapshot of the store at STORE_DIR holding ROWS (through a temporary file); None removes it."""
    path = store_dir / SNAPSHOT
    if rows is None:
        path.unlink(missing_ok=True)
        return
    write(pickle.dumps((stamp(rows.hashes), rows.persons, rows.orgs), protocol=pickle.HIGHEST_PROTOCOL), path)
