"""Protection of persons: no minor's name or age reaches anything that leaves the machine in its default
(public) mode, while --full keeps everything. The fixture (tests/fixtures/privacy/, written for this test)
has a boy introduced as 'her 15-year-old son, Timur Yusupov', a girl as 'Malika Yusupova, a 12-year-old
pupil', an unnamed husband, a health condition and a home address."""
from __future__ import annotations

import gzip
import random
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from repgraph import privacy
from repgraph.namespaces import OA, RDF, RG, SCHEMA, VOCAB
from repgraph.privacy import MINOR_LABEL, public_quads

from conftest import FIXTURES, run_cli

APPEAL = FIXTURES / "privacy" / "uzb-minor-son.txt"
MINOR_NAMES = ("Timur", "Malika", "timur-yusupov", "malika-yusupova")
MINOR_AGES = ("15-year-old", "12-year-old", "15 year old", "12 year old")
PRIVATE_DETAILS = ("type 1 diabetes", "Mustaqillik", "apartment 7")   # health and home address
DUMP_FORMATS = ("trig", "nq", "ttl", "nt", "jsonld")
AGE = re.compile(r"ontology#age>\s+\"(\d+)\"")


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("privacy") / "store"
    code, _, err = run_cli("build", APPEAL, "--store", path)
    assert code == 0, err
    return path


def export(cli, store, *args) -> str:
    out = store.parent / "dump"
    code, _, err = cli("export", "--store", store, "--out", out, *args)
    assert code == 0, err
    return out.read_text(encoding="utf-8")


def assert_public(text: str, where: str) -> None:
    for secret in MINOR_NAMES + MINOR_AGES + PRIVATE_DETAILS:
        assert secret not in text, f"{secret!r} leaked into {where}"
    assert all(int(a) >= 18 for a in AGE.findall(text)), f"an age under 18 leaked into {where}"


@pytest.mark.parametrize("fmt", DUMP_FORMATS)
def test_the_default_dump_has_no_minor_name_or_age(cli, store, fmt):
    text = export(cli, store, "--format", fmt)
    assert_public(text, f"export --format {fmt}")
    assert MINOR_LABEL in text
    assert "Dilnoza" in text, "public mode must keep the adult defender the appeal is about"


def test_the_full_dump_keeps_everything_but_only_when_asked(cli, store):
    full = export(cli, store, "--format", "nq", "--full")
    assert "Timur Yusupov" in full and "Malika Yusupova" in full and "15-year-old" in full
    assert '"12"^^<http://www.w3.org/2001/XMLSchema#integer>' in full
    assert all(detail in full for detail in PRIVATE_DETAILS)


def test_the_graph_marks_health_and_home_address_as_sensitive_details(cli, store):
    q = store.parent / "details.rq"
    q.write_text(f"""SELECT ?kind ?words WHERE {{ GRAPH ?g {{ ?d a <{RG}SensitiveDetail> ; <{RG}detailKind> ?kind ;
        <{RG}sensitive> true ; <{RG}evidence>/<http://www.w3.org/ns/oa#hasTarget>/<http://www.w3.org/ns/oa#hasSelector>/
        <http://www.w3.org/ns/oa#exact> ?words }} }}""", encoding="utf-8")
    code, out, err = cli("query", q, "--store", store, "--format", "tsv")
    assert code == 0, err
    found = {(k.rsplit("/", 1)[-1].strip("<>"), w.strip('"')) for k, _, w in (line.partition("\t") for line in out.splitlines()[1:])}
    assert found == {("health", "suffers from type 1 diabetes"), ("home-address", "14 Mustaqillik Street, apartment 7")}


def test_the_served_endpoint_is_public_unless_asked(store):
    import json
    import urllib.parse
    import urllib.request
    from servers import repgraph_serve
    query = urllib.parse.urlencode({"query": "SELECT ?o { GRAPH ?g { ?s ?p ?o } }"})
    for args, public in (((), True), (("--full",), False)):
        with repgraph_serve(store, *args) as (url, _):
            req = urllib.request.Request(f"{url}?{query}", headers={"Accept": "application/sparql-results+json"})
            with urllib.request.urlopen(req, timeout=60) as resp:
                text = " ".join(b["o"]["value"] for b in json.load(resp)["results"]["bindings"])
        assert "Dilnoza" in text
        if public:
            assert_public(text, "serve")
        else:
            assert "Timur Yusupov" in text and "type 1 diabetes" in text


def _release_commands(cli) -> list[str]:
    _, out, _ = cli("--help")
    return [c for c in ("publish", "viz") if re.search(rf"^\s+{c}\s", out, re.M)]


def _read(path: Path) -> str:
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace")


