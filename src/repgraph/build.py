"""The build: read appeal files, extract facts, map them to named graphs, validate, load the store."""
from __future__ import annotations

import multiprocessing
import os
import sys
from collections import ChainMap
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .appeal import Appeal, AppealError, read_appeal
from .errors import RepgraphError
from .extract import extract
from .facts import Facts
from .identity import IDENTITY_GRAPH, Registry
from .mapping import map_appeal
from .namespaces import ONTOLOGY_GRAPH
from .resources import ontology_dir
from .manifest import Manifest
from .packed import PackedGraphs
from .progress import Progress
from .shapecheck import conforms
from .store import install, open_store, replace_graphs, write_lock
from .validate import Problem, validate_graph

APPEAL_SUFFIXES = (".txt", ".html", ".htm")
PARALLEL_FROM = 40          # fewer files are read in this process: starting workers would cost more


def appeal_files(paths: list[str]) -> list[Path]:
    """The appeal files named by PATHS (files, or folders searched for .txt and .html files), sorted."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.suffix.lower() in APPEAL_SUFFIXES and f.is_file())
            if not found:
                raise RepgraphError(f"{p}: no appeal files (.txt, .html) in this folder")
            files.extend(found)
        elif p.is_file():
            files.append(p)
        else:
            raise RepgraphError(f"{p}: no such file or folder")
    return files


@dataclass
class BuildResult:
    appeals: list[Appeal] = field(default_factory=list)
    graphs: PackedGraphs = field(default_factory=PackedGraphs)     # graph IRI -> quads
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unchanged: int = 0          # appeals skipped because neither their file nor their graph changed
    manifest: Manifest | None = None

    @property
    def triples(self) -> int:
        return self.graphs.quads()


def ontology_quads() -> list[ox.Quad]:
    """The ontology and its vocabularies, loaded into their own named graph beside the appeals (the shapes,
    full of blank nodes, are published as their file instead)."""
    g = ox.NamedNode(ONTOLOGY_GRAPH)
    quads = []
    for path in [ontology_dir() / "repgraph.ttl"] + sorted((ontology_dir() / "vocab").glob("*.ttl")):
        quads.extend(ox.Quad(t.subject, t.predicate, t.object, g) for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    return quads


def _read_and_extract(path: Path) -> tuple[Appeal, Facts] | str:
    """One file read and its facts extracted (the part of a build that runs in parallel), or why it cannot be read."""
    try:
        appeal = read_appeal(path)
    except AppealError as err:
        return str(err)
    return appeal, extract(appeal)


def extracted(files: list[Path], workers: int = 1) -> Iterator[tuple[Appeal, Facts] | str]:
    """(Appeal, Facts), or an error message, for each file in order; on WORKERS processes for many files."""
    if workers < 2 or len(files) < PARALLEL_FROM:
        yield from map(_read_and_extract, files)
        return
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.imap(_read_and_extract, files, chunksize=8)


def check_graph(graph: str, quads: list[ox.Quad]) -> list[Problem]:
    """The SHACL problems of one appeal graph: the fast check clears a conforming graph, pyshacl reports the rest."""
    if conforms(quads):
        return []
    problems, _ = validate_graph(graph, quads)
    return problems


def prepare(files: list[Path], registry: Registry, workers: int = 1, log=sys.stderr) -> BuildResult:
    """Read, extract, map and validate every file; nothing is written."""
    result = BuildResult()
    errors = []
    seen: dict[str, Path] = {}
    with Progress(len(files), "build", log) as progress:
        for item in extracted(files, workers):
            progress.advance()
            if isinstance(item, str):
                errors.append(item)
                continue
            if errors:
                continue
            appeal, facts = item
            result.warnings.extend(appeal.warnings)
            if appeal.code in seen:
                result.warnings.append(f"{appeal.source.name}: same code {appeal.code} as {seen[appeal.code].name}; the later file wins")
            seen[appeal.code] = appeal.source
            registry.correct(appeal, facts)
            resolved = registry.resolve_appeal(appeal, facts)
            graph, quads = map_appeal(appeal, facts, resolved.__getitem__)
            quads = registry.finish(appeal, facts, graph, quads)
            result.graphs[graph] = quads
            result.appeals.append(appeal)
            result.problems.extend(check_graph(graph, quads))
    if errors:
        raise RepgraphError("; ".join(errors) if len(errors) < 4 else f"{errors[0]} (and {len(errors) - 1} more bad files)")
    return result


def build(paths: list[str], store_dir: Path, force: bool = False, log=sys.stderr, workers: int | None = None,
          everything: bool = False) -> BuildResult:
    """Build PATHS into the store at STORE_DIR: all or nothing, and nothing when the graph is invalid
    (unless FORCE). Appeals whose file and graph are unchanged since the last build are skipped (unless
    EVERYTHING); the others are read and extracted on WORKERS processes (default: one per core)."""
    files = appeal_files(paths)
    with write_lock(store_dir):
        result, copied = _build_locked(files, paths, store_dir, force, log, workers, everything)
        if copied:      # the store handle is closed now: the loaded copy can take the store's place
            install(store_dir)
        result.manifest.save()
    return result


def _build_locked(files, paths, store_dir, force, log, workers, everything) -> tuple[BuildResult, bool]:
    store = open_store(store_dir)
    manifest = Manifest.load(store_dir, store)
    registry = Registry.for_build(store, paths)
    todo = files if everything or registry.curation_changed else [f for f in files if not manifest.unchanged(f)]
    result = prepare(todo, registry, workers or os.cpu_count() or 1, log)
    identity_quads, curation_warnings = registry.settle(store, result.graphs)
    result.warnings.extend(curation_warnings)
    result.unchanged = len(files) - len(todo)
    for w in result.warnings:
        print(f"warning: {w}", file=log)
    violations = [p for p in result.problems if p.severity == "Violation"]
    if violations and not force:
        for p in violations[:20]:
            print(p.line(), file=log)
        raise RepgraphError(f"the graph does not pass its SHACL shapes ({len(violations)} problems); "
                            "nothing was written (use --force to load it anyway)")
    shared = {ONTOLOGY_GRAPH: ontology_quads(), IDENTITY_GRAPH: identity_quads}
    copied = replace_graphs(store, ChainMap(shared, result.graphs), store_dir,
                            size=result.triples + sum(map(len, shared.values())))
    store.flush()
    manifest.record(result.appeals)
    result.manifest = manifest
    return result, copied
