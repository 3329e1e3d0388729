"""repgraph validate: check every appeal graph in the store against ontology/shapes.ttl. As in the build, the
fast SHACL Core check (repgraph.shapecheck) clears a conforming graph and pyshacl reports on the others."""
from __future__ import annotations

from pathlib import Path

from . import add_store


def run(args) -> int:
    from ..errors import RepgraphError
    from ..shapecheck import conforms
    from ..store import appeal_graphs, open_read, store_path
    from ..validate import merge_reports, validate_graph
    store = open_read(store_path(args.store))
    graphs = appeal_graphs(store)
    problems, reports = [], []
    for g in sorted(graphs):
        if conforms(graphs[g]):
            continue
        found, report = validate_graph(g, graphs[g])
        problems.extend(found)
        reports.append(report)
    if args.report:
        try:
            Path(args.report).write_text(merge_reports(reports).serialize(format="turtle"), encoding="utf-8")
        except OSError as err:
            raise RepgraphError(f"{args.report}: cannot write the report ({err.strerror})") from None
    for p in problems:
        print(p.line())
    failing = len({p.graph for p in problems})
    print(f"{len(graphs)} appeal graph(s): " + ("conforms" if not problems else
                                                 f"{len(problems)} problem(s) in {failing} appeal graph(s)"))
    return 1 if any(p.severity == "Violation" for p in problems) else 0


def register(sub) -> None:
    p = sub.add_parser("validate", help="check the store against ontology/shapes.ttl")
    p.add_argument("--report", metavar="FILE", help="also write the standard sh:ValidationReport as Turtle")
    add_store(p)
    p.set_defaults(func=run)
