"""The network explorer without a browser: projection, public mode, filters and focus, analytics,
GEXF/GraphML, the page's self-containment and escaping, and one-line errors."""
from __future__ import annotations

import base64
import hashlib
import json
import math
import re
import shutil
import statistics

import networkx as nx
import pyoxigraph as ox
import pytest

from conftest import FIXTURES
from repgraph.viz import analytics, focus, page, projection

APPEALS = sorted((FIXTURES / "appeals").glob("*.txt")) + [FIXTURES / "privacy" / "uzb-minor-son.txt"]
MINORS = ("Timur", "Malika")


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    from repgraph.cli import main
    src, store = tmp_path_factory.mktemp("appeals"), tmp_path_factory.mktemp("viz") / "store"
    for f in APPEALS:
        shutil.copy(f, src)
    assert main(["build", str(src), "--store", str(store)]) == 0
    return store


@pytest.fixture(scope="module")
def graph(store_dir):
    return projection.project(ox.Store.read_only(str(store_dir)))


def by_label(g, label):
    return next(n for n, d in g.nodes(data=True) if d["label"] == label)


def test_projection_has_every_kind_and_labelled_ties(graph):
    kinds = {d["kind"] for _, d in graph.nodes(data=True)}
    assert {"person", "organisation", "court", "legal provision", "appeal", "event"} <= kinds
    ties = {(graph.nodes[u]["label"], graph.nodes[v]["label"], d["kind"]) for u, v, d in graph.edges(data=True)}
    tulegenov = "Daniyar Tulegenov"
    assert {tuple(sorted((tulegenov, "Yerlan Abishev"))) + ("co-defendant",)} <= \
        {tuple(sorted(t[:2])) + (t[2],) for t in ties}
    assert any(t[2] == "tried by" and "Aktobe City Court" in t[:2] for t in ties)
    assert any(t[2] == "charged under" and "Art. 402, Criminal Code of Kazakhstan" in t[:2] for t in ties)
    assert all(d["label"] for *_, d in graph.edges(data=True))
    p = graph.nodes[by_label(graph, tulegenov)]
    assert p["countries"] == ["KZ"] and "arrest" in p["event_types"] and p["evidence"][0]["quote"]


def test_public_mode_hides_minors_names_full_mode_keeps_them(store_dir, graph):
    html = page.render(graph, graph, "", focus.Filters())
    for name in MINORS:
        assert name not in html
        assert not any(name in " ".join(d["names"]) + d["label"] for _, d in graph.nodes(data=True))
    full = projection.project(ox.Store.read_only(str(store_dir)), public=False)
    assert all(any(name in d["label"] for _, d in full.nodes(data=True)) for name in MINORS)


def test_filters_trim_and_say_what_was_left_out(graph):
    sub, note = focus.apply(graph, focus.Filters(countries=["KZ"]))
    assert all("KZ" in d["countries"] for _, d in sub.nodes(data=True))
    assert 0 < len(sub) < len(graph)
    gone = len(graph) - len(sub)
    assert note.startswith("left out by country KZ:") and f"{gone} of {len(graph)} nodes" in note
    sub, _ = focus.apply(graph, focus.Filters(event_types=["arrest"]))
    persons = [d for _, d in sub.nodes(data=True) if d["kind"] == "person"]
    assert persons and all("arrest" in d["event_types"] for d in persons)
    assert {d["event_type"] for _, d in sub.nodes(data=True) if d["kind"] == "event"} == {"arrest"}
    sub, _ = focus.apply(graph, focus.Filters(org_kinds=["court"]))
    assert {d["org_kind"] for _, d in sub.nodes(data=True) if d["kind"] in focus.ORG_KINDS} == {"court"}
    whole, note = focus.apply(graph, focus.Filters())
    assert note == "" and len(whole) == len(graph)


def test_date_ranges_overlap_partial_dates():
    assert focus.in_range("2024-07", "2024-07-15", "")
    assert focus.in_range("2024", "", "2024-03")
    assert not focus.in_range("2024-06-30", "2024-07", "")
    assert not focus.in_range("2025-01-01", "", "2024")


def test_ego_and_codefendant_views(graph):
    sub, _ = focus.apply(graph, focus.Filters(ego="tulegénov", depth=1))    # diacritics and case ignored
    ego = by_label(graph, "Daniyar Tulegenov")
    assert set(sub) == {ego} | set(graph[ego])
    sub2, _ = focus.apply(graph, focus.Filters(ego="Tulegenov", depth=2))
    assert set(sub) < set(sub2)
    co, _ = focus.apply(graph, focus.Filters(codefendants=True))
    assert {k for *_, k in co.edges(data="kind")} <= focus.CODEFENDANT_KINDS
    assert {d["kind"] for _, d in co.nodes(data=True)} <= {"person", "court"}
    assert {"Daniyar Tulegenov", "Yerlan Abishev", "Aigerim Saparova"} <= {d["label"] for _, d in co.nodes(data=True)}


