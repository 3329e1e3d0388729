"""The self-contained explorer page: a pyvis network of the projection, rendered into viz/templates/explorer.html
with vis-network (as pyvis ships it) inlined, so the page makes no request to any host. Every text from
an appeal travels as JSON inside a non-executed script element and is shown with textContent only; a
Content-Security-Policy lets only the page's own two scripts run and forbids every connection."""
from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import networkx as nx
import pyvis
from pyvis.network import Network
from pyvis.edge import Edge

from ..resources import viz_dir
from . import analytics, layout
from .focus import Filters

VIS = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
# colour and vis-network shape per node kind; the legend and the page read them from the data
STYLES = {
    "person": ("#e4572e", "dot"), "organisation": ("#4c78a8", "square"), "party": ("#b279a2", "triangle"),
    "court": ("#2f2f2f", "diamond"), "legal provision": ("#f2a900", "triangleDown"),
    "appeal": ("#54a24b", "star"), "event": ("#9d755d", "hexagon"),
}
RECORD = ("kind", "names", "roles", "gender", "org_kind", "countries", "dates", "appeals", "cases", "offences",
          "event_types", "event_type", "appeal_title", "source", "evidence", "search")


def network(g: nx.MultiGraph, m: dict, comm: dict, size_by: str = "degree") -> Network:
    """The pyvis network of G: styled nodes with their records and measures (M) and community (COMM),
    labelled ties, and fixed positions (physics off) above layout.LIVE_PHYSICS_MAX nodes."""
    net = Network(directed=False)
    fixed = len(g) > layout.LIVE_PHYSICS_MAX
    pos = layout.positions(analytics.simple(g)) if fixed else {}
    ids = {n: i for i, n in enumerate(sorted(g))}
    for n in sorted(g):
        d = g.nodes[n]
        color, shape = STYLES[d["kind"]]
        extra = {"x": pos[n][0], "y": pos[n][1], "physics": False} if fixed else {}
        net.add_node(ids[n], label=d["label"], shape=shape, color=color, title=f"{d['label']} ({d['kind']})",
                     value=m[size_by][n], iri=n, community=comm.get(n, 0),
                     measures={k: round(v[n], 5) for k, v in m.items()},
                     **{k: d[k] for k in RECORD if k in d}, **extra)
    for u, v, d in sorted(g.edges(data=True), key=lambda e: (ids[e[0]], ids[e[1]], e[2]["kind"], e[2]["label"])):
        edge = {"kind": d["kind"], "title": f"{d['kind']}: {d['label']}", "appeal": d["appeal"],
                "quote": d.get("quote") or "", "date": d.get("date") or ""}
        if d["kind"] == "mentioned in":
            edge["dashes"] = True
        elif not fixed:
            edge["label"] = d["label"]
        net.edges.append(Edge(ids[u], ids[v], **edge).options)    # pyvis's add_edge would drop parallel ties
    net.set_options(json.dumps(_options(fixed)))
    return net


def _options(fixed: bool) -> dict:
    return {
        "nodes": {"scaling": {"min": 6, "max": 36}, "font": {"size": 12}},
        "edges": {"color": {"inherit": False, "color": "#9aa5b1"}, "font": {"size": 9, "align": "middle"},
                  "smooth": False, "width": 1},
        "physics": {"enabled": not fixed, "solver": "forceAtlas2Based",
                    "stabilization": {"iterations": 150, "fit": True}},
        "layout": {"improvedLayout": not fixed},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": fixed, "hideEdgesOnZoom": fixed},
    }


def render(g: nx.MultiGraph, full_graph: nx.MultiGraph, trimmed: str, filters: Filters, size_by: str = "degree",
           title: str = "repgraph network explorer") -> str:
    """The HTML page for G (the projection after command-line filters; FULL_GRAPH before them)."""
    m, comm = analytics.measures(g), analytics.communities(g)
    net = network(g, m, comm, size_by)
    nodes, edges, _, _, _, options = net.get_network_data()
    data = {
        "title": title, "nodes": nodes, "edges": edges, "options": json.loads(options),
        "styles": {k: {"color": c, "shape": s} for k, (c, s) in STYLES.items()},
        "sizeBy": size_by, "measures": list(analytics.MEASURES), "trimmed": trimmed,
        "cliFilters": filters.describe(), "fixedLayout": len(g) > layout.LIVE_PHYSICS_MAX,
        "projected": {"nodes": full_graph.number_of_nodes(), "ties": full_graph.number_of_edges()},
        "stats": analytics.summary(g, top=10, m=m, comm=comm) if len(g) else {},
    }
    template = (viz_dir() / "templates" / "explorer.html").read_text(encoding="utf-8")
    app = (viz_dir() / "templates" / "explorer.js").read_text(encoding="utf-8")
    vis_js = (VIS / "vis-network.min.js").read_text(encoding="utf-8")
    parts = {
        "TITLE": _text(title), "CSP": _csp(vis_js, app), "VIS_CSS": (VIS / "vis-network.css").read_text(encoding="utf-8"),
        "VIS_JS": vis_js, "APP_JS": app, "DATA": script_json(data),
    }
    return re.sub(r"\{\{([A-Z_]+)\}\}", lambda m: parts[m.group(1)], template)   # one pass: inserted text is not rescanned


def script_json(data) -> str:
    """DATA as JSON safe inside a <script> element: no '<', '>' or '&' can end it or open a tag."""
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _text(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _csp(*scripts: str) -> str:
    """The page's Content-Security-Policy: only these inline scripts run; no connection, frame or form anywhere."""
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts)
    return (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data: blob:; "
            "connect-src 'none'; form-action 'none'; base-uri 'none'")
