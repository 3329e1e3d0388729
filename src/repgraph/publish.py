"""The dataset release partners download: every dump (with gzip copies), the JSON-LD context, the ontology
and shapes, a VoID/DCAT description and SHA-256 checksums. The same store gives byte-identical files: dates
come from the data (the appeals' publication dates) or the caller, never from the clock."""
from __future__ import annotations

import gzip
import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from . import export
from .errors import RepgraphError
from .namespaces import BASE, DCTERMS, FOAF, ID, ONTOLOGY_GRAPH, PREFIXES, RDF, RG, SCHEMA, XSD
from .resources import ontology_dir

DATASET = BASE + "dataset"
DOWNLOAD_BASE = BASE + "release/"
ENDPOINT = "http://127.0.0.1:7878/query"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
TITLE = "repgraph: repression cases from human-rights urgent appeals"
CREATOR = "the repgraph project"

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
SPDX = "http://spdx.org/rdf/terms#"
DUMPS = {  # file name: (export format, media type)
    "repgraph.nq": ("nq", "application/n-quads"),
    "repgraph.trig": ("trig", "application/trig"),
    "repgraph.ttl": ("ttl", "text/turtle"),
    "repgraph.nt": ("nt", "application/n-triples"),
    "repgraph.jsonld": ("jsonld", "application/ld+json"),
}
CONTEXT = "context.jsonld"
DESCRIPTION = "void.ttl"
CHECKSUMS = "SHA256SUMS"


@dataclass
class Options:
    endpoint: str = ENDPOINT
    download_base: str = DOWNLOAD_BASE
    license: str = LICENSE
    creator: str = CREATOR
    modified: str | None = None      # default: the newest appeal's date


def gzipped(data: bytes) -> bytes:
    """DATA gzip-compressed with no timestamp or file name inside, so the bytes depend on DATA only."""
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as f:
        f.write(data)
    return buf.getvalue()


def _iri(x: str) -> ox.NamedNode:
    return ox.NamedNode(x)


def _lit(value, dt: str | None = None) -> ox.Literal:
    return ox.Literal(str(value), datatype=_iri(XSD + dt)) if dt else ox.Literal(str(value))


def appeal_dates(quads: list[ox.Quad]) -> list[str]:
    """The publication dates of the appeals, oldest first."""
    return sorted({q.object.value for q in quads if q.predicate.value == SCHEMA + "datePublished"})


def vocabularies(quads: list[ox.Quad]) -> list[str]:
    """The namespaces (of PREFIXES) of every predicate and class the data uses."""
    used = set()
    for q in quads:
        for t in (q.predicate, q.object if q.predicate.value == RDF + "type" else None):
            if isinstance(t, ox.NamedNode):
                ns = max((n for n in PREFIXES.values() if t.value.startswith(n)), key=len, default=None)
                if ns and not ns.startswith(ID):
                    used.add(ns)
    return sorted(used)


def media_type(name: str) -> str:
    base = name.removesuffix(".gz")
    return DUMPS[base][1] if base in DUMPS else "application/ld+json" if base.endswith(".jsonld") else "text/turtle"


