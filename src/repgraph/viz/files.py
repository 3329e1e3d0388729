"""The projection as GEXF or GraphML for Gephi and Cytoscape: node kind, label and record as attributes
(lists joined with '; ', since both formats hold only scalar values)."""
from __future__ import annotations

import io

import networkx as nx

FORMATS = ("gexf", "graphml")
_NODE_FIELDS = ("kind", "label", "names", "roles", "gender", "org_kind", "countries", "dates", "appeals", "cases",
                "offences", "event_types", "event_type", "appeal_title", "source")


def flat(g: nx.MultiGraph) -> nx.MultiGraph:
    """A copy of G whose attributes are strings; evidence quotes are joined into one 'evidence' attribute."""
    out = nx.MultiGraph()
    for n, d in g.nodes(data=True):
        attrs = {k: _text(d[k]) for k in _NODE_FIELDS if k in d}
        attrs["evidence"] = " | ".join(f"{e['quote']} [{e['appeal']}]" for e in d.get("evidence", []))
        out.add_node(n, **attrs)
    for u, v, d in g.edges(data=True):
        out.add_edge(u, v, **{k: _text(d.get(k, "")) for k in ("kind", "label", "appeal", "date", "quote")})
    return out


def serialize(g: nx.MultiGraph, fmt: str) -> bytes:
    buf = io.BytesIO()
    if fmt == "gexf":
        nx.write_gexf(flat(g), buf)
    else:
        nx.write_graphml(flat(g), buf)
    return buf.getvalue()


def _text(value) -> str:
    return "; ".join(map(str, value)) if isinstance(value, list) else "" if value is None else str(value)

