"""Cases and the person record: follow-ups join their case, `cases` gives the status from the latest
appeal, `person` takes a name through a safe parameter and returns the record in date order."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES
from repgraph.appeal import Appeal
from repgraph.cases import case_code

APPEALS = FIXTURES / "identity" / "appeals"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from repgraph.build import build
    path = tmp_path_factory.mktemp("cases") / "store"

    class Quiet:
        def write(self, s):
            pass
    mp = pytest.MonkeyPatch()
    mp.delenv("REPGRAPH_CURATION", raising=False)
    build([str(APPEALS)], path, log=Quiet(), workers=1)
    mp.undo()
    return path


def _appeal(code: str, text: str, printed: bool = True) -> Appeal:
    return Appeal(source=Path("x.txt"), text=text, code=code, code_printed=printed)


@pytest.mark.parametrize("code, printed, text, case", [
    ("TJK 001 / 0225 / OBS 010.1", True, "", "TJK 001 / 0225 / OBS 010"),
    ("TJK 001 / 0225 / OBS 010", True, "", "TJK 001 / 0225 / OBS 010"),
    ("MDE 13/106/2010", True, "Further information on UA: 197/10 Index: MDE 13/106/2010", "UA 197/10"),
    ("RG-0123456789ab", False, "This is a follow-up to our urgent appeal RUS 001 / 0118 / OBS 004 of January.",
     "RUS 001 / 0118 / OBS 004"),
    ("RG-0123456789ab", False, "Nothing refers to another appeal here.", "RG-0123456789ab"),
])
def test_case_codes(code, printed, text, case):
    assert case_code(_appeal(code, text, printed)) == case


def test_cases_lists_the_case_with_its_first_and_latest_appeal_and_status(cli, store):
    code, out, err = cli("query", "cases", "--store", store, "--format", "csv")
    assert code == 0, err
    lines = out.strip().splitlines()
    assert lines[0].split(",")[:7] == ["case", "persons", "appeals", "first", "latest", "status", "reported"]
    assert len(lines) == 2
    row = lines[1]
    assert row.startswith("TJK 009 / 0124 / OBS 005,") and ",3,TJK 009 / 0124 / OBS 005,TJK 009 / 0124 / OBS 005.2,released,2025-03-01" in row
    assert "Dilnoza" in row


def test_the_status_comes_from_the_latest_appeal(cli, tmp_path):
    """Without the release appeal, the case stands at its sentencing."""
    import shutil
    folder = tmp_path / "two"
    folder.mkdir()
    for f in ("tjk-arrest.txt", "tjk-sentence.txt"):
        shutil.copy(APPEALS / f, folder / f)
    assert cli("build", folder, "--store", tmp_path / "store")[0] == 0
    out = cli("query", "cases", "--store", tmp_path / "store", "--format", "csv")[1]
    assert ",2,TJK 009 / 0124 / OBS 005,TJK 009 / 0124 / OBS 005.1,sentenced,2024-06-03" in out


@pytest.mark.parametrize("name", ["Dilnoza Rakhimova", "DILNOZA RAHIMOVA", "Rakhimova", "dilnoza rakhímova"])
def test_person_finds_the_whole_record_by_any_spelling(cli, store, name):
    code, out, err = cli("query", "person", "--store", store, "--param", f"name={name}", "--format", "csv")
    assert code == 0, err
    rows = [line.split(",") for line in out.strip().splitlines()[1:]]
    persons = {r[1] for r in rows}
    dilnoza = [r for r in rows if r[1].endswith("/dilnoza-rakhimova")]
    assert dilnoza and (name == "Rakhimova" or persons == {dilnoza[0][1]})
    dates = [r[2] for r in dilnoza]
    assert dates == sorted(dates)
    whats = {r[4] for r in dilnoza}
    assert {"name", "event: arrest", "event: sentencing", "event: release"} <= whats
    assert {r[3] for r in dilnoza} == {"TJK 009 / 0124 / OBS 005", "TJK 009 / 0124 / OBS 005.1", "TJK 009 / 0124 / OBS 005.2"}


def test_person_keeps_other_people_of_the_same_family_apart(cli, store):
    out = cli("query", "person", "--store", store, "--param", "name=Zarina Rakhimova", "--format", "csv")[1]
    rows = out.strip().splitlines()[1:]
    assert rows and all("/zarina-rakhimova," in r for r in rows)


@pytest.mark.parametrize("name", ['x" } UNION { ?s ?p ?o } #', "'; DROP ALL", ""])
def test_person_takes_hostile_names_as_plain_text(cli, store, name):
    code, out, err = cli("query", "person", "--store", store, "--param", f"name={name}", "--format", "csv")
    assert code == 0 and out.strip().splitlines()[1:] == []


def test_every_branch_of_person_matches_names_the_same_way():
    """person.rq repeats its name match in each branch (for Oxigraph's plan): the copies must not drift."""
    import re
    from repgraph.queries import load
    blocks = re.findall(r"\{ SELECT DISTINCT \?name \?person WHERE \{.*?\} \}", load("person"), flags=re.S)
    assert len(blocks) == 7 and len(set(blocks)) == 1

def test_identity_decisions_record_why_follow_ups_were_linked(store):
    from repgraph.store import open_read
    q = """PREFIX rg: <https://w3id.org/repgraph/ontology#>
           SELECT ?name ?reason WHERE { GRAPH ?g { ?d a rg:IdentityDecision ; rg:nameAsWritten ?name ; rg:reason ?reason } }"""
    got = {(r["name"].value, r["reason"].value) for r in open_read(store).query(q)}
    assert ("Dilnoza Rahimova", "transliteration skeleton") in got
    assert ("Dilnoza Rahimova", "shared case") in got
