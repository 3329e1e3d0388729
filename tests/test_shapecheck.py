"""The fast shape check agrees with pyshacl on every graph: real fixtures, synthetic appeals and broken graphs."""
from __future__ import annotations

import sys

import pyoxigraph as ox
import pytest

from conftest import FIXTURES, ROOT, SEED
from repgraph.build import prepare
from repgraph.identity import Registry
from repgraph.namespaces import OA, RDF, RG, SCHEMA, XSD
from repgraph.shapecheck import compile_shapes, conforms
from repgraph.validate import validate_graph

sys.path.insert(0, str(ROOT / "bench"))
from corpus import generate  # noqa: E402

N = ox.NamedNode


@pytest.fixture(scope="module")
def graphs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    files = [SEED, *sorted((FIXTURES / "appeals").glob("*.txt")), FIXTURES / "appeal-page.html",
             *generate(12, folder, seed=3)]
    return prepare(files, Registry()).graphs


def _first(quads, pred):
    return next(q for q in quads if q.predicate.value == pred)


def _drop(pred):
    return lambda quads: [q for q in quads if q is not _first(quads, pred)]


def _swap(pred, obj):
    def f(quads):
        q = _first(quads, pred)
        return [x for x in quads if x is not q] + [ox.Quad(q.subject, q.predicate, obj, q.graph_name)]
    return f


def _add(pred, obj):
    def f(quads):
        q = _first(quads, pred)
        return quads + [ox.Quad(q.subject, q.predicate, obj, q.graph_name)]
    return f


BREAKS = {
    "no code": _drop(RG + "code"),
    "two codes": _add(RG + "code", ox.Literal("XYZ 1")),
    "bad hash": _swap(RG + "contentHash", ox.Literal("abc")),
    "hash as IRI": _swap(RG + "contentHash", N("https://example.org/x")),
    "date as string": _swap(SCHEMA + "datePublished", ox.Literal("2024-01-01")),
    "ill-typed date": _swap(SCHEMA + "datePublished", ox.Literal("yesterday", datatype=N(XSD + "date"))),
    "bad country code": _swap(RG + "countryCode", ox.Literal("TJK")),
    "country literal": _swap(RG + "country", ox.Literal("TJ")),
    "bad email": _swap(SCHEMA + "email", ox.Literal("nobody")),
    "second person name": _add(SCHEMA + "name", ox.Literal("Someone Else")),
    "age 200": _swap(RG + "age", ox.Literal("200", datatype=N(XSD + "integer"))),
    "confidence 2": _swap(RG + "confidence", ox.Literal("2.00", datatype=N(XSD + "decimal"))),
    "confidence text": _swap(RG + "confidence", ox.Literal("high")),
    "no evidence start": _drop(OA + "start"),
    "empty quote": _swap(OA + "exact", ox.Literal("")),
    "unknown org kind": _swap(RG + "kind", N("https://w3id.org/repgraph/vocab/org-kind/club")),
    "penalty elsewhere": _swap(RG + "penalty", N("https://example.org/penalty/x")),
    "bad duration": _swap(RG + "duration", ox.Literal("8 years", datatype=N(XSD + "duration"))),
    "gender other": _swap(SCHEMA + "gender", N(SCHEMA + "Other")),
    "fact person untyped": _swap(RG + "person", N("https://example.org/nobody")),
    "no mention": _drop(RG + "mentionedIn"),
    "typed addressee missing": _add(RG + "addressee", N("https://example.org/addressee")),
    "person without name": lambda quads: [q for q in quads if not (
        q.predicate.value == SCHEMA + "name" and q.subject == _first(quads, RG + "mentionedIn").subject)],
    "stray person": lambda quads: quads + [ox.Quad(N("https://example.org/p"), N(RDF + "type"), N(RG + "Person"),
                                                   quads[0].graph_name)],
}


def _pyshacl_conforms(graph, quads) -> bool:
    problems, _ = validate_graph(graph, quads)
    return not problems


def test_the_shapes_compile():
    assert compile_shapes() is not None


def test_agrees_with_pyshacl_on_built_graphs(graphs):
    for graph, quads in graphs.items():
        assert conforms(quads) == _pyshacl_conforms(graph, quads), graph


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_agrees_with_pyshacl_on_broken_graphs(graphs, name):
    applied = 0
    for graph, quads in list(graphs.items())[:6]:
        try:
            broken = BREAKS[name](quads)
        except StopIteration:       # this graph has nothing to break that way
            continue
        applied += 1
        assert conforms(broken) == _pyshacl_conforms(graph, broken), (name, graph)
    assert applied
