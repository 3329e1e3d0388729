"""Deterministic dumps of the whole store: the same store gives byte-identical files."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from .errors import RepgraphError
from .namespaces import PREFIXES
from .privacy import public_quads

FORMATS = {
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "nt": ox.RdfFormat.N_TRIPLES,
    "ttl": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
}
QUAD_FORMATS = {"nq", "trig"}


def _key(term) -> tuple[int, str]:
    return (0 if isinstance(term, ox.NamedNode) else 1 if isinstance(term, ox.BlankNode) else 2, str(term))


def sorted_quads(store: ox.Store, public: bool = True) -> list[ox.Quad]:
    """Every quad of the store in a fixed order; in public mode, with sensitive data reduced."""
    quads = list(store.quads_for_pattern(None, None, None, None))
    if public:
        quads = public_quads(quads)
    return sorted(quads, key=lambda q: (_key(q.graph_name), _key(q.subject), _key(q.predicate), _key(q.object)))


def serialize(store: ox.Store, fmt: str, public: bool = True) -> bytes:
    if fmt not in FORMATS:
        raise RepgraphError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    quads = sorted_quads(store, public)
    if fmt in QUAD_FORMATS:
        data = quads
    else:
        seen = set()
        data = []
        for q in quads:
            t = ox.Triple(q.subject, q.predicate, q.object)
            if t not in seen:
                seen.add(t)
                data.append(t)
        data.sort(key=lambda t: (_key(t.subject), _key(t.predicate), _key(t.object)))
    prefixes = PREFIXES if fmt in ("ttl", "trig") else None
    return ox.serialize(data, format=FORMATS[fmt], prefixes=prefixes)


def write(data: bytes, out: Path) -> None:
    """Write DATA to OUT through a temporary file, so a dump is never left half-written."""
    tmp = out.with_name(out.name + ".part")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp.write_bytes(data)
    tmp.replace(out)
