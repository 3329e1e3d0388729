"""Public mode: what leaves the machine by default. A minor becomes 'child, age under 18' with no name,
age or name-bearing IRI; an unnamed relative keeps no details; the names of minors and every age under 18
are masked (with characters of the same length, so evidence offsets stay true) in every text the graph
carries. Minors are those the extractor marks rg:minor, plus, as a safety net, any named person whom a
text of the graph introduces with an age under 18 ('her 15-year-old son, Timur Y.'). The private details the
graph marks (rg:SensitiveDetail: health, home address, private telephone) are masked the same way: the
fact that the appeal states one stays, the words do not. An appeal that says it is confidential ('not for
publication') is left out whole."""
from __future__ import annotations

import hashlib
import re

import pyoxigraph as ox

from .namespaces import ID, OA, RDF, RDFS, RG, SCHEMA, SKOS, VOCAB

MINOR_LABEL = "child, age under 18"
MASK = "█"
_TRUE = ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
_NAMES = (SCHEMA + "name", SKOS + "altLabel")
_DROP = {*_NAMES, RG + "age", SCHEMA + "birthDate", RG + "role", RG + "foldedName"}
_UNDER_18 = r"(?:1[0-7]|[1-9])"
AGE_UNDER_18 = re.compile(rf"\b(?P<age>{_UNDER_18})(?:[- ](?:years?|yrs?)[- ]old\b|(?= years? of age\b))"
                          rf"|\b(?:aged|age of) (?P<age2>{_UNDER_18})\b", re.I)
_TITLE = r"(?:(?:Mr|Ms|Mrs|Miss|Master)\.?\s+)?"
_NAME_WORD_BEFORE = re.compile(r"\b(?!(?:Mr|Ms|Mrs|Miss|Master|Dr)\b)[A-Z][\w'’-]*\.?\s+$")


def _texts(quads: list[ox.Quad]) -> list[str]:
    return [q.object.value for q in quads if isinstance(q.object, ox.Literal) and AGE_UNDER_18.search(q.object.value)]


def _introduced_as_minor(name: str, texts: list[str]) -> bool:
    """Whether a text puts an age under 18 right before NAME ('15-year-old son, NAME') or right after the
    whole of it ('NAME, a 15-year-old pupil'; not 'Malika NAME, a 12-year-old' for a surname NAME)."""
    n, age = re.escape(name), f"(?i:{AGE_UNDER_18.pattern})"
    before = re.compile(rf"{age}(?:\s+[a-z]+){{0,3}},?\s+{_TITLE}{n}\b")
    after = re.compile(rf"(?<![\w'’-]){n},?\s+(?:a|an)\s+{age}")
    return any(before.search(t) or any(not _NAME_WORD_BEFORE.search(t, max(0, m.start() - 40), m.start())
                                       for m in after.finditer(t)) for t in texts)


def minors(quads: list[ox.Quad]) -> set[str]:
    """The persons (IRIs) public mode treats as minors."""
    marked = {q.subject.value for q in quads if q.predicate.value == RG + "minor" and q.object == _TRUE}
    texts = _texts(quads)
    if texts:
        marked |= {q.subject.value for q in quads if q.predicate.value in _NAMES and q.subject.value not in marked
                   and _introduced_as_minor(q.object.value, texts)}
    return marked


def _names(quads: list[ox.Quad], who: set[str]) -> set[str]:
    """Every name and name word (of three letters or more) of the persons WHO."""
    names = set()
    for q in quads:
        if q.subject.value in who and q.predicate.value in _NAMES:
            names.add(q.object.value)
            names.update(w for w in q.object.value.split() if len(w) >= 3)
    return names


def details(quads: list[ox.Quad]) -> set[str]:
    """The words of every private detail the graph marks (the quotes of its rg:SensitiveDetail nodes)."""
    marked = {q.subject.value for q in quads if q.predicate.value == RDF + "type" and q.object.value == RG + "SensitiveDetail"}
    return {q.object.value for q in quads if q.predicate.value == OA + "exact" and q.subject.value.split("/evidence")[0] in marked}


def confidential_graphs(quads: list[ox.Quad]) -> set[ox.NamedNode]:
    """The graphs of appeals that say they are confidential (a sensitive detail of that kind)."""
    kind = ox.NamedNode(VOCAB + "sensitive/confidential")
    return {q.graph_name for q in quads if q.predicate.value == RG + "detailKind" and q.object == kind}


def _mask(m: re.Match) -> str:
    return MASK * len(m.group())


def _mask_ages(m: re.Match) -> str:
    age = "age" if m.group("age") else "age2"
    return m.group()[:m.start(age) - m.start()] + MASK * len(m.group(age)) + m.group()[m.end(age) - m.start():]


def public_quads(quads: list[ox.Quad]) -> list[ox.Quad]:
    """QUADS with sensitive persons reduced, minors' names, ages under 18 and private details masked everywhere,
    and the graphs of confidential appeals left out."""
    hidden = confidential_graphs(quads)
    if hidden:
        quads = [q for q in quads if q.graph_name not in hidden]
    young = minors(quads)
    sensitive = young | {q.subject.value for q in quads if q.predicate.value == RG + "sensitive" and q.object == _TRUE}
    names = sorted(_names(quads, young) | details(quads), key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(n) for n in names)) if names else None
    renamed = {iri: f"{ID}person/minor-{hashlib.sha256(iri.encode()).hexdigest()[:12]}" for iri in young
               if iri.startswith(ID + "person/")}

    def iri(value: str) -> str:
        """VALUE, or its public name when it is a minor's IRI or a node under it ('.../evidence')."""
        base = value.split("/evidence", 1)[0] if "/evidence" in value else value
        return renamed[base] + value[len(base):] if base in renamed else value

    def term(t):
        """T in public form (T itself when nothing in it changes)."""
        if isinstance(t, ox.NamedNode) and renamed:
            public = iri(t.value)
            return t if public == t.value else ox.NamedNode(public)
        if isinstance(t, ox.Literal):
            text = AGE_UNDER_18.sub(_mask_ages, t.value)
            if pattern is not None:
                text = pattern.sub(_mask, text)
            if text != t.value:
                return ox.Literal(text, datatype=t.datatype) if t.language is None else ox.Literal(text, language=t.language)
        return t

    out = []
    labelled = set()
    for q in quads:
        before, obj_before = q.subject, q.object      # each access makes a new object: taken once, compared by identity
        s = before.value
        if s in sensitive and q.predicate.value in _DROP:
            continue
        subject, obj = term(before), term(obj_before)
        out.append(q if subject is before and obj is obj_before else ox.Quad(subject, q.predicate, obj, q.graph_name))
        if s in young and (s, q.graph_name) not in labelled:
            labelled.add((s, q.graph_name))
            out.append(ox.Quad(subject, ox.NamedNode(RDFS + "label"), ox.Literal(MINOR_LABEL), q.graph_name))
    return out
