"""Mapping an appeal and its facts to RDF: one named graph per appeal, terms from ontology/."""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import pyoxigraph as ox

from . import iris
from .appeal import Appeal
from .facts import Evidence, Facts
from .namespaces import OA, PROV, RDF, RG, SCHEMA, SKOS, VOCAB, XSD
from .text import slug
from .vocab import violation_categories

N = ox.NamedNode
_node = lru_cache(maxsize=4096)(ox.NamedNode)      # predicates, classes and concepts recur in every graph


def lit(value, datatype: str | None = None) -> ox.Literal:
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=N(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=N(XSD + "integer"))
    if isinstance(value, float):
        return ox.Literal(f"{value:.2f}", datatype=N(XSD + "decimal"))
    return ox.Literal(str(value), datatype=N(XSD + datatype)) if datatype else ox.Literal(str(value))


def date_lit(iso: str) -> ox.Literal:
    kind = "date" if len(iso) == 10 else "gYearMonth" if len(iso) == 7 else "gYear"
    return lit(iso, kind)


class GraphWriter:
    """Collects the quads of one appeal's named graph."""

    def __init__(self, graph_iri: str):
        self.graph = N(graph_iri)
        self.quads: list[ox.Quad] = []
        self.targets: dict[str, str] = {}       # oa:SpecificResource made -> the words it quotes

    def add(self, s: str, p: str, o) -> None:
        if o is None or o == "":
            return
        obj = o if isinstance(o, (ox.NamedNode, ox.Literal)) else lit(o)
        self.quads.append(ox.Quad(_node(s), _node(p), obj, self.graph))

    def iri(self, s: str, p: str, o: str) -> None:
        if o:
            self.add(s, p, _node(o))


def map_appeal(appeal: Appeal, facts: Facts, person_iri: Callable[[str], str]) -> tuple[str, list[ox.Quad]]:
    """The named graph IRI of APPEAL and its quads. PERSON_IRI gives each Person.key its (resolved) IRI."""
    a = iris.appeal(appeal.code)
    w = GraphWriter(iris.graph(appeal.code))
    _appeal(w, a, appeal, facts)
    org_iri = {key: iris.organisation(org.name) for key, org in facts.organisations.items()}

    def pi(key: str) -> str:
        if "#" in key:      # an unnamed relative belongs to its appeal
            return f"{a}/person/{slug(key)}"
        return person_iri(key)

    for key, p in facts.persons.items():
        s = pi(key)
        w.iri(s, RDF + "type", RG + "Person")
        w.iri(s, RG + "mentionedIn", a)
        if p.name:
            w.add(s, SCHEMA + "name", p.name)
            for v in sorted(set(p.variants) - {p.name}):
                w.add(s, SKOS + "altLabel", v)
        else:
            w.add(s, RG + "unnamed", True)
            w.add(s, RG + "sensitive", True)
        if p.gender:
            w.iri(s, SCHEMA + "gender", SCHEMA + p.gender.capitalize())
        for role in p.roles:
            w.add(s, RG + "role", role)
        if p.age is not None:
            w.add(s, RG + "age", p.age)
        if p.minor:
            w.add(s, RG + "minor", True)
            w.add(s, RG + "sensitive", True)
        if p.evidence:
            _evidence(w, s, a, p.evidence[0])
    for key, org in facts.organisations.items():
        s = org_iri[key]
        w.iri(s, RDF + "type", RG + "Organisation")
        w.add(s, SCHEMA + "name", org.name)
        for v in sorted(set(org.variants) - {org.name, org.acronym}):
            w.add(s, SKOS + "altLabel", v)
        w.add(s, RG + "acronym", org.acronym)
        w.iri(s, RG + "kind", f"{VOCAB}org-kind/{org.kind}")
        w.iri(s, RG + "mentionedIn", a)
        if org.evidence:
            _evidence(w, s, a, org.evidence[0])
    for key in facts.issuers:
        w.iri(a, RG + "issuer", org_iri[key])
    for d in facts.sensitive:
        s = iris.fact(a, "sensitive", d.kind, str(d.evidence.start))
        _fact(w, s, "SensitiveDetail", a, d.evidence)
        w.iri(s, RG + "detailKind", f"{VOCAB}sensitive/{d.kind}")
        w.add(s, RG + "sensitive", True)
    for k in facts.kinship:
        s = iris.fact(a, "kinship", k.person, k.relative, k.relation)
        _fact(w, s, "KinshipTie", a, k.evidence)
        w.iri(s, RG + "person", pi(k.person))
        w.iri(s, RG + "relative", pi(k.relative))
        w.iri(s, RG + "relation", f"{VOCAB}kinship/{k.relation}")
    for m in facts.memberships:
        s = iris.fact(a, "membership", m.person, m.organisation)
        _fact(w, s, "Membership", a, m.evidence)
        w.iri(s, RG + "person", pi(m.person))
        w.iri(s, RG + "organisation", org_iri[m.organisation])
        w.add(s, RG + "roleLabel", m.role)
    for c in facts.charges:
        s = iris.fact(a, "charge", c.person, c.article, c.offence)
        _fact(w, s, "Charge", a, c.evidence)
        w.iri(s, RG + "person", pi(c.person))
        w.add(s, RG + "offence", c.offence)
        if c.article:
            code = c.legal_code or "unknown code"
            prov_iri = iris.provision(code, c.article)
            w.iri(s, RG + "provision", prov_iri)
            w.iri(prov_iri, RDF + "type", RG + "LegalProvision")
            w.add(prov_iri, RG + "article", c.article)
            w.add(prov_iri, RG + "articleNumber", c.article.split(".")[0].split("(")[0])
            w.iri(prov_iri, RG + "legalCode", iris.legal_code(code))
            w.iri(iris.legal_code(code), RDF + "type", RG + "LegalCode")
            w.add(iris.legal_code(code), SCHEMA + "name", code)
    for sn in facts.sentences:
        s = iris.fact(a, "sentence", sn.person, sn.penalty, sn.duration, sn.date)
        _fact(w, s, "Sentence", a, sn.evidence)
        w.iri(s, RG + "person", pi(sn.person))
        w.iri(s, RG + "penalty", f"{VOCAB}penalty/{sn.penalty}")
        if sn.duration:
            w.add(s, RG + "duration", lit(sn.duration, "duration"))
        if sn.date:
            w.add(s, RG + "date", date_lit(sn.date))
        if sn.court:
            w.iri(s, RG + "court", org_iri[sn.court])
        w.add(s, RG + "amount", sn.amount)
    for e in facts.events:
        s = iris.fact(a, "event", e.person, e.type, e.date)
        _fact(w, s, "Event", a, e.evidence)
        w.iri(s, RG + "person", pi(e.person))
        w.iri(s, RG + "eventType", f"{VOCAB}event/{e.type}")
        if e.date:
            w.add(s, RG + "date", date_lit(e.date))
        if e.court:
            w.iri(s, RG + "court", org_iri[e.court])
    return str(w.graph.value), w.quads