def test_analytics(graph):
    s = analytics.summary(graph, top=5)
    assert s["nodes"] == len(graph) and s["components"] == nx.number_connected_components(graph)
    b = s["betweenness"]
    assert [r["value"] for r in b] == sorted((r["value"] for r in b), reverse=True)
    assert s["counts"]["country"]["KZ"] == 1 and s["counts"]["court"]["Aktobe City Court"] >= 1
    assert sum(s["counts"]["year"].values()) == len(APPEALS)
    bridges = s["bridges"]
    assert all(len(r["cases"]) > 1 for r in bridges)
    assert any(r["label"] == "World Organisation Against Torture" for r in bridges)   # named by every appeal


def test_exports_keep_kinds_and_labels(graph, tmp_path):
    from repgraph.viz import files
    for fmt, read in (("gexf", nx.read_gexf), ("graphml", nx.read_graphml)):
        path = tmp_path / f"g.{fmt}"
        path.write_bytes(files.serialize(graph, fmt))
        back = read(path)
        assert back.number_of_nodes() == graph.number_of_nodes()
        assert back.number_of_edges() == graph.number_of_edges()
        node = back.nodes[by_label(graph, "Daniyar Tulegenov")]
        assert node["kind"] == "person" and node["countries"] == "KZ"
        assert {d["kind"] for *_, d in back.edges(data=True)} >= {"co-defendant", "kinship", "membership"}


def test_page_is_self_contained_and_its_csp_admits_only_its_scripts(graph):
    html = page.render(graph, graph, "", focus.Filters())
    assert not re.search(r"<(script|link|img|iframe)[^>]*\b(src|href)=", html)
    assert not re.search(r"url\((?!\"?data:)", html)
    csp = re.search(r'Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "connect-src 'none'" in csp and "default-src 'none'" in csp
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == 2
    for s in scripts:
        assert f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" in csp


def test_json_in_the_page_cannot_close_its_script():
    text = page.script_json({"name": "</script><script>alert(1)</script>&\u2028"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["name"] == "</script><script>alert(1)</script>&\u2028"


def test_cli_viz_stats_and_bad_input(cli, store_dir, tmp_path):
    out = tmp_path / "explorer.html"
    code, stdout, _ = cli("viz", "--store", store_dir, "--out", out, "--country", "kz")
    assert code == 0 and "left out by country KZ" in stdout and out.read_text().startswith("<!DOCTYPE html>")
    code, stdout, _ = cli("stats", "--store", store_dir, "--json", "--top", "3")
    s = json.loads(stdout)
    assert code == 0 and len(s["degree"]) == 3 and s["counts"]["country"]
    code, stdout, _ = cli("stats", "--store", store_dir)
    assert code == 0 and "per court:" in stdout and "Aktobe City Court" in stdout
    for args, msg in ((["--since", "2024-13"], "--since"), (["--ego", "Nobody Atall"], "--ego"),
                      (["--depth", "0"], "--depth")):
        code, _, err = cli("viz", "--store", store_dir, "--out", tmp_path / "x.html", *args)
        assert code == 1 and err.count("\n") == 1 and msg in err
    code, _, err = cli("viz", "--store", tmp_path / "none", "--out", tmp_path / "x.html")
    assert code == 1 and "no store" in err


def test_large_graphs_get_their_layout_ahead_and_small_ones_live_physics():
    from repgraph.viz import layout
    g = nx.MultiGraph()
    for i in range(layout.LIVE_PHYSICS_MAX + 20):
        g.add_node(f"n{i}", kind="person", label=f"P {i}", cases=["c"])
        if i:
            g.add_edge(f"n{i}", f"n{i // 2}", kind="kinship", label="brother", appeal="c")
    nodes = page.network(g, analytics.measures(g), analytics.communities(g)).nodes
    assert all(n["physics"] is False and isinstance(n["x"], float) for n in nodes)
    assert len({(n["x"], n["y"]) for n in nodes}) == len(nodes)
    small = g.subgraph([f"n{i}" for i in range(30)])
    net = page.network(small, analytics.measures(small), analytics.communities(small))
    assert all("x" not in n for n in net.nodes) and net.options["physics"]["enabled"] is True


def test_a_large_component_gets_a_deterministic_layout_with_neighbours_close():
    from repgraph.viz import layout
    g = nx.relabel_nodes(nx.random_labeled_tree(layout.SPRING_MAX + 300, seed=3), lambda i: f"n{i:04d}")
    first, again = layout.positions(g), layout.positions(g)
    assert first == again
    assert len(set(first.values())) >= 0.99 * len(g)       # at 0.1 px, a rare pair of leaves may share a place
    edge = statistics.mean(math.dist(first[u], first[v]) for u, v in g.edges())
    nodes = sorted(g)
    pairs = statistics.mean(math.dist(first[a], first[b]) for a, b in zip(nodes, nodes[::-1]))
    assert edge * 3 < pairs


def test_sampled_betweenness_estimates_the_exact_one_on_networkx_scale():
    g = nx.relabel_nodes(nx.gnm_random_graph(analytics.EXACT_BETWEENNESS + 200, 3000, seed=3), lambda i: f"n{i:04d}")
    estimate, exact = analytics.sampled_betweenness(g), nx.betweenness_centrality(g)
    assert estimate == analytics.sampled_betweenness(g)
    assert 0.9 < sum(estimate.values()) / sum(exact.values()) < 1.1
    top = set(sorted(g, key=exact.get)[-50:])
    assert len(top & set(sorted(g, key=estimate.get)[-50:])) >= 25
