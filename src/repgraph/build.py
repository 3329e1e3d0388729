"""The build: read appeal files, extract facts, map them to named graphs, validate, load the store."""
from __future__ import annotations

import multiprocessing
import os
import sys
from collections import ChainMap, deque
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from . import known
from .appeal import Appeal, AppealError, read_appeal
from .errors import RepgraphError
from .extract import extract
from .facts import Facts
from .identity import IDENTITY_GRAPH, Built, Registry
from .loader import GraphStream
from .mapping import map_appeal
from .namespaces import ONTOLOGY_GRAPH
from .resources import ontology_dir
from .manifest import Manifest
from .packed import PackedGraphs
from .progress import Progress
from .shapecheck import conforms
from .store import (appeal_graph_count, can_exchange, discard_copy, fresh_copy, install, open_store,
                    replace_graphs, write_lock)

if TYPE_CHECKING:
    from .validate import Problem

APPEAL_SUFFIXES = (".txt", ".html", ".htm")
PARALLEL_FROM = 40          # fewer files are read in this process: starting workers would cost more
STREAM_FROM = 200           # files: a build of this many that rebuilds most of the store loads while it prepares
                            # (into a new store, copying the graphs it keeps: cheaper than removing those it rebuilds)


def _parts(path: Path) -> tuple[str, ...]:
    return path.parts       # the order of sorted(paths), without comparing Path objects (slow at 10,000 files)


def appeal_files(paths: list[str]) -> list[Path]:
    """The appeal files named by PATHS (files, or folders searched for .txt and .html files), sorted."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted((f for f in p.rglob("*") if f.suffix.lower() in APPEAL_SUFFIXES and f.is_file()), key=_parts)
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
    graphs: PackedGraphs = field(default_factory=PackedGraphs)     # graph IRI -> quads (unless streamed)
    built: Built = field(default_factory=Built)                    # the graphs prepared, as identity sees them
    sizes: dict[str, int] = field(default_factory=dict)            # graph IRI -> number of quads
    problems: list[Problem] = field(default_factory=list)
    rows: known.StoreRows = field(default_factory=known.StoreRows)  # what the graphs built tell identity
    snapshot: known.StoreRows | None = None                         # what the store will, after the build
    warnings: list[str] = field(default_factory=list)
    unchanged: int = 0          # appeals skipped because neither their file nor their graph changed
    manifest: Manifest | None = None
    copied: bool = False        # loaded into a copy of the store, which `install` puts in its place

    @property
    def triples(self) -> int:
        return sum(self.sizes.values())


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


def extracted(files: list[Path], pool: Executor | None) -> Iterator[tuple[Appeal, Facts] | str]:
    """(Appeal, Facts), or an error message, for each file in order; on the worker POOL if there is one."""
    if pool is None:
        return map(_read_and_extract, files)
    return pool.map(_read_and_extract, files, chunksize=8)


def check_graph(graph: str, quads: list[ox.Quad]) -> list[Problem]:
    """The SHACL problems of one appeal graph: the fast check clears a conforming graph, pyshacl reports the rest."""
    if conforms(quads):
        return []
    from .validate import validate_graph       # pyshacl and rdflib load only for a graph the fast check flags
    problems, _ = validate_graph(graph, quads)
    return problems


def _check_and_read(graph: str, quads: list[ox.Quad]) -> tuple[list[Problem], known.StoreRows]:
    """One graph's SHACL problems, and what it will tell identity once stored (for the snapshot)."""
    return check_graph(graph, quads), known.of_graph(graph, quads)


def _check_nquads(graph: str, data: bytes) -> tuple[list[Problem], known.StoreRows]:
    return _check_and_read(graph, list(ox.parse(data, format=ox.RdfFormat.N_QUADS)))


class Checks:
    """The SHACL check of each prepared graph, and its rows for the identity snapshot: in this process, or on
    a process of its own (POOL) while the build goes on, with at most AHEAD graphs waiting for it."""
    AHEAD = 64

    def __init__(self, pool: Executor | None):
        self.pool = pool
        self.problems: list[Problem] = []
        self.rows = known.StoreRows()       # of the graphs checked (a graph given twice: the later one's)
        self._waiting: deque = deque()

    def submit(self, graph: str, quads: list[ox.Quad], data: bytes) -> None:
        if self.pool is None:
            self._take(graph, _check_and_read(graph, quads))
            return
        self._waiting.append((graph, self.pool.submit(_check_nquads, graph, data)))
        while len(self._waiting) > self.AHEAD:
            self._take(*self._next())

    def _next(self) -> tuple[str, tuple[list[Problem], known.StoreRows]]:
        graph, waiting = self._waiting.popleft()
        return graph, waiting.result()

    def _take(self, graph: str, checked: tuple[list[Problem], known.StoreRows]) -> None:
        problems, rows = checked
        self.problems.extend(problems)
        self.rows.replace(rows, [graph])

    def results(self) -> list[Problem]:
        while self._waiting:
            self._take(*self._next())
        return self.problems


