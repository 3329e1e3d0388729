"""The repgraph command line: build, validate, query, export."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .errors import RepgraphError
from .store import open_read, store_path


def cmd_build(args) -> int:
    from .build import build
    result = build(args.paths, store_path(args.store), force=args.force)
    bad = [p for p in result.problems if p.severity == "Violation"]
    print(f"built {len(result.appeals)} appeal(s), {result.triples} triples, into {store_path(args.store)}"
          + (f" ({len(bad)} SHACL problems, loaded with --force)" if bad else "; SHACL: conforms"))
    return 0


def cmd_validate(args) -> int:
    from collections import defaultdict

    import rdflib

    from .build import ONTOLOGY_GRAPH
    from .validate import validate_graph
    store = open_read(store_path(args.store))
    graphs: dict[str, list] = defaultdict(list)
    for q in store.quads_for_pattern(None, None, None, None):
        g = q.graph_name.value if hasattr(q.graph_name, "value") else ""
        if g and g != ONTOLOGY_GRAPH:
            graphs[g].append(q)
    problems, report = [], rdflib.Graph()
    for g in sorted(graphs):
        found, rep = validate_graph(g, graphs[g])
        problems.extend(found)
        report += rep
    if args.report:
        Path(args.report).write_text(report.serialize(format="turtle"), encoding="utf-8")
    for p in problems:
        print(p.line())
    print(f"{len(graphs)} appeal graph(s): " + ("conforms" if not problems else f"{len(problems)} problem(s)"))
    return 1 if any(p.severity == "Violation" for p in problems) else 0


def cmd_query(args) -> int:
    from . import queries
    store = open_read(store_path(args.store))
    solutions = queries.run(store, queries.load(args.name), queries.parse_params(args.param or []))
    sys.stdout.write(queries.render(solutions, args.format))
    return 0


def cmd_queries(args) -> int:
    from . import queries
    for name, path in queries.named_queries().items():
        print(f"{name:<14} {queries.description(path)}")
    return 0


def cmd_export(args) -> int:
    from . import export
    store = open_read(store_path(args.store))
    data = export.serialize(store, args.format)
    if args.out:
        export.write(data, Path(args.out))
    else:
        sys.stdout.buffer.write(data)
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="repgraph", description="A knowledge graph of repression cases built from "
                                "human-rights urgent appeals.")
    p.add_argument("--version", action="version", version=f"repgraph {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def with_store(sp):
        sp.add_argument("--store", metavar="DIR", help="the store folder (default: $REPGRAPH_STORE or ./store)")
        return sp

    b = with_store(sub.add_parser("build", help="read appeals into the store (replacing their graphs)"))
    b.add_argument("paths", nargs="+", metavar="PATH", help="appeal files (.txt, .html) or folders of them")
    b.add_argument("--force", action="store_true", help="load the graph even if it fails its SHACL shapes")
    b.set_defaults(func=cmd_build)

    v = with_store(sub.add_parser("validate", help="check the store against ontology/shapes.ttl"))
    v.add_argument("--report", metavar="FILE", help="also write the sh:ValidationReport as Turtle")
    v.set_defaults(func=cmd_validate)

    q = with_store(sub.add_parser("query", help="run a named query (see 'repgraph queries') or a .rq file"))
    q.add_argument("name", metavar="NAME|FILE.rq")
    q.add_argument("--format", choices=["table", "csv", "tsv", "json"], default="table")
    q.add_argument("--param", action="append", metavar="NAME=VALUE",
                   help="bind a query variable to a value (safely, never pasted into the query)")
    q.set_defaults(func=cmd_query)

    sub.add_parser("queries", help="list the named queries").set_defaults(func=cmd_queries)

    e = with_store(sub.add_parser("export", help="write the whole graph as one deterministic dump"))
    e.add_argument("--format", choices=["ttl", "nt", "nq", "trig", "jsonld"], default="trig")
    e.add_argument("--out", metavar="FILE", help="write here (default: standard output)")
    e.set_defaults(func=cmd_export)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except RepgraphError as err:
        print(f"repgraph: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("repgraph: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
