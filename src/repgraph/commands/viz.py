"""repgraph viz : write the interactive network explorer (one self-contained HTML page), or the same
projection as GEXF or GraphML."""
from __future__ import annotations

import re
from pathlib import Path

from . import add_store

DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")


def add_filters(p) -> None:
    """The filter and focus options `viz` and `stats` share."""
    g = p.add_argument_group("filters and focus")
    g.add_argument("--country", action="append", default=[], metavar="CC", help="keep this country (ISO code; repeatable)")
    g.add_argument("--since", default="", metavar="DATE", help="keep what is dated on or after DATE (YYYY[-MM[-DD]])")
    g.add_argument("--until", default="", metavar="DATE", help="keep what is dated on or before DATE")
    g.add_argument("--event-type", action="append", default=[], metavar="TYPE", help="keep persons and events of "
                   "this event type (arrest, conviction...; repeatable)")
    g.add_argument("--org-kind", action="append", default=[], metavar="KIND", help="keep organisations of this kind "
                   "(ngo, political_party, court...; repeatable)")
    g.add_argument("--ego", default="", metavar="NAME", help="only this person (any of their names, diacritics "
                   "ignored) and what lies within --depth steps")
    g.add_argument("--depth", type=int, default=1, metavar="N", help="steps around --ego (default 1)")
    g.add_argument("--codefendants", action="store_true", help="only persons linked by a shared case or court")
    p.add_argument("--full", action="store_true", help="keep sensitive data (minors' names, unnamed relatives' "
                   "details); the default public mode leaves them out")
    add_store(p)


def filters_from(args):
    from ..errors import RepgraphError
    from ..viz.focus import Filters
    for name in ("since", "until"):
        value = getattr(args, name)
        if value and not DATE.fullmatch(value):
            raise RepgraphError(f"--{name} '{value}': expected YYYY, YYYY-MM or YYYY-MM-DD")
    if args.depth < 1:
        raise RepgraphError(f"--depth {args.depth}: expected 1 or more")
    return Filters(countries=[c.upper() for c in args.country], since=args.since, until=args.until,
                   event_types=args.event_type, org_kinds=args.org_kind, ego=args.ego, depth=args.depth,
                   codefendants=args.codefendants)


def projected(args):
    """The projection of the store after the command-line filters: (full graph, trimmed graph, what was left out)."""
    from ..store import open_read, store_path
    from ..viz import focus, projection
    g = projection.project(open_read(store_path(args.store)), public=not args.full)
    sub, trimmed = focus.apply(g, filters_from(args))
    return g, sub, trimmed


def run(args) -> int:
    from ..files import write
    from ..viz import files, page
    g, sub, trimmed = projected(args)
    if args.format == "html":
        data = page.render(sub, g, trimmed, filters_from(args), size_by=args.size_by).encode("utf-8")
    else:
        data = files.serialize(sub, args.format)
    out = Path(args.out or f"viz/explorer.{args.format}")
    write(data, out)
    print(f"wrote {out}: {sub.number_of_nodes()} nodes, {sub.number_of_edges()} ties"
          + (f"; {trimmed}" if trimmed else ""))
    return 0


def register(sub) -> None:
    p = sub.add_parser("viz", help="write the interactive network explorer (offline HTML), or GEXF/GraphML")
    p.add_argument("--out", metavar="FILE", help="default: viz/explorer.html (.gexf, .graphml)")
    p.add_argument("--format", choices=["html", "gexf", "graphml"], default="html")
    p.add_argument("--size-by", choices=["degree", "betweenness", "cases"], default="degree",
                   help="what node size follows in the page (default: degree)")
    add_filters(p)
    p.set_defaults(func=run)
