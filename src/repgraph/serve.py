"""A read-only SPARQL 1.1 endpoint over the store: the Oxigraph server (from PyPI) answers the queries on a
private loopback port, behind a small guard that is the only public face. The guard passes the SPARQL 1.1
Protocol at /query and nothing else, refuses updates, and answers 503 for a query that runs past the time
limit and 413 for a result larger than the size limit, so one bad query cannot wedge the endpoint or a
client. (Oxigraph's own timeout cancels a query cooperatively but may leave a half-written 200 response;
the guard never lets one through.)"""
from __future__ import annotations

import http.client
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from .errors import RepgraphError
from .export import graphs
from .store import compact, open_read

LOOPBACK = "127.0.0.1"
TIMEOUT = 30.0                 # seconds a query may run
MAX_BYTES = 50_000_000         # largest result passed on
MAX_REQUEST = 1_000_000        # largest query accepted
START_WAIT = 30.0              # seconds to wait for the Oxigraph server to come up
FORWARDED = ("Content-Type", "Accept")


def oxigraph_binary() -> str:
    """The `oxigraph` server command: beside this Python (a venv), else on PATH."""
    here = Path(sys.executable).with_name("oxigraph")
    found = str(here) if here.is_file() else shutil.which("oxigraph")
    if not found:
        raise RepgraphError("the Oxigraph server is not installed; run: pip install oxigraph")
    return found


def free_port(host: str = LOOPBACK) -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def is_update(method: str, content_type: str, body: bytes, query_string: str) -> bool:
    """Whether a request asks for a SPARQL update (directly, or as a form field)."""
    if content_type.split(";")[0].strip().lower() == "application/sparql-update":
        return True
    if "update" in parse_qs(query_string):
        return True
    return method == "POST" and content_type.startswith("application/x-www-form-urlencoded") and \
        "update" in parse_qs(body.decode("utf-8", "replace"))


