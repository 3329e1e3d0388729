"""repgraph stats : network analytics of the graph (centrality, components, communities, persons and
organisations bridging cases, counts per country, year, charge and court)."""
from __future__ import annotations

import json
import sys

from .viz import add_filters, projected


def run(args) -> int:
    from ..viz import analytics
    _, g, trimmed = projected(args)
    s = analytics.summary(g, top=args.top)
    if args.json:
        sys.stdout.write(json.dumps(s, indent=2, ensure_ascii=False) + "\n")
        return 0
    out = [f"{s['nodes']} nodes, {s['ties']} ties; {s['components']} connected components (largest: "
           f"{s['largest_component']} nodes); {s['communities']} communities (Louvain)"]
    if trimmed:
        out.append(trimmed)
    out.append("nodes: " + ", ".join(f"{k} {v}" for k, v in s["kinds"].items()))
    out.append("ties: " + ", ".join(f"{k} {v}" for k, v in s["tie_kinds"].items()))
    for key, title in (("degree", "degree centrality"), ("betweenness", "betweenness centrality")):
        out.append(f"\n{title}:")
        out += [f"  {r['value']:.4f}  {r['label']} ({r['kind']})" for r in s[key]]
    out.append("\nbridging cases (persons and organisations in more than one case):")
    out += [f"  {len(r['cases'])} cases  {r['label']} ({r['kind']}): {'; '.join(r['cases'])}" for r in s["bridges"]] \
        or ["  (none)"]
    for key, counts in s["counts"].items():
        out.append(f"\nper {key}:")
        out += [f"  {v:>5}  {k}" for k, v in counts.items()] or ["  (none)"]
    sys.stdout.write("\n".join(out) + "\n")
    return 0


def register(sub) -> None:
    p = sub.add_parser("stats", help="network analytics: centrality, components, communities, bridges, counts")
    p.add_argument("--top", type=int, default=10, metavar="N", help="how many nodes each ranking shows (default 10)")
    p.add_argument("--json", action="store_true", help="print the analytics as JSON")
    add_filters(p)
    p.set_defaults(func=run)
