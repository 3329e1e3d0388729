"""repgraph serve : a read-only SPARQL 1.1 endpoint over the store, on loopback unless told otherwise."""
from __future__ import annotations

from . import add_store


def run(args) -> int:
    from ..errors import RepgraphError
    from ..serve import serve
    from ..store import store_path
    if args.timeout <= 0 or args.max_bytes <= 0:
        raise RepgraphError("--timeout and --max-bytes must be positive")
    serve(store_path(args.store), host=args.host, port=args.port, timeout=args.timeout, max_bytes=args.max_bytes,
          full=args.full)
    return 0


def register(sub) -> None:
    from ..serve import LOOPBACK, MAX_BYTES, TIMEOUT
    p = sub.add_parser("serve", help="serve the store as a read-only SPARQL endpoint (Oxigraph server) at /query")
    p.add_argument("--port", type=int, default=7878, help="the port (default: 7878; 0 picks a free one)")
    p.add_argument("--host", default=LOOPBACK, help=f"the address to listen on (default: {LOOPBACK}, this machine "
                   "only; give 0.0.0.0 to open it to the network)")
    p.add_argument("--timeout", type=float, default=TIMEOUT, metavar="SECONDS",
                   help=f"the longest a query may run (default: {TIMEOUT:g})")
    p.add_argument("--max-bytes", type=int, default=MAX_BYTES, metavar="N",
                   help=f"the largest result sent back (default: {MAX_BYTES})")
    p.add_argument("--full", action="store_true", help="serve the full data, minors' names and ages included "
                   "(default: public mode, as export writes it)")
    add_store(p)
    p.set_defaults(func=run)