def describe(quads: list[ox.Quad], files: dict[str, bytes], opts: Options) -> bytes:
    """The VoID/DCAT description of the release as Turtle."""
    ds = _iri(DATASET)
    out: list[ox.Triple] = []

    def add(s, p, o):
        out.append(ox.Triple(s, _iri(p), o))

    dates = appeal_dates(quads)
    if not dates and not opts.modified:
        raise RepgraphError("no appeal in the store has a date; give the release date with --date YYYY-MM-DD")
    modified = opts.modified or dates[-1]
    issued = min(dates[0], modified) if dates else modified
    triples = {(q.subject, q.predicate, q.object) for q in quads}
    graphs: dict[str, int] = {}
    for q in quads:
        graphs[q.graph_name.value] = graphs.get(q.graph_name.value, 0) + 1
    add(ds, RDF + "type", _iri(VOID + "Dataset"))
    add(ds, RDF + "type", _iri(DCAT + "Dataset"))
    add(ds, DCTERMS + "title", ox.Literal(TITLE, language="en"))
    add(ds, DCTERMS + "description", ox.Literal(
        "Persons, organisations, charges, sentences and events of repression cases, extracted from human-rights "
        "urgent appeals; one named graph per appeal, every fact linked to the passage it comes from.", language="en"))
    add(ds, DCTERMS + "license", _iri(opts.license))
    creator = ox.BlankNode("creator")
    add(ds, DCTERMS + "creator", creator)
    add(creator, RDF + "type", _iri(FOAF + "Agent"))
    add(creator, FOAF + "name", ox.Literal(opts.creator))
    add(ds, DCTERMS + "issued", _lit(issued, "date"))
    add(ds, DCTERMS + "modified", _lit(modified, "date"))
    add(ds, VOID + "triples", _lit(len(triples), "integer"))
    add(ds, VOID + "uriSpace", ox.Literal(ID))
    add(ds, VOID + "sparqlEndpoint", _iri(opts.endpoint))
    for ns in vocabularies(quads):
        add(ds, VOID + "vocabulary", _iri(ns))
    examples = sorted({q.subject.value for q in quads if q.predicate.value == RDF + "type"
                       and q.object.value in (RG + "Appeal", RG + "Person", RG + "Sentence")})
    for ex in [e for e in examples if e.startswith(ID + "appeal/") and e.count("/") == 6][:3] + \
            [e for e in examples if e.startswith(ID + "person/")][:3]:
        add(ds, VOID + "exampleResource", _iri(ex))
    for g, n in sorted(graphs.items()):
        add(ds, VOID + "subset", _iri(g))
        add(_iri(g), RDF + "type", _iri(VOID + "Dataset"))
        add(_iri(g), VOID + "triples", _lit(n, "integer"))
        if g == ONTOLOGY_GRAPH:
            add(_iri(g), DCTERMS + "title", ox.Literal("the repgraph ontology and controlled vocabularies", language="en"))
    for name, data in sorted(files.items()):
        dist = _iri(opts.download_base + name)
        add(ds, DCAT + "distribution", dist)
        if name.removesuffix(".gz") in DUMPS:
            add(ds, VOID + "dataDump", dist)
        add(dist, RDF + "type", _iri(DCAT + "Distribution"))
        add(dist, DCAT + "downloadURL", dist)
        add(dist, DCAT + "mediaType", _iri("https://www.iana.org/assignments/media-types/" + media_type(name)))
        if name.endswith(".gz"):
            add(dist, DCAT + "compressFormat", _iri("https://www.iana.org/assignments/media-types/application/gzip"))
        add(dist, DCAT + "byteSize", _lit(len(data), "integer"))
        add(dist, DCTERMS + "issued", _lit(modified, "date"))
        checksum = ox.BlankNode("sha256-" + name.replace(".", "-").replace("/", "-"))
        add(dist, SPDX + "checksum", checksum)
        add(checksum, SPDX + "algorithm", _iri(SPDX + "checksumAlgorithm_sha256"))
        add(checksum, SPDX + "checksumValue", ox.Literal(hashlib.sha256(data).hexdigest(), datatype=_iri(XSD + "hexBinary")))
    prefixes = {**PREFIXES, "void": VOID, "dcat": DCAT, "spdx": SPDX}
    out.sort(key=export.triple_key)
    return ox.serialize(out, format=ox.RdfFormat.TURTLE, prefixes=prefixes)


def release_files(store: ox.Store, public: bool = True, opts: Options | None = None) -> dict[str, bytes]:
    """Every file of the release, by its path inside the release folder."""
    opts = opts or Options()
    quads = export.sorted_quads(store, public)
    if not quads:
        raise RepgraphError("the store is empty; run 'repgraph build' first")
    files: dict[str, bytes] = {}
    for name, (fmt, _) in DUMPS.items():
        files[name] = export.render(quads, fmt)
        files[name + ".gz"] = gzipped(files[name])
    files[CONTEXT] = (json.dumps(export.jsonld_context(), indent=1) + "\n").encode("utf-8")
    src = ontology_dir()
    for path in [src / "repgraph.ttl", src / "shapes.ttl"] + sorted((src / "vocab").glob("*.ttl")):
        files["ontology/" + path.relative_to(src).as_posix()] = path.read_bytes()
    files[DESCRIPTION] = describe(quads, files, opts)
    files[CHECKSUMS] = "".join(f"{hashlib.sha256(d).hexdigest()}  {n}\n" for n, d in sorted(files.items())).encode()
    return files


def publish(store: ox.Store, out: Path, public: bool = True, opts: Options | None = None) -> dict[str, bytes]:
    """Write the release into OUT, each file replaced whole (other files in OUT are left alone)."""
    files = release_files(store, public, opts)
    try:
        for name, data in files.items():
            export.write(data, out / name)
    except OSError as err:
        raise RepgraphError(f"{out}: cannot write the release ({err.strerror})") from None
    return files
