"""The build: read appeal files, extract facts, map them to named graphs, validate, load the store."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .appeal import Appeal, AppealError, read_appeal
from .errors import RepgraphError
from .extract import extract
from .identity import Registry
from .mapping import map_appeal
from .namespaces import ONTOLOGY_GRAPH
from .resources import ontology_dir
from .store import known_persons, open_write, replace_graphs
from .validate import Problem, validate_graph

APPEAL_SUFFIXES = (".txt", ".html", ".htm")


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
    graphs: dict[str, list[ox.Quad]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def triples(self) -> int:
        return sum(len(q) for q in self.graphs.values())


def ontology_quads() -> list[ox.Quad]:
    """The ontology and its vocabularies, loaded into their own named graph beside the appeals (the shapes,
    full of blank nodes, are published as their file instead)."""
    g = ox.NamedNode(ONTOLOGY_GRAPH)
    quads = []
    for path in [ontology_dir() / "repgraph.ttl"] + sorted((ontology_dir() / "vocab").glob("*.ttl")):
        quads.extend(ox.Quad(t.subject, t.predicate, t.object, g) for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    return quads


def prepare(files: list[Path], registry: Registry) -> BuildResult:
    """Read, extract, map and validate every file; nothing is written."""
    result = BuildResult()
    errors = []
    appeals = []
    for f in files:
        try:
            appeals.append(read_appeal(f))
        except AppealError as err:
            errors.append(str(err))
    if errors:
        raise RepgraphError("; ".join(errors) if len(errors) < 4 else f"{errors[0]} (and {len(errors) - 1} more bad files)")
    seen: dict[str, Path] = {}
    for appeal in appeals:
        result.warnings.extend(appeal.warnings)
        if appeal.code in seen:
            result.warnings.append(f"{appeal.source.name}: same code {appeal.code} as {seen[appeal.code].name}; the later file wins")
        seen[appeal.code] = appeal.source
        facts = extract(appeal)
        resolved = {key: registry.resolve(p) for key, p in facts.persons.items() if p.name}
        graph, quads = map_appeal(appeal, facts, resolved.__getitem__)
        result.graphs[graph] = quads
        result.appeals.append(appeal)
        problems, _ = validate_graph(graph, quads)
        result.problems.extend(problems)
    return result


def build(paths: list[str], store_dir: Path, force: bool = False, log=sys.stderr) -> BuildResult:
    """Build PATHS into the store at STORE_DIR: all or nothing, and nothing when the graph is invalid
    (unless FORCE)."""
    files = appeal_files(paths)
    with open_write(store_dir) as store:
        registry = Registry(known_persons(store))
        result = prepare(files, registry)
        for w in result.warnings:
            print(f"warning: {w}", file=log)
        violations = [p for p in result.problems if p.severity == "Violation"]
        if violations and not force:
            for p in violations[:20]:
                print(p.line(), file=log)
            raise RepgraphError(f"the graph does not pass its SHACL shapes ({len(violations)} problems); "
                                "nothing was written (use --force to load it anyway)")
        replace_graphs(store, {**result.graphs, ONTOLOGY_GRAPH: ontology_quads()})
    return result
