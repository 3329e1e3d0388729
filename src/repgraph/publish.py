"""The dataset release partners download: every dump (with gzip copies), the JSON-LD context, the ontology
and shapes, a VoID/DCAT description and SHA-256 checksums. The same store gives byte-identical files: dates
come from the data (the appeals' publication dates) or the caller, never from the clock."""
from __future__ import annotations

import gzip
import hashlib
import json
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby
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
SOURCE = "repgraph.nq"      # the dump read from the store; the others are read from it
NTRIPLES, TURTLE = "repgraph.nt", "repgraph.ttl"     # the Turtle dump is read from the N-Triples one
CONTEXT = "context.jsonld"
DESCRIPTION = "void.ttl"
CHECKSUMS = "SHA256SUMS"
STAGE = ".publishing"
CHUNK = 1 << 20


@dataclass
class Options:
    endpoint: str = ENDPOINT
    download_base: str = DOWNLOAD_BASE
    license: str = LICENSE
    creator: str = CREATOR
    modified: str | None = None      # default: the newest appeal's date


def gzip_copy(src: Path, dst: Path) -> None:
    """SRC gzip-compressed into DST with no timestamp or file name inside, so the bytes depend on SRC only."""
    with open(src, "rb") as f, open(dst, "wb") as raw, \
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as out:
        shutil.copyfileobj(f, out, CHUNK)


def file_info(path: Path) -> tuple[int, str]:
    """The size and SHA-256 (hex) of the file at PATH, read in chunks."""
    with open(path, "rb") as f:
        return path.stat().st_size, hashlib.file_digest(f, "sha256").hexdigest()


def _iri(x: str) -> ox.NamedNode:
    return ox.NamedNode(x)


def _lit(value, dt: str | None = None) -> ox.Literal:
    return ox.Literal(str(value), datatype=_iri(XSD + dt)) if dt else ox.Literal(str(value))


@dataclass
class Contents:
    """What the description says of the data, gathered graph by graph as the first dump is written."""
    dates: set[str] = field(default_factory=set)            # the appeals' publication dates
    graphs: dict[str, int] = field(default_factory=dict)    # quads per graph
    vocabularies: set[str] = field(default_factory=set)     # namespaces (of PREFIXES) of predicates and classes
    examples: set[str] = field(default_factory=set)         # appeals, persons and sentences
    triples: int = 0                                         # distinct triples (the lines of the N-Triples dump)

    def seen(self, graphs: Iterable[list[ox.Quad]]) -> Iterator[list[ox.Quad]]:
        """GRAPHS, unchanged, each taken note of on the way."""
        for quads in graphs:
            for q in quads:
                p, o = q.predicate.value, q.object
                self.graphs[q.graph_name.value] = self.graphs.get(q.graph_name.value, 0) + 1
                self.vocabularies.add(_namespace(p))
                if p == SCHEMA + "datePublished":
                    self.dates.add(o.value)
                elif p == RDF + "type" and isinstance(o, ox.NamedNode):
                    self.vocabularies.add(_namespace(o.value))
                    if o.value in (RG + "Appeal", RG + "Person", RG + "Sentence"):
                        self.examples.add(q.subject.value)
            yield quads


@lru_cache(maxsize=1024)
def _namespace(iri: str) -> str | None:
    """The namespace of PREFIXES that IRI is in (not the data's own), or None."""
    ns = max((n for n in PREFIXES.values() if iri.startswith(n)), key=len, default=None)
    return ns if ns and not ns.startswith(ID) else None


def media_type(name: str) -> str:
    base = name.removesuffix(".gz")
    return DUMPS[base][1] if base in DUMPS else "application/ld+json" if base.endswith(".jsonld") else "text/turtle"


