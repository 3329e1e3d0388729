"""Extraction: an Appeal in, plain Facts out (no RDF here).

Each step is its own module: organisations, persons (with mentions and coreference),
then the ties, charges, sentences and events that refer to them.
"""
from __future__ import annotations

from ..appeal import Appeal
from ..facts import Facts
from . import charges, events, kinship, memberships, orgs, penalties, sensitive
from .context import Dates
from .doc import Doc
from .participants import Participants
from .persons import find_persons


def extract(appeal: Appeal) -> Facts:
    doc = Doc(appeal)
    addressee_spans = [(doc.to_repaired(a.start), doc.to_repaired(a.end)) for a in appeal.addressees]
    person_addressees = [span for span, a in zip(addressee_spans, appeal.addressees) if a.position]
    mentions = orgs.find_mentions(doc, person_addressees)
    organisations, org_at = orgs.organisations(doc, mentions)
    masked = [(m.start, m.end + m.tail) for m in mentions] + addressee_spans
    index = find_persons(doc, masked)
    facts = Facts(organisations=organisations)
    parts = Participants(doc, index)
    kinship.extract(doc, index, parts, facts)
    memberships.extract(doc, parts, mentions, org_at, facts)
    charges.extract(doc, parts, facts)
    dates = Dates(doc)
    penalties.extract(doc, parts, dates, mentions, org_at, facts)
    events.extract(doc, parts, dates, facts)
    events.from_sentences(facts)
    sensitive.extract(doc, facts)
    facts.persons = index.persons
    if appeal.intro:
        s, e = doc.to_repaired(appeal.intro[0]), doc.to_repaired(appeal.intro[1])
        facts.issuers = sorted({org_at[m.start] for m in mentions if s <= m.start < e and m.start in org_at})
    return facts
