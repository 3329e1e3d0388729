"""Private details an appeal states (health, home address, private telephone numbers), found by the
patterns of ontology/vocab/sensitive-details.ttl in the narrative so that public mode can mask them; and a
marking that the appeal is confidential, found anywhere in it, so that public mode leaves it out."""
from __future__ import annotations

from ..facts import Facts, SensitiveDetail
from ..vocab import sensitive_kinds
from .doc import Doc


WHOLE_APPEAL = "confidential"        # looked for in every part of the appeal, headers included


def extract(doc: Doc, facts: Facts) -> None:
    taken: list[tuple[int, int]] = []
    for sent in doc.sents:
        for kind in sensitive_kinds():
            if sent.region != "narrative" and kind.notation != WHOLE_APPEAL:
                continue
            for m in kind.alternation.finditer(doc.text, sent.start, sent.end) if kind.alternation else ():
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                taken.append((m.start(), m.end()))
                ev = doc.evidence(m.start(), m.end(), f"sensitive:{kind.notation}", 0.9, whole_sentence=False)
                facts.sensitive.append(SensitiveDetail(kind.notation, ev))
