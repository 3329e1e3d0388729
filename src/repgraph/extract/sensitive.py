"""Private details an appeal states (health, home address, private telephone numbers): found by the
patterns of ontology/vocab/sensitive-details.ttl in the narrative, so that public mode can mask them."""
from __future__ import annotations

from ..facts import Facts, SensitiveDetail
from ..vocab import sensitive_kinds
from .doc import Doc


def extract(doc: Doc, facts: Facts) -> None:
    taken: list[tuple[int, int]] = []
    for sent in doc.narrative():
        for kind in sensitive_kinds():
            for pat in kind.patterns:
                for m in pat.finditer(doc.text, sent.start, sent.end):
                    if any(a < m.end() and m.start() < b for a, b in taken):
                        continue
                    taken.append((m.start(), m.end()))
                    ev = doc.evidence(m.start(), m.end(), f"sensitive:{kind.notation}", 0.9, whole_sentence=False)
                    facts.sensitive.append(SensitiveDetail(kind.notation, ev))
