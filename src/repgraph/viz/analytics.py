"""Network analytics of the projection (networkx): centrality, components, communities, the persons and
organisations that bridge cases, and counts per country, year, charge and court."""
from __future__ import annotations

import random
from collections import Counter
from typing import TYPE_CHECKING

import networkx as nx

if TYPE_CHECKING:
    import igraph

EXACT_BETWEENNESS = 1000    # above this many nodes, betweenness is estimated from SAMPLED_SOURCES sources
SAMPLED_SOURCES = 200
MEASURES = ("degree", "betweenness", "cases")
BRIDGE_KINDS = {"person", "organisation", "party", "court"}


def simple(g: nx.MultiGraph) -> nx.Graph:
    """G with parallel ties merged, for the measures that count paths."""
    return nx.Graph(g)


def measures(g: nx.MultiGraph) -> dict[str, dict[str, float]]:
    """Per node: degree centrality, betweenness centrality and the number of cases it appears in."""
    s = simple(g)
    return {
        "degree": nx.degree_centrality(s) if len(s) > 1 else {n: 0.0 for n in s},
        "betweenness": nx.betweenness_centrality(s) if len(s) <= EXACT_BETWEENNESS else sampled_betweenness(s),
        "cases": {n: float(len(d["cases"])) for n, d in g.nodes(data=True)},
    }


def indexed(g: nx.Graph) -> tuple[list[str], igraph.Graph]:
    """G's nodes in sorted order and G as an igraph graph on their positions, its edges in sorted order (the
    same graph always gives the same igraph graph, so what igraph computes on it is deterministic)."""
    import igraph
    nodes = sorted(g)
    index = {n: i for i, n in enumerate(nodes)}
    return nodes, igraph.Graph(n=len(nodes), edges=sorted(tuple(sorted((index[u], index[v]))) for u, v in g.edges()))


def sampled_betweenness(s: nx.Graph, k: int = SAMPLED_SOURCES, seed: int = 7) -> dict[str, float]:
    """Betweenness estimated from the shortest paths of K sources drawn with SEED, scaled as networkx scales
    its own estimate (normalised, times n/K); computed by igraph, in C (networkx took 15 s on 11,000 nodes)."""
    nodes, h = indexed(s)
    sources = random.Random(seed).sample(range(len(nodes)), min(k, len(nodes)))
    n = len(nodes)
    scale = 2 * n / (len(sources) * (n - 1) * (n - 2))     # igraph counts each undirected path once; networkx twice
    return {node: value * scale for node, value in zip(nodes, h.betweenness(directed=False, sources=sources))}


def communities(g: nx.MultiGraph) -> dict[str, int]:
    """Each node's community (Louvain, fixed seed), numbered from 0 by decreasing size."""
    found = nx.community.louvain_communities(simple(g), seed=7) if len(g) else []
    found = sorted(found, key=lambda c: (-len(c), min(c)))
    return {n: i for i, c in enumerate(found) for n in c}


def bridges(g: nx.MultiGraph, between: dict[str, float]) -> list[str]:
    """Persons and organisations that appear in more than one case, most cases (then most central) first."""
    nodes = [n for n, d in g.nodes(data=True) if d["kind"] in BRIDGE_KINDS and len(d["cases"]) > 1]
    return sorted(nodes, key=lambda n: (-len(g.nodes[n]["cases"]), -between.get(n, 0.0), g.nodes[n]["label"]))


def counts(g: nx.MultiGraph) -> dict[str, Counter]:
    """Appeals per country and per year; persons charged per charge; persons tried per court."""
    appeals = [d for _, d in g.nodes(data=True) if d["kind"] == "appeal"]
    charged, tried = Counter(), Counter()
    for u, v, d in g.edges(data=True):
        if d["kind"] in ("charged under", "tried by"):
            target = v if g.nodes[u]["kind"] == "person" else u
            (charged if d["kind"] == "charged under" else tried)[g.nodes[target]["label"]] += 1
    for _, d in g.nodes(data=True):
        for offence in d.get("offences", []):
            charged[offence] += 1
    return {
        "country": Counter(c for d in appeals for c in d["countries"] or ["unknown"]),
        "year": Counter((d["date"] or "unknown")[:4] for d in appeals),
        "charge": charged,
        "court": tried,
    }


def summary(g: nx.MultiGraph, top: int = 10, m: dict | None = None, comm: dict | None = None) -> dict:
    """Everything `repgraph stats` prints, as plain data (M and COMM: measures and communities already computed)."""
    m = m or measures(g)
    comps = sorted(nx.connected_components(g), key=len, reverse=True)
    comm = comm if comm is not None else communities(g)

    def ranked(values: dict[str, float]) -> list[dict]:
        best = sorted(values, key=lambda n: (-values[n], g.nodes[n]["label"]))[:top]
        return [{"node": n, "label": g.nodes[n]["label"], "kind": g.nodes[n]["kind"], "value": round(values[n], 4)}
                for n in best]

    return {
        "nodes": g.number_of_nodes(), "ties": g.number_of_edges(),
        "kinds": dict(Counter(d["kind"] for _, d in g.nodes(data=True)).most_common()),
        "tie_kinds": dict(Counter(k for *_, k in g.edges(data="kind")).most_common()),
        "components": len(comps), "largest_component": len(comps[0]) if comps else 0,
        "communities": len(set(comm.values())),
        "degree": ranked(m["degree"]), "betweenness": ranked(m["betweenness"]),
        "bridges": [{"node": n, "label": g.nodes[n]["label"], "kind": g.nodes[n]["kind"], "cases": g.nodes[n]["cases"]}
                    for n in bridges(g, m["betweenness"])[:top]],
        "counts": {k: dict(c.most_common()) for k, c in counts(g).items()},
    }
