"""repgraph query NAME|FILE.rq : run a named query (queries/*.rq) or a query file; repgraph queries lists them."""
from __future__ import annotations

import sys

from ..errors import RepgraphError
from . import add_store


def run(args) -> int:
    from .. import queries
    from ..store import open_read, store_path
    params = queries.parse_params(args.param or [])
    if args.endpoint:
        from ..remote import Remote
        if args.store:
            raise RepgraphError("give --store or --endpoint, not both")
        solutions = Remote(args.endpoint).select(queries.load(args.name), params)
    else:
        solutions = queries.run(open_read(store_path(args.store)), queries.load(args.name), params)
    try:
        text = queries.render(solutions, args.format)
    except (OSError, RuntimeError) as err:      # raised while the results are computed, e.g. by a SERVICE call
        raise RepgraphError(f"query failed: {str(err).splitlines()[0]}") from None
    sys.stdout.write(text)
    return 0


def list_queries(args) -> int:
    from .. import queries
    for name, path in queries.named_queries().items():
        print(f"{name:<14} {queries.description(path)}")
    return 0


def register(sub) -> None:
    p = sub.add_parser("query", help="run a named query (see 'repgraph queries') or a .rq file")
    p.add_argument("name", metavar="NAME|FILE.rq")
    p.add_argument("--format", choices=["table", "csv", "tsv", "json"], default="table",
                   help="table (default), or the SPARQL 1.1 CSV, TSV or JSON results format")
    p.add_argument("--param", action="append", metavar="NAME=VALUE",
                   help="bind the query variable ?NAME to VALUE (bound safely, never pasted into the query)")
    add_store(p)
    p.add_argument("--endpoint", metavar="URL", help="run it on a remote SPARQL endpoint instead of the store "
                   "(credentials: see 'repgraph push --help')")
    p.set_defaults(func=run)
    sub.add_parser("queries", help="list the named queries and the question each answers").set_defaults(func=list_queries)
