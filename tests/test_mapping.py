"""How mapping writes evidence: one Web Annotation per fact, one target per passage of the text."""
from __future__ import annotations

from collections import Counter

from shacl_cases import valid_graph

from repgraph.facts import Evidence
from repgraph.mapping import GraphWriter, _evidence
from repgraph.namespaces import OA, RDF

A = "https://w3id.org/repgraph/id/appeal/t"


def _objects(quads, predicate: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for q in quads:
        if q.predicate.value == predicate:
            out.setdefault(q.subject.value, []).append(q.object.value)
    return out


def test_the_facts_of_one_passage_share_its_target():
    _, quads = valid_graph()
    assert len(quads) == len(set(quads))
    targets = _objects(quads, OA + "hasTarget")
    kinds = Counter(q.object.value for q in quads if q.predicate.value == RDF + "type")
    assert kinds[OA + "SpecificResource"] == len(set(t for ts in targets.values() for t in ts)) < len(targets)
    exact, start, end = (_objects(quads, OA + p) for p in ("exact", "start", "end"))
    for target, selectors in _objects(quads, OA + "hasSelector").items():
        (quote,) = [exact[s] for s in selectors if s in exact]
        (position,) = [(start[s], end[s]) for s in selectors if s in start]
        assert len(quote) == 1 and target.endswith(f"/text/{position[0][0]}-{position[1][0]}")


def test_the_same_words_quoted_otherwise_are_a_target_of_their_own():
    w = GraphWriter("https://w3id.org/repgraph/graph/t")
    for i, ev in enumerate([Evidence(10, 20, "the words", "rule-a"), Evidence(10, 20, "the words", "rule-b", 0.8),
                            Evidence(10, 20, "curation #1 by An Analyst: fixed", "curation", 1.0)]):
        _evidence(w, f"{A}/fact/{i}", A, ev)
    targets = {f: t for f, (t,) in _objects(w.quads, OA + "hasTarget").items()}
    assert targets[f"{A}/fact/0/evidence"] == targets[f"{A}/fact/1/evidence"] == f"{A}/text/10-20"
    assert targets[f"{A}/fact/2/evidence"] == f"{A}/text/10-20-2"
    assert sorted(v for vs in _objects(w.quads, OA + "exact").values() for v in vs) == [
        "curation #1 by An Analyst: fixed", "the words"]
    assert len(w.quads) == len(set(w.quads))