def describe(contents: Contents, files: dict[str, tuple[int, str]], opts: Options) -> bytes:
    """The VoID/DCAT description of the release as Turtle (FILES: the size and SHA-256 of each file)."""
    ds = _iri(DATASET)
    out: list[ox.Triple] = []

    def add(s, p, o):
        out.append(ox.Triple(s, _iri(p), o))

    dates = sorted(contents.dates)
    if not dates and not opts.modified:
        raise RepgraphError("no appeal in the store has a date; give the release date with --date YYYY-MM-DD")
    modified = opts.modified or dates[-1]
    issued = min(dates[0], modified) if dates else modified
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
    add(ds, VOID + "triples", _lit(contents.triples, "integer"))
    add(ds, VOID + "uriSpace", ox.Literal(ID))
    add(ds, VOID + "sparqlEndpoint", _iri(opts.endpoint))
    for ns in sorted(contents.vocabularies - {None}):
        add(ds, VOID + "vocabulary", _iri(ns))
    examples = sorted(contents.examples)
    for ex in [e for e in examples if e.startswith(ID + "appeal/") and e.count("/") == 6][:3] + \
            [e for e in examples if e.startswith(ID + "person/")][:3]:
        add(ds, VOID + "exampleResource", _iri(ex))
    for g, n in sorted(contents.graphs.items()):
        add(ds, VOID + "subset", _iri(g))
        add(_iri(g), RDF + "type", _iri(VOID + "Dataset"))
        add(_iri(g), VOID + "triples", _lit(n, "integer"))
        if g == ONTOLOGY_GRAPH:
            add(_iri(g), DCTERMS + "title", ox.Literal("the repgraph ontology and controlled vocabularies", language="en"))
    for name, (size, sha256) in sorted(files.items()):
        dist = _iri(opts.download_base + name)
        add(ds, DCAT + "distribution", dist)
        if name.removesuffix(".gz") in DUMPS:
            add(ds, VOID + "dataDump", dist)
        add(dist, RDF + "type", _iri(DCAT + "Distribution"))
        add(dist, DCAT + "downloadURL", dist)
        add(dist, DCAT + "mediaType", _iri("https://www.iana.org/assignments/media-types/" + media_type(name)))
        if name.endswith(".gz"):
            add(dist, DCAT + "compressFormat", _iri("https://www.iana.org/assignments/media-types/application/gzip"))
        add(dist, DCAT + "byteSize", _lit(size, "integer"))
        add(dist, DCTERMS + "issued", _lit(modified, "date"))
        checksum = ox.BlankNode("sha256-" + name.replace(".", "-").replace("/", "-"))
        add(dist, SPDX + "checksum", checksum)
        add(checksum, SPDX + "algorithm", _iri(SPDX + "checksumAlgorithm_sha256"))
        add(checksum, SPDX + "checksumValue", ox.Literal(sha256, datatype=_iri(XSD + "hexBinary")))
    prefixes = {**PREFIXES, "void": VOID, "dcat": DCAT, "spdx": SPDX}
    out.sort(key=export.triple_key)
    return ox.serialize(out, format=ox.RdfFormat.TURTLE, prefixes=prefixes)


def publish(store: ox.Store, out: Path, public: bool = True, opts: Options | None = None) -> dict[str, tuple[int, str]]:
    """Write the release into OUT (other files in OUT are left alone) and give each file's size and SHA-256.
    The files are made in OUT/.publishing, one graph of the store at a time, and take their places only when
    all are made: a failed release leaves the previous one as it was."""
    opts = opts or Options()
    stage = out / STAGE
    try:
        shutil.rmtree(stage, ignore_errors=True)
        stage.mkdir(parents=True)
        files = _make(store, stage, public, opts)
        for name in files:
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            (stage / name).replace(out / name)
    except OSError as err:
        raise RepgraphError(f"{out}: cannot write the release ({err.strerror})") from None
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return files


def _make(store: ox.Store, stage: Path, public: bool, opts: Options) -> dict[str, tuple[int, str]]:
    """Every file of the release, made in STAGE: the N-Quads dump from the store, the other dumps from it."""
    contents = Contents()
    with open(stage / SOURCE, "wb") as f:
        export.write_graphs(contents.seen(export.graphs_in_order(store, public)), DUMPS[SOURCE][0], f)
    if not contents.graphs:
        raise RepgraphError("the store is empty; run 'repgraph build' first")
    for name in [n for n in DUMPS if n not in (SOURCE, TURTLE)]:
        with open(stage / name, "wb") as f:
            export.write_graphs(_graphs_of(stage / SOURCE), DUMPS[name][0], f)
    with open(stage / NTRIPLES, "rb") as nt, open(stage / TURTLE, "wb") as f:
        export.turtle(nt, f)             # the triples already sorted and merged once
        nt.seek(0)
        contents.triples = sum(chunk.count(b"\n") for chunk in iter(lambda: nt.read(CHUNK), b""))
    for name in DUMPS:
        gzip_copy(stage / name, stage / (name + ".gz"))
    (stage / CONTEXT).write_text(json.dumps(export.jsonld_context(), indent=1) + "\n", encoding="utf-8")
    src = ontology_dir()
    for path in [src / "repgraph.ttl", src / "shapes.ttl"] + sorted((src / "vocab").glob("*.ttl")):
        (stage / "ontology" / path.relative_to(src)).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, stage / "ontology" / path.relative_to(src))
    files = {p.relative_to(stage).as_posix(): file_info(p) for p in stage.rglob("*") if p.is_file()}
    (stage / DESCRIPTION).write_bytes(describe(contents, files, opts))
    files[DESCRIPTION] = file_info(stage / DESCRIPTION)
    (stage / CHECKSUMS).write_text("".join(f"{sha}  {n}\n" for n, (_, sha) in sorted(files.items())), encoding="utf-8")
    files[CHECKSUMS] = file_info(stage / CHECKSUMS)
    return dict(sorted(files.items()))


def _graphs_of(nquads: Path) -> Iterator[list[ox.Quad]]:
    """The graphs of an N-Quads dump (written graph by graph), one at a time."""
    for _, quads in groupby(ox.parse(path=nquads, format=ox.RdfFormat.N_QUADS), key=lambda q: q.graph_name):
        yield list(quads)
