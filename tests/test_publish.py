"""repgraph publish: the release partners download is complete, deterministic, honest about itself (checksums,
VoID counts, dates from the data), public by default, and every dump reads back the same in independent
parsers (pyoxigraph, rdflib, and Apache Jena's riot where it is installed)."""
import gzip
import hashlib
import io
import shutil
import subprocess

import pyoxigraph as ox
import pytest
import rdflib

from conftest import FIXTURES, SEED

from repgraph import export, publish
from repgraph.errors import RepgraphError
from repgraph.namespaces import RG, SCHEMA, XSD
from repgraph.store import open_read

DUMPS = sorted(publish.DUMPS)
QUADS = {"repgraph.nq", "repgraph.trig", "repgraph.jsonld"}
OX_FORMATS = {"nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG, "ttl": ox.RdfFormat.TURTLE,
              "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}
RDFLIB_FORMATS = {"nq": "nquads", "trig": "trig", "ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    from repgraph.build import build
    path = tmp_path_factory.mktemp("publish") / "store"
    build([str(SEED), str(FIXTURES / "appeals")], path, force=True)   # SHACL is not what these tests check
    return path


@pytest.fixture(scope="module")
def release(store_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("release")
    publish.publish(open_read(store_dir), out)
    return out


@pytest.fixture(scope="module")
def expected(store_dir):
    """What every dump must hold: the store's public quads, as comparable tuples."""
    quads = {tuple(_ox(t) for t in (q.subject, q.predicate, q.object, q.graph_name))
             for graph in export.graphs_in_order(open_read(store_dir)) for q in graph}
    return quads, {q[:3] for q in quads}


def _release(store_dir, tmp_path) -> dict[str, bytes]:
    """Every file of the release of the store at STORE_DIR, by its path in the release folder."""
    out = tmp_path / f"release-{len(list(tmp_path.iterdir()))}"
    publish.publish(open_read(store_dir), out)
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _ox(t):
    if isinstance(t, ox.Literal):
        return ("lit", t.value, None if t.language else t.datatype.value, t.language)
    return ("iri", t.value)


def _ox_found(quads, name: str) -> set:
    n = 4 if name.removesuffix(".gz") in QUADS else 3
    return {tuple(_ox(t) for t in (q.subject, q.predicate, q.object, q.graph_name)[:n]) for q in quads}


def _rdflib(t):
    if isinstance(t, rdflib.Literal):
        dt = None if t.language else str(t.datatype or XSD + "string")
        return ("lit", str(t), dt, t.language)
    return ("iri", str(t))


def _read(data: bytes, name: str) -> bytes:
    return gzip.decompress(data) if name.endswith(".gz") else data


def _compare(found: set, name: str, expected):
    quads, triples = expected
    want = quads if name.removesuffix(".gz") in QUADS else triples
    assert found == want, f"{name}: {len(found - want)} extra, {len(want - found)} missing"


@pytest.mark.parametrize("name", DUMPS + [d + ".gz" for d in DUMPS])
def test_each_dump_reads_back_the_same_in_pyoxigraph(release, expected, name):
    fmt = OX_FORMATS[name.removesuffix(".gz").rsplit(".", 1)[1]]
    _compare(_ox_found(ox.parse(_read((release / name).read_bytes(), name), format=fmt), name), name, expected)


@pytest.mark.parametrize("name", DUMPS + ["repgraph.trig.gz"])
def test_each_dump_reads_back_the_same_in_rdflib(release, expected, name):
    fmt = RDFLIB_FORMATS[name.removesuffix(".gz").rsplit(".", 1)[1]]
    ds = rdflib.Dataset()
    ds.parse(data=_read((release / name).read_bytes(), name), format=fmt)
    if name.removesuffix(".gz") in QUADS:
        found = {tuple(_rdflib(t) for t in q) for q in ds.quads((None, None, None, None))}
        assert all(q[3][1].startswith("https://w3id.org/repgraph/graph/") for q in found)
    else:
        found = {tuple(_rdflib(t) for t in q[:3]) for q in ds.quads((None, None, None, None))}
    _compare(found, name, expected)


def _riot_jsonld_works(tmp_path) -> bool:
    probe = tmp_path / "probe.jsonld"
    probe.write_text('{"@id": "http://example.org/s", "http://example.org/p": "o"}')
    run = subprocess.run(["riot", "--syntax=jsonld10", "--output=nquads", str(probe)], capture_output=True, timeout=120)
    return b"http://example.org/s" in run.stdout


@pytest.mark.skipif(shutil.which("riot") is None, reason="Apache Jena's riot is not installed (.ci/setup.d/jena.sh)")
@pytest.mark.parametrize("name", DUMPS)
def test_each_dump_reads_back_the_same_in_jena_riot(release, expected, name, tmp_path):
    syntax = []
    if name.startswith("repgraph.jsonld"):
        if not _riot_jsonld_works(tmp_path):
            pytest.skip("this riot cannot read JSON-LD (its JSON-LD 1.0 reader needs httpclient-cache.jar on its classpath)")
        syntax = ["--syntax=jsonld10"]
    run = subprocess.run(["riot", *syntax, "--output=nquads", str(release / name)], capture_output=True, timeout=300)
    assert run.returncode == 0, run.stderr.decode()[-500:]
    _compare(_ox_found(ox.parse(run.stdout, format=ox.RdfFormat.N_QUADS), name), name, expected)


def test_the_same_data_gives_a_byte_identical_release(tmp_path):
    """Two stores built apart (files in another order) give the same bytes in every file of the release."""
    from repgraph.build import build
    releases = []
    for i, paths in enumerate(([SEED, FIXTURES / "appeals"], [FIXTURES / "appeals", SEED])):
        build([str(p) for p in paths], tmp_path / f"store-{i}", force=True)
        releases.append(_release(tmp_path / f"store-{i}", tmp_path))
    assert releases[0].keys() == releases[1].keys()
    assert [n for n in releases[0] if releases[0][n] != releases[1][n]] == []


def test_checksums_cover_every_file_and_match(release):
    files = {p.relative_to(release).as_posix() for p in release.rglob("*") if p.is_file()}
    listed = {}
    for line in (release / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ", 1)
        listed[name] = digest
    assert set(listed) == files - {"SHA256SUMS"}
    for name, digest in listed.items():
        assert hashlib.sha256((release / name).read_bytes()).hexdigest() == digest, name
    assert {"ontology/repgraph.ttl", "ontology/shapes.ttl", "context.jsonld", "void.ttl"} <= files


def test_gzip_copies_hold_the_dumps(release):
    for name in DUMPS:
        assert gzip.decompress((release / (name + ".gz")).read_bytes()) == (release / name).read_bytes()


def _void(release) -> rdflib.Graph:
    return rdflib.Graph().parse(release / "void.ttl", format="turtle")


def test_void_counts_each_graph_and_the_whole(release, expected):
    g = _void(release)
    void = rdflib.Namespace(publish.VOID)
    ds = rdflib.URIRef(publish.DATASET)
    per_graph = {}
    for q in expected[0]:
        per_graph[q[3][1]] = per_graph.get(q[3][1], 0) + 1
    assert {str(s): int(g.value(s, void.triples)) for s in g.objects(ds, void.subset)} == per_graph
    assert int(g.value(ds, void.triples)) == len(expected[1])
    assert str(g.value(ds, void.sparqlEndpoint)) == publish.ENDPOINT
    assert rdflib.URIRef(RG) in set(g.objects(ds, void.vocabulary))
    for example in g.objects(ds, void.exampleResource):
        assert any(q[0] == ("iri", str(example)) for q in expected[0]), example


def test_void_dates_come_from_the_appeals(release, store_dir, tmp_path):
    dates = sorted(q.object.value for q in open_read(store_dir).quads_for_pattern(None, ox.NamedNode(SCHEMA + "datePublished"), None))
    g = _void(release)
    ds = rdflib.URIRef(publish.DATASET)
    dct = rdflib.Namespace("http://purl.org/dc/terms/")
    assert (str(g.value(ds, dct.issued)), str(g.value(ds, dct.modified))) == (dates[0], dates[-1])
    contents = publish.Contents()
    for _ in contents.seen(export.graphs_in_order(open_read(store_dir))):
        pass
    described = publish.describe(contents, {}, publish.Options(modified="2030-01-31"))
    g = rdflib.Graph().parse(data=described, format="turtle")
    assert str(g.value(ds, dct.modified)) == "2030-01-31"


def test_void_distributions_give_sizes_and_checksums(release):
    g = _void(release)
    dcat, spdx = rdflib.Namespace(publish.DCAT), rdflib.Namespace(publish.SPDX)
    dists = set(g.objects(rdflib.URIRef(publish.DATASET), dcat.distribution))
    assert len(dists) >= 2 * len(DUMPS)
    for d in dists:
        name = str(d).removeprefix(publish.DOWNLOAD_BASE)
        data = (release / name).read_bytes()
        assert int(g.value(d, dcat.byteSize)) == len(data)
        assert str(g.value(g.value(d, spdx.checksum), spdx.checksumValue)) == hashlib.sha256(data).hexdigest()


def test_public_by_default_full_on_request(store_dir, tmp_path):
    """A person marked as a minor keeps their name only with --full."""
    work = tmp_path / "store"
    shutil.copytree(store_dir, work)
    store = ox.Store(str(work))
    name = ox.NamedNode(SCHEMA + "name")
    person, _, label, graph = next(iter(store.quads_for_pattern(None, name, None, None)))
    store.add(ox.Quad(person, ox.NamedNode(RG + "minor"), ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean")), graph))
    store.flush()
    del store
    public = _release(work, tmp_path)
    full = io.BytesIO()
    export.dump(open_read(work), "nq", full, public=False)
    assert label.value.encode() in full.getvalue()
    for name in publish.DUMPS:
        assert label.value.encode() not in public[name], name
    assert b"child, age under 18" in public["repgraph.nq"]


def test_the_command_writes_graph_by_default_and_refuses_bad_dates(cli, store_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("publish", "--store", store_dir, "--full")
    assert code == 0, err
    assert (tmp_path / "graph" / "repgraph.trig.gz").is_file() and out.startswith("published ") and "FULL" in out
    code, _, err = cli("publish", "--store", store_dir, "--date", "March 2025")
    assert code == 1 and err.startswith("repgraph: --date") and err.count("\n") == 1
    code, _, err = cli("publish", "--store", tmp_path / "none")
    assert code == 1 and "no store here" in err
    (tmp_path / "a-file").write_text("")
    code, _, err = cli("publish", "--store", store_dir, "--out", tmp_path / "a-file")
    assert code == 1 and "cannot write the release" in err and err.count("\n") == 1



def test_a_failed_release_leaves_the_previous_one_as_it_was(store_dir, tmp_path, monkeypatch):
    out = tmp_path / "graph"
    publish.publish(open_read(store_dir), out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    write_graphs = export.write_graphs

    def failing(graphs, fmt, f):
        if fmt == "jsonld":       # made after the N-Quads, TriG and N-Triples dumps
            raise OSError(28, "No space left on device")
        write_graphs(graphs, fmt, f)
    monkeypatch.setattr(export, "write_graphs", failing)
    with pytest.raises(RepgraphError, match="cannot write the release"):
        publish.publish(open_read(store_dir), out, public=False)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not (out / publish.STAGE).exists()


def test_triples_are_sorted_and_merged_through_temporary_runs_as_in_memory():
    import random
    rng = random.Random(3)
    lines = ['<a> <p> "' + "".join(rng.choice('ab\\"é中\u2028 ') for _ in range(rng.randint(0, 5))) + '"'
             for _ in range(3000)]
    assert list(export.sorted_once(lines, run=7)) == sorted(set(lines))       # hundreds of runs, merged
    assert list(export.sorted_once(lines)) == sorted(set(lines))              # one run, no file
