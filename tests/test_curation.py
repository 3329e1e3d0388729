"""Analysts' corrections: applied by the build, attributed to the analyst, reported when stale; merges
keep one IRI and link the retired one with owl:sameAs."""
from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest

from conftest import FIXTURES
from repgraph.build import build
from repgraph.curation import load
from repgraph.errors import RepgraphError
from repgraph.identity import IDENTITY_GRAPH
from repgraph.queries import rows
from repgraph.store import open_read

APPEALS = FIXTURES / "identity" / "appeals"
CURATION = FIXTURES / "identity" / "corrections.yaml"
ID = "https://w3id.org/repgraph/id/"


def _build(store, monkeypatch, curation=None, paths=(APPEALS,)):
    if curation:
        monkeypatch.setenv("REPGRAPH_CURATION", str(curation))
    else:
        monkeypatch.delenv("REPGRAPH_CURATION", raising=False)
    log = []

    class Log:
        def write(self, s):
            log.append(s)
    build([str(p) for p in paths], store, log=Log(), workers=1)
    return "".join(log)


@pytest.fixture(scope="module")
def curated(tmp_path_factory):
    """A store built without corrections, then rebuilt with them: (store path, warnings of the rebuild)."""
    mp = pytest.MonkeyPatch()
    store = tmp_path_factory.mktemp("curated") / "store"
    _build(store, mp)
    log = _build(store, mp, CURATION)
    mp.undo()
    return store, log


def _ask(store, query: str):
    return list(open_read(store).query("PREFIX rg: <https://w3id.org/repgraph/ontology#> "
                                       "PREFIX prov: <http://www.w3.org/ns/prov#> "
                                       "PREFIX owl: <http://www.w3.org/2002/07/owl#> "
                                       "PREFIX schema: <https://schema.org/> " + query))


def test_rejected_fixed_and_added_facts(curated):
    store, _ = curated
    charges = {(r["appeal"][-2:], r["charge"]) for r in rows(open_read(store), "charges")}
    assert ("05", "high treason") in charges and (".1", "high treason") not in charges
    events = {(r["person"], r["event"], r["date"], r["appeal"][-2:]) for r in rows(open_read(store), "events")}
    assert ("Dilnoza Rakhimova", "arrest", "2024-01-04", "05") in events
    assert ("Dilnoza Rakhimova", "arrest", "2024-01-05", "05") not in events
    assert ("Dilnoza Rakhimova", "conviction", "2024-06-01", ".1") in events
    names = {(r["appeal"][-2:], r["name"]) for r in rows(open_read(store), "persons")}
    assert (".1", "Dilnoza Rakhimova") in names and (".1", "Dilnoza Rahimova") not in names
    kinds = {r["name"]: r["kind"] for r in rows(open_read(store), "organisations")}
    assert kinds["Independent Lawyers Association"] == "trade_union"


def test_corrected_facts_say_who_asserted_them(curated):
    store, _ = curated
    found = _ask(store, """SELECT ?type ?who WHERE { GRAPH ?g { ?f rg:extractedBy "curation" ;
                 prov:wasAttributedTo ?a ; a ?type . ?a schema:name ?who } }""")
    got = {(r["type"].value.split("#")[-1], r["who"].value) for r in found}
    assert {("Event", "Test Analyst"), ("Event", "Second Analyst"), ("Person", "Test Analyst"),
            ("Organisation", "Test Analyst")} <= got


def test_stale_corrections_are_reported(curated):
    _, log = curated
    assert "#8 reject" in log and "no person 'Nobody Named So'" in log
    assert "#1 reject" not in log and "#6 merge" not in log


