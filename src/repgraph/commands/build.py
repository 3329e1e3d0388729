"""repgraph build PATH... : read appeals into the store, replacing their named graphs."""
from __future__ import annotations

from . import add_store


def run(args) -> int:
    from ..build import build
    from ..store import store_path
    result = build(args.paths, store_path(args.store), force=args.force)
    bad = [p for p in result.problems if p.severity == "Violation"]
    print(f"built {len(result.appeals)} appeal(s), {result.triples} triples, into {store_path(args.store)}"
          + (f" ({len(bad)} SHACL problems, loaded with --force)" if bad else "; SHACL: conforms"))
    return 0


def register(sub) -> None:
    p = sub.add_parser("build", help="read appeals into the store (replacing their graphs)")
    p.add_argument("paths", nargs="+", metavar="PATH", help="appeal files (.txt, .html) or folders of them")
    p.add_argument("--force", action="store_true", help="load the graph even if it fails its SHACL shapes")
    add_store(p)
    p.set_defaults(func=run)
