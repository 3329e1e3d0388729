"""Layout computed ahead (networkx) for graphs too large for live physics in the browser: each connected
component gets its own spring layout, and the components are packed in rows, largest first."""
from __future__ import annotations

import math

import networkx as nx

LIVE_PHYSICS_MAX = 400    # above this many nodes the page gets fixed positions instead of live physics
SPACING = 40.0            # page pixels per unit of node distance


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
    """A spring layout; big components start from their spectral layout (sparse, fast) and get fewer spring
    iterations, since each costs O(n²)."""
    n = len(g)
    start = nx.spectral_layout(g) if n > 500 else None
    return nx.spring_layout(g, pos=start, seed=seed, iterations=max(5, min(50, 50 * 500 // n)))
