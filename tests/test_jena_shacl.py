"""Partners validate with Apache Jena: ontology/shapes.ttl must give the same verdict and the same failing
focus nodes in Jena's SHACL engine as in pyshacl, on the bundled appeal graphs and on every broken graph of
the SHACL tests (tests/shacl_cases.py). Needs Jena's `shacl` and `riot` (.ci/setup.d/jena.sh).

Jena starts a JVM per command (about 2 s), so all graphs go through one `shacl validate` run: each graph's
minted IRIs are moved under its own prefix, which keeps the graphs apart without changing any verdict (no
shape looks at those IRIs' spelling), and the failing focus nodes are sorted back to their graph."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from shacl_cases import CASES, broken_graph, valid_graph

from repgraph.namespaces import ID
from repgraph.resources import ontology_dir
from repgraph.validate import SH, validate_graph

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = sorted(p for p in (ROOT / "data" / "appeals").glob("*") if p.suffix in (".txt", ".html", ".htm"))
MINORS = sorted((ROOT / "tests" / "fixtures" / "privacy").glob("*.txt"))      # public mode reduces minors
CONFORMING = [f"bundled:{p.name}" for p in BUNDLED] + [f"public:{p.name}" for p in BUNDLED + MINORS] + ["valid"]
NAMES = CONFORMING + [c.name for c in CASES]
MINTED = tuple(ID + kind for kind in ("appeal/", "person/", "org/", "code/"))
MOVED = re.compile(re.escape(ID) + r"jena-(\d+)/(.*)")

pytestmark = pytest.mark.skipif(not (shutil.which("shacl") and shutil.which("riot")),
                                reason="Apache Jena's shacl and riot commands are not installed (run .ci/setup.d/jena.sh)")


def graphs() -> dict[str, list[ox.Quad]]:
    """Every graph to compare, by name: the bundled appeals as built and as published (public mode, also
    for appeals with minors), the valid seed graph, each broken graph."""
    from repgraph.build import prepare
    from repgraph.identity import Registry
    from repgraph.privacy import public_quads
    built = {p: next(iter(prepare([p], Registry({})).graphs.values())) for p in BUNDLED + MINORS}
    out = {f"bundled:{p.name}": built[p] for p in BUNDLED}
    out.update((f"public:{p.name}", public_quads(built[p])) for p in BUNDLED + MINORS)
    out["valid"] = list(valid_graph()[1])
    out.update((c.name, broken_graph(c)[0]) for c in CASES)
    return out


def _moved(term, i: int):
    if isinstance(term, ox.NamedNode) and term.value.startswith(MINTED):
        return ox.NamedNode(f"{ID}jena-{i}/{term.value[len(ID):]}")
    return term


def run(*args: str) -> str:
    done = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{' '.join(args[:2])} failed: {done.stderr[-2000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def all_graphs() -> dict[str, list[ox.Quad]]:
    return graphs()


@pytest.fixture(scope="module")
def jena_focus(all_graphs, tmp_path_factory) -> dict[str, set[str]]:
    """The focus nodes Jena's `shacl validate` reports, by graph name."""
    names = list(all_graphs)
    triples = [ox.Triple(_moved(q.subject, i), q.predicate, _moved(q.object, i))
               for i, name in enumerate(names) for q in all_graphs[name]]
    data = tmp_path_factory.mktemp("jena") / "graphs.nt"
    data.write_bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
    report = rdflib.Graph().parse(data=run("shacl", "validate", "--shapes", str(ontology_dir() / "shapes.ttl"),
                                           "--data", str(data)), format="turtle")
    out: dict[str, set[str]] = {name: set() for name in names}
    for focus in report.objects(None, SH.focusNode):
        moved = MOVED.fullmatch(str(focus))
        assert moved, f"Jena reports a focus node outside the graphs: {focus}"
        out[names[int(moved[1])]].add(ID + moved[2])
    return out


def test_jena_reads_the_shapes_and_the_valid_graphs_without_a_warning(all_graphs, tmp_path):
    """riot --validate fails on any syntax error or ill-typed literal (the broken graphs have some)."""
    files = [str(ontology_dir() / "shapes.ttl")]
    for i, name in enumerate(CONFORMING):
        files.append(str(tmp_path / f"graph-{i}.nt"))
        Path(files[-1]).write_bytes(ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in all_graphs[name]],
                                                 format=ox.RdfFormat.N_TRIPLES))
    run("riot", "--validate", *files)


def test_every_graph_is_compared(all_graphs):
    assert list(all_graphs) == NAMES
    assert len(BUNDLED) >= 1 and len(MINORS) >= 1


@pytest.mark.parametrize("name", NAMES)
def test_jena_and_pyshacl_agree(name, all_graphs, jena_focus):
    graph = valid_graph()[0]
    pyshacl_focus = {p.focus for p in validate_graph(graph, all_graphs[name])[0]}
    assert (not pyshacl_focus) == (name in CONFORMING)
    assert jena_focus[name] == pyshacl_focus
