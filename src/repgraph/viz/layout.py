"""Layout computed ahead (networkx; igraph for large components) for graphs too large for live physics in
the browser: each connected component gets its own spring layout, and the components are packed in rows,
largest first."""
from __future__ import annotations

import math
import random

import networkx as nx
import numpy as np

from .analytics import indexed

LIVE_PHYSICS_MAX = 400    # above this many nodes the page gets fixed positions instead of live physics
SPACING = 40.0            # page pixels per unit of node distance
SPRING_MAX = 500          # nodes: larger components are laid out by igraph (see _spring)


def positions(g: nx.Graph, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Page coordinates for every node of G, deterministic for a given graph and seed."""
    comps = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    out: dict[str, tuple[float, float]] = {}
    row_width = SPACING * 3 * math.sqrt(len(g) or 1) * 1.5
    x = y = row_height = 0.0
    for comp in comps:
        radius = SPACING * math.sqrt(len(comp))
        if x and x + 2 * radius > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        if len(comp) == 1:
            local = {comp[0]: (0.0, 0.0)}
        else:
            local = _spring(g.subgraph(comp), seed)
        for n, (px, py) in local.items():
            out[n] = (round(x + radius + px * radius, 1), round(y + radius + py * radius, 1))
        x += 2 * radius + SPACING
        row_height = max(row_height, 2 * radius + SPACING)
    return out


def _spring(g: nx.Graph, seed: int) -> dict:
    """A spring layout scaled to [-1, 1]: networkx's for small components, igraph's grid Fruchterman-Reingold
    (in C, near-linear) above SPRING_MAX nodes, where networkx's costs O(n²) time and memory (a component of
    8,000 nodes took 25 s and 1 GB; one of 80,000 would not fit in memory)."""
    if len(g) <= SPRING_MAX:
        return nx.spring_layout(g, seed=seed, iterations=50)
    import igraph
    nodes, h = indexed(g)
    side = math.sqrt(len(nodes)) / 2       # igraph's own start: a square of area n, so its grid has work to save
    start = np.random.default_rng(seed).uniform(-side, side, (len(nodes), 2)).tolist()
    igraph.set_random_number_generator(random.Random(seed))      # the layout draws numbers too: deterministic
    try:
        coords = h.layout_fruchterman_reingold(seed=start, grid=True, niter=200).coords
    finally:
        igraph.set_random_number_generator(random)               # igraph's default
    scaled = nx.rescale_layout(np.array(coords))
    return {n: (float(scaled[i][0]), float(scaled[i][1])) for i, n in enumerate(nodes)}
