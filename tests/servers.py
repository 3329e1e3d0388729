"""Real SPARQL servers for the tests, on loopback with free ports, bounded waits, always stopped:
`repgraph serve`, a read-write Oxigraph server, and OpenLink Virtuoso (Debian's virtuoso-opensource)."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

REPGRAPH = Path(sys.executable).with_name("repgraph")
OXIGRAPH = Path(sys.executable).with_name("oxigraph")
VIRTUOSO = shutil.which("virtuoso-t")
VIRTUOSO_USER, VIRTUOSO_PASSWORD = "dba", "dba"      # a fresh Virtuoso database's administrator


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before answering {url}")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"no answer from {url} within {seconds:.0f} s")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def require_oxigraph() -> None:
    if not OXIGRAPH.is_file():
        pytest.skip("the Oxigraph server is not installed (pip install oxigraph)")


@contextmanager
def repgraph_serve(store: Path, *args: str):
    """`repgraph serve --port 0 ARGS` over STORE; yields (endpoint URL, process)."""
    require_oxigraph()
    proc = subprocess.Popen([str(REPGRAPH), "serve", "--store", str(store), "--port", "0", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = proc.stdout.readline()            # bounded: the command gives up on its server after 30 s
        assert "/query" in line, f"no URL printed (exit {proc.poll()})"
        yield line.split(" at ", 1)[1].strip(), proc
    finally:
        stop(proc)


@contextmanager
def oxigraph_server(location: Path):
    """A read-write Oxigraph server; yields its base URL (/query, /update, /store below it)."""
    require_oxigraph()
    port = free_port()
    proc = subprocess.Popen([str(OXIGRAPH), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(f"{base}/query?query=ASK%7B%7D", proc)
        yield base
    finally:
        stop(proc)


VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = .
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


@contextmanager
def virtuoso_server(folder: Path):
    """A fresh Virtuoso database in FOLDER; yields its base URL (/sparql, /sparql-auth, /sparql-graph-crud-auth)."""
    if not VIRTUOSO:
        pytest.skip("Virtuoso is not installed (Debian's virtuoso-opensource; .ci/setup.d/servers.sh)")
    http = free_port()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "virtuoso.ini").write_text(VIRTUOSO_INI.format(d=folder, sql=free_port(), http=http))
    proc = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(folder / "virtuoso.ini")], cwd=folder,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{http}"
        wait_until_up(f"{base}/sparql?query=ASK%7B%7D", proc, seconds=120)
        yield base
    finally:
        stop(proc)

