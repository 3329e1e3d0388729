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


# ---- rg:Appeal ----
@case("rgs:AppealShape rg:code sh:minCount")
def appeal_without_code(g):
    a = g.first(APPEAL); g.drop(a, RG + "code"); return a


@case("rgs:AppealShape rg:code sh:maxCount")
def appeal_with_two_codes(g):
    a = g.first(APPEAL); g.add(a, RG + "code", "XYZ 999"); return a


@case("rgs:AppealShape rg:hasPrintedCode sh:datatype")
def printed_code_not_boolean(g):
    a = g.first(APPEAL); g.set(a, RG + "hasPrintedCode", "yes"); return a


@case("rgs:AppealShape rg:followUpNumber sh:minInclusive")
def negative_follow_up(g):
    a = g.first(APPEAL); g.set(a, RG + "followUpNumber", typed("-1", "integer")); return a


@case("rgs:AppealShape schema:datePublished sh:datatype")
def date_published_impossible(g):
    a = g.first(APPEAL); g.set(a, SCHEMA + "datePublished", typed("2025-02-30", "date")); return a


@case("rgs:AppealShape schema:datePublished sh:datatype")
def date_published_as_words(g):
    a = g.first(APPEAL); g.set(a, SCHEMA + "datePublished", "3 March 2025"); return a


@case("rgs:AppealShape rg:country sh:pattern")
def country_not_a_concept(g):
    a = g.first(APPEAL); g.set(a, RG + "country", N("https://w3id.org/repgraph/id/country/tajikistan")); return a


@case("rgs:AppealShape rg:countryCode sh:pattern")
def country_code_alpha3(g):
    a = g.first(APPEAL); g.set(a, RG + "countryCode", "TJK"); return a


@case("rgs:AppealShape rg:category sh:in")
def category_not_a_concept(g):
    a = g.first(APPEAL); g.add(a, RG + "category", N(VOCAB + "violation/bad_weather")); return a


@case("rgs:AppealShape rg:contentHash sh:pattern")
def content_hash_short(g):
    a = g.first(APPEAL); g.set(a, RG + "contentHash", "abc123"); return a


@case("rgs:AppealShape rg:text sh:minCount")
def appeal_without_text(g):
    a = g.first(APPEAL); g.drop(a, RG + "text"); return a


@case("rgs:AppealShape rg:addressee sh:class")
def addressee_not_an_addressee(g):
    a = g.first(APPEAL); g.add(a, RG + "addressee", N(g.first(PERSON))); return a


@case("rgs:AppealShape rg:issuer sh:class")
def issuer_not_an_organisation(g):
    a = g.first(APPEAL); g.add(a, RG + "issuer", N(g.first(PERSON))); return a


# ---- rg:Addressee ----
@case("rgs:AddresseeShape schema:name sh:minCount")
def addressee_without_name(g):
    s = g.first(RG + "Addressee"); g.drop(s, SCHEMA + "name"); return s


@case("rgs:AddresseeShape schema:email sh:pattern")
def addressee_email_garbled(g):
    s = g.first(RG + "Addressee", SCHEMA + "email"); g.set(s, SCHEMA + "email", "president at gov dot tj"); return s


@case("rgs:AddresseeShape ^rg:addressee sh:minCount")
def addressee_of_no_appeal(g):
    s = g.first(RG + "Addressee")
    g.quads = [q for q in g.quads if not (q.predicate.value == RG + "addressee" and q.object.value == s)]
    return s


# ---- provenance ----
@case("rgs:ProvenanceShape rg:evidence sh:minCount")
def event_without_evidence(g):
    s = g.first(RG + "Event"); g.drop(s, RG + "evidence"); return s


@case("rgs:ProvenanceShape rg:confidence sh:maxInclusive")
def confidence_above_one(g):
    s = g.first(RG + "Charge"); g.set(s, RG + "confidence", typed("1.5", "decimal")); return s


