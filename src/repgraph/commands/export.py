"""repgraph export : write the whole graph as one deterministic dump."""
from __future__ import annotations

import sys
from pathlib import Path

from . import add_store


def run(args) -> int:
    from .. import export
    from ..store import open_read, store_path
    store = open_read(store_path(args.store))
    data = export.serialize(store, args.format, public=not args.full)
    if args.out:
        export.write(data, Path(args.out))
    else:
        sys.stdout.buffer.write(data)
    return 0


def register(sub) -> None:
    p = sub.add_parser("export", help="write the whole graph as one deterministic dump")
    p.add_argument("--format", choices=["ttl", "nt", "nq", "trig", "jsonld"], default="trig",
                   help="N-Quads and TriG keep the per-appeal named graphs (default: trig)")
    p.add_argument("--out", metavar="FILE", help="write here (default: standard output)")
    p.add_argument("--full", action="store_true", help="keep sensitive data (minors' names and ages, unnamed relatives' "
                   "details); the default public mode leaves them out")
    add_store(p)
    p.set_defaults(func=run)