def test_merge_keeps_one_iri_and_links_the_retired_one(curated):
    store, _ = curated
    persons = {r["name"]: r["person"] for r in rows(open_read(store), "persons")}
    assert persons["Zarina Rakhimova"] == persons["Farrukh Rakhimov"] == ID + "person/farrukh-rakhimov"
    same = _ask(store, f"SELECT ?old ?new WHERE {{ GRAPH <{IDENTITY_GRAPH}> {{ ?old owl:sameAs ?new }} }}")
    links = {r["old"].value: r["new"].value for r in same}
    assert links[ID + "person/zarina-rakhimova"] == ID + "person/farrukh-rakhimov"
    assert links[ID + "person/dilnoza-rakhimova"] == "http://www.wikidata.org/entity/Q4115189"


def test_split_gives_the_mention_its_own_node(tmp_path, monkeypatch):
    cur = tmp_path / "curation.yaml"
    cur.write_text("corrections:\n  - {do: split, by: A, name: Dilnoza Rahimova, appeal: TJK 009 / 0124 / OBS 005.1}\n")
    _build(tmp_path / "store", monkeypatch, cur)
    persons = {(r["appeal"][-2:], r["person"]) for r in rows(open_read(tmp_path / "store"), "persons")
               if r["name"].startswith("Dilnoza")}
    assert len({p for _, p in persons}) == 2
    reasons = _ask(tmp_path / "store", "SELECT ?r WHERE { GRAPH ?g { ?d a rg:IdentityDecision ; rg:reason ?r } }")
    assert any("split" in r["r"].value for r in reasons)


def test_iris_are_stable_across_rebuilds_and_a_new_appeal(tmp_path, monkeypatch):
    first = tmp_path / "first"
    for f in ("tjk-arrest.txt", "tjk-sentence.txt"):
        shutil.copy(APPEALS / f, first.mkdir(exist_ok=True) or first / f)
    _build(tmp_path / "store", monkeypatch, paths=(first,))
    before = {r["name"]: r["person"] for r in rows(open_read(tmp_path / "store"), "persons")}
    _build(tmp_path / "store", monkeypatch)          # all three appeals, over the same store
    after = {r["name"]: r["person"] for r in rows(open_read(tmp_path / "store"), "persons")}
    assert before and all(after[n] == iri for n, iri in before.items())
    assert after["Dilnoza Rakhimova"] == after["Dilnoza Rahimova"]


def test_a_changed_curation_file_rebuilds_unchanged_appeals(tmp_path, monkeypatch):
    cur = tmp_path / "curation.yaml"
    cur.write_text("corrections: []\n")
    _build(tmp_path / "store", monkeypatch, cur)
    cur.write_text(CURATION.read_text(encoding="utf-8"))
    _build(tmp_path / "store", monkeypatch, cur)
    events = {(r["person"], r["event"], r["date"]) for r in rows(open_read(tmp_path / "store"), "events")}
    assert ("Dilnoza Rakhimova", "arrest", "2024-01-04") in events


@pytest.mark.parametrize("text, message", [
    ("corrections: [", "not valid YAML"),
    ("- do: merge", "top-level 'corrections:'"),
    ("corrections:\n  - {do: paint, by: A}", "'do' must be one of"),
    ("corrections:\n  - {do: merge, names: [A, B]}", "'by' (the analyst)"),
    ("corrections:\n  - {do: wikidata, by: A, name: X, id: 42}", "not like Q123"),
    ("corrections:\n  - {do: fix, by: A}", "needs appeal"),
])
def test_a_malformed_curation_file_is_a_one_line_error(tmp_path, text, message):
    path = tmp_path / "curation.yaml"
    path.write_text(text)
    with pytest.raises(RepgraphError) as err:
        load(path)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_the_build_command_reports_a_bad_curation_file(tmp_path, monkeypatch, cli):
    bad = tmp_path / "curation.yaml"
    bad.write_text("corrections: {}\n")
    monkeypatch.setenv("REPGRAPH_CURATION", str(bad))
    code, out, err = cli("build", APPEALS, "--store", tmp_path / "store")
    assert code != 0 and "corrections" in err and "Traceback" not in err


