"""The command line end to end: build, query, export, and what happens on bad input."""
import csv
import io
import json

from conftest import FIXTURES, SEED

TWO = [FIXTURES / "appeals" / "kaz-plural-defendants.txt", FIXTURES / "appeals" / "blr-killing-disappearance.txt"]
QUERY_COLUMNS = {
    "appeals": ["code", "date", "country", "title", "source"],
    "persons": ["appeal", "person", "name", "gender", "roles"],
    "relatives": ["appeal", "person", "relative", "relation"],
    "memberships": ["appeal", "person", "organisation", "role"],
    "organisations": ["appeal", "name", "kind"],
    "charges": ["appeal", "person", "charge", "article", "legal_code"],
    "sentences": ["appeal", "person", "penalty", "duration", "date", "court"],
    "events": ["appeal", "person", "event", "date"],
    "addressees": ["appeal", "name", "position", "email"],
}


def rows(cli, store, name, *extra):
    code, out, err = cli("query", name, "--store", store, "--format", "csv", *extra)
    assert code == 0, err
    return list(csv.DictReader(io.StringIO(out)))


def test_build_then_every_named_query_has_its_columns(cli, tmp_path):
    store = tmp_path / "store"
    code, out, err = cli("build", SEED, "--store", store)
    assert code == 0, err
    assert "built 1 appeal" in out and "conforms" in out
    for name, columns in QUERY_COLUMNS.items():
        code, text, err = cli("query", name, "--store", store, "--format", "csv")
        assert code == 0, err
        header = next(csv.reader(io.StringIO(text)))
        assert header[:len(columns)] == columns, name


def test_seed_appeal_and_addressees_are_complete(cli, tmp_path):
    store = tmp_path / "store"
    cli("build", SEED, "--store", store)
    (appeal,) = rows(cli, store, "appeals")
    assert (appeal["code"], appeal["date"], appeal["country"], appeal["source"]) == \
        ("TJK 001 / 0225 / OBS 010", "2025-03-03", "TJ", SEED.name)
    emails = {r["email"] for r in rows(cli, store, "addressees")}
    assert {"mail@president.tj", "ijozattj@mail.ru", "info@ombudsman.tj", "taj-emb@edpnet.be"} <= emails


def test_the_seeds_central_facts(cli, tmp_path):
    store = tmp_path / "store"
    cli("build", SEED, "--store", store)
    sentences = rows(cli, store, "sentences")
    assert {"person": "Rukhshona Khakimova", "penalty": "imprisonment", "duration": "P8Y", "date": "2025-02-05",
            "court": "Supreme Court of Tajikistan"}.items() <= next(r for r in sentences
                                                                   if r["person"] == "Rukhshona Khakimova").items()
    charges = rows(cli, store, "charges")
    assert any(r["article"] == "305" and r["charge"] == "high treason" and r["legal_code"] == "Criminal Code of Tajikistan"
               for r in charges)
    relatives = rows(cli, store, "relatives")
    assert any(r["relative"] == "Shokirjon Khakimov" and r["relation"] == "uncle" for r in relatives)


def test_json_results_follow_the_sparql_format(cli, tmp_path):
    store = tmp_path / "store"
    cli("build", SEED, "--store", store)
    code, out, _ = cli("query", "appeals", "--store", store, "--format", "json")
    doc = json.loads(out)
    assert doc["head"]["vars"][:3] == ["code", "date", "country"]
    assert doc["results"]["bindings"][0]["code"]["value"] == "TJK 001 / 0225 / OBS 010"


def test_rebuilding_an_appeal_replaces_its_graph_and_nothing_else(cli, tmp_path):
    store = tmp_path / "store"
    other = FIXTURES / "appeals" / "blr-killing-disappearance.txt"
    copy = tmp_path / "kaz.txt"
    copy.write_text((FIXTURES / "appeals" / "kaz-plural-defendants.txt").read_text(encoding="utf-8"), encoding="utf-8")
    assert cli("build", other, copy, "--store", store)[0] == 0
    before = {r["code"]: r for r in rows(cli, store, "appeals")}
    copy.write_text(copy.read_text(encoding="utf-8").replace("Aktobe City Court", "Almaty City Court"), encoding="utf-8")
    assert cli("build", copy, "--store", store)[0] == 0
    after = {r["code"]: r for r in rows(cli, store, "appeals")}
    assert before.keys() == after.keys()
    orgs = {r["name"] for r in rows(cli, store, "organisations")}
    assert "Almaty City Court" in orgs and "Aktobe City Court" not in orgs
    assert "Vitebsk Regional Court" in orgs


def test_exports_are_deterministic(cli, tmp_path):
    for fmt in ("nq", "trig", "ttl", "nt", "jsonld"):
        dumps = []
        for i in range(2):
            store = tmp_path / f"store-{fmt}-{i}"
            cli("build", SEED, *TWO, "--store", store)
            out = tmp_path / f"dump-{i}.{fmt}"
            assert cli("export", "--store", store, "--format", fmt, "--out", out)[0] == 0
            dumps.append(out.read_bytes())
        assert dumps[0] == dumps[1] and len(dumps[0]) > 1000, fmt


def test_named_graphs_survive_in_quad_dumps(cli, tmp_path):
    import pyoxigraph as ox
    store = tmp_path / "store"
    cli("build", SEED, *TWO, "--store", store)
    out = tmp_path / "d.nq"
    cli("export", "--store", store, "--format", "nq", "--out", out)
    graphs = {q.graph_name.value for q in ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS)}
    appeal_graphs = {g for g in graphs if g.rsplit("/", 1)[-1] in
                     {"tjk-001-0225-obs-010", "kaz-003-0423-obs-041-1", "blr-007-1123-obs-099"}}
    assert len(appeal_graphs) == 3


def test_bad_input_gives_one_line_and_leaves_the_store_as_it_was(cli, tmp_path):
    store = tmp_path / "store"
    cli("build", SEED, "--store", store)
    before = rows(cli, store, "persons")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    for args in ([empty], [tmp_path / "missing.txt"], [SEED, empty]):
        code, out, err = cli("build", *args, "--store", store)
        assert code != 0 and err.count("\n") == 1 and err.startswith("repgraph: ")
        assert "Traceback" not in err
    assert rows(cli, store, "persons") == before


def test_an_output_that_cannot_be_written_gives_one_line_and_leaves_no_part_file(cli, tmp_path):
    store = tmp_path / "store"
    cli("build", SEED, "--store", store)
    (tmp_path / "a-file").write_text("")
    for args in (["export", "--format", "nq"], ["viz"]):
        out = tmp_path / "a-file" / "dump"         # under a file: no folder can be made there
        code, _, err = cli(*args, "--store", store, "--out", out)
        assert code == 1 and err.startswith(f"repgraph: {out}: cannot write") and err.count("\n") == 1, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "store", "store.lock"]


def test_querying_a_store_that_does_not_exist(cli, tmp_path):
    code, out, err = cli("query", "persons", "--store", tmp_path / "none")
    assert code == 1 and "no store here" in err


def test_unknown_query_name(cli, tmp_path):
    store = tmp_path / "store"
    cli("build", SEED, "--store", store)
    code, _, err = cli("query", "nonsense", "--store", store)
    assert code == 1 and "no query named" in err
