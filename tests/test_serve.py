"""repgraph serve: a read-only SPARQL 1.1 endpoint on loopback with a time and a size limit; a pathological
query gets a clear refusal and the endpoint still answers the next one."""
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from conftest import SEED
from servers import repgraph_serve

from repgraph import queries
from repgraph.store import open_read

CROSS_COUNT = "SELECT (COUNT(*) AS ?n) { GRAPH ?g1 {?a ?b ?c} GRAPH ?g2 {?d ?e ?f} GRAPH ?g3 {?x ?y ?z} }"
CROSS_ROWS = "SELECT * { GRAPH ?g1 {?a ?b ?c} GRAPH ?g2 {?d ?e ?f} }"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from repgraph.build import build
    path = tmp_path_factory.mktemp("serve") / "store"
    build([str(SEED)], path, force=True)   # SHACL is not what these tests check
    return path


@pytest.fixture(scope="module")
def endpoint(store):
    with repgraph_serve(store, "--timeout", "2", "--max-bytes", "300000") as (url, _):
        yield url


def send(url: str, data: bytes | None = None, method: str | None = None, headers: dict | None = None):
    """(status, body) of one request; errors are answers too."""
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def ask(url: str, query: str):
    return send(url, urllib.parse.urlencode({"query": query}).encode(),
                headers={"Accept": "application/sparql-results+json"})


def test_it_listens_on_loopback_only_by_default(endpoint):
    assert endpoint.startswith("http://127.0.0.1:") and endpoint.endswith("/query")


def test_a_named_query_gives_the_same_rows_as_the_embedded_store(endpoint, store):
    status, body = ask(endpoint, queries.load("persons"))
    assert status == 200
    doc = json.loads(body)
    remote = [{k: v["value"] for k, v in b.items()} for b in doc["results"]["bindings"]]
    local = [{k: v for k, v in r.items() if v} for r in queries.rows(open_read(store), "persons")]
    assert remote == local and len(local) >= 2


def test_repgraph_query_endpoint_prints_what_the_store_gives(cli, endpoint, store):
    for fmt in ("table", "csv"):
        assert cli("query", "persons", "--endpoint", endpoint, "--format", fmt) == \
            cli("query", "persons", "--store", store, "--format", fmt)


def test_an_oversized_request_is_refused(endpoint):
    status, body = ask(endpoint, "ASK {}" + " " * 1_000_001)
    assert status == 413 and b"request is larger" in body


def test_the_protocol_get_form_works(endpoint):
    status, body = send(endpoint + "?" + urllib.parse.urlencode({"query": "ASK { GRAPH ?g { ?s ?p ?o } }"}),
                        headers={"Accept": "application/sparql-results+json"})
    assert status == 200 and json.loads(body)["boolean"] is True


def test_updates_are_refused_in_every_form(endpoint, store):
    before = ask(endpoint, "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }")[1]
    drop = "DROP ALL"
    assert send(endpoint, urllib.parse.urlencode({"update": drop}).encode())[0] == 403
    assert send(endpoint, drop.encode(), headers={"Content-Type": "application/sparql-update"})[0] == 403
    base = endpoint.removesuffix("/query")
    assert send(base + "/update", urllib.parse.urlencode({"update": drop}).encode())[0] == 404
    assert send(base + "/store?default", b"<a:s> <a:p> <a:o> .", method="PUT",
                headers={"Content-Type": "application/n-triples"})[0] == 405
    assert send(base + "/store?graph=x", method="DELETE")[0] == 405
    assert ask(endpoint, "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }")[1] == before


def test_a_runaway_query_is_stopped_and_the_next_one_is_answered(endpoint):
    started = time.monotonic()
    status, body = ask(endpoint, CROSS_COUNT)
    took = time.monotonic() - started
    assert status == 503 and b"time limit" in body
    assert took < 30                        # the 2 s limit, not the billions of joins
    status, body = ask(endpoint, "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }")
    assert status == 200 and int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) > 100


def test_a_huge_result_is_refused_whole_and_the_next_one_is_answered(endpoint):
    status, body = ask(endpoint, CROSS_ROWS)
    assert status == 413 and b"larger than 300000 bytes" in body
    status, body = ask(endpoint, queries.load("appeals"))
    assert status == 200 and json.loads(body)["results"]["bindings"]


def test_stopping_it_stops_the_oxigraph_server_too(store):
    before = _oxigraph_servers()
    with repgraph_serve(store) as (url, proc):
        assert ask(url, "ASK {}")[0] == 200
        assert len(_oxigraph_servers() - before) == 1
    assert proc.returncode == 0
    assert _oxigraph_servers() - before == set()


def _oxigraph_servers() -> set[str]:
    found = set()
    for p in Path("/proc").glob("[0-9]*"):
        try:
            if b"oxigraph\0serve-read-only" in (p / "cmdline").read_bytes():
                found.add(p.name)
        except OSError:
            pass
    return found


def test_no_store_gives_one_line(cli, tmp_path):
    code, _, err = cli("serve", "--store", tmp_path / "none", "--port", "0")
    assert code == 1 and "no store here" in err and err.count("\n") == 1
