"""repgraph build PATH... : read appeals into the store, replacing their named graphs."""
from __future__ import annotations

from . import add_store


def run(args) -> int:
    from ..build import build
    from ..store import store_path
    result = build(args.paths, store_path(args.store), force=args.force, workers=args.jobs, everything=args.all)
    bad = [p for p in result.problems if p.severity == "Violation"]
    skipped = f" ({result.unchanged} unchanged, skipped)" if result.unchanged else ""
    print(f"built {len(result.appeals)} appeal(s){skipped}, {result.triples} triples, into {store_path(args.store)}"
          + (f" ({len(bad)} SHACL problems, loaded with --force)" if bad else "; SHACL: conforms"))
    return 0


def _jobs(text: str) -> int:
    import argparse
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of processes (1 or more)")
    return int(text)


def register(sub) -> None:
    p = sub.add_parser("build", help="read appeals into the store (replacing their graphs)")
    p.add_argument("paths", nargs="+", metavar="PATH", help="appeal files (.txt, .html) or folders of them")
    p.add_argument("--force", action="store_true", help="load the graph even if it fails its SHACL shapes")
    p.add_argument("--all", action="store_true", help="rebuild every appeal, also those unchanged since the last build")
    p.add_argument("--jobs", type=_jobs, metavar="N", help="processes that read and extract appeals (default: one per core)")
    add_store(p)
    p.set_defaults(func=run)
