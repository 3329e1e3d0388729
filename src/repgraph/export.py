"""Deterministic dumps of the whole store: the same store gives byte-identical files."""
from __future__ import annotations

import heapq
import json
import tempfile
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice
from typing import BinaryIO

import pyoxigraph as ox

from .errors import RepgraphError
from .namespaces import PREFIXES
from .privacy import Public

FORMATS = {
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "nt": ox.RdfFormat.N_TRIPLES,
    "ttl": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
}
QUAD_FORMATS = {"nq", "trig", "jsonld"}


def triple_key(t: ox.Triple) -> str:
    """The order of triples in the dumps: their N-Triples text (self-delimited terms, so subject, then
    predicate, then object: literals, IRIs, then blank nodes)."""
    return str(t)


def graphs(store: ox.Store, public: bool = True) -> Iterator[list[ox.Quad]]:
    """The store one graph at a time (by graph IRI, the default graph last); in public mode, with sensitive
    data reduced (`privacy.Public`)."""
    view = Public.of_store(store) if public else None
    for graph in sorted([*store.named_graphs(), ox.DefaultGraph()], key=str):
        quads = list(store.quads_for_pattern(None, None, None, graph))
        if view is not None:
            quads = view.apply(quads)
        if quads:
            yield quads


def graphs_in_order(store: ox.Store, public: bool = True) -> Iterator[list[ox.Quad]]:
    """`graphs`, each graph's quads in a fixed order: by their N-Quads text."""
    for quads in graphs(store, public):
        yield sorted(quads, key=str)


def dump(store: ox.Store, fmt: str, out: BinaryIO, public: bool = True) -> None:
    """Write the store to OUT in format FMT, reading one graph at a time."""
    if fmt not in FORMATS:
        raise RepgraphError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    write_graphs(graphs_in_order(store, public), fmt, out)


def write_graphs(graphs: Iterable[list[ox.Quad]], fmt: str, out: BinaryIO) -> None:
    """GRAPHS (lists of quads in order, as `graphs_in_order` gives them) to OUT in format FMT; the triple
    formats hold each triple once, in order (`sorted_once`)."""
    if fmt == "jsonld":
        jsonld(graphs, out)
    elif fmt in QUAD_FORMATS:
        ox.serialize((q for graph in graphs for q in graph), out, format=FORMATS[fmt], prefixes=_prefixes(fmt))
    else:
        lines = sorted_once(triple_key(q.triple) for graph in graphs for q in graph)
        if fmt == "nt":
            _write_lines(lines, out)
            return
        with tempfile.TemporaryFile() as nt:
            _write_lines(lines, nt)
            nt.seek(0)
            turtle(nt, out)


def turtle(ntriples: BinaryIO, out: BinaryIO) -> None:
    """The N-Triples dump NTRIPLES (sorted, each triple once) as the Turtle dump, read one triple at a time."""
    triples = (q.triple for q in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES))
    ox.serialize(triples, out, format=FORMATS["ttl"], prefixes=_prefixes("ttl"))


def sorted_once(lines: Iterable[str], run: int = 1 << 19) -> Iterator[str]:
    """LINES (without line breaks) sorted, each once, with at most RUN of them in memory: sorted runs of them
    go to temporary files, which are then merged."""
    runs: list = []
    chunk: set[str] = set()
    try:
        for line in lines:
            chunk.add(line)
            if len(chunk) >= run:
                runs.append(_spill(chunk))
        if not runs:
            yield from sorted(chunk)
            return
        runs.append(_spill(chunk))
        last = None
        for line in heapq.merge(*((b.decode("utf-8")[:-1] for b in f) for f in runs)):
            if line != last:
                yield line
                last = line
    finally:
        for f in runs:
            f.close()


def _spill(chunk: set[str]):
    """CHUNK sorted into a temporary file (one line each), rewound; CHUNK emptied."""
    f = tempfile.TemporaryFile()
    for line in sorted(chunk):
        f.write(line.encode("utf-8") + b"\n")
    chunk.clear()
    f.seek(0)
    return f


def _write_lines(triples: Iterable[str], out: BinaryIO) -> None:
    """TRIPLES (N-Triples text without the final dot) as N-Triples lines, in chunks."""
    it = iter(triples)
    while chunk := list(islice(it, 65536)):
        out.write("".join(f"{t} .\n" for t in chunk).encode("utf-8"))


def _prefixes(fmt: str) -> dict | None:
    return PREFIXES if fmt in ("ttl", "trig") else None


def jsonld_context() -> dict:
    """The JSON-LD @context of the dumps: the project's prefixes, so IRIs read as rg:..., rgid:..."""
    return {"@context": dict(sorted(PREFIXES.items()))}


@lru_cache(maxsize=1 << 16)     # predicates, classes and datatypes recur on every node
def _curie(iri: str) -> str:
    best = max((ns for ns in PREFIXES.values() if iri.startswith(ns) and len(iri) > len(ns)), key=len, default=None)
    if best is None or iri[len(best):].startswith("//"):
        return iri
    return next(p for p, ns in PREFIXES.items() if ns == best) + ":" + iri[len(best):]


def _compact(node):
    """Node objects with their IRIs (keys, @id and @type values) written as compact IRIs."""
    if isinstance(node, list):
        return [_compact(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for k, v in node.items():
        if k in ("@id", "@type"):
            out[k] = [_curie(t) for t in v] if isinstance(v, list) else _curie(v)
        elif k == "@value":
            out[k] = v
        else:
            out[k if k.startswith("@") else _curie(k)] = _compact(v)
    return out


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def jsonld(graphs: Iterable[list[ox.Quad]], out: BinaryIO) -> None:
    """GRAPHS as one JSON-LD document (named graphs kept) with the project's @context inline, one node object
    per line (written by json's C encoder: an indented document took six times as long)."""
    context = json.dumps(jsonld_context()["@context"], ensure_ascii=False, indent=1)
    out.write(('{"@context": ' + context + ',\n"@graph": [\n').encode("utf-8"))
    first = True
    for quads in graphs:
        for item in _compact(json.loads(ox.serialize(quads, format=ox.RdfFormat.JSON_LD))):
            nodes = item.pop("@graph", None)
            if nodes is None:
                text = _json(item)
            else:
                head = _json(item)[:-1] + (", " if item else "")
                text = head + '"@graph": [\n' + ",\n".join(map(_json, nodes)) + "\n]}"
            out.write((("" if first else ",\n") + text).encode("utf-8"))
            first = False
    out.write("\n]}\n".encode("utf-8"))
