"""What the last build of a store read: for each appeal file the SHA-256 of its bytes, its graph and the
rg:contentHash of that graph, so that an incremental build reads only new and changed files.

The manifest sits in the store folder (repgraph-build.json). It is only a hint: a file is skipped when its
bytes are unchanged AND the store still holds its graph with the recorded content hash AND the code and
ontology that built it are the ones running now (a fingerprint); anything else is rebuilt.
"""
from __future__ import annotations

import hashlib
import json
import os
from functools import cache, lru_cache
from pathlib import Path

import pyoxigraph as ox

from . import iris
from .appeal import Appeal
from .files import write
from .resources import ontology_dir
from .store import content_hashes

NAME = "repgraph-build.json"


@cache
def fingerprint() -> str:
    """A digest of the package's code and the ontology folder: when either changes, every appeal is rebuilt."""
    h = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")) + sorted(ontology_dir().rglob("*.ttl")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


@lru_cache(maxsize=4096)
def _folder(path: str) -> str:
    return os.path.realpath(path)


def _resolved(file: Path) -> str:
    """FILE's absolute path, its folder resolved once for all the files in it."""
    folder, name = os.path.split(file)
    return os.path.join(_folder(folder), name)


def _stat(path: Path) -> list[int]:
    try:
        st = path.stat()
    except OSError:
        return []
    return [st.st_size, st.st_mtime_ns]


class Manifest:
    def __init__(self, path: Path, files: dict[str, dict], stored: dict[str, str]):
        self.path = path
        self.files = files            # resolved file path -> {"sha256", "graph", "hash"}
        self.stored = stored          # graph IRI -> rg:contentHash, as the store holds them now

    @classmethod
    def load(cls, store_dir: Path, store: ox.Store) -> Manifest:
        path = store_dir / NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        files = data.get("files", {}) if isinstance(data, dict) and data.get("fingerprint") == fingerprint() else {}
        return cls(path, files, content_hashes(store))

    def unchanged(self, file: Path) -> bool:
        """Whether FILE was built before, is byte for byte the same, and its graph is in the store as built.
        A file whose size and modification time are those recorded is not read again (as make and git do)."""
        entry = self.files.get(_resolved(file))
        if not entry or self.stored.get(entry["graph"]) != entry["hash"]:
            return False
        return entry.get("stat") == _stat(file) or entry["sha256"] == file_digest(file)

    def record(self, appeals: list[Appeal]) -> None:
        for a in appeals:
            self.files[_resolved(a.source)] = {"sha256": file_digest(a.source), "graph": iris.graph(a.code),
                                                   "hash": a.content_hash, "stat": _stat(a.source)}

    def save(self) -> None:
        """Write the manifest through a temporary file, so it is never half-written."""
        write(json.dumps({"fingerprint": fingerprint(), "files": self.files}, sort_keys=True).encode("utf-8"), self.path)
