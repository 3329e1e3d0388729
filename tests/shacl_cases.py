"""Broken appeal graphs for the SHACL tests: each case mutates the valid mapped graph of the seed appeal
so that one rule of ontology/shapes.ttl fails, and names that rule and the node it fails on.
Shared by test_shapes.py (pyshacl) and test_jena_shacl.py (Apache Jena)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox

from repgraph.namespaces import OA, PROV, RDF, RG, SCHEMA, SKOS, VOCAB, XSD

N = ox.NamedNode


def typed(value: str, datatype: str) -> ox.Literal:
    return ox.Literal(value, datatype=N(XSD + datatype))


class Graph:
    """An appeal graph being broken: its quads, with small edits by subject and predicate IRIs."""

    def __init__(self, quads: list[ox.Quad]):
        self.quads = list(quads)
        self.name = quads[0].graph_name

    def first(self, cls: str, having: str | None = None) -> str:
        """The first node (in IRI order) of class CLS, with a value for HAVING if given."""
        nodes = {q.subject.value for q in self.quads if q.predicate.value == RDF + "type" and q.object.value == cls}
        if having:
            nodes &= {q.subject.value for q in self.quads if q.predicate.value == having}
        assert nodes, f"the seed graph has no {cls} with {having}: pick another node for this case"
        return min(nodes)

    def value(self, s: str, p: str) -> ox.NamedNode | ox.Literal:
        return min((q.object for q in self.quads if q.subject.value == s and q.predicate.value == p), key=str)

    def drop(self, s: str, p: str) -> None:
        self.quads = [q for q in self.quads if not (q.subject.value == s and q.predicate.value == p)]

    def add(self, s: str, p: str, o) -> None:
        self.quads.append(ox.Quad(N(s), N(p), o if isinstance(o, (ox.NamedNode, ox.Literal)) else ox.Literal(o), self.name))

    def set(self, s: str, p: str, o) -> None:
        self.drop(s, p)
        self.add(s, p, o)


@dataclass(frozen=True)
class Case:
    name: str
    rule: str                          # Problem.rule of the result that must appear
    mutate: Callable[[Graph], str]     # breaks the graph, returns the node the rule must fail on


CASES: list[Case] = []


def case(rule: str):
    def register(mutate: Callable[[Graph], str]) -> Callable[[Graph], str]:
        CASES.append(Case(mutate.__name__, rule, mutate))
        return mutate
    return register


@cache
def valid_graph() -> tuple[str, tuple[ox.Quad, ...]]:
    """The named graph IRI and quads of the seed appeal as the build maps them."""
    from pathlib import Path

    from repgraph.build import prepare
    from repgraph.identity import Registry
    seed = Path(__file__).resolve().parents[1] / "data" / "appeals" / "seed-tajikistan-khakimova.txt"
    (graph, quads), = prepare([seed], Registry({})).graphs.items()
    return graph, tuple(quads)


def broken_graph(c: Case) -> tuple[list[ox.Quad], str]:
    """The quads of the valid graph broken by case C, and the node the rule must fail on."""
    g = Graph(list(valid_graph()[1]))
    focus = c.mutate(g)
    return g.quads, focus


APPEAL, PERSON, ORG = RG + "Appeal", RG + "Person", RG + "Organisation"
ADDRESSEE, ANNOTATION, TARGET = RG + "Addressee", OA + "Annotation", OA + "SpecificResource"


def a_person(g: Graph) -> ox.NamedNode:
    """A value that is a node of the wrong class: the first person of the graph."""
    return N(g.first(PERSON))


# One edit of the first node of a class: (case, rule that must fail, class, property the node must have
# or None, edit ("drop", "set" or "add"), property, value or a function of the graph giving it).
EDITS = [
    ("appeal_without_code", "rgs:AppealShape rg:code sh:minCount", APPEAL, None, "drop", RG + "code", None),
    ("appeal_with_two_codes", "rgs:AppealShape rg:code sh:maxCount", APPEAL, None, "add", RG + "code", "XYZ 999"),
    ("printed_code_not_boolean", "rgs:AppealShape rg:hasPrintedCode sh:datatype", APPEAL, None, "set",
     RG + "hasPrintedCode", "yes"),
    ("negative_follow_up", "rgs:AppealShape rg:followUpNumber sh:minInclusive", APPEAL, None, "set",
     RG + "followUpNumber", typed("-1", "integer")),
    ("date_published_impossible", "rgs:AppealShape schema:datePublished sh:datatype", APPEAL, None, "set",
     SCHEMA + "datePublished", typed("2025-02-30", "date")),
    ("date_published_as_words", "rgs:AppealShape schema:datePublished sh:datatype", APPEAL, None, "set",
     SCHEMA + "datePublished", "3 March 2025"),
    ("country_not_a_concept", "rgs:AppealShape rg:country sh:pattern", APPEAL, None, "set", RG + "country",
     N("https://w3id.org/repgraph/id/country/tajikistan")),
    ("country_code_alpha3", "rgs:AppealShape rg:countryCode sh:pattern", APPEAL, None, "set", RG + "countryCode", "TJK"),
    ("category_not_a_concept", "rgs:AppealShape rg:category sh:in", APPEAL, None, "add", RG + "category",
     N(VOCAB + "violation/bad_weather")),
    ("content_hash_short", "rgs:AppealShape rg:contentHash sh:pattern", APPEAL, None, "set", RG + "contentHash", "abc123"),
    ("appeal_without_text", "rgs:AppealShape rg:text sh:minCount", APPEAL, None, "drop", RG + "text", None),
    ("addressee_not_an_addressee", "rgs:AppealShape rg:addressee sh:class", APPEAL, None, "add", RG + "addressee", a_person),
    ("issuer_not_an_organisation", "rgs:AppealShape rg:issuer sh:class", APPEAL, None, "add", RG + "issuer", a_person),
    ("addressee_without_name", "rgs:AddresseeShape schema:name sh:minCount", ADDRESSEE, None, "drop", SCHEMA + "name", None),
    ("addressee_email_garbled", "rgs:AddresseeShape schema:email sh:pattern", ADDRESSEE, SCHEMA + "email", "set",
     SCHEMA + "email", "president at gov dot tj"),
    ("event_without_evidence", "rgs:ProvenanceShape rg:evidence sh:minCount", RG + "Event", None, "drop", RG + "evidence", None),
    ("confidence_above_one", "rgs:ProvenanceShape rg:confidence sh:maxInclusive", RG + "Charge", None, "set",
     RG + "confidence", typed("1.5", "decimal")),
    ("person_without_rule", "rgs:ProvenanceShape rg:extractedBy sh:minCount", PERSON, None, "drop", RG + "extractedBy", None),
    ("evidence_about_another_node", "rgs:EvidenceShape ^rg:evidence sh:equals", ANNOTATION, None, "set", OA + "hasBody",
     lambda g: N(g.first(APPEAL))),
    ("evidence_commenting", "rgs:EvidenceShape oa:motivatedBy sh:hasValue", ANNOTATION, None, "set", OA + "motivatedBy",
     N(OA + "commenting")),
    ("evidence_without_target", "rgs:EvidenceShape oa:hasTarget sh:minCount", ANNOTATION, None, "drop", OA + "hasTarget", None),
    ("target_in_a_person", "rgs:TargetShape oa:hasSource sh:class", TARGET, None, "set", OA + "hasSource", a_person),
    ("empty_quote", "rgs:QuoteShape oa:exact sh:minLength", OA + "TextQuoteSelector", None, "set", OA + "exact", ""),
    ("position_ends_before_start", "rgs:PositionShape oa:start sh:lessThan", OA + "TextPositionSelector", None, "set",
     OA + "start", typed("99999", "integer")),
    ("position_negative", "rgs:PositionShape oa:start sh:minInclusive", OA + "TextPositionSelector", None, "set",
     OA + "start", typed("-3", "integer")),
    ("person_with_two_names", "rgs:PersonShape schema:name sh:maxCount", PERSON, SCHEMA + "name", "add", SCHEMA + "name",
     "Somebody Else"),
    ("gender_not_in_list", "rgs:PersonShape schema:gender sh:in", PERSON, SCHEMA + "gender", "set", SCHEMA + "gender",
     N(SCHEMA + "Unknown")),
    ("role_not_in_vocabulary", "rgs:PersonShape rg:role sh:in", PERSON, None, "add", RG + "role", "astronaut"),
    ("age_impossible", "rgs:PersonShape rg:age sh:maxInclusive", PERSON, None, "set", RG + "age", typed("230", "integer")),
    ("person_in_no_appeal", "rgs:PersonShape rg:mentionedIn sh:minCount", PERSON, None, "drop", RG + "mentionedIn", None),
    ("minor_not_sensitive", "rgs:SensitivePersonShape sh:or", PERSON, SCHEMA + "name", "add", RG + "minor",
     typed("true", "boolean")),
    ("unnamed_not_sensitive", "rgs:SensitivePersonShape sh:or", PERSON, RG + "unnamed", "drop", RG + "sensitive", None),
    ("organisation_kind_not_a_concept", "rgs:OrganisationShape rg:kind sh:in", ORG, None, "set", RG + "kind",
     N(VOCAB + "org-kind/club")),
    ("organisation_without_name", "rgs:OrganisationShape schema:name sh:minCount", ORG, None, "drop", SCHEMA + "name", None),
    ("charge_from_nowhere", "rgs:FactShape prov:wasDerivedFrom sh:minCount", RG + "Charge", None, "drop",
     PROV + "wasDerivedFrom", None),
    ("membership_of_an_organisation", "rgs:FactShape rg:person sh:class", RG + "Membership", None, "set", RG + "person",
     lambda g: N(g.first(ORG))),
    ("kinship_relation_not_a_concept", "rgs:KinshipShape rg:relation sh:in", RG + "KinshipTie", None, "set",
     RG + "relation", N(VOCAB + "kinship/friend")),
    ("membership_in_a_person", "rgs:MembershipShape rg:organisation sh:class", RG + "Membership", None, "set",
     RG + "organisation", a_person),
    ("article_as_words", "rgs:ProvisionShape rg:article sh:pattern", RG + "LegalProvision", None, "set", RG + "article",
     "Article 305"),
    ("provision_without_code", "rgs:ProvisionShape rg:legalCode sh:minCount", RG + "LegalProvision", None, "drop",
     RG + "legalCode", None),
    ("legal_code_without_name", "rgs:LegalCodeShape schema:name sh:minCount", RG + "LegalCode", None, "drop",
     SCHEMA + "name", None),
    ("penalty_not_a_concept", "rgs:SentenceShape rg:penalty sh:in", RG + "Sentence", None, "set", RG + "penalty",
     N(VOCAB + "penalty/flogging")),
    ("duration_as_words", "rgs:SentenceShape rg:duration sh:datatype", RG + "Sentence", None, "set", RG + "duration",
     "eight years"),
    ("sentence_date_as_words", "rgs:SentenceShape rg:date sh:node", RG + "Sentence", None, "set", RG + "date", "last spring"),
    ("court_is_a_person", "rgs:SentenceShape rg:court sh:class", RG + "Sentence", None, "set", RG + "court", a_person),
    ("event_type_not_a_concept", "rgs:EventShape rg:eventType sh:in", RG + "Event", None, "set", RG + "eventType",
     N(VOCAB + "event/party")),
    ("event_month_impossible", "rgs:EventShape rg:date sh:node", RG + "Event", RG + "date", "set", RG + "date",
     typed("2024-13", "gYearMonth")),
]


def _edit(cls: str, having: str | None, how: str, path: str, value) -> Callable[[Graph], str]:
    def mutate(g: Graph) -> str:
        s = g.first(cls, having)
        if how == "drop":
            g.drop(s, path)
        else:
            getattr(g, how)(s, path, value(g) if callable(value) else value)
        return s
    return mutate


CASES.extend(Case(name, rule, _edit(*edit)) for name, rule, *edit in EDITS)


# ---- edits of more than one triple ----
def _a_detail(g: Graph) -> str:
    """The seed states no private detail: its first event made into a complete rg:SensitiveDetail."""
    s = g.first(RG + "Event")
    for p in (RDF + "type", RG + "eventType", RG + "date", RG + "court", RG + "person"):
        g.drop(s, p)
    g.add(s, RDF + "type", N(RG + "SensitiveDetail"))
    g.add(s, RG + "detailKind", N(VOCAB + "sensitive/health"))
    g.add(s, RG + "sensitive", typed("true", "boolean"))
    return s


@case("rgs:SensitiveDetailShape rg:detailKind sh:in")
def detail_kind_not_a_concept(g):
    s = _a_detail(g)
    g.set(s, RG + "detailKind", N(VOCAB + "sensitive/shoe-size"))
    return s


@case("rgs:SensitiveDetailShape rg:sensitive sh:hasValue")
def detail_not_marked_sensitive(g):
    s = _a_detail(g)
    g.set(s, RG + "sensitive", typed("false", "boolean"))
    return s


@case("rgs:AddresseeShape ^rg:addressee sh:minCount")
def addressee_of_no_appeal(g):
    s = g.first(ADDRESSEE)
    g.quads = [q for q in g.quads if not (q.predicate.value == RG + "addressee" and q.object.value == s)]
    return s


@case("rgs:TargetShape oa:hasSelector sh:qualifiedMinCount")
def target_without_quote(g):
    s = g.first(TARGET)
    quote = g.value(s, OA + "hasSelector")
    g.quads = [q for q in g.quads if not (q.subject.value == s and q.object == quote)]
    return s


@case("rgs:PersonShape sh:or")
def person_without_name(g):
    s = g.first(PERSON, SCHEMA + "name"); g.drop(s, SCHEMA + "name"); g.drop(s, SKOS + "altLabel"); return s


@case("rgs:UnnamedPersonShape schema:name sh:maxCount")
def named_person_marked_unnamed(g):
    s = g.first(PERSON, SCHEMA + "name"); g.add(s, RG + "unnamed", typed("true", "boolean"))
    g.add(s, RG + "sensitive", typed("true", "boolean")); return s


@case("rgs:FoldedNameShape sh:class")
def folded_name_of_an_organisation(g):
    s = g.first(ORG); g.add(s, RG + "foldedName", "some organisation"); return s


@case("rgs:KinshipShape rg:relative sh:disjoint")
def kinship_with_oneself(g):
    s = g.first(RG + "KinshipTie"); g.set(s, RG + "relative", g.value(s, RG + "person")); return s


@case("rgs:ChargeShape sh:or")
def charge_without_offence_or_provision(g):
    s = g.first(RG + "Charge"); g.drop(s, RG + "offence"); g.drop(s, RG + "provision"); return s


@case("rgs:EventShape rg:eventType sh:maxCount")
def event_with_two_types(g):
    s = g.first(RG + "Event"); g.add(s, RG + "eventType", N(VOCAB + "event/arrest"))
    g.add(s, RG + "eventType", N(VOCAB + "event/release")); return s
