"""Filters and focus views on the projection, the same rules the page applies: by country, date range,
event type and organisation kind; the ego view of a person; the co-defendant view. Each returns the
trimmed graph and says what it left out."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import networkx as nx

from ..errors import RepgraphError
from ..text import fold
from .projection import strip_marks

ORG_KINDS = ("organisation", "party", "court")
CODEFENDANT_KINDS = {"co-defendant", "tried by"}


@dataclass
class Filters:
    """What to keep: empty fields keep everything."""
    countries: list[str] = field(default_factory=list)
    since: str = ""
    until: str = ""
    event_types: list[str] = field(default_factory=list)
    org_kinds: list[str] = field(default_factory=list)
    ego: str = ""
    depth: int = 1
    codefendants: bool = False

    def describe(self) -> str:
        parts = [f"country {', '.join(self.countries)}" if self.countries else "",
                 f"dates {self.since or '…'} to {self.until or '…'}" if self.since or self.until else "",
                 f"event type {', '.join(self.event_types)}" if self.event_types else "",
                 f"organisation kind {', '.join(self.org_kinds)}" if self.org_kinds else "",
                 f"within {self.depth} step(s) of {self.ego}" if self.ego else "",
                 "co-defendant view" if self.codefendants else ""]
        return "; ".join(p for p in parts if p)


def keeps(data: dict, f: Filters) -> bool:
    """Whether a node passes the attribute filters (country, dates, event type, organisation kind)."""
    if f.countries and not set(data["countries"]) & set(f.countries):
        return False
    if (f.since or f.until) and not any(in_range(d, f.since, f.until) for d in data["dates"]):
        return False
    if f.event_types and data["kind"] in ("person", "event") and not set(data["event_types"] if data["kind"] == "person"
                                                                          else [data["event_type"]]) & set(f.event_types):
        return False
    if f.org_kinds and data["kind"] in ORG_KINDS and data["org_kind"] not in f.org_kinds:
        return False
    return True


def in_range(date: str, since: str, until: str) -> bool:
    """Whether DATE (as precise as known: 2024, 2024-07 or 2024-07-15) overlaps SINCE..UNTIL (either may be '')."""
    return (not since or date >= since[:len(date)]) and (not until or date[:len(until)] <= until)


def find_person(g: nx.MultiGraph, query: str) -> list[str]:
    """The persons one of whose names contains QUERY, diacritics and case ignored."""
    keys = {fold(query), strip_marks(query)} - {""}
    return [n for n, d in g.nodes(data=True) if d["kind"] == "person" and any(k in d["search"] for k in keys)]


def apply(g: nx.MultiGraph, f: Filters) -> tuple[nx.MultiGraph, str]:
    """The part of G that F keeps, and a sentence saying what was left out ('' when nothing was)."""
    keep = {n for n, d in g.nodes(data=True) if keeps(d, f)}
    if f.codefendants:
        linked = {n for u, v, k in g.edges(data="kind") if k in CODEFENDANT_KINDS for n in (u, v)}
        keep &= linked
    sub = g.subgraph(keep)
    if f.codefendants:
        sub = sub.edge_subgraph([(u, v, k) for u, v, k, kind in sub.edges(keys=True, data="kind")
                                 if kind in CODEFENDANT_KINDS])
    if f.ego:
        egos = [n for n in find_person(g, f.ego) if n in sub]
        if not egos:
            raise RepgraphError(f"--ego '{f.ego}': no person of that name in the graph"
                                + (" after the filters" if find_person(g, f.ego) else ""))
        near = set()
        for e in egos:
            near |= set(nx.single_source_shortest_path_length(sub, e, cutoff=f.depth))
        sub = sub.subgraph(near)
    had_ties = {n for n in sub if g.degree(n)}
    sub = nx.MultiGraph(sub.subgraph(n for n in sub if sub.degree(n) or n not in had_ties))
    return sub, left_out(g, sub, f)


def left_out(g: nx.MultiGraph, sub: nx.MultiGraph, f: Filters) -> str:
    """'left out by FILTERS: N nodes (a persons, b events...) and M ties', or '' when SUB is all of G."""
    gone = Counter(d["kind"] for n, d in g.nodes(data=True) if n not in sub)
    ties = g.number_of_edges() - sub.number_of_edges()
    if not gone and not ties:
        return ""
    kinds = ", ".join(f"{c} {k}{'s' if c > 1 else ''}" for k, c in sorted(gone.items()))
    return f"left out by {f.describe()}: {sum(gone.values())} of {g.number_of_nodes()} nodes ({kinds or 'none'}) " \
           f"and {ties} of {g.number_of_edges()} ties"
