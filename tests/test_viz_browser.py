"""The explorer in headless Chromium: it renders nodes, search and a filter work, the console stays
clean, no request leaves the page, and an appeal whose names and quotes carry HTML and script runs
nothing. Skipped when Chromium or playwright is absent (.ci/setup.d/chromium.sh installs Chromium)."""
from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest

from conftest import FIXTURES
from repgraph.viz import headless

pytestmark = pytest.mark.skipif(headless.chromium() is None, reason="needs chromium and playwright")

HOSTILE_NAMES = ['<img src=x onerror="window.__pwned=\'name\'">', "</script><script>window.__pwned='alt'</script>",
                 "<svg onload=\"window.__pwned='svg'\">"]


@pytest.fixture(scope="module")
def page_file(tmp_path_factory):
    """The explorer of the kaz fixture and a hostile copy of it (script in the title and quotes), with hostile
    names added to a person in the store (the extractor would not take them for names)."""
    from repgraph.cli import main
    src, out = tmp_path_factory.mktemp("appeals"), tmp_path_factory.mktemp("page")
    shutil.copy(FIXTURES / "viz" / "hostile-appeal.txt", src)
    shutil.copy(FIXTURES / "appeals" / "kaz-plural-defendants.txt", src)
    shutil.copy(FIXTURES / "appeals" / "blr-killing-disappearance.txt", src)
    store = out / "store"
    assert main(["build", str(src), "--store", str(store)]) == 0
    s = ox.Store(str(store))
    g = next(g for g in s.named_graphs() if "kaz-009" in g.value)
    person = ox.NamedNode("https://w3id.org/repgraph/id/person/aigerim-saparova")
    for n in HOSTILE_NAMES:
        s.add(ox.Quad(person, ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel"), ox.Literal(n), g))
    s.flush()
    del s
    html = out / "explorer.html"
    assert main(["viz", "--store", str(store), "--out", str(html)]) == 0
    return html


@pytest.fixture(scope="module")
def opened(page_file):
    with headless.open_page(page_file.resolve().as_uri()) as (page, log):
        headless.wait_drawn(page)
        yield page, log


def test_nothing_from_an_appeal_runs(opened):
    page, log = opened
    page.fill("#search", "Saparova")
    page.press("#search", "Enter")            # shows the record with the hostile names and quotes
    page.wait_for_timeout(300)
    record = page.inner_text("#record")
    assert HOSTILE_NAMES[0] in record          # shown as text...
    assert page.evaluate("window.__pwned") is None and not log.dialogs     # ...and never run
    assert page.evaluate("document.querySelectorAll('#record img, #record script, #record svg').length") == 0
    page.evaluate("repgraphExplorer.select(Array.from(document.querySelectorAll('#data')).length && "
                  "JSON.parse(document.getElementById('data').textContent).nodes.find(n => n.kind === 'appeal' "
                  "&& n.appeal_title.includes('script')).id)")
    assert "<script>" in page.inner_text("#record") and page.evaluate("window.__pwned") is None


def test_renders_nodes_searches_and_filters(opened):
    page, log = opened
    total = page.evaluate("repgraphExplorer.visibleNodes()")
    assert total > 20
    drawn = page.evaluate("Object.keys(repgraphExplorer.network.body.nodes).length")
    assert drawn >= total
    page.fill("#search", "tulegénov")          # diacritics ignored
    page.press("#search", "Enter")
    assert page.evaluate("repgraphExplorer.network.getSelectedNodes().length") == 1
    assert "Daniyar Tulegenov" in page.inner_text("#record")
    page.select_option("#country", "BY")
    shown = page.evaluate("repgraphExplorer.visibleNodes()")
    assert 0 < shown < total
    assert "Left out by the page's filters" in page.inner_text("#status")
    assert page.evaluate("repgraphExplorer.network.body.data.nodes.get().every(n => n.countries.includes('BY'))")
    page.click("#reset")
    assert page.evaluate("repgraphExplorer.visibleNodes()") == total


def test_console_is_clean_and_no_request_leaves_the_page(opened, page_file):
    page, log = opened
    assert not log.errors and not [m for m in log.console if m[0] in ("error", "warning")]
    assert log.requests == [page_file.resolve().as_uri()]


def test_ego_codefendant_views_and_node_size(opened):
    page, _ = opened
    page.click("#reset")
    total = page.evaluate("repgraphExplorer.visibleNodes()")
    page.fill("#search", "Abishev")
    page.press("#search", "Enter")
    page.fill("#depth", "1")
    page.click("#ego")
    ego = page.evaluate("repgraphExplorer.visibleNodes()")
    neighbours = page.evaluate("repgraphExplorer.network.getConnectedNodes(repgraphExplorer.network.getSelectedNodes()[0]).length")
    assert 1 < ego < total and ego == neighbours + 1
    page.click("#reset")
    page.check("#codefendants")
    kinds = page.evaluate("""() => { const n = repgraphExplorer.network;
        return [...new Set(n.body.data.edges.get().filter(e => n.body.edges[e.id]).map(e => e.kind))].sort(); }""")
    assert kinds and set(kinds) <= {"co-defendant", "tried by"}
    page.click("#reset")
    before = page.evaluate("repgraphExplorer.network.body.data.nodes.get().map(n => n.value)")
    page.select_option("#size-by", "betweenness")
    after = page.evaluate("repgraphExplorer.network.body.data.nodes.get().map(n => n.value)")
    assert before != after and max(after) <= 1
