"""Remote SPARQL stores, through the standard protocols: push the graph (SPARQL 1.1 Graph Store HTTP Protocol,
or SPARQL 1.1 Update), one named graph per appeal, replacing only the graphs that changed; and run queries
remotely (SPARQL 1.1 Protocol, through SPARQLWrapper). What was pushed is remembered in the remote store itself,
in the manifest graph: each graph's SHA-256 digest, so the next push compares and sends only what differs.
Credentials come from the environment or a config file, never from the command line."""
from __future__ import annotations

import base64
import configparser
import hashlib
import os
import re
import stat
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .errors import RepgraphError
from .namespaces import DCTERMS, GRAPH, XSD
from .publish import VOID
from .queries import bind_values

MANIFEST = GRAPH + "manifest"
DIGEST = DCTERMS + "identifier"            # <graph> dcterms:identifier "sha256:..." in the manifest graph
TRIPLES = VOID + "triples"
CHUNK = 2000                               # triples per INSERT DATA when pushing through SPARQL Update
TIMEOUT = 120
CONFIG = Path("~/.config/repgraph/remotes.ini")


@dataclass
class Credentials:
    user: str
    password: str = field(repr=False)
    auth: str = "basic"                    # or "digest" (Virtuoso's /sparql-auth)


def config_path() -> Path:
    return Path(os.environ.get("REPGRAPH_CONFIG") or CONFIG).expanduser()


def credentials(url: str) -> Credentials | None:
    """The user and password for URL: $REPGRAPH_REMOTE_USER and $REPGRAPH_REMOTE_PASSWORD (and
    $REPGRAPH_REMOTE_AUTH), else the config file's section whose name is the longest prefix of URL."""
    env = os.environ
    if env.get("REPGRAPH_REMOTE_USER"):
        return _checked(Credentials(env["REPGRAPH_REMOTE_USER"], env.get("REPGRAPH_REMOTE_PASSWORD", ""),
                                    env.get("REPGRAPH_REMOTE_AUTH", "basic")), "$REPGRAPH_REMOTE_AUTH")
    path = config_path()
    if not path.is_file():
        return None
    if path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise RepgraphError(f"{path}: holds passwords but others may read it; run: chmod 600 {path}")
    config = configparser.ConfigParser(interpolation=None)
    try:
        config.read(path, encoding="utf-8")
    except configparser.Error as err:
        raise RepgraphError(f"{path}: {str(err).splitlines()[0]}") from None
    matches = [s for s in config.sections() if url.startswith(s)]
    if not matches:
        return None
    section = config[max(matches, key=len)]
    if "user" not in section:
        raise RepgraphError(f"{path}: section [{section.name}] has no 'user'")
    return _checked(Credentials(section["user"], section.get("password", ""), section.get("auth", "basic")),
                    f"{path} [{section.name}] auth")


def _checked(creds: Credentials, where: str) -> Credentials:
    if creds.auth not in ("basic", "digest"):
        raise RepgraphError(f"{where}: '{creds.auth}' is not an HTTP authentication scheme (basic or digest)")
    return creds


def _opener(url: str, creds: Credentials | None) -> urllib.request.OpenerDirector:
    if creds is None:
        return urllib.request.build_opener()
    if creds.auth == "digest":
        pm = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        pm.add_password(None, url, creds.user, creds.password)
        return urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(pm))
    token = base64.b64encode(f"{creds.user}:{creds.password}".encode()).decode()
    opener = urllib.request.build_opener()
    opener.addheaders = [("Authorization", f"Basic {token}")]
    return opener


def _send(url: str, creds: Credentials | None, data: bytes | None = None, method: str = "POST",
          content_type: str | None = None) -> int:
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": content_type} if content_type else {})
    try:
        with _opener(url, creds).open(req, timeout=TIMEOUT) as resp:
            resp.read()
            return resp.status
    except urllib.error.HTTPError as err:
        if method == "DELETE" and err.code == 404:
            return 404
        detail = err.read().decode("utf-8", "replace").strip().splitlines()
        raise RepgraphError(f"{method} {url}: HTTP {err.code} {err.reason}" + (f": {detail[0][:200]}" if detail else "")) from None
    except OSError as err:
        raise RepgraphError(f"{method} {url}: {getattr(err, 'reason', err)}") from None


