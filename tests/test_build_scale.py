"""The archive-scale build: incremental skipping, the bulk load through a copy of the store, the identity
index, progress on terminals only, and the synthetic corpus the benchmarks use."""
from __future__ import annotations

import io
import re
import sys

import pytest

from conftest import FIXTURES, ROOT
from repgraph import build as build_mod
from repgraph import known
from repgraph import store as store_mod
from repgraph.build import build, prepare
from repgraph.identity import Registry
from repgraph.progress import Progress
from repgraph.store import open_read

sys.path.insert(0, str(ROOT / "bench"))
from corpus import generate  # noqa: E402

APPEALS = ["blr-killing-disappearance.txt", "kaz-plural-defendants.txt", "tjk-party-deputy-brother.txt"]


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "appeals"
    d.mkdir()
    for name in APPEALS:
        (d / name).write_bytes((FIXTURES / "appeals" / name).read_bytes())
    return d


def _graphs(path) -> set[str]:
    return {g.value for g in open_read(path).named_graphs()}


def test_a_second_build_skips_unchanged_appeals_and_rebuilds_a_changed_one(folder, tmp_path):
    store = tmp_path / "store"
    first = build([str(folder)], store, log=io.StringIO())
    assert len(first.appeals) == 3 and first.unchanged == 0
    again = build([str(folder)], store, log=io.StringIO())
    assert again.appeals == [] and again.unchanged == 3
    changed = folder / APPEALS[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA further paragraph.\n", encoding="utf-8")
    third = build([str(folder)], store, log=io.StringIO())
    assert [a.source.name for a in third.appeals] == [APPEALS[0]] and third.unchanged == 2
    assert _graphs(store) >= set(first.graphs)
    assert len(build([str(folder)], store, log=io.StringIO(), everything=True).appeals) == 3


def test_a_store_whose_graph_was_dropped_rebuilds_that_appeal(folder, tmp_path):
    store = tmp_path / "store"
    first = build([str(folder)], store, log=io.StringIO())
    graph = sorted(first.graphs)[0]
    with store_mod.open_write(store) as s:
        s.update(f"DROP GRAPH <{graph}>")
    del s           # RocksDB allows one open handle per process
    again = build([str(folder)], store, log=io.StringIO())
    assert len(again.appeals) == 1 and graph in _graphs(store)


def test_a_large_load_goes_through_a_copy_that_replaces_the_store(folder, tmp_path, monkeypatch):
    monkeypatch.setattr(store_mod, "BULK", 10)
    store = tmp_path / "store"
    first = build([str(folder)], store, log=io.StringIO())
    assert _graphs(store) >= set(first.graphs)
    assert not (tmp_path / "store.next").exists()
    extra = folder / "extra.txt"
    extra.write_text((FIXTURES / "appeals" / "kgz-fines-house-arrest.txt").read_text(encoding="utf-8"), encoding="utf-8")
    second = build([str(folder)], store, log=io.StringIO())
    assert len(second.appeals) == 1
    assert _graphs(store) >= set(first.graphs) | set(second.graphs)      # the kept graphs came along


def test_a_failed_build_leaves_the_store_as_it_was(folder, tmp_path, monkeypatch):
    monkeypatch.setattr(store_mod, "BULK", 10)
    store = tmp_path / "store"
    build([str(folder)], store, log=io.StringIO())
    before = _graphs(store)
    (folder / "broken.txt").write_bytes(b"\x00\x01binary")
    with pytest.raises(Exception):
        build([str(folder)], store, log=io.StringIO())
    assert _graphs(store) == before


def _quads(path) -> set[tuple[str, ...]]:
    """The quads of a store, blank nodes named by what they hang from (they are fresh in every build)."""
    store, out = open_read(path), set()
    for q in store:
        s = f"_:{q.graph_name.value}" if q.subject.__class__.__name__ == "BlankNode" else q.subject.value
        o = "_:" if q.object.__class__.__name__ == "BlankNode" else str(q.object)
        out.add((s, q.predicate.value, o, q.graph_name.value))
    return out


def test_a_large_build_loads_while_it_prepares_into_the_same_store(tmp_path, monkeypatch):
    files = generate(45, tmp_path / "corpus", seed=3)
    (tmp_path / "corpus" / "zz-again.txt").write_bytes(files[0].read_bytes().replace(b"On ", b"Again, on ", 1))
    monkeypatch.setattr(build_mod, "STREAM_FROM", 10 ** 9)
    kept = build([str(tmp_path / "corpus")], tmp_path / "kept", log=io.StringIO())
    monkeypatch.setattr(build_mod, "STREAM_FROM", 5)
    streamed = build([str(tmp_path / "corpus")], tmp_path / "streamed", log=io.StringIO())
    assert streamed.copied and not kept.copied and not (tmp_path / "streamed.next").exists()
    assert any("the later file wins" in w for w in streamed.warnings)     # one graph given twice: the later kept
    assert _quads(tmp_path / "streamed") == _quads(tmp_path / "kept")
    for store in (tmp_path / "kept", tmp_path / "streamed"):       # rows gathered while building, checked in parallel
        assert _snapshot(store, monkeypatch) == known.read(open_read(store))


def test_worker_processes_build_the_graph_one_process_builds(tmp_path):
    generate(45, tmp_path / "corpus", seed=5)
    alone = build([str(tmp_path / "corpus")], tmp_path / "alone", log=io.StringIO(), workers=1)
    pooled = build([str(tmp_path / "corpus")], tmp_path / "pooled", log=io.StringIO(), workers=2)
    assert len(alone.appeals) == len(pooled.appeals) >= build_mod.PARALLEL_FROM
    assert _quads(tmp_path / "pooled") == _quads(tmp_path / "alone")


def _snapshot(store, monkeypatch) -> known.StoreRows:
    """The identity rows of the snapshot beside STORE (failing if it does not fit the store)."""
    with monkeypatch.context() as m:
        m.setattr(known, "read", lambda *a: pytest.fail("the snapshot does not fit the store"))
        return known.load(store, open_read(store))


def test_a_streamed_build_keeps_the_graphs_it_did_not_rebuild(folder, tmp_path, monkeypatch):
    store = tmp_path / "store"
    first = build([str(folder / APPEALS[0]), str(folder / APPEALS[1])], store, log=io.StringIO())
    monkeypatch.setattr(build_mod, "STREAM_FROM", 2)
    second = build([str(folder / APPEALS[2]), str(FIXTURES / "appeals" / "kgz-fines-house-arrest.txt")], store,
                   log=io.StringIO())
    assert second.copied
    assert _graphs(store) >= set(first.sizes) | set(second.sizes)


def test_a_failed_streamed_build_leaves_the_store_as_it_was(folder, tmp_path, monkeypatch):
    store = tmp_path / "store"
    build([str(folder)], store, log=io.StringIO())
    before = _quads(store)
    monkeypatch.setattr(build_mod, "STREAM_FROM", 2)
    (folder / "broken.txt").write_bytes(b"\x00\x01binary")
    with pytest.raises(Exception):
        build([str(folder)], store, log=io.StringIO(), everything=True)
    assert _quads(store) == before and not (tmp_path / "store.next").exists()


def test_the_identity_snapshot_beside_the_store_is_the_store_read_again(folder, tmp_path, monkeypatch):
    store = tmp_path / "store"
    build([str(folder / APPEALS[0])], store, log=io.StringIO())
    build([str(folder)], store, log=io.StringIO())
    changed = folder / APPEALS[1]
    changed.write_text(changed.read_text(encoding="utf-8").replace("On ", "Then, on ", 1), encoding="utf-8")
    build([str(folder)], store, log=io.StringIO())
    assert (store / known.SNAPSHOT).exists()
    with store_mod.open_write(store) as s:
        fresh = known.read(s)
        with monkeypatch.context() as m:
            m.setattr(known, "read", lambda *a: pytest.fail("the snapshot fits: the store need not be read"))
            saved = known.load(store, s)
        assert saved == fresh and len(saved.persons) == 3
        snapshot = store / known.SNAPSHOT
        good = snapshot.read_bytes()
        import pickle
        snapshot.write_bytes(pickle.dumps((known.stamp(saved.hashes), {"g": [print]}, {})))
        assert known.load(store, s) == fresh          # a snapshot naming a function is refused, the store read
        snapshot.write_bytes(pickle.dumps((known.stamp(saved.hashes), {"g": [("a", "b")]}, {})))
        assert known.load(store, s) == fresh          # so is one in another layout (an older version's)
        snapshot.write_bytes(good)
        graph = min(saved.persons)
        s.update(f"DROP GRAPH <{graph}>")          # changed behind repgraph's back: the snapshot no longer fits
        assert known.load(store, s) == known.read(s) != saved
    del s


def test_packed_rows_read_back_as_written_and_survive_separator_characters():
    rows = [("p2", "a", "Ann\x1fLee", "", "KZ"), ("p1", "a", "Bo Ray", "", "")]
    packed = known.StoreRows({"g": known.pack(rows)}, {"g": known.pack([("o", "Union \x1e of")])})
    assert list(packed.person_rows()) == [("g", ["p1", "a", "Bo Ray", "", ""]), ("g", ["p2", "a", "Ann Lee", "", "KZ"])]
    assert list(packed.org_rows()) == [["o", "Union   of"]]


def test_the_identity_index_links_exactly_as_comparing_with_every_person(tmp_path):
    files = generate(40, tmp_path, seed=11)

    class EveryPerson(Registry):
        def _candidates(self, m):
            return set(self.nodes)

    indexed = prepare(files, Registry()).graphs
    brute = prepare(files, EveryPerson()).graphs
    assert indexed.keys() == brute.keys()
    for g in indexed:
        assert set(indexed[g]) == set(brute[g]), g


class _Tty(io.StringIO):
    def isatty(self):
        return True


def test_progress_shows_on_a_terminal_only():
    quiet, tty = io.StringIO(), _Tty()
    for stream in (quiet, tty):
        with Progress(3, "build", stream) as p:
            for _ in range(3):
                p.advance()
    assert quiet.getvalue() == ""
    assert re.search(r"build: 3/3 appeals, \d+/s", tty.getvalue())


def test_the_corpus_is_deterministic_and_varied(tmp_path):
    a = generate(60, tmp_path / "a", seed=5)
    b = generate(60, tmp_path / "b", seed=5)
    c = generate(60, tmp_path / "c", seed=6)
    texts = [p.read_text(encoding="utf-8") for p in a]
    assert texts == [p.read_text(encoding="utf-8") for p in b]
    assert texts != [p.read_text(encoding="utf-8") for p in c]
    joined = "\n".join(texts)
    assert re.search(r"OBS \d{3}\.1\b", joined)                       # follow-ups
    assert any(p.suffix == ".html" for p in a) and "Index:" in joined  # web pages, other publishers
    assert len(set(re.findall(r"^(\w[\w ]+): ", joined, re.M))) >= 10   # many countries
    assert " and Mr" in joined or " and Ms" in joined                   # plural defendants
    assert "Article" in joined and re.search(r"(?:His|Her) (?:wife|husband|mother|father|brother|sister|uncle|son|daughter)", joined)
