"""Plain fact records that the extractor produces from an appeal: no RDF here.

Every fact carries its Evidence: where in the appeal's text it is stated, the quote,
the rule that produced it and how confident that rule is.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Evidence:
    start: int          # character offsets into Appeal.text
    end: int
    quote: str
    rule: str           # the extraction rule (or curation) that produced the fact
    confidence: float = 0.9


@dataclass
class Person:
    key: str                                  # identity inside the appeal (the canonical name, folded)
    name: str = ""                            # display name; "" for an unnamed relative
    variants: list[str] = field(default_factory=list)
    gender: str = ""                          # "female", "male" or ""
    roles: list[str] = field(default_factory=list)
    age: int | None = None
    minor: bool = False
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def unnamed(self) -> bool:
        return not self.name


@dataclass
class Organisation:
    key: str
    name: str
    kind: str = "other"
    variants: list[str] = field(default_factory=list)
    acronym: str = ""
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Kinship:
    person: str           # Person.key
    relative: str         # Person.key of the relative (an unnamed Person for "her mother")
    relation: str         # kinship notation, the relative as seen from the person
    evidence: Evidence


@dataclass
class Membership:
    person: str
    organisation: str     # Organisation.key
    role: str
    evidence: Evidence


@dataclass
class Charge:
    person: str
    offence: str
    article: str = ""
    legal_code: str = ""
    evidence: Evidence | None = None


@dataclass
class Sentence:
    person: str
    penalty: str          # penalty notation
    duration: str = ""    # xsd:duration
    date: str = ""        # ISO date at the text's precision
    court: str = ""       # Organisation.key
    amount: str = ""
    evidence: Evidence | None = None


@dataclass
class Event:
    person: str
    type: str             # event type notation
    date: str = ""
    court: str = ""       # Organisation.key where a court acts
    evidence: Evidence | None = None


@dataclass
class SensitiveDetail:
    kind: str             # notation of a concept of rg:SensitiveDetailKinds
    evidence: Evidence    # its quote is the detail itself, which public mode masks


@dataclass
class Facts:
    """Everything extracted from one appeal."""
    persons: dict[str, Person] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    kinship: list[Kinship] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    charges: list[Charge] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    issuers: list[str] = field(default_factory=list)     # Organisation keys
    sensitive: list[SensitiveDetail] = field(default_factory=list)