def test_publish_and_viz_default_to_public_mode(cli, store, tmp_path):
    commands = _release_commands(cli)
    if not commands:
        pytest.skip("neither publish nor viz exists yet")
    for command in commands:
        out = tmp_path / command       # publish writes a folder, viz a page
        code, stdout, err = cli(command, "--store", store, "--out", out)
        assert code == 0, err
        files = [out] if out.is_file() else [p for p in out.rglob("*") if p.is_file()]
        assert files, f"{command} wrote nothing"
        for p in files:
            assert_public(_read(p), f"{command}: {p.name}")
        assert_public(stdout, f"{command} output")


def _marks(cli, store) -> dict[str, set[str]]:
    """Each person's name (or IRI when unnamed) -> its rg:minor / rg:sensitive / rg:unnamed marks (full data)."""
    q = store.parent / "marks.rq"
    q.write_text(f"""SELECT ?who ?mark WHERE {{ GRAPH ?g {{ ?p a <{RG}Person> .
        OPTIONAL {{ ?p <{SCHEMA}name> ?n }} BIND(COALESCE(?n, STR(?p)) AS ?who)
        OPTIONAL {{ ?p ?m true FILTER(?m IN (<{RG}minor>, <{RG}sensitive>, <{RG}unnamed>)) BIND(STRAFTER(STR(?m), "#") AS ?mark) }}
    }} }}""", encoding="utf-8")
    code, out, err = cli("query", q, "--store", store, "--format", "tsv")
    assert code == 0, err
    marks: dict[str, set[str]] = {}
    for line in out.splitlines()[1:]:
        who, _, mark = line.partition("\t")
        marks.setdefault(who.strip('"<>'), set()).update({mark.strip('"')} - {""})
    return marks


def test_the_extractor_marks_the_girl_and_the_unnamed_husband(cli, store):
    marks = _marks(cli, store)
    assert {"minor", "sensitive"} <= marks["Malika Yusupova"]
    husband = [m for who, m in marks.items() if who.endswith("husband-1")]
    assert husband and {"unnamed", "sensitive"} <= husband[0]


def test_the_extractor_marks_the_boy_introduced_by_age_and_kinship(cli, store):
    assert "minor" in _marks(cli, store).get("Timur Yusupov", set())


# public_quads on small hand-made graphs

G = ox.NamedNode("https://w3id.org/repgraph/graph/t")


def _quad(s, p, o) -> ox.Quad:
    return ox.Quad(ox.NamedNode(s), ox.NamedNode(p), o if not isinstance(o, str) else ox.Literal(o), G)


def _person(iri: str, name: str) -> ox.Quad:
    return _quad(iri, SCHEMA + "name", name)


P = "https://w3id.org/repgraph/id/person/"


def _detail(node: str, words: str, graph: ox.NamedNode) -> list[ox.Quad]:
    """A sensitive detail and its evidence, as mapping makes it: annotation, shared target, quote selector."""
    target = f"https://w3id.org/repgraph/id/appeal/t/text/5-{5 + len(words)}"
    return [ox.Quad(ox.NamedNode(s), ox.NamedNode(p), o if not isinstance(o, str) else ox.NamedNode(o), graph) for s, p, o in (
        (node, RDF + "type", RG + "SensitiveDetail"), (node, RG + "evidence", node + "/evidence"),
        (node + "/evidence", OA + "hasTarget", target), (target, OA + "hasSelector", target + "/quote"),
        (target + "/quote", OA + "exact", ox.Literal(words)))]


@pytest.mark.parametrize("sentence,minor", [
    ("police arrested her 15-year-old son, Aziz Karimov, at school.", True),
    ("Aziz Karimov, a 16-year-old student, was detained.", True),
    ("Aziz Karimov, a 44-year-old lawyer, was detained with his 15-year-old son.", False),
    ("Ms Karimov and her 15-year-old son were detained.", False),
])
def test_public_mode_finds_minors_the_text_introduces_by_age(sentence, minor):
    quads = [_person(P + "aziz-karimov", "Aziz Karimov"), _quad("https://w3id.org/repgraph/id/appeal/a", RG + "text", sentence)]
    text = " ".join(q.object.value for q in public_quads(quads))
    assert ("Aziz" not in text) is minor
    assert "15-year-old" not in text and "16-year-old" not in text and "44-year-old" in text or "44" not in sentence


