"""repgraph push and query --endpoint against real servers started here on loopback: the Oxigraph server
(Graph Store Protocol and SPARQL Update) and OpenLink Virtuoso (Graph Store Protocol behind digest
authentication). Every named query gives the same rows remotely as on the embedded store; a second push
sends nothing; a changed appeal is the only graph sent again. Credentials come only from the environment or
a config file."""
import csv
import io
import re
import shutil

import pyoxigraph as ox
import pytest

from conftest import FIXTURES, SEED
from servers import oxigraph_server, virtuoso_server

from repgraph import queries, remote
from repgraph.errors import RepgraphError
from repgraph.namespaces import RG, SCHEMA, XSD
from repgraph.store import open_read

NAMED = sorted(queries.named_queries())
PARAMS = {"person": ["--param", "name=khakimova"]}


@pytest.fixture(autouse=True)
def no_ambient_credentials(monkeypatch, tmp_path):
    for var in ("REPGRAPH_REMOTE_USER", "REPGRAPH_REMOTE_PASSWORD", "REPGRAPH_REMOTE_AUTH"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("REPGRAPH_CONFIG", str(tmp_path / "no-such-config.ini"))


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from repgraph.build import build
    path = tmp_path_factory.mktemp("remote") / "store"
    build([str(SEED), str(FIXTURES / "appeals")], path, force=True)   # SHACL is not what these tests check
    return path


def pushed(cli, store, *args) -> str:
    code, out, err = cli("push", "--store", store, *args)
    assert code == 0, err
    return out.splitlines()[-1]


def csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_oxigraph_graph_store_push_then_every_named_query_prints_the_same(cli, store, tmp_path):
    with oxigraph_server(tmp_path / "ox") as base:
        summary = pushed(cli, store, "--endpoint", f"{base}/query", "--graph-store", f"{base}/store")
        graphs = int(re.match(r"pushed (\d+) graph", summary).group(1))
        assert graphs >= 14 and "0 unchanged" in summary
        for name in NAMED:
            for fmt in ("csv", "table", "json", "tsv"):
                local = cli("query", name, "--store", store, "--format", fmt, *PARAMS.get(name, []))
                far = cli("query", name, "--endpoint", f"{base}/query", "--format", fmt, *PARAMS.get(name, []))
                assert far == local, (name, fmt)
        assert len(csv_rows(cli("query", "persons", "--endpoint", f"{base}/query", "--format", "csv")[1])) > 20
        again = pushed(cli, store, "--endpoint", f"{base}/query", "--graph-store", f"{base}/store")
        assert again.startswith("pushed 0 graph(s), 0 triples") and f"{graphs} unchanged" in again


def test_sparql_update_push_sends_only_the_changed_appeal_and_drops_a_removed_one(cli, tmp_path):
    store = tmp_path / "store"
    kaz = tmp_path / "kaz.txt"
    kaz.write_text((FIXTURES / "appeals" / "kaz-plural-defendants.txt").read_text(encoding="utf-8"), encoding="utf-8")
    other = FIXTURES / "appeals" / "blr-killing-disappearance.txt"
    assert cli("build", kaz, other, "--store", store, "--force")[0] == 0
    graphs = {q.graph_name.value for q in open_read(store).quads_for_pattern(None, None, None, None)}
    with oxigraph_server(tmp_path / "ox") as base:
        args = ("--endpoint", f"{base}/query", "--update", f"{base}/update")
        assert pushed(cli, store, *args).startswith(f"pushed {len(graphs)} graph(s)")
        kaz.write_text(kaz.read_text(encoding="utf-8").replace("Aktobe City Court", "Almaty City Court"), encoding="utf-8")
        assert cli("build", kaz, "--store", store, "--force")[0] == 0
        code, out, _ = cli("push", "--store", store, *args, "--dry-run")
        dry = [line for line in out.splitlines() if line.startswith("(dry run) sent ")]
        out = cli("push", "--store", store, *args)[1]
        sent = [line for line in out.splitlines() if line.startswith("sent ")]
        assert len(sent) == len(dry) < len(graphs) and any("/kaz-" in line for line in sent)
        assert not any("/blr-" in line or "/ontology " in line for line in sent)
        orgs = {r["name"] for r in csv_rows(cli("query", "organisations", "--endpoint", f"{base}/query", "--format", "csv")[1])}
        assert "Almaty City Court" in orgs and "Aktobe City Court" not in orgs
        fresh = tmp_path / "fresh"
        assert cli("build", other, "--store", fresh, "--force")[0] == 0
        out = cli("push", "--store", fresh, *args)[1]
        assert any(line.startswith("removed ") and "/kaz-" in line for line in out.splitlines())
        appeals = csv_rows(cli("query", "appeals", "--endpoint", f"{base}/query", "--format", "csv")[1])
        assert [a["source"] for a in appeals] == [other.name]


def test_push_is_public_by_default_and_full_on_request(cli, store, tmp_path):
    work = tmp_path / "store"
    shutil.copytree(store, work)
    s = ox.Store(str(work))
    person, _, name, graph = next(iter(s.quads_for_pattern(None, ox.NamedNode(SCHEMA + "name"), None, None)))
    s.add(ox.Quad(person, ox.NamedNode(RG + "minor"), ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean")), graph))
    s.flush()
    del s
    ask = f'SELECT (COUNT(*) AS ?n) {{ GRAPH ?g {{ ?s ?p "{name.value}" }} }}'
    query = tmp_path / "count.rq"
    query.write_text(ask)
    with oxigraph_server(tmp_path / "ox") as base:
        args = ("--endpoint", f"{base}/query", "--graph-store", f"{base}/store")
        pushed(cli, work, *args)
        assert csv_rows(cli("query", query, "--endpoint", f"{base}/query", "--format", "csv")[1]) == [{"n": "0"}]
        assert pushed(cli, work, *args, "--full").startswith("pushed 1 graph(s)")
        assert csv_rows(cli("query", query, "--endpoint", f"{base}/query", "--format", "csv")[1]) != [{"n": "0"}]


def _in_months(text: str) -> str:
    """TEXT with each xsd:duration of years and months as its number of months, as Virtuoso 7 keeps them."""
    return re.sub(r"\bP(?:(\d+)Y)?(?:(\d+)M)?\b(?!\w)", lambda m: str(int(m.group(1) or 0) * 12 + int(m.group(2) or 0))
                  if m.group(1) or m.group(2) else m.group(), text)


def _comparable(rows: list[dict], months: bool = False) -> list[dict]:
    """Rows in a fixed order with GROUP_CONCAT lists sorted (SPARQL leaves both open); with MONTHS,
    durations in months."""
    out = []
    for r in rows:
        r = {k: ";".join(sorted((_in_months(v) if months else v).split(";"))) for k, v in r.items()}
        out.append(r)
    return sorted(out, key=lambda r: sorted(r.items()))


# Named queries Virtuoso 7.2 cannot run, with the error it gives: a Virtuoso limitation, reported.
# (cases.rq failed with "SR066: Unsupported case in CONVERT (incomplete RDF box -> VARCHAR)" until it took
# GROUP_CONCAT of STR(?name) rather than of a MIN() from a subquery.)
VIRTUOSO_FAILS: dict[str, str] = {}


def test_virtuoso_graph_store_push_then_every_named_query_gives_the_same_rows(cli, store, tmp_path, monkeypatch):
    with virtuoso_server(tmp_path / "virtuoso") as base:
        args = ("--endpoint", f"{base}/sparql", "--graph-store", f"{base}/sparql-graph-crud-auth")
        code, _, err = cli("push", "--store", store, *args)
        assert code == 1 and err.startswith("repgraph: PUT") and "401" in err and err.count("\n") == 1
        monkeypatch.setenv("REPGRAPH_REMOTE_USER", "dba")
        monkeypatch.setenv("REPGRAPH_REMOTE_PASSWORD", "dba")       # a fresh Virtuoso's administrator
        monkeypatch.setenv("REPGRAPH_REMOTE_AUTH", "digest")
        summary = pushed(cli, store, *args)
        assert re.match(r"pushed \d\d graph\(s\)", summary) and "0 unchanged" in summary
        for name in NAMED:
            local = cli("query", name, "--store", store, "--format", "csv", *PARAMS.get(name, []))
            far = cli("query", name, "--endpoint", f"{base}/sparql", "--format", "csv", *PARAMS.get(name, []))
            if name in VIRTUOSO_FAILS:      # still failing, in one line; when it passes, take it off the list
                assert far[0] == 1 and VIRTUOSO_FAILS[name] in far[2] and far[2].count("\n") == 1, (name, far[2])
                continue
            assert far[0] == 0, (name, far[2])
            assert _comparable(csv_rows(far[1])) == _comparable(csv_rows(local[1]), months=True), name
        assert pushed(cli, store, *args).startswith("pushed 0 graph(s)")


def test_credentials_come_from_the_environment_or_a_private_config_file(monkeypatch, tmp_path):
    url = "http://127.0.0.1:1/sparql"
    assert remote.credentials(url) is None
    config = tmp_path / "remotes.ini"
    config.write_text("[http://127.0.0.1:1/]\nuser = alice\npassword = s3cret\nauth = digest\n"
                      "[http://127.0.0.1:1/sparql]\nuser = bob\npassword = pw\n")
    config.chmod(0o600)
    monkeypatch.setenv("REPGRAPH_CONFIG", str(config))
    assert (remote.credentials(url).user, remote.credentials(url).auth) == ("bob", "basic")   # the longest prefix
    assert remote.credentials("http://127.0.0.1:1/other").user == "alice"
    monkeypatch.setenv("REPGRAPH_REMOTE_USER", "carol")
    monkeypatch.setenv("REPGRAPH_REMOTE_PASSWORD", "pw2")
    assert remote.credentials(url).user == "carol"
    assert "pw2" not in repr(remote.credentials(url))
    monkeypatch.delenv("REPGRAPH_REMOTE_USER")
    config.chmod(0o644)
    with pytest.raises(RepgraphError, match="chmod 600"):
        remote.credentials(url)


def test_no_password_option_and_one_line_errors(cli, store, tmp_path):
    from servers import free_port
    code, _, err = cli("push", "--store", store, "--endpoint", "http://x/sparql", "--password", "pw")
    assert code == 2 and "unrecognized arguments" in err
    dead = f"http://127.0.0.1:{free_port()}/query"
    for args in (("push", "--store", store, "--endpoint", dead), ("query", "appeals", "--endpoint", dead),
                 ("push", "--store", store, "--endpoint", "ftp://host/sparql")):
        code, _, err = cli(*args)
        assert code == 1 and err.startswith("repgraph: ") and err.count("\n") == 1, args
    code, _, err = cli("query", "appeals", "--endpoint", dead, "--store", store)
    assert code == 1 and "not both" in err


def test_params_are_bound_as_escaped_literals_in_every_where_clause():
    text = '# a "WHERE {" in a comment\nSELECT ?x WHERE { { SELECT ?x WHERE { ?x ?p ?name } } }'
    bound = queries.bind_values(text, queries.parse_params(['name=say "hi"\nthen } DROP ALL']))
    assert bound.count("VALUES (?name)") == 2 and "comment" not in bound
    assert '"say \\"hi\\"\\nthen } DROP ALL"' in bound
    assert list(ox.Store().query(bound)) == []          # still one valid query
