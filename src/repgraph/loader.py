"""Bulk loading of N-Quads into a new store on a thread while a build goes on: `BackgroundLoad` feeds
Oxigraph's bulk loader through a pipe, so that a large build loads each graph as soon as it is prepared
instead of holding every graph until the end; `GraphStream` does it graph by graph."""
from __future__ import annotations

import os
import threading

import pyoxigraph as ox

from .store import compact

NQ = ox.RdfFormat.N_QUADS


class BackgroundLoad:
    """N-Quads chunks loaded into STORE on a thread as they are given (`put`): they go through a pipe that
    Oxigraph reads itself (/dev/fd), so the loader needs no Python, and so not the GIL, while it works.
    A full pipe makes `put` wait for the loader; `close` waits for the end (and raises what the loader
    raised); `abort` stops it (what it loaded is to be thrown away)."""

    def __init__(self, store: ox.Store):
        self.store = store
        self._read, self._write = os.pipe()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="repgraph-load", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:    # lenient: the chunks are Oxigraph's own serialization of terms it has checked; not checked again
            self.store.bulk_load(path=f"/dev/fd/{self._read}", format=NQ, lenient=True)
        except BaseException as err:      # handed to the thread that calls close
            self._error = err
        finally:
            os.close(self._read)          # a writer now fails instead of waiting for a loader that is gone

    def put(self, chunk: bytes) -> None:
        view = memoryview(chunk)
        try:
            while view:
                view = view[os.write(self._write, view):]
        except BrokenPipeError:
            self._thread.join()
            raise self._error or RuntimeError("the bulk loader stopped") from None

    def _finish(self) -> None:
        if self._write >= 0:
            os.close(self._write)
            self._write = -1
        self._thread.join()

    def close(self) -> None:
        self._finish()
        if self._error is not None:
            raise self._error

    def abort(self) -> None:
        self._finish()


class GraphStream:
    """Named graphs bulk-loaded into STORE, a new store, on a thread as a build prepares them. A graph given
    whole a second time (two files with one code) replaces the first at `close`, which also copies the
    graphs of the old store that the build did not give."""

    def __init__(self, store: ox.Store):
        self.store = store
        self.graphs: set[str] = set()
        self._again: dict[str, list[bytes]] = {}
        self._load = BackgroundLoad(store)

    def put(self, graph: str, data: bytes, more: bool = False) -> None:
        """Load DATA, the N-Quads of GRAPH (MORE: further quads of a graph already given)."""
        if graph in self._again or graph in self.graphs and not more:
            self._again[graph] = (self._again[graph] if more else []) + [data]
        else:
            self._load.put(data)
        self.graphs.add(graph)

    def close(self, old: ox.Store) -> None:
        """Finish the load, then copy in the graphs of OLD that were not given."""
        self._load.close()
        for graph, parts in self._again.items():
            self.store.remove_graph(ox.NamedNode(graph))
            self.store.bulk_load(input=b"".join(parts), format=NQ)
        for g in old.named_graphs():
            if g.value not in self.graphs:
                self.store.bulk_extend(old.quads_for_pattern(None, None, None, g))
        compact(self.store)

    def abort(self) -> None:
        self._load.abort()
