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
from functools import lru_cache

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
_WORD = re.compile(r"\w+")
_NAME_WORD_BEFORE = re.compile(r"\b(?!(?:Mr|Ms|Mrs|Miss|Master|Dr)\b)[A-Z][\w'’-]*\.?\s+$")


@lru_cache(maxsize=4096)
def _introduction_patterns(name: str) -> tuple[re.Pattern, re.Pattern]:
    n, age = re.escape(name), f"(?i:{AGE_UNDER_18.pattern})"
    return (re.compile(rf"{age}(?:\s+[a-z]+){{0,3}},?\s+{_TITLE}{n}\b"),
            re.compile(rf"(?<![\w'’-]){n},?\s+(?:a|an)\s+{age}"))


def _introduced_as_minor(name: str, text: str) -> bool:
    """Whether TEXT puts an age under 18 right before NAME ('15-year-old son, NAME') or right after the
    whole of it ('NAME, a 15-year-old pupil'; not 'Malika NAME, a 12-year-old' for a surname NAME)."""
    before, after = _introduction_patterns(name)
    return bool(before.search(text)) or any(not _NAME_WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
                                            for m in after.finditer(text))


def introduced_as_minors(names: set[str], texts: list[str]) -> set[str]:
    """The NAMES that one of TEXTS introduces as a minor (`_introduced_as_minor`). A text is only searched
    for the names whose first word it holds: where a name matches, a non-word character comes before it, so
    its first word is a word of the text (names that begin with no word character are searched everywhere)."""
    by_word: dict[str, set[str]] = {}
    anywhere = set()
    for name in names:
        m = _WORD.match(name)
        by_word.setdefault(m.group(), set()).add(name) if m else anywhere.add(name)
    found = set()
    for text in texts:
        candidates = set(anywhere)
        for word in set(_WORD.findall(text)):
            candidates |= by_word.get(word, set())
        found |= {n for n in candidates - found if _introduced_as_minor(n, text)}
    return found


def _mask(m: re.Match) -> str:
    return MASK * len(m.group())


def _mask_ages(m: re.Match) -> str:
    age = "age" if m.group("age") else "age2"
    return m.group()[:m.start(age) - m.start()] + MASK * len(m.group(age)) + m.group()[m.end(age) - m.start():]


