"""The straightforward rdflib pipeline the benchmarks compare repgraph with, on the same appeals:
read and extract every appeal in one process (repgraph's own reader, extractor, identity and mapping),
load everything into one in-memory rdflib.Dataset, answer the named queries with rdflib's SPARQL engine,
serialize every dump format with rdflib, and validate with pyshacl over the whole graph at once.

Each step's wall time is appended to a JSON file as soon as it ends, so that when the run is stopped
(time budget, memory cap) the figures so far survive and the first missing step says where it stopped.

    python bench/baseline.py CORPUS --json OUT.json [--memory-gb 8]
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import statistics
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import rdflib
from pyshacl import validate

from repgraph import build
from repgraph.identity import Registry
from repgraph.known import StoreRows
from repgraph.queries import load, named_queries
from repgraph.validate import shapes_graph

DUMPS = {"trig": "trig", "nq": "nquads", "nt": "nt", "ttl": "turtle", "jsonld": "json-ld"}


def record(out: Path, key: str, value) -> None:
    data = json.loads(out.read_text()) if out.exists() else {}
    data[key] = value
    out.write_text(json.dumps(data, indent=1))


def time_query(ds: rdflib.Dataset, name: str, params: dict, out: Path) -> None:
    """Record the median wall time of three runs of query NAME on DS (one, when it takes over 20 s)."""
    text, times = load(name), []
    try:
        for _ in range(3):
            t = time.perf_counter()
            list(ds.query(text, initBindings=params if "--param" in text else {}))
            times.append(time.perf_counter() - t)
            if times[-1] > 20:
                break
    except Exception as err:        # rdflib's engine fails on some queries Oxigraph answers
        record(out, f"query {name}", f"error: {type(err).__name__}: {str(err)[:80]}")
        return
    record(out, f"query {name}", statistics.median(times))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--json", type=Path, required=True)
    ap.add_argument("--memory-gb", type=float, default=8.0, help="stop (MemoryError) above this much memory")
    ap.add_argument("--query-budget", type=float, default=300, help="seconds each query may take")
    ap.add_argument("--param", action="append", default=[], help="NAME=VALUE for the queries that take one")
    args = ap.parse_args()
    limit = int(args.memory_gb * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    args.json.unlink(missing_ok=True)
    out = args.json

    t = time.perf_counter()
    assert hasattr(build, "_check_and_read"), "bench/baseline.py: repgraph.build no longer has _check_and_read"
    build._check_and_read = lambda graph, quads: ([], StoreRows())   # no per-appeal work: pyshacl runs once, below
    result = build.prepare(build.appeal_files([str(args.corpus)]), Registry(), workers=1, log=sys.stderr)
    quads = [q for qs in result.graphs.values() for q in qs] + build.ontology_quads()
    ds = rdflib.Dataset()
    ds.parse(data=ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8"), format="nquads")
    del quads, result
    record(out, "build (read, extract, map, load)", time.perf_counter() - t)

    params = {rdflib.Variable(k): rdflib.Literal(v) for k, v in (p.split("=", 1) for p in args.param)}
    fork = multiprocessing.get_context("fork")       # the child shares the loaded dataset, and can be stopped
    for name in named_queries():
        child = fork.Process(target=time_query, args=(ds, name, params, out))
        child.start()
        child.join(args.query_budget)
        if child.is_alive():
            child.kill()
            child.join()
            record(out, f"query {name}", f"did not finish in {args.query_budget:g} s")

    union = rdflib.Graph()          # the triples of every graph, for the triple formats and for pyshacl
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    for fmt, rdflib_fmt in DUMPS.items():
        t = time.perf_counter()
        data = (ds if fmt in ("trig", "nq", "jsonld") else union).serialize(format=rdflib_fmt)
        record(out, f"export {fmt}", time.perf_counter() - t)
        del data

    t = time.perf_counter()
    validate(union, shacl_graph=shapes_graph(), inference="none", abort_on_first=False, allow_warnings=True)
    record(out, "validate (pyshacl, whole graph)", time.perf_counter() - t)


if __name__ == "__main__":
    main()