def test_the_project_curation_file_applies_to_the_bundled_appeals(tmp_path, monkeypatch):
    from conftest import ROOT
    assert load(ROOT / "data" / "curation.yaml")
    log = _build(tmp_path / "store", monkeypatch, paths=(ROOT / "data" / "appeals",))
    assert "no longer applies" not in log
    assert ox.Literal("curation") in {r["x"] for r in _ask(tmp_path / "store",
                                                          "SELECT ?x WHERE { GRAPH ?g { ?f rg:extractedBy ?x } }")}


def test_every_fact_kind_can_be_added_fixed_and_rejected(tmp_path):
    from repgraph.curation import apply, unused
    from repgraph.facts import Charge, Evidence, Facts, Organisation, Person, Sentence
    ev = Evidence(10, 20, "quote", "rule")
    facts = Facts(persons={"a": Person("a", "Ann Lee", evidence=[ev]), "b": Person("b", "Bo Lee", evidence=[ev])},
                  organisations={"o": Organisation("o", "Free Press Union", acronym="FPU")},
                  charges=[Charge("a", "libel", "128", "Criminal Code", ev)],
                  sentences=[Sentence("a", "fine", amount="100", evidence=ev)])
    path = tmp_path / "c.yaml"
    path.write_text("""corrections:
  - {do: add, by: A, appeal: X 1, person: Ann Lee, relative: Bo Lee, relation: brother}
  - {do: add, by: A, appeal: X 1, person: Ann Lee, membership: FPU, role: chair}
  - {do: add, by: A, appeal: X 1, person: Bo Lee, sentence: imprisonment, duration: P2Y}
  - {do: add, by: A, appeal: X 1, person: Bo Lee, charge: fraud, article: "159"}
  - {do: fix, by: A, appeal: X 1, person: Ann Lee, charge: "128", set: {article: "129"}}
  - {do: reject, by: A, appeal: X 1, person: Ann Lee, sentence: fine}
  - {do: reject, by: A, appeal: X 1, person: Ann Lee, membership: Free Press Union}
  - {do: add, by: A, appeal: X 1, person: Ann Lee, relative: Nobody, relation: sister}
  - {do: fix, by: A, appeal: X 2, person: Ann Lee, set: {name: Anne Lee}}
""")
    corrections = load(path)
    apply(corrections, _appeal_coded("X 1"), facts)
    assert [(k.person, k.relative, k.relation) for k in facts.kinship] == [("a", "b", "brother")]
    assert facts.memberships == []          # added, then rejected
    assert [(s.person, s.penalty, s.duration) for s in facts.sentences] == [("b", "imprisonment", "P2Y")]
    assert {(c.person, c.article) for c in facts.charges} == {("a", "129"), ("b", "159")}
    assert all(c.evidence.rule == "curation" and c.evidence.start == 10 for c in facts.charges)
    stale = unused(corrections, {"X 1"})
    assert len(stale) == 2 and "#8 add" in stale[0] and "no appeal X 2 in this build" in stale[1]


def _appeal_coded(code):
    from pathlib import Path

    from repgraph.appeal import Appeal
    return Appeal(source=Path("x.txt"), text="", code=code, code_printed=True)


def test_rebuilding_over_a_store_gives_the_same_graph_as_a_fresh_build(tmp_path, monkeypatch):
    """Identity decisions and IRIs do not depend on what the store held before."""
    def dump(store):
        return sorted(open_read(store).dump(format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines())
    monkeypatch.delenv("REPGRAPH_CURATION", raising=False)
    build([str(APPEALS)], tmp_path / "fresh", log=open("/dev/null", "w"), workers=1)
    build([str(APPEALS)], tmp_path / "again", log=open("/dev/null", "w"), workers=1)
    build([str(APPEALS)], tmp_path / "again", log=open("/dev/null", "w"), workers=1, everything=True)
    fresh = dump(tmp_path / "fresh")
    assert any("IdentityDecision" in line for line in fresh)
    assert dump(tmp_path / "again") == fresh
