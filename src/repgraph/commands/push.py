"""repgraph push --endpoint URL : load the graph into a remote SPARQL store, sending only the appeals that changed."""
from __future__ import annotations

from . import add_store


def run(args) -> int:
    from ..export import graphs_in_order
    from ..remote import Remote, push
    from ..store import open_read, store_path
    remote = Remote(args.endpoint, update=args.update, graph_store=args.graph_store)
    report = push(graphs_in_order(open_read(store_path(args.store)), public=not args.full), remote, dry_run=args.dry_run)
    for line in report.lines():
        print(("(dry run) " if args.dry_run else "") + line)
    return 0


def register(sub) -> None:
    p = sub.add_parser("push", help="load the graph into a remote SPARQL store (Graph Store Protocol or SPARQL "
                       "Update), one named graph per appeal, sending only what changed",
                       description="Credentials: $REPGRAPH_REMOTE_USER, $REPGRAPH_REMOTE_PASSWORD (and "
                       "$REPGRAPH_REMOTE_AUTH=basic|digest), or a section [URL-prefix] with user, password, auth in "
                       "$REPGRAPH_CONFIG or ~/.config/repgraph/remotes.ini (chmod 600); never on the command line.")
    p.add_argument("--endpoint", required=True, metavar="URL", help="the SPARQL query endpoint (it holds the "
                   "manifest of what was pushed)")
    p.add_argument("--graph-store", metavar="URL", help="the SPARQL 1.1 Graph Store endpoint to PUT graphs to "
                   "(default: use SPARQL Update instead)")
    p.add_argument("--update", metavar="URL", help="the SPARQL Update endpoint (default: the --endpoint URL)")
    p.add_argument("--dry-run", action="store_true", help="report what would be sent, send nothing")
    p.add_argument("--full", action="store_true", help="send sensitive data too (minors' names and ages, unnamed "
                   "relatives' details); the default public mode leaves them out")
    add_store(p)
    p.set_defaults(func=run)
