"""SHACL validation of each appeal's named graph against ontology/shapes.ttl, with a readable report."""
from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox
import rdflib
from pyshacl import validate as shacl_validate

from .namespaces import PREFIXES, RDF, RG, XSD
from .resources import ontology_dir

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
_XSD_STRING = XSD + "string"


@cache
def shapes_graph() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")


@cache
def _prefixes() -> list[tuple[str, str]]:
    """Prefix and namespace pairs for short names, longest namespace first (rgs: for the shapes)."""
    pairs = {**PREFIXES, "rgs": "https://w3id.org/repgraph/shapes#", "sh": str(SH)}
    return sorted(((p, ns) for p, ns in pairs.items()), key=lambda pn: len(pn[1]), reverse=True)


def short(term) -> str:
    """A term as a person reads it: prefix:name for an IRI, a quoted (and cut) string for a literal."""
    if isinstance(term, rdflib.Literal):
        text = str(term)
        return '"' + (text if len(text) <= 60 else text[:57] + "...") + '"'
    value = str(term)
    for prefix, ns in _prefixes():
        if value.startswith(ns):
            return f"{prefix}:{value[len(ns):]}"
    return f"<{value}>" if isinstance(term, rdflib.URIRef) else "_:" + value


def _term(t) -> rdflib.term.Node:
    if isinstance(t, ox.NamedNode):
        return rdflib.URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return rdflib.BNode(t.value)
    if t.language:
        return rdflib.Literal(t.value, lang=t.language)
    # a plain string stays plain, as Turtle literals in the shapes (sh:in) are
    return rdflib.Literal(t.value, datatype=None if t.datatype.value == _XSD_STRING else rdflib.URIRef(t.datatype.value))


def to_rdflib(quads: list[ox.Quad]) -> rdflib.Graph:
    """The triples of QUADS as an rdflib graph (the graph names are dropped). An ill-typed literal is
    not a crash: rdflib's warning (with a traceback) is silenced, sh:datatype reports it in plain words."""
    g = rdflib.Graph()
    term_log = logging.getLogger("rdflib.term")
    level = term_log.level
    term_log.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for q in quads:
                g.add((_term(q.subject), _term(q.predicate), _term(q.object)))
    finally:
        term_log.setLevel(level)
    return g


@dataclass(frozen=True)
class Problem:
    """One SHACL result, in the words `repgraph validate` prints."""
    appeal: str         # the appeal's code
    graph: str          # its named graph
    node: str           # the focus node, with its class: "rg:Event rgid:appeal/.../event/1f2e..."
    focus: str          # the focus node's IRI
    path: str           # the property, as prefix:name ("" for a rule on the node itself)
    rule: str           # the shape and the kind of constraint: "rgs:EventShape rg:eventType sh:in"
    message: str        # the rule in plain words (the shape's sh:message)
    value: str          # the offending value, if there is one
    severity: str       # Violation, Warning or Info

    def line(self) -> str:
        value = f"value {self.value}; " if self.value else ""
        return f"{self.appeal}: {self.node}: {self.message} ({value}rule {self.rule})"


def _owner(shape: rdflib.term.Node) -> rdflib.term.Node:
    """The node shape a (blank) property shape belongs to."""
    shapes = shapes_graph()
    return next(shapes.subjects(SH.property, shape), shape)


def _path(report: rdflib.Graph, path: rdflib.term.Node | None) -> str:
    """A property path as SPARQL writes it: rg:addressee, or ^rg:addressee for an inverse path."""
    if path is None:
        return ""
    inverse = report.value(path, SH.inversePath)
    return "^" + short(inverse) if inverse is not None else short(path)


def _keyword(component: rdflib.term.Node) -> str:
    """The shape keyword that failed: sh:MinCountConstraintComponent gives sh:minCount."""
    name = str(component).removeprefix(str(SH)).removesuffix("ConstraintComponent")
    return "sh:" + name[:1].lower() + name[1:]


def _appeal_code(data: rdflib.Graph, graph_iri: str) -> str:
    for appeal in data.subjects(rdflib.RDF.type, rdflib.URIRef(RG + "Appeal")):
        code = data.value(appeal, rdflib.URIRef(RG + "code"))
        if code is not None:
            return str(code)
    return graph_iri.rsplit("/", 1)[-1]


def _describe(data: rdflib.Graph, node: rdflib.term.Node) -> str:
    classes = sorted(short(c) for c in data.objects(node, rdflib.URIRef(RDF + "type")))
    return " ".join(classes[:1] + [short(node)])


def _problems(graph_iri: str, data: rdflib.Graph, report: rdflib.Graph) -> list[Problem]:
    code = _appeal_code(data, graph_iri)
    problems = []
    for result in report.objects(None, SH.result):      # not the sh:detail results nested in them
        focus = report.value(result, SH.focusNode)
        path_text = _path(report, report.value(result, SH.resultPath))
        rule = " ".join(part for part in (short(_owner(report.value(result, SH.sourceShape))), path_text,
                                          _keyword(report.value(result, SH.sourceConstraintComponent))) if part)
        value = report.value(result, SH.value)
        problems.append(Problem(
            code, graph_iri, _describe(data, focus), str(focus), path_text, rule,
            str(report.value(result, SH.resultMessage) or "does not conform"),
            short(value) if value is not None and value != focus else "",
            short(report.value(result, SH.resultSeverity)).removeprefix("sh:")))
    problems.sort(key=lambda p: (p.focus, p.rule, p.value))
    return problems


def validate_graph(graph_iri: str, quads: list[ox.Quad]) -> tuple[list[Problem], rdflib.Graph]:
    """The problems SHACL finds in one appeal graph, and the standard sh:ValidationReport graph."""
    data = to_rdflib(quads)
    _, report, _ = shacl_validate(data, shacl_graph=shapes_graph(), inference="none",
                                  abort_on_first=False, allow_warnings=True)
    return _problems(graph_iri, data, report), report


def merge_reports(reports: list[rdflib.Graph]) -> rdflib.Graph:
    """One sh:ValidationReport holding the results of REPORTS (conforms only if each one does)."""
    merged = rdflib.Graph()
    merged.bind("sh", SH)
    top = rdflib.BNode()
    merged.add((top, rdflib.RDF.type, SH.ValidationReport))
    conforms = True
    for report in reports:
        for r in report.subjects(rdflib.RDF.type, SH.ValidationReport):
            conforms = conforms and bool(report.value(r, SH.conforms).toPython())
        for s, p, o in report:
            if p == SH.result:
                merged.add((top, p, o))
            elif (s, rdflib.RDF.type, SH.ValidationReport) not in report:
                merged.add((s, p, o))
    merged.add((top, SH.conforms, rdflib.Literal(conforms)))
    return merged
