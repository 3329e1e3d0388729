"""repgraph publish : write the dataset release for partners (dumps, checksums, ontology, VoID/DCAT) into graph/."""
from __future__ import annotations

import re
from pathlib import Path

from . import add_store


def run(args) -> int:
    from ..errors import RepgraphError
    from ..publish import Options, publish
    from ..store import open_read, store_path
    if args.date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", args.date):
        raise RepgraphError(f"--date '{args.date}': expected YYYY-MM-DD")
    opts = Options(endpoint=args.endpoint, download_base=args.download_base, license=args.license,
                   creator=args.creator, modified=args.date)
    files = publish(open_read(store_path(args.store)), Path(args.out), public=not args.full, opts=opts)
    size = sum(n for n, _ in files.values())
    print(f"published {len(files)} files ({size} bytes) into {args.out}" + (" (FULL data, not public mode)" if args.full else ""))
    return 0


def register(sub) -> None:
    from ..publish import Options
    d = Options()
    p = sub.add_parser("publish", help="write the dataset release (dumps, checksums, ontology, VoID/DCAT) for partners")
    p.add_argument("--out", metavar="DIR", default="graph", help="the release folder (default: graph/)")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the release date (default: the newest appeal's date, so "
                   "the same data gives the same release)")
    p.add_argument("--endpoint", metavar="URL", default=d.endpoint, help=f"the public SPARQL endpoint to announce "
                   f"(default: {d.endpoint}, what 'repgraph serve' gives)")
    p.add_argument("--download-base", metavar="URL", default=d.download_base,
                   help=f"where the files will be downloadable from (default: {d.download_base})")
    p.add_argument("--license", metavar="URL", default=d.license, help=f"the data licence (default: {d.license})")
    p.add_argument("--creator", metavar="NAME", default=d.creator, help=f"who publishes it (default: {d.creator})")
    p.add_argument("--full", action="store_true", help="keep sensitive data (minors' names and ages, unnamed "
                   "relatives' details); the default public mode leaves them out")
    add_store(p)
    p.set_defaults(func=run)