@case("rgs:ProvenanceShape rg:extractedBy sh:minCount")
def person_without_rule(g):
    s = g.first(PERSON); g.drop(s, RG + "extractedBy"); return s


@case("rgs:EvidenceShape ^rg:evidence sh:equals")
def evidence_about_another_node(g):
    s = g.first(OA + "Annotation"); g.set(s, OA + "hasBody", N(g.first(APPEAL))); return s


@case("rgs:EvidenceShape oa:motivatedBy sh:hasValue")
def evidence_commenting(g):
    s = g.first(OA + "Annotation"); g.set(s, OA + "motivatedBy", N(OA + "commenting")); return s


@case("rgs:EvidenceShape oa:hasTarget sh:minCount")
def evidence_without_target(g):
    s = g.first(OA + "Annotation"); g.drop(s, OA + "hasTarget"); return s


@case("rgs:TargetShape oa:hasSource sh:class")
def target_in_a_person(g):
    s = g.first(OA + "SpecificResource"); g.set(s, OA + "hasSource", N(g.first(PERSON))); return s


@case("rgs:TargetShape oa:hasSelector sh:qualifiedMinCount")
def target_without_quote(g):
    s = g.first(OA + "SpecificResource")
    quote = g.value(s, OA + "hasSelector")
    g.quads = [q for q in g.quads if not (q.subject.value == s and q.object == quote)]
    return s


@case("rgs:QuoteShape oa:exact sh:minLength")
def empty_quote(g):
    s = g.first(OA + "TextQuoteSelector"); g.set(s, OA + "exact", ""); return s


@case("rgs:PositionShape oa:start sh:lessThan")
def position_ends_before_start(g):
    s = g.first(OA + "TextPositionSelector"); g.set(s, OA + "start", typed("99999", "integer")); return s


@case("rgs:PositionShape oa:start sh:minInclusive")
def position_negative(g):
    s = g.first(OA + "TextPositionSelector"); g.set(s, OA + "start", typed("-3", "integer")); return s


# ---- rg:Person ----
@case("rgs:PersonShape sh:xone")
def person_without_name(g):
    s = g.first(PERSON, SCHEMA + "name"); g.drop(s, SCHEMA + "name"); g.drop(s, SKOS + "altLabel"); return s


@case("rgs:PersonShape sh:xone")
def named_person_marked_unnamed(g):
    s = g.first(PERSON, SCHEMA + "name"); g.add(s, RG + "unnamed", typed("true", "boolean"))
    g.add(s, RG + "sensitive", typed("true", "boolean")); return s


@case("rgs:PersonShape schema:name sh:maxCount")
def person_with_two_names(g):
    s = g.first(PERSON, SCHEMA + "name"); g.add(s, SCHEMA + "name", "Somebody Else"); return s


@case("rgs:PersonShape schema:gender sh:in")
def gender_not_in_list(g):
    s = g.first(PERSON, SCHEMA + "gender"); g.set(s, SCHEMA + "gender", N(SCHEMA + "Unknown")); return s


@case("rgs:PersonShape rg:role sh:in")
def role_not_in_vocabulary(g):
    s = g.first(PERSON); g.add(s, RG + "role", "astronaut"); return s


@case("rgs:PersonShape rg:age sh:maxInclusive")
def age_impossible(g):
    s = g.first(PERSON); g.set(s, RG + "age", typed("230", "integer")); return s


@case("rgs:PersonShape rg:mentionedIn sh:minCount")
def person_in_no_appeal(g):
    s = g.first(PERSON); g.drop(s, RG + "mentionedIn"); return s


@case("rgs:SensitivePersonShape sh:or")
def minor_not_sensitive(g):
    s = g.first(PERSON, SCHEMA + "name"); g.add(s, RG + "minor", typed("true", "boolean")); return s


@case("rgs:SensitivePersonShape sh:or")
def unnamed_not_sensitive(g):
    s = g.first(PERSON, RG + "unnamed"); g.drop(s, RG + "sensitive"); return s


