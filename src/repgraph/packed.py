"""Appeal graphs held compactly while a build prepares them: compressed N-Quads instead of Python objects.

Ten thousand appeal graphs are some five million quads: as pyoxigraph Quad objects they take several GB,
as compressed N-Quads a few hundred MB. Reading a graph back parses it (a few milliseconds)."""
from __future__ import annotations

import zlib
from collections.abc import Iterator, MutableMapping

import pyoxigraph as ox


class PackedGraphs(MutableMapping):
    """graph IRI -> its quads, like a dict; each graph is stored compressed and parsed again when read."""

    def __init__(self):
        self._data: dict[str, bytes] = {}

    def __setitem__(self, graph: str, quads: list[ox.Quad]) -> None:
        self.put(graph, ox.serialize(quads, format=ox.RdfFormat.N_QUADS))

    def put(self, graph: str, data: bytes) -> None:
        """Keep GRAPH given as DATA, its N-Quads."""
        self._data[graph] = zlib.compress(data, 1)

    def __getitem__(self, graph: str) -> list[ox.Quad]:
        return list(ox.parse(zlib.decompress(self._data[graph]), format=ox.RdfFormat.N_QUADS))

    def __delitem__(self, graph: str) -> None:
        del self._data[graph]

    def __contains__(self, graph) -> bool:
        return graph in self._data

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)
