"""The networkx projection of the store: persons, organisations, legal provisions, appeals and events
as nodes, their ties as edges, built from the network-*.rq queries. Public mode (the default) runs the
queries on the public form of the store (repgraph.privacy), so minors' names never reach the projection."""
from __future__ import annotations

import re
import unicodedata
from itertools import combinations

import networkx as nx
import pyoxigraph as ox

from ..export import graphs
from ..queries import rows
from ..text import fold

NODE_KINDS = ("person", "organisation", "party", "court", "legal provision", "appeal", "event")
EDGE_KINDS = ("kinship", "membership", "co-defendant", "charged under", "tried by", "mentioned in", "event")
_ORG_NODE_KIND = {"political_party": "party", "court": "court"}
_DEFENDANT_TIES = {"charged under", "tried by"}
UNNAMED = "unnamed person"


def public_store(store: ox.Store) -> ox.Store:
    """An in-memory copy of STORE with sensitive data reduced as in every public output."""
    out = ox.Store()
    out.extend(q for graph in graphs(store) for q in graph)
    return out


def project(store: ox.Store, public: bool = True) -> nx.MultiGraph:
    """The projection of STORE (in public mode unless PUBLIC is false)."""
    if public:
        store = public_store(store)
    g = nx.MultiGraph()
    appeals = {r["appeal"]: r for r in rows(store, "network-appeals")}
    for code, r in appeals.items():
        g.add_node(r["node"], kind="appeal", label=code, names=[code], appeal_title=r["title"], case=r["case"] or code,
                   source=r["source"], date=r["date"], appeals=[code], cases=[r["case"] or code],
                   countries=[r["country"]] if r["country"] else [], dates=[r["date"]] if r["date"] else [],
                   evidence=[])
    for r in rows(store, "network-actors"):
        node = _node(g, r["node"], _actor_kind(r), r, appeals[r["appeal"]])
        if r["quote"]:
            node["evidence"].append({"quote": r["quote"], "appeal": r["appeal"]})
        g.add_edge(r["node"], appeals[r["appeal"]]["node"], kind="mentioned in", label="mentioned in",
                   appeal=r["appeal"], quote="")
    defendants: dict[str, set[str]] = {}
    for r in rows(store, "network-ties"):
        a = appeals[r["appeal"]]
        if r["kind"] in _DEFENDANT_TIES:
            defendants.setdefault(a["case"] or r["appeal"], set()).add(r["source"])
        if not r["target"]:          # a charge without an article: part of the person's record
            g.nodes[r["source"]].setdefault("offences", []).append(r["label"])
            continue
        if r["kind"] == "event":
            ev = _node(g, r["target"], "event", {"names": "", "label": f"{r['label']} {r['date']}".strip()}, a)
            ev.update(event_type=r["label"], date=r["date"])
            if r["date"]:
                ev["dates"].append(r["date"])
                g.nodes[r["source"]]["dates"].append(r["date"])
            g.nodes[r["source"]].setdefault("event_types", []).append(r["label"])
            if r["quote"]:
                ev["evidence"].append({"quote": r["quote"], "appeal": r["appeal"]})
        if r["kind"] == "kinship" and g.nodes[r["target"]]["label"] == UNNAMED:
            g.nodes[r["target"]]["label"] = f"{r['label']} of {g.nodes[r['source']]['label']}"
        g.add_edge(r["source"], r["target"], kind=r["kind"], label=r["label"] or r["kind"], appeal=r["appeal"],
                   date=r["date"], quote=r["quote"])
    for case, persons in sorted(defendants.items()):
        for p, q in combinations(sorted(persons), 2):
            g.add_edge(p, q, kind="co-defendant", label="co-defendant", appeal=case, date="", quote="")
    for _, data in g.nodes(data=True):
        for key in ("names", "roles", "appeals", "cases", "countries", "dates", "offences", "event_types"):
            data[key] = sorted(set(data.get(key, [])))
        data["search"] = " | ".join(sorted({f(n) for n in data["names"] + [data["label"]] for f in (fold, strip_marks)}))
    return g


def strip_marks(text: str) -> str:
    """Lower case without diacritics, keeping non-Latin letters: what the page's search box does to a query."""
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def _actor_kind(r: dict) -> str:
    if r["class"] == "Person":
        return "person"
    if r["class"] == "LegalProvision":
        return "legal provision"
    return _ORG_NODE_KIND.get(r["org_kind"], "organisation")


def _node(g: nx.MultiGraph, iri: str, kind: str, r: dict, appeal: dict) -> dict:
    """The attributes of node IRI (added if new), with APPEAL's code, case, country and date recorded."""
    if iri not in g:
        names = [n for n in (r.get("names") or "").split(";") if n]
        g.add_node(iri, kind=kind, label=_label(kind, names, r), names=names, appeals=[], cases=[], countries=[],
                   dates=[], evidence=[], roles=[n for n in (r.get("roles") or "").split(";") if n],
                   gender=r.get("gender") or "", org_kind=r.get("org_kind") or "")
    data = g.nodes[iri]
    data["names"] += [n for n in (r.get("names") or "").split(";") if n]
    data["roles"] += [n for n in (r.get("roles") or "").split(";") if n]
    data["appeals"].append(appeal["appeal"])
    data["cases"].append(appeal["case"] or appeal["appeal"])
    if appeal["country"]:
        data["countries"].append(appeal["country"])
    if appeal["date"]:
        data["dates"].append(appeal["date"])
    return data


def _label(kind: str, names: list[str], r: dict) -> str:
    if kind == "legal provision":
        return f"Art. {r['article']}, {r['legal_code']}" if r.get("legal_code") else f"Art. {r['article']}"
    if kind == "event" or not names:
        return r.get("label") or UNNAMED
    return max(names, key=lambda n: (len(n.split()), len(n), n))
