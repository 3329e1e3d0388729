"""Public mode: what leaves the machine by default. A minor becomes 'child, age under 18' with no name,
age or name-bearing IRI; an unnamed relative keeps no details; the names of minors are masked (with
characters of the same length, so evidence offsets stay true) in every text the graph carries."""
from __future__ import annotations

import hashlib
import re

import pyoxigraph as ox

from .namespaces import ID, RDFS, RG, SCHEMA, SKOS

MINOR_LABEL = "child, age under 18"
MASK = "█"
_TRUE = ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
_DROP = {SCHEMA + "name", SKOS + "altLabel", RG + "age", SCHEMA + "birthDate", RG + "role"}


def _names(quads: list[ox.Quad], who: set[str]) -> set[str]:
    """Every name and name word (of three letters or more) of the persons WHO."""
    names = set()
    for q in quads:
        if q.subject.value in who and q.predicate.value in (SCHEMA + "name", SKOS + "altLabel"):
            names.add(q.object.value)
            names.update(w for w in q.object.value.split() if len(w) >= 3)
    return names


def public_quads(quads: list[ox.Quad]) -> list[ox.Quad]:
    """QUADS with sensitive persons reduced and minors' names masked everywhere."""
    minors = {q.subject.value for q in quads if q.predicate.value == RG + "minor" and q.object == _TRUE}
    sensitive = {q.subject.value for q in quads if q.predicate.value == RG + "sensitive" and q.object == _TRUE}
    if not sensitive and not minors:
        return list(quads)
    names = sorted(_names(quads, minors), key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(n) for n in names)) if names else None
    renamed = {iri: f"{ID}person/minor-{hashlib.sha256(iri.encode()).hexdigest()[:12]}" for iri in minors
               if iri.startswith(ID + "person/")}

    def term(t):
        if isinstance(t, ox.NamedNode) and t.value in renamed:
            return ox.NamedNode(renamed[t.value])
        if isinstance(t, ox.Literal) and pattern is not None and pattern.search(t.value):
            masked = pattern.sub(lambda m: MASK * len(m.group()), t.value)
            return ox.Literal(masked, datatype=t.datatype) if t.language is None else ox.Literal(masked, language=t.language)
        return t

    out = []
    labelled = set()
    for q in quads:
        s = q.subject.value
        if s in sensitive | minors and q.predicate.value in _DROP:
            continue
        out.append(ox.Quad(term(q.subject), q.predicate, term(q.object), q.graph_name))
        if s in minors and (s, q.graph_name) not in labelled:
            labelled.add((s, q.graph_name))
            out.append(ox.Quad(term(q.subject), ox.NamedNode(RDFS + "label"), ox.Literal(MINOR_LABEL), q.graph_name))
    return out