def _appeal(w: GraphWriter, a: str, appeal: Appeal, facts: Facts) -> None:
    w.iri(a, RDF + "type", RG + "Appeal")
    w.add(a, RG + "code", appeal.code)
    w.add(a, RG + "hasPrintedCode", appeal.code_printed)
    w.add(a, RG + "caseCode", appeal.case_code)
    w.add(a, RG + "followUpNumber", appeal.follow_up)
    w.add(a, SCHEMA + "name", appeal.title)
    if appeal.date:
        w.add(a, SCHEMA + "datePublished", lit(appeal.date.iso, "date"))
    if appeal.country:
        w.iri(a, RG + "country", appeal.country.iri)
        w.add(a, RG + "countryCode", appeal.country.code)
    categories = violation_categories()
    for label in appeal.categories:
        w.iri(a, RG + "category", categories[label])
        w.add(a, RG + "categoryLabel", label)
    w.add(a, RG + "placeLine", appeal.place_line)
    w.add(a, RG + "sourceFile", appeal.source.name)
    w.add(a, RG + "contentHash", appeal.content_hash)
    w.add(a, RG + "text", appeal.text)
    w.add(a, RG + "situation", appeal.situation_text())
    if appeal.actions:
        w.add(a, RG + "actionsRequested", appeal.text[appeal.actions[0]:appeal.actions[1]].strip())
    for i, ad in enumerate(appeal.addressees, 1):
        s = f"{a}/addressee/{i}"
        w.iri(s, RDF + "type", RG + "Addressee")
        w.add(s, SCHEMA + "name", ad.name)
        w.add(s, SCHEMA + "jobTitle", ad.position)
        w.add(s, SCHEMA + "email", ad.email)
        w.iri(a, RG + "addressee", s)
        _evidence(w, s, a, Evidence(ad.start, ad.end, appeal.text[ad.start:ad.end], "addressee-list", 1.0))


def _fact(w: GraphWriter, s: str, cls: str, a: str, ev: Evidence | None) -> None:
    w.iri(s, RDF + "type", RG + cls)
    w.iri(s, PROV + "wasDerivedFrom", a)
    if ev:
        _evidence(w, s, a, ev)


def _evidence(w: GraphWriter, s: str, a: str, ev: Evidence) -> None:
    """rg:evidence: a Web Annotation whose target quotes (and locates) the words that state the fact."""
    ann = s + "/evidence"
    w.iri(s, RG + "evidence", ann)
    w.add(s, RG + "extractedBy", ev.rule)
    w.add(s, RG + "confidence", float(ev.confidence))
    w.iri(ann, RDF + "type", OA + "Annotation")
    w.iri(ann, OA + "hasBody", s)
    w.iri(ann, OA + "motivatedBy", OA + "describing")
    w.iri(ann, OA + "hasTarget", _target(w, a, ev))


def _target(w: GraphWriter, a: str, ev: Evidence) -> str:
    """The oa:SpecificResource of the words EV quotes, made the first time: the facts of one sentence share it
    (half the annotations of an appeal point at words another already points at). The same place quoted
    otherwise (an analyst's correction quotes itself at the words it corrects) is a resource of its own."""
    base = target = f"{a}/text/{ev.start}-{ev.end}"
    n = 1
    while target in w.targets:
        if w.targets[target] == ev.quote:
            return target
        n += 1
        target = f"{base}-{n}"
    w.targets[target] = ev.quote
    w.iri(target, RDF + "type", OA + "SpecificResource")
    w.iri(target, OA + "hasSource", a)
    quote, pos = target + "/quote", target + "/position"
    w.iri(target, OA + "hasSelector", quote)
    w.iri(target, OA + "hasSelector", pos)
    w.iri(quote, RDF + "type", OA + "TextQuoteSelector")
    w.add(quote, OA + "exact", ev.quote)
    w.iri(pos, RDF + "type", OA + "TextPositionSelector")
    w.add(pos, OA + "start", ev.start)
    w.add(pos, OA + "end", ev.end)
    return target