# ---- rg:Organisation ----
@case("rgs:OrganisationShape rg:kind sh:in")
def organisation_kind_not_a_concept(g):
    s = g.first(ORG); g.set(s, RG + "kind", N(VOCAB + "org-kind/club")); return s


@case("rgs:OrganisationShape schema:name sh:minCount")
def organisation_without_name(g):
    s = g.first(ORG); g.drop(s, SCHEMA + "name"); return s


# ---- facts ----
@case("rgs:FactShape prov:wasDerivedFrom sh:minCount")
def charge_from_nowhere(g):
    s = g.first(RG + "Charge"); g.drop(s, PROV + "wasDerivedFrom"); return s


@case("rgs:FactShape rg:person sh:class")
def membership_of_an_organisation(g):
    s = g.first(RG + "Membership"); g.set(s, RG + "person", N(g.first(ORG))); return s


@case("rgs:KinshipShape rg:relation sh:in")
def kinship_relation_not_a_concept(g):
    s = g.first(RG + "KinshipTie"); g.set(s, RG + "relation", N(VOCAB + "kinship/friend")); return s


@case("rgs:KinshipShape rg:relative sh:disjoint")
def kinship_with_oneself(g):
    s = g.first(RG + "KinshipTie"); g.set(s, RG + "relative", g.value(s, RG + "person")); return s


@case("rgs:MembershipShape rg:organisation sh:class")
def membership_in_a_person(g):
    s = g.first(RG + "Membership"); g.set(s, RG + "organisation", N(g.first(PERSON))); return s


@case("rgs:ChargeShape sh:or")
def charge_without_offence_or_provision(g):
    s = g.first(RG + "Charge"); g.drop(s, RG + "offence"); g.drop(s, RG + "provision"); return s


@case("rgs:ProvisionShape rg:article sh:pattern")
def article_as_words(g):
    s = g.first(RG + "LegalProvision"); g.set(s, RG + "article", "Article 305"); return s


@case("rgs:ProvisionShape rg:legalCode sh:minCount")
def provision_without_code(g):
    s = g.first(RG + "LegalProvision"); g.drop(s, RG + "legalCode"); return s


@case("rgs:LegalCodeShape schema:name sh:minCount")
def legal_code_without_name(g):
    s = g.first(RG + "LegalCode"); g.drop(s, SCHEMA + "name"); return s


@case("rgs:SentenceShape rg:penalty sh:in")
def penalty_not_a_concept(g):
    s = g.first(RG + "Sentence"); g.set(s, RG + "penalty", N(VOCAB + "penalty/flogging")); return s


@case("rgs:SentenceShape rg:duration sh:datatype")
def duration_as_words(g):
    s = g.first(RG + "Sentence"); g.set(s, RG + "duration", "eight years"); return s


@case("rgs:SentenceShape rg:date sh:node")
def sentence_date_as_words(g):
    s = g.first(RG + "Sentence"); g.set(s, RG + "date", "last spring"); return s


@case("rgs:SentenceShape rg:court sh:class")
def court_is_a_person(g):
    s = g.first(RG + "Sentence"); g.set(s, RG + "court", N(g.first(PERSON))); return s


@case("rgs:EventShape rg:eventType sh:in")
def event_type_not_a_concept(g):
    s = g.first(RG + "Event"); g.set(s, RG + "eventType", N(VOCAB + "event/party")); return s


@case("rgs:EventShape rg:eventType sh:maxCount")
def event_with_two_types(g):
    s = g.first(RG + "Event"); g.add(s, RG + "eventType", N(VOCAB + "event/arrest"))
    g.add(s, RG + "eventType", N(VOCAB + "event/release")); return s


@case("rgs:EventShape rg:date sh:node")
def event_month_impossible(g):
    s = g.first(RG + "Event", RG + "date"); g.set(s, RG + "date", typed("2024-13", "gYearMonth")); return s