@contextmanager
def _pools(files: list[Path], workers: int) -> Iterator[tuple[Executor | None, ...]]:
    """Worker processes for a build of many FILES: WORKERS for reading and extraction, one for checking.
    (Executors, not multiprocessing.Pool, whose worker thread wakes for every result waiting to be read:
    8 s of CPU at 10,000 appeals.) Work not yet started is dropped when the build stops early."""
    if workers < 2 or len(files) < PARALLEL_FROM:
        yield None, None
        return
    ctx = multiprocessing.get_context("fork")
    extraction, checking = ProcessPoolExecutor(workers, mp_context=ctx), ProcessPoolExecutor(1, mp_context=ctx)
    try:
        yield extraction, checking
    finally:
        for pool in (extraction, checking):
            pool.shutdown(cancel_futures=True)


def prepare(files: list[Path], registry: Registry, workers: int = 1, log=sys.stderr,
            stream: GraphStream | None = None) -> BuildResult:
    """Read, extract, map and validate every file. Nothing is written to the store: the graphs are kept in
    the result, or handed to STREAM (a load into a new store that the caller throws away if this fails)."""
    result = BuildResult()
    errors = []
    seen: dict[str, Path] = {}
    with Progress(len(files), "build", log) as progress, _pools(files, workers) as (extraction, checking):
        checks = Checks(checking)
        for item in extracted(files, extraction):
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
            data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
            result.built.add(graph, quads)
            result.sizes[graph] = len(quads)
            if stream is None:
                result.graphs.put(graph, data)
            else:
                stream.put(graph, data)
            result.appeals.append(appeal)
            checks.submit(graph, quads, data)
        if errors:
            raise RepgraphError("; ".join(errors) if len(errors) < 4 else f"{errors[0]} (and {len(errors) - 1} more bad files)")
        result.problems = checks.results()
        result.rows = checks.rows
    return result


def build(paths: list[str], store_dir: Path, force: bool = False, log=sys.stderr, workers: int | None = None,
          everything: bool = False) -> BuildResult:
    """Build PATHS into the store at STORE_DIR: all or nothing, and nothing when the graph is invalid
    (unless FORCE). Appeals whose file and graph are unchanged since the last build are skipped (unless
    EVERYTHING); the others are read and extracted on WORKERS processes (default: one per core)."""
    files = appeal_files(paths)
    with write_lock(store_dir):
        result = _build_locked(files, paths, store_dir, force, log, workers, everything)
        if result.copied:      # the store handle is closed now: the loaded copy can take the store's place
            install(store_dir)
        known.save(store_dir, result.snapshot)
        result.manifest.save()
    return result


def _build_locked(files, paths, store_dir, force, log, workers, everything) -> BuildResult:
    store = open_store(store_dir)
    manifest = Manifest.load(store_dir, store)
    registry = Registry.for_build(store, paths, store_dir, manifest.stored)
    todo = files if everything or registry.curation_changed else [f for f in files if not manifest.unchanged(f)]
    stream = None
    if len(todo) >= STREAM_FROM and can_exchange() and appeal_graph_count(store) < 2 * len(todo):
        stream = GraphStream(fresh_copy(store_dir))
    try:
        result = _prepare_and_load(store, store_dir, todo, registry, force, log, workers, stream)
    except BaseException:
        if stream is not None:
            stream.abort()
            del stream
            discard_copy(store_dir)
        raise
    result.unchanged = len(files) - len(todo)
    store.flush()
    result.snapshot = registry.snapshot(result.rows, result.built.graphs)
    manifest.record(result.appeals)
    result.manifest = manifest
    return result


def _prepare_and_load(store, store_dir, todo, registry, force, log, workers, stream) -> BuildResult:
    result = prepare(todo, registry, workers or os.cpu_count() or 1, log, stream)
    identity_quads, decisions, curation_warnings = registry.settle(store, result.built)
    result.warnings.extend(curation_warnings)
    for w in result.warnings:
        print(f"warning: {w}", file=log)
    violations = [p for p in result.problems if p.severity == "Violation"]
    if violations and not force:
        for p in violations[:20]:
            print(p.line(), file=log)
        raise RepgraphError(f"the graph does not pass its SHACL shapes ({len(violations)} problems); "
                            "nothing was written (use --force to load it anyway)")
    shared = {ONTOLOGY_GRAPH: ontology_quads(), IDENTITY_GRAPH: identity_quads}
    if stream is not None:
        for graph, quads in [*decisions.items(), *shared.items()]:
            stream.put(graph, ox.serialize(quads, format=ox.RdfFormat.N_QUADS), more=graph in decisions)
        stream.close(store)
        result.copied = True
        return result
    for graph, quads in decisions.items():      # assigned, not extended: the graphs are held packed
        result.graphs[graph] = result.graphs[graph] + quads
    result.copied = replace_graphs(store, ChainMap(shared, result.graphs), store_dir,
                                   size=result.triples + sum(map(len, shared.values())))
    return result
