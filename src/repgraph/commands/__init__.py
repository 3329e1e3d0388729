"""One module per command: each defines register(subparsers), which adds its parser and sets func."""


def add_store(parser) -> None:
    """The --store option every command that reads or writes the store takes."""
    parser.add_argument("--store", metavar="DIR", help="the store folder (default: $REPGRAPH_STORE or ./store)")
