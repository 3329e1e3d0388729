"""Where the project's data folders (ontology/, queries/, viz/) are found at run time."""
from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def data_root() -> Path:
    """The folder holding ontology/ and queries/: the source checkout, else the installed share/."""
    checkout = Path(__file__).resolve().parents[2]
    for root in (checkout, Path(sys.prefix) / "share" / "repgraph"):
        if (root / "ontology" / "repgraph.ttl").is_file():
            return root
    raise FileNotFoundError("repgraph: cannot find the ontology/ folder (is the package installed?)")


def ontology_dir() -> Path:
    return data_root() / "ontology"


def queries_dir() -> Path:
    return data_root() / "queries"


def viz_dir() -> Path:
    return data_root() / "viz"
