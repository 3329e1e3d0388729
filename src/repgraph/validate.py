"""SHACL validation of each appeal's named graph against ontology/shapes.ttl, with a readable report."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox
import rdflib
from pyshacl import validate as shacl_validate

from .namespaces import SH
from .resources import ontology_dir


@cache
def shapes_graph() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")


@cache
def ontology_graph() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology_dir() / "repgraph.ttl", format="turtle")


@dataclass
class Problem:
    graph: str
    focus: str
    path: str
    message: str
    severity: str

    def line(self) -> str:
        where = f" ({self.path.rsplit('#', 1)[-1].rsplit('/', 1)[-1]})" if self.path else ""
        return f"{self.graph.rsplit('/', 1)[-1]}: {self.focus}{where}: {self.message}"


def to_rdflib(quads: list[ox.Quad]) -> rdflib.Graph:
    data = ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in quads], format=ox.RdfFormat.N_TRIPLES)
    return rdflib.Graph().parse(data=data.decode("utf-8"), format="nt")


def validate_graph(graph_iri: str, quads: list[ox.Quad]) -> tuple[list[Problem], rdflib.Graph]:
    """The problems SHACL finds in one appeal graph, and the standard sh:ValidationReport graph."""
    data = to_rdflib(quads)
    conforms, report, _ = shacl_validate(data, shacl_graph=shapes_graph(), ont_graph=ontology_graph(),
                                         inference="none", abort_on_first=False, allow_warnings=True)
    problems = []
    sh = rdflib.Namespace(SH)
    for result in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        problems.append(Problem(
            graph_iri,
            str(report.value(result, sh.focusNode)),
            str(report.value(result, sh.resultPath) or ""),
            str(report.value(result, sh.resultMessage) or "does not conform"),
            str(report.value(result, sh.resultSeverity)).rsplit("#", 1)[-1]))
    problems.sort(key=lambda p: (p.focus, p.path, p.message))
    return problems, report
