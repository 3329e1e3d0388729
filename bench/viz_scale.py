"""How the explorer copes with size: generates a deterministic synthetic projection (own code, no appeal
text) of about N nodes, writes the page, opens it in headless Chromium and reports the time to write it,
the time until vis-network has drawn it (page load to first drawing) and until a search and a filter
have answered, against a 250-node baseline measured in the same run.

    .venv/bin/python bench/viz_scale.py [--nodes 5000] [--keep DIR]
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from repgraph.viz import focus, headless, page
from repgraph.viz.projection import strip_marks

COUNTRIES = ["BY", "KZ", "TJ", "UZ", "AZ", "TR", "IR", "VN", "KG", "RU", "MX", "EG"]
EVENTS = ["arrest", "detention", "hearing", "trial", "conviction", "release", "search", "summons"]
ORG_KINDS = ["ngo", "media", "political_party", "court", "state_body", "trade_union"]
SYLLABLES = ["ka", "ri", "mo", "sa", "na", "te", "lu", "vo", "di", "ra", "zo", "be", "ya", "go", "mi", "shi"]


def _name(rng: random.Random, parts: int) -> str:
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize() for _ in range(parts))


def _node(g, iri, kind, label, appeal, **extra):
    if iri not in g:
        g.add_node(iri, kind=kind, label=label, names=[label], roles=[], gender="", org_kind="", countries=[],
                   dates=[], appeals=[], cases=[], offences=[], event_types=[], evidence=[], search=strip_marks(label))
    d = g.nodes[iri]
    d.update(extra)
    d["appeals"].append(appeal["label"])
    d["cases"].append(appeal["label"])
    d["countries"] = sorted(set(d["countries"]) | set(appeal["countries"]))
    d["dates"].append(appeal["dates"][0])
    return d


def synthetic(n_nodes: int, seed: int = 5) -> nx.MultiGraph:
    """A projection-shaped graph of about N_NODES nodes: appeals of 3-8 persons each, with shared
    organisations, courts and legal provisions, kinship, membership, co-defendants and events."""
    rng = random.Random(seed)
    g = nx.MultiGraph()
    orgs = [(f"org/{i}", _name(rng, 3), rng.choice(ORG_KINDS)) for i in range(max(20, n_nodes // 40))]
    laws = [(f"law/{i}", f"Art. {rng.randint(100, 400)}, Criminal Code of {c}") for i, c in
            enumerate(COUNTRIES * 3)]
    people = [(f"person/{i}", _name(rng, 2)) for i in range(n_nodes // 3)]
    i = 0
    while len(g) < n_nodes:
        i += 1
        code = f"SYN {i:04d}"
        appeal = {"label": code, "countries": [rng.choice(COUNTRIES)],
                  "dates": [f"{rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"]}
        a = f"appeal/{i}"
        _node(g, a, "appeal", code, appeal, appeal_title=f"Synthetic appeal {i}", source=f"syn-{i}.txt",
              date=appeal["dates"][0])
        persons = rng.sample(people, rng.randint(3, 8))
        court = rng.choice([o for o in orgs if o[2] == "court"] or orgs)
        for pid, name in persons:
            _node(g, pid, "person", name, appeal, roles=[rng.choice(["journalist", "lawyer", "activist"])])
            g.add_edge(pid, a, kind="mentioned in", label="mentioned in", appeal=code, quote="")
            if rng.random() < 0.6:
                oid, oname, okind = rng.choice(orgs)
                _node(g, oid, {"political_party": "party", "court": "court"}.get(okind, "organisation"), oname, appeal,
                      org_kind=okind)
                g.add_edge(pid, oid, kind="membership", label="member", appeal=code, quote=f"{name} is a member.")
            lid, lname = rng.choice(laws)
            _node(g, lid, "legal provision", lname, appeal)
            g.add_edge(pid, lid, kind="charged under", label="charged", appeal=code, quote=f"{name} was charged.")
            _node(g, court[0], "court", court[1], appeal, org_kind="court")
            g.add_edge(pid, court[0], kind="tried by", label="conviction", appeal=code, quote="")
            for _ in range(rng.randint(0, 2)):
                t = rng.choice(EVENTS)
                eid = f"{a}/event/{len(g)}"
                _node(g, eid, "event", f"{t} {appeal['dates'][0]}", appeal, event_type=t)
                g.nodes[pid]["event_types"].append(t)
                g.add_edge(pid, eid, kind="event", label=t, appeal=code, quote=f"{name}: {t}.")
        for (p, _), (q, _) in zip(persons, persons[1:]):
            g.add_edge(p, q, kind="co-defendant", label="co-defendant", appeal=code, quote="")
        if rng.random() < 0.3:
            g.add_edge(persons[0][0], persons[1][0], kind="kinship", label="brother", appeal=code, quote="")
    return g


def measure(n_nodes: int, out: Path) -> dict[str, float]:
    g = synthetic(n_nodes)
    t0 = time.perf_counter()
    html = page.render(g, g, "", focus.Filters())
    written = time.perf_counter() - t0
    path = out / f"explorer-{n_nodes}.html"
    path.write_text(html, encoding="utf-8")
    with headless.open_page(path.resolve().as_uri()) as (pg, log):
        headless.wait_drawn(pg, timeout=120)
        drawn = pg.evaluate("window.__vizReady") / 1000
        t = pg.evaluate("""() => { const t0 = performance.now();
            document.getElementById('search').value = 'ka';
            document.getElementById('find').click();
            const c = document.getElementById('country'); c.options[0].selected = true;
            c.dispatchEvent(new Event('change'));
            return (performance.now() - t0) / 1000; }""")
        pg.wait_for_timeout(50)
        assert not log.errors, log.errors
        shown = pg.evaluate("repgraphExplorer.visibleNodes()")
    return {"nodes": len(g), "ties": g.number_of_edges(), "mb": path.stat().st_size / 1e6, "write_s": written,
            "drawn_s": drawn, "search_filter_s": t, "shown_after_filter": shown}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--keep", type=Path, help="keep the pages in this folder")
    args = ap.parse_args()
    if headless.chromium() is None:
        print("viz_scale: needs chromium and playwright (.ci/setup.d/chromium.sh)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        base, big = measure(250, out), measure(args.nodes, out)
    for r in (base, big):
        print(f"{r['nodes']:>6} nodes {r['ties']:>6} ties  page {r['mb']:.1f} MB  written in {r['write_s']:.2f} s  "
              f"drawn {r['drawn_s']:.2f} s after navigation  search+filter {r['search_filter_s']:.3f} s "
              f"({r['shown_after_filter']} nodes shown after the filter)")
    print(f"ratio {big['nodes'] / base['nodes']:.0f}x nodes: drawn {big['drawn_s'] / base['drawn_s']:.1f}x, "
          f"search+filter {big['search_filter_s'] / max(base['search_filter_s'], 1e-3):.1f}x, "
          f"written {big['write_s'] / base['write_s']:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