@dataclass
class Remote:
    """A remote SPARQL store: its query endpoint, where it takes updates, and its graph store (optional)."""
    endpoint: str
    update: str | None = None
    graph_store: str | None = None

    def __post_init__(self):
        for url in (self.endpoint, self.update, self.graph_store):
            if url is not None and urllib.parse.urlsplit(url).scheme not in ("http", "https"):
                raise RepgraphError(f"'{url}' is not an http(s) URL")
        self.update = self.update or self.endpoint

    def select(self, text: str, params: dict | None = None) -> ox.QuerySolutions:
        """A SELECT query's results from the endpoint, through SPARQLWrapper."""
        from SPARQLWrapper import BASIC, DIGEST, JSON, POST, SPARQLWrapper
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException
        sw = SPARQLWrapper(self.endpoint)
        sw.setQuery(bind_values(text, params or {}))
        sw.setMethod(POST)
        sw.setReturnFormat(JSON)
        sw.setTimeout(TIMEOUT)
        creds = credentials(self.endpoint)
        if creds:
            sw.setHTTPAuth(DIGEST if creds.auth == "digest" else BASIC)
            sw.setCredentials(creds.user, creds.password)
        try:
            data = sw.query().response.read()
        except SPARQLWrapperException as err:
            said = [line for line in str(err).split("Response:", 1)[-1].splitlines() if line.strip()]
            raise RepgraphError(f"{self.endpoint}: {str(err).splitlines()[0]}" + (f" {said[0][:300]}" if said else "")) from None
        except OSError as err:
            raise RepgraphError(f"{self.endpoint}: {getattr(err, 'reason', err)}") from None
        try:
            result = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as err:
            raise RepgraphError(f"{self.endpoint}: not SPARQL JSON results ({str(err).splitlines()[0]})") from None
        if not isinstance(result, ox.QuerySolutions):
            raise RepgraphError("only SELECT queries can be printed as a table")
        return result

    def manifest(self) -> dict[str, str]:
        """The digest of every graph an earlier push sent, by graph IRI."""
        rows = self.select(f"SELECT ?g ?d WHERE {{ GRAPH <{MANIFEST}> {{ ?g <{DIGEST}> ?d }} }}")
        return {r["g"].value: r["d"].value for r in rows}

    def replace(self, graph: str, triples: list[ox.Triple]) -> None:
        """Make GRAPH hold exactly TRIPLES: one Graph Store PUT, or DROP then INSERT DATA in chunks."""
        if self.graph_store:
            url = self._graph_url(graph)
            _send(url, credentials(url), nt(triples), "PUT", "application/n-triples")
            return
        first = f"DROP SILENT GRAPH <{graph}>"
        for i in range(0, max(len(triples), 1), CHUNK):
            body = nt(triples[i:i + CHUNK]).decode("ascii")
            self._update((f"{first} ;\n" if i == 0 else "") + f"INSERT DATA {{ GRAPH <{graph}> {{\n{body}}} }}")

    def drop(self, graph: str) -> None:
        if self.graph_store:
            url = self._graph_url(graph)
            _send(url, credentials(url), method="DELETE")
        else:
            self._update(f"DROP SILENT GRAPH <{graph}>")

    def _graph_url(self, graph: str) -> str:
        sep = "&" if "?" in self.graph_store else "?"
        return f"{self.graph_store}{sep}{urllib.parse.urlencode({'graph': graph})}"

    def _update(self, text: str) -> None:
        _send(self.update, credentials(self.update), urllib.parse.urlencode({"update": text}).encode(),
              content_type="application/x-www-form-urlencoded")


def nt(triples: list[ox.Triple]) -> bytes:
    """TRIPLES as N-Triples in ASCII (non-ASCII characters as \\u escapes): some servers mangle raw UTF-8."""
    text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    return re.sub(r"[^\x00-\x7f]", lambda m: f"\\u{ord(m.group()):04X}" if ord(m.group()) < 0x10000
                  else f"\\U{ord(m.group()):08X}", text).encode("ascii")


def digest(triples: list[ox.Triple]) -> str:
    return "sha256:" + hashlib.sha256(nt(sorted(triples, key=str))).hexdigest()


@dataclass
class PushReport:
    sent: dict[str, int] = field(default_factory=dict)      # graph -> triples
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    bytes: int = 0

    def lines(self) -> list[str]:
        out = [f"sent {g} ({n} triples)" for g, n in sorted(self.sent.items())]
        out += [f"removed {g}" for g in self.removed]
        out.append(f"pushed {len(self.sent)} graph(s), {sum(self.sent.values())} triples, {self.bytes} bytes; "
                   f"{len(self.unchanged)} unchanged, {len(self.removed)} removed")
        return out


def push(graphs: Iterable[list[ox.Quad]], remote: Remote, dry_run: bool = False) -> PushReport:
    """Make the remote store's repgraph graphs those of GRAPHS (the quads of one graph at a time): send the
    graphs whose digest differs from the manifest's, drop the graphs an earlier push sent that are gone, then
    record the new manifest."""
    before = remote.manifest()
    report = PushReport()
    pushed: dict[str, tuple[str, int]] = {}      # graph -> its digest and number of triples
    for quads in graphs:
        if not isinstance(quads[0].graph_name, ox.NamedNode):
            continue
        g, triples = quads[0].graph_name.value, [q.triple for q in quads]
        pushed[g] = (digest(triples), len(triples))
        if before.get(g) == pushed[g][0]:
            report.unchanged.append(g)
            continue
        report.sent[g] = len(triples)
        report.bytes += len(nt(triples))
        if not dry_run:
            remote.replace(g, triples)
    report.removed = sorted(set(before) - set(pushed))
    if not dry_run:
        for g in report.removed:
            remote.drop(g)
        if report.sent or report.removed:
            manifest = []
            for g, (d, n) in sorted(pushed.items()):
                manifest.append(ox.Triple(ox.NamedNode(g), ox.NamedNode(DIGEST), ox.Literal(d)))
                manifest.append(ox.Triple(ox.NamedNode(g), ox.NamedNode(TRIPLES), ox.Literal(
                    str(n), datatype=ox.NamedNode(XSD + "integer"))))
            remote.replace(MANIFEST, manifest)
    return report