class Backend:
    """The Oxigraph server process, read-only, on a private loopback port."""

    def __init__(self, store: Path, timeout: float):
        open_read(store)           # a clear error when there is no store, before starting anything
        self.port = free_port()
        self.proc = subprocess.Popen(
            [oxigraph_binary(), "serve-read-only", "--location", str(store), "--bind", f"{LOOPBACK}:{self.port}",
             "--timeout-s", str(max(1, int(timeout)))],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + START_WAIT
        while True:
            if self.proc.poll() is not None:
                err = self.proc.stderr.read().decode("utf-8", "replace").strip().splitlines()
                raise RepgraphError(f"the Oxigraph server did not start: {err[-1] if err else 'exit ' + str(self.proc.returncode)}")
            try:
                urllib.request.urlopen(f"http://{LOOPBACK}:{self.port}/query?query=ASK%7B%7D", timeout=2).read()
                return
            except OSError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise RepgraphError(f"the Oxigraph server did not answer within {START_WAIT:.0f} s") from None
                time.sleep(0.1)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class Guard(BaseHTTPRequestHandler):
    """Passes SPARQL queries at /query to the backend within the limits; refuses everything else."""
    server_version = "repgraph"
    backend_port: int
    timeout_s: float
    max_bytes: int

    def log_message(self, fmt, *args):    # one short line per request on stderr
        sys.stderr.write(f"{self.address_string()} {fmt % args}\n")

    def _answer(self, status: int, text: str, headers: dict | None = None) -> None:
        data = (text + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self._query("GET")

    def do_POST(self):
        self._query("POST")

    def _read_only(self):
        self._answer(405, "this endpoint is read-only: SPARQL queries only, at /query", {"Allow": "GET, POST"})

    do_PUT = do_DELETE = do_PATCH = _read_only

    def _query(self, method: str) -> None:
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0) if method == "POST" else 0
        if length > MAX_REQUEST:
            self.close_connection = True
            if length <= 8 * MAX_REQUEST:      # read it, so the client hears the answer rather than a reset
                while length > 0 and (chunk := self.rfile.read(min(length, 65536))):
                    length -= len(chunk)
            return self._answer(413, f"the request is larger than {MAX_REQUEST} bytes")
        body = self.rfile.read(length)
        if url.path == "/" and method == "GET":
            return self._answer(200, "repgraph: a read-only SPARQL 1.1 endpoint; send queries to /query")
        if url.path != "/query":
            return self._answer(404, "not found: the SPARQL endpoint is /query")
        if is_update(method, self.headers.get("Content-Type", ""), body, url.query):
            return self._answer(403, "this endpoint is read-only: updates are refused")
        headers = {k: self.headers[k] for k in FORWARDED if self.headers.get(k)}
        started = time.monotonic()
        conn = http.client.HTTPConnection(LOOPBACK, self.backend_port, timeout=self.timeout_s + 0.5)
        try:
            conn.request(method, "/query" + (f"?{url.query}" if url.query else ""), body=body or None, headers=headers)
            resp = conn.getresponse()
            chunks, size = [], 0
            while chunk := resp.read1(65536):
                chunks.append(chunk)
                size += len(chunk)
                if size > self.max_bytes:
                    return self._answer(413, f"the result is larger than {self.max_bytes} bytes; narrow the query or add LIMIT")
                if time.monotonic() - started >= self.timeout_s:
                    break
        except (OSError, http.client.HTTPException) as err:
            if time.monotonic() - started < self.timeout_s:
                return self._answer(502, f"the SPARQL server failed: {err}")
        finally:
            conn.close()
        if time.monotonic() - started >= self.timeout_s:
            return self._answer(503, f"the query ran past the time limit of {self.timeout_s:g} s; simplify it or add LIMIT")
        data = b"".join(chunks)
        self.send_response(resp.status)
        for k in ("Content-Type", "Vary"):
            if resp.getheader(k):
                self.send_header(k, resp.getheader(k))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class Stopped(Exception):
    """Raised by SIGTERM, to stop serving like Ctrl-C does."""


def _stop(*_):
    raise Stopped


def public_copy(store: Path, folder: Path) -> None:
    """A store in FOLDER holding the public-mode quads of STORE (what `export` writes by default)."""
    copy = ox.Store(str(folder))
    copy.bulk_extend(q for graph in graphs(open_read(store)) for q in graph)
    compact(copy)           # it is served: worth the compaction


def serve(store: Path, host: str = LOOPBACK, port: int = 7878, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES,
          log=sys.stdout, full: bool = False) -> None:
    """Serve STORE read-only at http://HOST:PORT/query until interrupted or terminated (port 0: any free port):
    in public mode (minors and sensitive details reduced, from a copy made for the purpose) unless FULL."""
    with tempfile.TemporaryDirectory(prefix="repgraph-public-") as tmp:
        if not full:
            public_copy(store, Path(tmp) / "store")      # opening STORE gives the clear error when there is none
            store = Path(tmp) / "store"
        _serve(store, host, port, timeout, max_bytes, log, "full data" if full else "public mode")


def _serve(store: Path, host: str, port: int, timeout: float, max_bytes: int, log, mode: str) -> None:
    backend = Backend(store, timeout)
    try:
        handler = type("BoundGuard", (Guard,), {"backend_port": backend.port, "timeout_s": timeout, "max_bytes": max_bytes})
        try:
            httpd = ThreadingHTTPServer((host, port), handler)
        except OSError as err:
            raise RepgraphError(f"cannot listen on {host}:{port} ({err.strerror})") from None
        httpd.daemon_threads = True
        signal.signal(signal.SIGTERM, _stop)
        shown = f"[{host}]" if ":" in host else host
        reach = "" if host in (LOOPBACK, "localhost", "::1") else " (open to the network)"
        print(f"SPARQL endpoint (read-only, {mode}{reach}) at http://{shown}:{httpd.server_address[1]}/query",
              file=log, flush=True)
        try:
            httpd.serve_forever()
        except (KeyboardInterrupt, Stopped):
            pass
        finally:
            httpd.server_close()
    finally:
        backend.stop()
