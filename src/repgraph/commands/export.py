"""repgraph export : write the whole graph as one deterministic dump."""
from __future__ import annotations

import sys
from pathlib import Path

from . import add_store


def run(args) -> int:
    from .. import export
    from ..files import writing
    from ..store import open_read, store_path
    store = open_read(store_path(args.store))
    if args.out:
        with writing(Path(args.out)) as out:
            export.dump(store, args.format, out, public=not args.full)
    else:
        export.dump(store, args.format, sys.stdout.buffer, public=not args.full)
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
