"""SHACL validation time of one appeal graph on one core: the median of repeated runs, in ms, and as a ratio
to reading and extracting the same appeal, measured in the same run. Steps: the full pyshacl report
(`repgraph validate`, and the build for a graph that fails), the build's gate (the fast pre-check, which
clears a conforming graph without pyshacl) and the conversion of the quads to rdflib that pyshacl needs.

    python bench/validate_speed.py [APPEAL...] [--runs 20]
"""
from __future__ import annotations

import argparse
import os
from pathlib import Path

from extract_speed import SEED, medians_ms

from repgraph.appeal import read_appeal
from repgraph.build import check_graph, prepare
from repgraph.extract import extract
from repgraph.identity import Registry
from repgraph.validate import to_rdflib, validate_graph


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("appeals", nargs="*", type=Path, default=[SEED])
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})     # one core
    for path in args.appeals:
        (graph, quads), = prepare([path], Registry({})).graphs.items()
        steps = {
            "read + extract": lambda: extract(read_appeal(path)),
            "pyshacl report": lambda: validate_graph(graph, quads),
            "build gate": lambda: check_graph(graph, quads),
            "quads to rdflib": lambda: to_rdflib(quads),
        }
        ms = medians_ms(steps, args.runs)
        print(f"{path.name}: {len(quads)} quads, median of {args.runs} runs on one core")
        for name, value in ms.items():
            print(f"  {name:<18}{value:9.2f} ms   x{value / ms['read + extract']:6.2f} read+extract")


if __name__ == "__main__":
    main()