class Public:
    """What public mode knows of a whole archive (the confidential graphs, the minors and sensitive persons,
    the words to mask), and `apply`, which gives the public form of any of its graphs, one at a time."""

    def __init__(self, hidden: set, young: set[str], sensitive: set[str], words: set[str]):
        self.hidden, self.young, self.sensitive = hidden, young, sensitive
        names = sorted(words, key=lambda w: (-len(w), w))      # longest first; a fixed order, whatever the set
        self.pattern = re.compile("|".join(re.escape(n) for n in names)) if names else None
        self.renamed = {iri: f"{ID}person/minor-{hashlib.sha256(iri.encode()).hexdigest()[:12]}" for iri in young
                        if iri.startswith(ID + "person/")}

    @classmethod
    def of_quads(cls, quads: list[ox.Quad]) -> Public:
        """From QUADS, the whole archive."""
        def having(predicate: str, obj=None) -> list[ox.Quad]:
            return [q for q in quads if q.predicate.value == predicate and (obj is None or q.object == obj)]

        def about(subjects: set, predicate: str) -> list[ox.Quad]:
            return [q for q in having(predicate) if q.subject in subjects]
        return cls._of(having, about, lambda: [(q.graph_name, q.object.value) for q in quads if isinstance(q.object, ox.Literal)])

    @classmethod
    def of_store(cls, store: ox.Store) -> Public:
        """From STORE by its predicate index, without reading every quad: only the literals that may state an
        age (a superset of AGE_UNDER_18's matches, chosen by the store) are read whole."""
        def having(predicate: str, obj=None) -> list[ox.Quad]:
            return list(store.quads_for_pattern(None, ox.NamedNode(predicate), obj, None))

        def about(subjects: set, predicate: str) -> list[ox.Quad]:
            p = ox.NamedNode(predicate)
            return [q for s in subjects for q in store.quads_for_pattern(s, p, None, None)]

        def literals() -> list[tuple]:
            found = store.query('SELECT ?g ?o WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } '
                                'FILTER(isLiteral(?o) && REGEX(STR(?o), "age|yr|year", "i")) }')
            return [(r[0] or ox.DefaultGraph(), r[1].value) for r in found]
        return cls._of(having, about, literals)

    @classmethod
    def _of(cls, having, about, literals) -> Public:
        """HAVING(predicate, object=None): the quads with that predicate (and object); ABOUT(subjects, predicate):
        those of some SUBJECTS; LITERALS(): (graph, text) of literals, at least every one that states an age."""
        kind = ox.NamedNode(VOCAB + "sensitive/confidential")
        hidden = {q.graph_name for q in having(RG + "detailKind", kind)}

        def shown(predicate: str, obj=None) -> list[ox.Quad]:
            return [q for q in having(predicate, obj) if q.graph_name not in hidden]
        names = [q for p in _NAMES for q in shown(p)]
        young = {q.subject.value for q in shown(RG + "minor", _TRUE)}
        texts = [text for graph, text in literals() if graph not in hidden and AGE_UNDER_18.search(text)]
        if texts:
            introduced = introduced_as_minors({q.object.value for q in names}, texts)
            young |= {q.subject.value for q in names if q.object.value in introduced}
        sensitive = young | {q.subject.value for q in shown(RG + "sensitive", _TRUE)}
        words = set()
        for q in names:
            if q.subject.value in young:
                words.add(q.object.value)
                words.update(w for w in q.object.value.split() if len(w) >= 3)
        quoted = {q.subject for q in shown(RDF + "type", ox.NamedNode(RG + "SensitiveDetail"))}
        for step in (RG + "evidence", OA + "hasTarget", OA + "hasSelector", OA + "exact"):    # the words quoted
            quoted = {q.object for q in about(quoted, step)}
        words |= {o.value for o in quoted}
        return cls(hidden, young, sensitive, words)

    def _iri(self, value: str) -> str:
        """VALUE, or its public name when it is a minor's IRI or a node under it ('.../evidence')."""
        base = value.split("/evidence", 1)[0] if "/evidence" in value else value
        return self.renamed[base] + value[len(base):] if base in self.renamed else value

    def _term(self, t):
        """T in public form (T itself when nothing in it changes)."""
        if isinstance(t, ox.NamedNode) and self.renamed:
            public = self._iri(t.value)
            return t if public == t.value else ox.NamedNode(public)
        if isinstance(t, ox.Literal):
            text = AGE_UNDER_18.sub(_mask_ages, t.value)
            if self.pattern is not None:
                text = self.pattern.sub(_mask, text)
            if text != t.value:
                return ox.Literal(text, datatype=t.datatype) if t.language is None else ox.Literal(text, language=t.language)
        return t

    def apply(self, quads: list[ox.Quad]) -> list[ox.Quad]:
        """QUADS (of this archive) in public form: nothing of a confidential graph, sensitive persons reduced,
        minors' names, ages under 18 and private details masked, minors labelled."""
        out = []
        labelled = set()
        for q in quads:
            if q.graph_name in self.hidden:
                continue
            before, obj_before = q.subject, q.object      # each access makes a new object: taken once, compared by identity
            s = before.value
            if s in self.sensitive and q.predicate.value in _DROP:
                continue
            subject, obj = self._term(before), self._term(obj_before)
            out.append(q if subject is before and obj is obj_before else ox.Quad(subject, q.predicate, obj, q.graph_name))
            if s in self.young and (s, q.graph_name) not in labelled:
                labelled.add((s, q.graph_name))
                out.append(ox.Quad(subject, ox.NamedNode(RDFS + "label"), ox.Literal(MINOR_LABEL), q.graph_name))
        return out


def public_quads(quads: list[ox.Quad]) -> list[ox.Quad]:
    """QUADS with sensitive persons reduced, minors' names, ages under 18 and private details masked everywhere,
    and the graphs of confidential appeals left out."""
    return Public.of_quads(quads).apply(quads)
