"""The repgraph command line. Each command is a module of repgraph.commands with
`register(subparsers)`; this file only finds them and turns errors into one line."""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from . import __version__, commands
from .errors import RepgraphError


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="repgraph", description="A knowledge graph of repression cases built from "
                                "human-rights urgent appeals.")
    p.add_argument("--version", action="version", version=f"repgraph {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda i: i.name):
        importlib.import_module(f"{commands.__name__}.{info.name}").register(sub)
    return p


def one_line(message: str) -> str:
    """MESSAGE with newlines and other invisible characters (bidi and zero-width marks too) escaped, so a
    file name or value echoed in it cannot break the one-line error or disguise what it says."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in message)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except RepgraphError as err:
        print(f"repgraph: {one_line(str(err))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("repgraph: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
