"""Bad input, generated (hypothesis): `build` and `query` get a correct graph or a one-line error, never a
traceback, a hang or a changed store. Most inputs run in-process through repgraph.cli.main (an uncaught
exception fails the test); the huge and deeply nested files run in a subprocess with a timeout, so a hang
fails too. INPUTS counts what was tried; run with -s to see the count."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from repgraph.appeal import MAX_APPEAL_BYTES, MAX_APPEAL_CHARS

from conftest import SEED
from conftest import run_cli as run

INPUTS: Counter = Counter()
SCALE = 10 if os.environ.get("REPGRAPH_SLOW_TESTS") else 1      # REPGRAPH_SLOW_TESTS=1: ten times the inputs


def fuzz(examples: int) -> settings:
    """Hypothesis settings for EXAMPLES inputs: reproducible, no deadline (hangs are caught by subprocess timeouts)."""
    return settings(max_examples=examples * SCALE, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
INJECTION = 'x" } ; DROP ALL ; #'
ADVERSARIAL = [INJECTION, '"', "'", "<", ">", "<script>alert(1)</script>", "}} ; INSERT DATA { <a:b> <a:b> <a:b> }",
               "?name", "$name", "\\", "\\u0022", "#", "\n", "\r\n", "\u200f", "\u202e", "\u200b", "\u200d", "\ufeff",
               "\u0000", "\U0001F600", "Ç̧̈", "ﷺ", "\u0645\u062d\u0645\u062f", "<!-- ", "]]>", "&amp;", "%00"]
SEED_TEXT = SEED.read_text(encoding="utf-8")
NAME, TITLE_NAME = "Rukhshona Khakimova", "Ruhshona Khakimova"      # the seed's defender, as the text and title spell her


def digest(store: Path) -> str:
    """Everything the store holds (full mode), as one digest."""
    out = store.parent / "digest.nq"
    code, _, err = run("export", "--full", "--format", "nq", "--store", store, "--out", out)
    assert code == 0, err
    return hashlib.sha256(out.read_bytes()).hexdigest()


def assert_one_line_error(code: int, err: str) -> None:
    assert code == 1, err
    lines = [line for line in err.splitlines() if not line.startswith("warning: ")]
    assert len(lines) == 1 and lines[0].startswith("repgraph: "), err


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> tuple[Path, str]:
    """A store holding the seed appeal, and its digest; tests copy it before they write."""
    store = tmp_path_factory.mktemp("base") / "store"
    assert run("build", SEED, "--store", store)[0] == 0
    return store, digest(store)


@pytest.fixture
def store(base, tmp_path) -> Path:
    copy = tmp_path / "store"
    shutil.copytree(base[0], copy)
    return copy


@pytest.fixture(scope="module", autouse=True)
def report():
    yield
    tried = sum(n for kind, n in INPUTS.items() if not kind.endswith("(built)"))
    print(f"\nfuzz inputs tried: {dict(INPUTS)}; total {tried}")


def build_once(store: Path, folder: Path, name: str, data: bytes, kind: str) -> None:
    """Build one file of DATA into STORE: a correct graph (store still queryable, the seed still there) or a
    one-line error and the store unchanged."""
    INPUTS[kind] += 1
    path = folder / name
    path.write_bytes(data)
    before = DIGESTS.get(store) or digest(store)
    code, out, err = run("build", path, "--store", store)
    if code != 0:
        assert_one_line_error(code, err)
        assert digest(store) == before, "a failed build changed the store"
        DIGESTS[store] = before
        return
    INPUTS[kind + " (built)"] += 1
    DIGESTS.pop(store, None)
    code, out, err = run("query", "appeals", "--store", store, "--format", "csv")
    assert code == 0 and "TJK 001 / 0225 / OBS 010" in out, err


DIGESTS: dict[Path, str] = {}     # the last digest taken of each store still unchanged since


def _splice(text: str, at: float, piece: str) -> str:
    i = int(len(text) * at)
    return text[:i] + piece + text[i:]


mutated_seed = st.one_of(
    st.integers(0, len(SEED_TEXT)).map(lambda n: SEED_TEXT[:n]),                                  # truncated
    st.tuples(st.floats(0, 1), st.lists(st.sampled_from(ADVERSARIAL), min_size=1, max_size=8).map("".join))
    .map(lambda t: _splice(SEED_TEXT, *t)),                                                         # adversarial text inside
    st.tuples(st.floats(0, 1), st.text(max_size=300)).map(lambda t: _splice(SEED_TEXT, *t)),     # random unicode inside
)
encoded = st.one_of(
    mutated_seed.map(lambda t: t.encode("utf-8")),
    st.sampled_from(["latin-1", "cp1251", "utf-16", "utf-32", "utf-8-sig"]).map(
        lambda enc: SEED_TEXT.encode(enc, errors="replace")),
    st.binary(max_size=2048),
    st.text(max_size=2048).map(lambda t: t.encode("utf-8")),
)
html_pages = st.builds(
    lambda depth, script, body: (f"<!doctype html><html><head><script>{script}</script></head><body>"
                                 + "<div>" * depth + body.replace("\n", "<br>") + "</div>" * depth
                                 + f"<script>{script}</script></body></html>").encode("utf-8"),
    st.integers(0, 400), st.sampled_from(ADVERSARIAL + ["document.write('<p>Mr Evil</p>')", "</script><p>"]), mutated_seed)


@fuzz(30)
@given(data=encoded, suffix=st.sampled_from([".txt", ".html"]))
def test_build_survives_bad_files(store, tmp_path_factory, data, suffix):
    build_once(store, tmp_path_factory.mktemp("in", numbered=True), "appeal" + suffix, data, "build: bad file")


@fuzz(12)
@given(data=html_pages)
def test_build_survives_html_with_scripts_and_nesting(store, tmp_path_factory, data):
    build_once(store, tmp_path_factory.mktemp("in", numbered=True), "page.html", data, "build: html page")


adversarial_names = st.one_of(
    st.sampled_from(ADVERSARIAL),
    st.lists(st.one_of(st.sampled_from(ADVERSARIAL), st.sampled_from(["Ali", "Khan", "O'Brien", "Anne-Marie"])),
             min_size=1, max_size=5).map(" ".join),
    st.text(min_size=1, max_size=40),
)


@fuzz(15)
@given(name=adversarial_names)
def test_build_and_query_survive_adversarial_names(store, tmp_path_factory, name):
    """A person's name with quotes, brackets, SPARQL, newlines, RTL and zero-width marks, in the appeal and
    as a query parameter."""
    folder = tmp_path_factory.mktemp("in", numbered=True)
    build_once(store, folder, "names.txt", SEED_TEXT.replace(NAME, name).replace(TITLE_NAME, name).encode("utf-8"), "build: adversarial name")
    INPUTS["query: adversarial name"] += 1
    code, out, err = run("query", name_query(folder), "--store", store, f"--param=name={name}", "--format", "tsv")
    assert code == 0, err
    code, out, err = run("query", "persons", "--store", store, "--format", "json")
    assert code == 0, err
    for stored in {b["name"]["value"] for b in json.loads(out)["results"]["bindings"] if "name" in b}:
        INPUTS["query: stored name"] += 1
        code, out, err = run("query", name_query(folder), "--store", store, f"--param=name={stored}", "--format", "json")
        assert code == 0 and json.loads(out)["results"]["bindings"], f"{stored!r} is in the store but not found by name"


def name_query(folder: Path) -> Path:
    """A query with a ?name parameter: the persons with exactly that name."""
    q = folder / "by-name.rq"
    q.write_text("SELECT ?person ?name WHERE { GRAPH ?g { ?person <https://schema.org/name> ?name } }", encoding="utf-8")
    return q


@fuzz(200)
@given(value=st.one_of(st.sampled_from(ADVERSARIAL), st.text(max_size=60)))
def test_a_query_parameter_is_bound_never_pasted(base, tmp_path_factory, value):
    store, _ = base
    INPUTS["query: parameter value"] += 1
    q = name_query(tmp_path_factory.mktemp("q", numbered=True))
    code, out, err = run("query", q, "--store", store, f"--param=name={value}", "--format", "tsv")
    assert code == 0, err
    rows = out.splitlines()[1:]
    assert bool(rows) == (value == NAME), f"{value!r} matched {rows}"


@fuzz(200)
@given(text=st.one_of(st.text(max_size=200), st.lists(st.sampled_from(
    ["SELECT", "*", "?s", "WHERE", "{", "}", "GRAPH", "?g", ";", "DROP", "ALL", "INSERT", "DATA", "CLEAR", "DEFAULT",
     "LOAD", "<http://127.0.0.1:9/x>", "SERVICE", "FILTER", "(", ")", '"', "#", "\n", "LIMIT", "1"]), max_size=20)
    .map(" ".join)), param=st.text(max_size=20))
def test_query_files_and_parameter_names_get_results_or_one_line(base, tmp_path_factory, text, param):
    store, _ = base
    INPUTS["query: file and parameter name"] += 1
    q = tmp_path_factory.mktemp("q", numbered=True) / "fuzz.rq"
    q.write_text(text, encoding="utf-8", errors="surrogatepass")
    code, out, err = run("query", q, "--store", store, f"--param={param}=1")
    if code != 0:
        assert_one_line_error(code, err)


def test_one_bad_file_in_a_folder_stops_the_whole_build_and_names_the_file(store, tmp_path):
    INPUTS["build: folder with one bad file"] += 1
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(SEED_TEXT.replace("OBS 010", "OBS 011"), encoding="utf-8")
    (tmp_path / "in" / "bad.txt").write_bytes(b"\xff\xfe broken " * 20)
    before = digest(store)
    code, _, err = run("build", tmp_path / "in", "--store", store)
    assert_one_line_error(code, err)
    assert "bad.txt" in err and digest(store) == before


def test_the_injection_string_finds_nothing_and_changes_nothing(base, tmp_path):
    store, before = base
    _, listing, _ = run("queries")
    queries = [("by-name", name_query(tmp_path))]
    if any(line.split()[:1] == ["person"] for line in listing.splitlines()):
        queries.append(("person", "person"))
    for label, query in queries:
        code, out, err = run("query", query, "--store", store, f"--param=name={INJECTION}", "--format", "csv")
        assert code == 0, f"{label}: {err}"
        assert out.strip().count("\n") == 0, f"{label} found rows for the injection string: {out}"
    assert digest(store) == before


def test_an_update_in_a_query_file_is_refused_and_changes_nothing(base, tmp_path):
    store, before = base
    for text in ("DROP ALL", "CLEAR ALL", "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                 "SELECT * WHERE { ?s ?p ?o } ; DROP ALL"):
        q = tmp_path / "update.rq"
        q.write_text(text, encoding="utf-8")
        assert_one_line_error(*run("query", q, "--store", store)[::2])
    assert digest(store) == before


def _subprocess_build(store: Path, path: Path, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "repgraph", "build", str(path), "--store", str(store)],
                          capture_output=True, text=True, timeout=timeout)


def test_a_100_mb_file_is_refused_at_once_and_changes_nothing(store, tmp_path):
    INPUTS["build: huge file"] += 1
    huge = tmp_path / "huge.txt"
    line = (SEED_TEXT.splitlines()[18] + "\n").encode("utf-8")
    with huge.open("wb") as f:
        f.write(line * (100 * 1024 * 1024 // len(line) + 1))
    before = digest(store)
    done = _subprocess_build(store, huge)
    assert_one_line_error(done.returncode, done.stderr)
    assert "too large" in done.stderr
    assert digest(store) == before


@pytest.mark.parametrize("make,message", [
    (lambda: b"a" * (MAX_APPEAL_BYTES + 1), "too large"),
    (lambda: (SEED_TEXT * (MAX_APPEAL_CHARS // len(SEED_TEXT) + 1)).encode("utf-8"), "too long"),
])
def test_the_size_limits_are_the_named_constants(store, tmp_path, make, message):
    INPUTS["build: over a limit"] += 1
    data = make()
    assert len(data) <= MAX_APPEAL_BYTES or message == "too large"
    f = tmp_path / "big.txt"
    f.write_bytes(data)
    assert_one_line_error(*run("build", f, "--store", store)[::2])
    assert message in run("build", f, "--store", store)[2]


def test_just_under_the_character_limit_still_builds(store, tmp_path):
    INPUTS["build: at a limit"] += 1
    f = tmp_path / "long.txt"
    f.write_text(SEED_TEXT + " " * (MAX_APPEAL_CHARS - len(SEED_TEXT) - 1) + "\n", encoding="utf-8")
    code, _, err = run("build", f, "--store", store)
    assert code == 0, err


def test_html_nested_beyond_reason_gets_one_line(store, tmp_path):
    INPUTS["build: deeply nested html"] += 1
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div>" * 20_000 + SEED_TEXT + "</div>" * 20_000 + "</body></html>", encoding="utf-8")
    before = digest(store)
    done = _subprocess_build(store, page)
    assert_one_line_error(done.returncode, done.stderr)
    assert digest(store) == before


@pytest.mark.parametrize("where", ["a file", "a corrupted store", "inside a file"])
def test_a_bad_store_path_gets_one_line(tmp_path, where):
    INPUTS["store: bad path"] += 1
    target = {"a file": tmp_path / "f", "a corrupted store": tmp_path / "s", "inside a file": tmp_path / "f" / "s"}[where]
    (tmp_path / "f").write_text("not a store", encoding="utf-8")
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "CURRENT").write_text("garbage\n", encoding="utf-8")
    assert_one_line_error(*run("build", SEED, "--store", target)[::2])
    assert_one_line_error(*run("query", "appeals", "--store", target)[::2])
