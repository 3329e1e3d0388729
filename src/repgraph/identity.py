"""Who is who across appeals: a person named in several appeals (with other spellings) gets one IRI."""
from __future__ import annotations

import re
from difflib import SequenceMatcher

from . import iris
from .facts import Person
from .text import fold

# transliteration variants folded together: Titiyev/Titiev, Rukhshona/Ruhshona, Sotoudeh/Sotudeh
_SKELETON = [("kh", "h"), ("iy", "i"), ("y", "i"), ("ou", "u"), ("w", "v"), ("ph", "f"), ("dzh", "j"), ("zh", "j"),
             ("sch", "sh"), ("ck", "k"), ("q", "k"), ("x", "ks")]


def skeleton(word: str) -> str:
    w = fold(word).replace(" ", "")
    for a, b in _SKELETON:
        w = w.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", w)


def same_name(a: str, b: str) -> bool:
    """Whether two full names written in two appeals name the same person: the same words in any order,
    or the same family name (up to transliteration) with a similar given name."""
    ta, tb = fold(a).split(), fold(b).split()
    if not ta or not tb:
        return False
    if sorted(ta) == sorted(tb):
        return True
    if len(ta) < 2 or len(tb) < 2:
        return False
    sa, sb = [skeleton(t) for t in ta], [skeleton(t) for t in tb]
    if sorted(sa) == sorted(sb):
        return True
    if sa[-1] == sb[-1] and SequenceMatcher(None, sa[0], sb[0]).ratio() >= 0.8:
        return True
    return sa[0] == sb[-1] and sa[-1] == sb[0]


class Registry:
    """Persons already given an IRI (in the store or earlier in this build), with every name they carry."""

    def __init__(self, known: dict[str, set[str]] | None = None):
        self.names: dict[str, set[str]] = {k: set(v) for k, v in (known or {}).items()}

    def resolve(self, person: Person) -> str:
        names = [person.name] + person.variants
        for iri, known in sorted(self.names.items()):
            if any(same_name(n, k) for n in names for k in known):
                known.update(names)
                return iri
        iri = iris.person(person.name)
        while iri in self.names:
            iri += "-2"
        self.names[iri] = set(names)
        return iri