def test_public_mode_masks_ages_in_place_and_renames_everything_under_a_minors_iri():
    quote = "Her daughter, Malika Yusupova, a 12-year-old pupil, was threatened."
    quads = [_person(P + "malika-yusupova", "Malika Yusupova"),
             _quad(P + "malika-yusupova", RG + "minor", ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))),
             _quad(P + "malika-yusupova", RG + "age", ox.Literal("12", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
             _quad(P + "malika-yusupova/evidence/target/quote", "http://www.w3.org/ns/oa#exact", quote)]
    out = public_quads(quads)
    text = " ".join(f"{q.subject.value} {q.object.value}" for q in out)
    assert "malika" not in text.lower() and "12" not in text and MINOR_LABEL in text
    (masked,) = [q.object.value for q in out if q.predicate.value.endswith("exact")]
    assert len(masked) == len(quote) and masked.startswith("Her daughter, █")


def test_public_mode_leaves_a_graph_without_minors_or_young_ages_untouched():
    quads = [_person(P + "a-b", "Anna Bell"), _quad("https://w3id.org/repgraph/id/appeal/a", RG + "text",
                                                    "Anna Bell, a 31-year-old journalist, was arrested in 2015.")]
    assert public_quads(quads) == quads


def test_an_appeal_that_says_it_is_confidential_is_left_out_of_public_outputs(cli, tmp_path):
    text = APPEAL.read_text(encoding="utf-8").replace("UZB 004 / 0625", "UZB 005 / 0625")
    (tmp_path / "open.txt").write_text(APPEAL.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "closed.txt").write_text(text.replace("Urgent Interventions\n", "Urgent Interventions\n\nCONFIDENTIAL - "
                                                      "NOT FOR PUBLICATION\n", 1), encoding="utf-8")
    store = tmp_path / "store"
    code, _, err = cli("build", tmp_path / "open.txt", tmp_path / "closed.txt", "--store", store)
    assert code == 0, err
    public, full = export(cli, store, "--format", "nq"), export(cli, store, "--format", "nq", "--full")
    assert "UZB 005" in full and "NOT FOR PUBLICATION" in full and "UZB 004" in full
    assert "UZB 005" not in public and "NOT FOR PUBLICATION" not in public
    assert "UZB 004" in public and "Dilnoza" in public


def test_finding_minors_word_by_word_agrees_with_searching_every_text_for_every_name():
    rng = random.Random(5)
    first = ["Aziz", "Malika", "Timur", "O'Neil", "Jean-Luc", "Ölmez", "Li", "(Aziz", "'Ali"]
    last = ["Karimov", "Yusupova", "Y.", "Ng", "Karimova-Said", ""]
    names = {f"{f} {s}".strip() for f in first for s in last} | set(first)
    pieces = ["15-year-old", "a 16-year-old", "aged 12", "age of 9", "44-year-old", "17 years of age", "son,", "her",
              "daughter", "pupil", "Mr", "Ms.", "Dr", "was", "detained", ",", "a", "an", "and", "Azizov"] + sorted(names)
    texts = [" ".join(rng.choice(pieces) for _ in range(rng.randint(3, 12))) for _ in range(400)]
    brute = {n for n in names if any(privacy._introduced_as_minor(n, t) for t in texts)}
    assert brute and brute != names
    assert privacy.introduced_as_minors(names, texts) == brute


def test_public_mode_learns_the_same_from_the_store_s_index_as_from_every_quad():
    xsd_true = ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
    other, closed = ox.NamedNode(G.value + "-2"), ox.NamedNode(G.value + "-closed")
    quads = [_person(P + "aziz-karimov", "Aziz Karimov"), _person(P + "malika-yusupova", "Malika Yusupova"),
             _person(P + "anna-bell", "Anna Bell"), _person(P + "timur-y", "Timur Y."),
             _quad(P + "malika-yusupova", RG + "minor", xsd_true),
             _quad(P + "anna-bell", RG + "sensitive", xsd_true),
             # a text of another graph (and one of the default graph) introduces persons of this one by age
             ox.Quad(ox.NamedNode(P + "x"), ox.NamedNode(RG + "text"), ox.Literal("her 15-YEAR-OLD son, Aziz Karimov"), other),
             ox.Quad(ox.NamedNode(P + "y"), ox.NamedNode(RG + "text"), ox.Literal("Timur Y., a 9-year-old, was held", language="en")),
             *_detail(P + "d1", "12 Rose Street", G),
             # a confidential graph: what it says counts for nothing
             ox.Quad(ox.NamedNode(P + "c"), ox.NamedNode(RG + "detailKind"),
                     ox.NamedNode(VOCAB + "sensitive/confidential"), closed),
             ox.Quad(ox.NamedNode(P + "z"), ox.NamedNode(RG + "text"), ox.Literal("her 12-year-old son, Anna Bell"), closed),
             *_detail(P + "d2", "3 Elm Lane", closed)]
    store = ox.Store()
    store.extend(quads)
    a, b = privacy.Public.of_quads(quads), privacy.Public.of_store(store)
    assert a.young == {P + "malika-yusupova", P + "aziz-karimov", P + "timur-y"}
    assert (a.hidden, a.young, a.sensitive, a.pattern.pattern) == (b.hidden, b.young, b.sensitive, b.pattern.pattern)
    assert "Rose" in a.pattern.pattern and "Elm" not in a.pattern.pattern
