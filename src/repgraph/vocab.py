"""Controlled vocabularies read from ontology/vocab/*.ttl: the extractor's lexicon is data, not code."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

import pyoxigraph as ox

from .namespaces import SKOS
from .resources import ontology_dir


@cache
def _concepts(name: str) -> dict[str, dict[str, list[str]]]:
    """Every subject of vocab/NAME.ttl with its properties, keyed by local predicate name."""
    path = ontology_dir() / "vocab" / f"{name}.ttl"
    out: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
        pred = t.predicate.value
        key = pred.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        out[t.subject.value][key].append(t.object.value)
    return {s: dict(p) for s, p in out.items() if SKOS + "Concept" in p.get("type", [])}


def _first(props: dict[str, list[str]], key: str, default: str = "") -> str:
    values = props.get(key)
    return sorted(values)[0] if values else default


def word_bounded(alternatives: list[str], flags=re.I) -> re.Pattern:
    """One pattern for ALTERNATIVES (regular expressions, tried in the order given) matching whole words only;
    the boundaries are checked once around them (three times faster to scan than each alternative bounded)."""
    return re.compile(r"(?<![\w-])(?:" + "|".join(f"(?:{v})" for v in alternatives) + r")(?![\w-])", flags)


def _longest_first(values: list[str]) -> list[str]:
    return sorted(values, key=len, reverse=True)


def _patterns(values: list[str], flags=re.I) -> list[re.Pattern]:
    return [word_bounded([v], flags) for v in _longest_first(values)]


def _alternation(values: list[str], flags=re.I) -> re.Pattern | None:
    """VALUES as one pattern matching what the first of `_patterns` to match matches."""
    return word_bounded(_longest_first(values), flags) if values else None


@dataclass(frozen=True)
class Country:
    code: str
    iri: str
    name: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    wikidata: str


@cache
def countries() -> tuple[Country, ...]:
    out = []
    for iri, p in _concepts("countries").items():
        name = _first(p, "prefLabel")
        out.append(Country(_first(p, "notation"), iri, name, tuple([name] + sorted(p.get("altLabel", []))),
                           tuple(sorted(p.get("demonym", []))), _first(p, "exactMatch")))
    return tuple(sorted(out, key=lambda c: c.code))


@dataclass(frozen=True)
class Term:
    """A SKOS concept with the patterns that announce it in text."""
    notation: str
    iri: str
    label: str
    patterns: tuple[re.Pattern, ...] = field(default=(), compare=False)
    alternation: re.Pattern | None = field(default=None, compare=False)    # the patterns as one


def _terms(name: str, key: str = "trigger", flags=re.I) -> tuple[Term, ...]:
    out = []
    for iri, p in _concepts(name).items():
        notation = _first(p, "notation") or iri.rsplit("/", 1)[-1]
        values = p.get(key, [])
        out.append(Term(notation, iri, _first(p, "prefLabel"), tuple(_patterns(values, flags)), _alternation(values, flags)))
    return tuple(sorted(out, key=lambda t: t.notation))


@cache
def event_types() -> tuple[Term, ...]:
    return _terms("event-types")


@cache
def sensitive_kinds() -> tuple[Term, ...]:
    """The kinds of private detail public mode masks (health, home address, private contact)."""
    return _terms("sensitive-details")


@cache
def penalties() -> tuple[Term, ...]:
    return _terms("penalties")


@cache
def roles() -> tuple[Term, ...]:
    return _terms("roles")


@dataclass(frozen=True)
class OrgKind:
    notation: str
    iri: str
    priority: int
    keywords: tuple[str, ...]


@cache
def org_kinds() -> tuple[OrgKind, ...]:
    out = [OrgKind(_first(p, "notation"), iri, int(_first(p, "priority", "99")), tuple(sorted(p.get("keyword", []))))
           for iri, p in _concepts("organisation-kinds").items()]
    return tuple(sorted(out, key=lambda k: (k.priority, k.notation)))


@dataclass(frozen=True)
class Relation:
    notation: str
    iri: str
    labels: tuple[str, ...]
    gender: str
    broader: str
    inverse: str
    inverse_male: str
    inverse_female: str


@cache
def kinship() -> dict[str, Relation]:
    """Kinship relations by notation."""
    by_iri = {}
    for iri, p in _concepts("kinship").items():
        by_iri[iri] = p
    note = {iri: _first(p, "notation") for iri, p in by_iri.items()}
    out = {}
    for iri, p in by_iri.items():
        labels = tuple(sorted(set(p.get("prefLabel", []) + p.get("altLabel", [])), key=len, reverse=True))
        out[note[iri]] = Relation(note[iri], iri, labels, _first(p, "gender"), note.get(_first(p, "broader"), ""),
                                  note.get(_first(p, "inverse"), ""), note.get(_first(p, "inverseMale"), ""),
                                  note.get(_first(p, "inverseFemale"), ""))
    return out


@cache
def violation_categories() -> dict[str, str]:
    """Lower-cased label -> concept IRI."""
    out = {}
    for iri, p in _concepts("violation-categories").items():
        for label in p.get("prefLabel", []) + p.get("altLabel", []):
            out[label.lower()] = iri
    return out


@dataclass(frozen=True)
class KnownOrg:
    name: str
    kind: str
    aliases: tuple[str, ...]


@cache
def known_organisations() -> tuple[KnownOrg, ...]:
    kinds = {k.iri: k.notation for k in org_kinds()}
    return tuple(sorted(
        (KnownOrg(_first(p, "prefLabel"), kinds.get(_first(p, "kind"), "other"), tuple(sorted(p.get("altLabel", []))))
         for p in _concepts("known-organisations").values()), key=lambda k: k.name))
