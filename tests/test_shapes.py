"""ontology/shapes.ttl as a quality gate: valid graphs conform, each shape fires on a graph broken for it,
controlled values follow the SKOS vocabularies, and build/validate act on the verdict."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib
from conftest import FIXTURES, SEED
from shacl_cases import CASES, Graph, broken_graph, valid_graph

from repgraph import vocab
from repgraph.namespaces import RG
from repgraph.validate import SH, merge_reports, shapes_graph, validate_graph

RGS = rdflib.Namespace("https://w3id.org/repgraph/shapes#")


def problems_of(quads):
    return validate_graph(valid_graph()[0], list(quads))[0]


def test_valid_graph_conforms():
    graph, quads = valid_graph()
    problems, report = validate_graph(graph, list(quads))
    assert problems == []
    assert (None, SH.conforms, rdflib.Literal(True)) in report


@pytest.mark.parametrize("path", [SEED] + sorted(FIXTURES.rglob("*.txt")) + sorted(FIXTURES.glob("*.html")),
                         ids=lambda p: p.name)
def test_appeals_conform_in_full_and_in_public_mode(path):
    """The graphs the build writes pass, and so do the public dumps partners validate (minors reduced)."""
    from repgraph.build import prepare
    from repgraph.identity import Registry
    from repgraph.privacy import public_quads
    result = prepare([path], Registry({}))
    assert [p.line() for p in result.problems] == []
    (graph, quads), = result.graphs.items()
    assert [p.line() for p in validate_graph(graph, public_quads(quads))[0]] == []


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_shape_fires_on_broken_graph(case):
    quads, focus = broken_graph(case)
    problems = problems_of(quads)
    assert (focus, case.rule) in {(p.focus, p.rule) for p in problems}, [p.line() for p in problems]
    assert all(p.severity == "Violation" for p in problems)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_build_gate_stops_broken_graph(case):
    """The build checks graphs through a fast pre-check (repgraph.shapecheck) before pyshacl: it must not
    let any broken graph through."""
    from repgraph.build import check_graph
    quads, focus = broken_graph(case)
    assert (focus, case.rule) in {(p.focus, p.rule) for p in check_graph(valid_graph()[0], quads)}


def test_every_shape_has_a_broken_graph():
    shapes = shapes_graph()
    targeted = {s for p in (SH.targetClass, SH.targetSubjectsOf) for s in shapes.subjects(p, None)}
    named = {f"rgs:{s.removeprefix(str(RGS))}" for s in targeted}
    assert named == {c.rule.split()[0] for c in CASES}


def test_report_line_says_which_appeal_node_and_rule_in_plain_words():
    case = next(c for c in CASES if c.name == "event_type_not_a_concept")
    quads, focus = broken_graph(case)
    problem = next(p for p in problems_of(quads) if p.focus == focus)
    code = Graph(quads).value(Graph(quads).first(RG + "Appeal"), RG + "code").value
    line = problem.line()
    assert line.startswith(code + ": rg:Event rgid:appeal/")
    assert focus.rsplit("/", 1)[-1] in line
    assert "an event has one type, a concept of rg:EventTypes" in line
    assert "value ev:party" in line and "rule rgs:EventShape rg:eventType sh:in" in line


# ---- controlled values and the SKOS vocabularies ----

def scheme_values() -> dict[tuple[str, str], set]:
    """(shape, path) -> the values the vocabulary allows there."""
    return {
        ("EventShape", RG + "eventType"): {rdflib.URIRef(t.iri) for t in vocab.event_types()},
        ("SentenceShape", RG + "penalty"): {rdflib.URIRef(t.iri) for t in vocab.penalties()},
        ("KinshipShape", RG + "relation"): {rdflib.URIRef(r.iri) for r in vocab.kinship().values()},
        ("OrganisationShape", RG + "kind"): {rdflib.URIRef(k.iri) for k in vocab.org_kinds()},
        ("AppealShape", RG + "category"): {rdflib.URIRef(i) for i in vocab.violation_categories().values()},
        ("PersonShape", RG + "role"): {rdflib.Literal(t.label) for t in vocab.roles()},
    }


def sh_in(shape: str, path: str) -> set:
    g = shapes_graph()
    for prop in g.objects(RGS[shape], SH.property):
        if g.value(prop, SH.path) == rdflib.URIRef(path) and g.value(prop, SH["in"]) is not None:
            return set(rdflib.collection.Collection(g, g.value(prop, SH["in"])))
    raise AssertionError(f"rgs:{shape} has no sh:in list on {path}")


@pytest.mark.parametrize("key", list(scheme_values()), ids=lambda k: k[1].rsplit("#", 1)[-1])
def test_sh_in_lists_match_their_vocabulary(key):
    allowed = scheme_values()[key]
    assert len(allowed) > 3
    listed = sh_in(*key)
    assert listed - allowed == set(), "in ontology/shapes.ttl but not in the vocabulary"
    assert allowed - listed == set(), "in the vocabulary but missing from ontology/shapes.ttl"


def _clones(g: Graph, cls: str, path: str, values) -> None:
    """Add a copy of the first CLS node for each of VALUES, with VALUES as its PATH."""
    node = g.first(cls, path)
    own = [q for q in g.quads if q.subject.value == node and q.predicate.value != path]
    for i, v in enumerate(values):
        twin = f"{node}/twin-{i}"
        g.quads.extend(ox.Quad(ox.NamedNode(twin), q.predicate, q.object, q.graph_name) for q in own)
        g.add(twin, path, ox.NamedNode(str(v)) if isinstance(v, rdflib.URIRef) else ox.Literal(str(v)))


@pytest.mark.parametrize("cls, path, values", [
    (RG + "Event", RG + "eventType", lambda: [t.iri for t in vocab.event_types()]),
    (RG + "Sentence", RG + "penalty", lambda: [t.iri for t in vocab.penalties()]),
    (RG + "KinshipTie", RG + "relation", lambda: [r.iri for r in vocab.kinship().values()]),
    (RG + "Organisation", RG + "kind", lambda: [k.iri for k in vocab.org_kinds()]),
    (RG + "Appeal", RG + "category", lambda: sorted(set(vocab.violation_categories().values()))),
    (RG + "Appeal", RG + "country", lambda: [c.iri for c in vocab.countries()]),
    (RG + "Person", RG + "role", lambda: [t.label for t in vocab.roles()]),
], ids=lambda v: v.rsplit("#", 1)[-1] if isinstance(v, str) else None)
def test_every_concept_of_a_scheme_is_accepted(cls, path, values):
    g = Graph(list(valid_graph()[1]))
    concepts = values()
    _clones(g, cls, path, [rdflib.Literal(v) if path == RG + "role" else rdflib.URIRef(v) for v in concepts])
    assert len(concepts) > 3
    rejected = [p.line() for p in problems_of(g.quads) if p.path == "rg:" + path.rsplit("#", 1)[-1]]
    assert rejected == []


# ---- the command line acts on the verdict ----

def _without_codes(map_appeal):
    """map_appeal, but the appeal node loses its rg:code (AppealShape fails)."""
    def broken(*args, **kwargs):
        graph, quads = map_appeal(*args, **kwargs)
        return graph, [q for q in quads if q.predicate.value != RG + "code"]
    return broken


def _quads_in(store_dir) -> int:
    store = ox.Store.read_only(str(store_dir))
    return len(store)


def test_build_refuses_an_invalid_graph_and_writes_nothing(cli, tmp_path, monkeypatch):
    import repgraph.build
    store = tmp_path / "store"
    assert cli("build", FIXTURES / "appeals", "--store", store)[0] == 0
    before = _quads_in(store)
    monkeypatch.setattr(repgraph.build, "map_appeal", _without_codes(repgraph.build.map_appeal))
    code, out, err = cli("build", SEED, "--store", store)
    assert code != 0
    assert "Traceback" not in err
    assert "does not pass its SHACL shapes" in err and "nothing was written" in err
    assert _quads_in(store) == before
    fresh = tmp_path / "fresh"
    assert cli("build", SEED, "--store", fresh)[0] != 0
    assert not fresh.exists() or _quads_in(fresh) == 0


def test_build_force_loads_an_invalid_graph_and_validate_reports_it(cli, tmp_path, monkeypatch):
    import repgraph.build
    store, report_file = tmp_path / "store", tmp_path / "report.ttl"
    monkeypatch.setattr(repgraph.build, "map_appeal", _without_codes(repgraph.build.map_appeal))
    code, out, _ = cli("build", SEED, "--store", store, "--force")
    assert code == 0 and "loaded with --force" in out
    assert _quads_in(store) > 0
    code, out, _ = cli("validate", "--store", store, "--report", report_file)
    assert code == 1
    assert "rg:Appeal rgid:appeal/" in out and "an appeal has exactly one code" in out
    report = rdflib.Graph().parse(report_file, format="turtle")
    top = report.value(None, rdflib.RDF.type, SH.ValidationReport, any=False)
    assert report.value(top, SH.conforms) == rdflib.Literal(False)
    focus = {str(report.value(r, SH.focusNode)) for r in report.objects(top, SH.result)}
    assert any(f.startswith("https://w3id.org/repgraph/id/appeal/") for f in focus)


def test_validate_writes_a_conforming_report(cli, tmp_path):
    store, report_file = tmp_path / "store", tmp_path / "report.ttl"
    assert cli("build", SEED, FIXTURES / "appeals", "--store", store)[0] == 0
    code, out, _ = cli("validate", "--store", store, "--report", report_file)
    assert code == 0 and "conforms" in out
    report = rdflib.Graph().parse(report_file, format="turtle")
    assert len(set(report.subjects(rdflib.RDF.type, SH.ValidationReport))) == 1
    assert (None, SH.conforms, rdflib.Literal(True)) in report
    assert (None, SH.result, None) not in report


def test_validate_report_to_an_impossible_place_is_a_one_line_error(cli, tmp_path):
    store = tmp_path / "store"
    assert cli("build", SEED, "--store", store)[0] == 0
    code, _, err = cli("validate", "--store", store, "--report", tmp_path / "no" / "such" / "dir" / "r.ttl")
    assert code != 0 and "cannot write the report" in err and len(err.strip().splitlines()) == 1


def test_merged_report_fails_if_any_graph_fails():
    graph, quads = valid_graph()
    case = next(c for c in CASES if c.name == "appeal_without_code")
    _, good = validate_graph(graph, list(quads))
    _, bad = validate_graph(graph, broken_graph(case)[0])
    merged = merge_reports([good, bad])
    top = merged.value(None, rdflib.RDF.type, SH.ValidationReport, any=False)
    assert merged.value(top, SH.conforms) == rdflib.Literal(False)
    assert len(list(merged.objects(top, SH.result))) == len(list(bad.objects(None, SH.result)))
