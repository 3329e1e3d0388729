"""Named persons: honorific mentions, capitalised name runs that pass the blockers, and the
mentions (surname only, title-line spellings, pronouns) tied to the same person."""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache

from ..facts import Person
from ..text import fold
from ..vocab import countries, org_kinds, roles
from .doc import Doc

UPPER = "A-ZÀ-ÖØ-ÞİŞÇĞÖÜĀ-Ž"
TOKEN = rf"[{UPPER}][\w-]*(?:['’](?!s\b)[\w-]+)*(?:['’]s\b)?"
PARTICLE = r"(?:al|el|ad|as|ash|ibn|bin|bint|abu|van|von|de|da|di|du|dos|del|der|la|le|ben)"
NAME = rf"{TOKEN}(?:[ \t]+(?:{PARTICLE}[ \t]+)?(?:{PARTICLE}-)?{TOKEN}|[ \t]+{PARTICLE}-{TOKEN}){{0,4}}"
HONORIFIC = r"(?:Mr|Mrs|Ms|Miss|Mses|Messrs|Mmes|Dr|Prof|Professor)"
HONORIFIC_NAME = re.compile(rf"\b(?P<hon>{HONORIFIC})\.?[ \t]+(?P<name>{NAME})")
HONORIFIC_LIST = re.compile(rf"\b(?P<hon>Messrs|Mses|Mmes)\.?[ \t]+(?P<list>{NAME}(?:\s*,\s*{NAME})*(?:\s*,?\s*and\s+{NAME})?)")
NAME_RUN = re.compile(NAME)
GENDER_OF_HONORIFIC = {"mr": "male", "messrs": "male", "mrs": "female", "ms": "female", "miss": "female",
                       "mses": "female", "mmes": "female"}
TITLES = {"President", "Vice", "Vice-President", "Prime", "Minister", "Judge", "Justice", "Prosecutor", "General",
          "Secretary", "State", "Director", "Chairman", "Chairwoman", "Chair", "Head", "Deputy", "Lawyer", "Attorney",
          "Journalist", "Activist", "Activists", "Defender", "Editor", "Dr", "Professor", "Prof", "Sheikh", "Imam",
          "Colonel", "Major", "Captain", "Lieutenant", "Sergeant", "Officer", "Commissioner", "Rapporteur",
          "Ambassador", "Governor", "Mayor", "Senator", "King", "Queen", "Prince", "Emir", "Sultan", "Ayatollah",
          "Leader", "Chief", "Pro-democracy", "Human", "Rights", "Nobel", "Peace", "Prize", "Winner", "U.S.", "UN",
          "EU", "Late", "Former", "Mr", "Ms", "Mrs", "Messrs", "Mses", "Dear", "Father", "Pastor", "Bishop",
          "Opposition", "Blogger", "Poet", "Writer", "Lawyers", "Student", "Students", "Reporter", "Youth", "Counsellor",
          "Counselor", "Advocate", "Engineer", "Brigadier", "Detective", "Inspector", "Investigator", "Chairwoman"}
BLOCKERS = {
    "The", "This", "That", "These", "Those", "On", "In", "At", "By", "For", "From", "Of", "And", "But", "Or", "To",
    "According", "However", "Moreover", "Meanwhile", "Since", "During", "After", "Before", "While", "When",
    "Although", "Despite", "Until", "Following", "Furthermore", "Indeed", "Likewise", "Also", "Both", "All", "Its",
    "His", "Her", "Their", "He", "She", "They", "We", "It", "Our", "Your", "A", "An", "Please", "Kindly", "Urgent",
    "Appeal", "Appeals", "Action", "Actions", "Interventions", "Intervention", "Information", "Description",
    "Situation", "Observatory", "Article", "Articles", "Art", "Part", "Code", "Criminal", "Constitution", "Law",
    "Republic", "Federation", "Government", "Authorities", "Police", "Court", "Prison", "Colony", "Centre", "Center",
    "District", "Region", "Province", "City", "Village", "Street", "Square", "University", "School", "Hospital",
    "Airport", "Station", "Internet", "Facebook", "Twitter", "Telegram", "YouTube", "Instagram", "WhatsApp",
    "Islam", "Islamic", "Muslim", "Christian", "Covid", "COVID-19", "Ramadan", "Christmas", "North", "South", "East",
    "West", "Eastern", "Western", "Central", "Northern", "Southern", "Europe", "European", "Asia", "Africa",
    "America", "Caucasus", "Middle", "Day", "International", "National", "Award", "Index", "Further", "Date",
    "New", "Background", "Release", "Arbitrary", "Judicial", "Harassment", "Detention", "Criminalisation",
    "Administrative", "Ongoing", "Pursuit", "Deterioration", "Confirmation", "Email", "E-mail", "Tel", "Fax",
    "Geneva", "Paris", "Brussels", "Version", "Kremlin", "Parliament", "Ministry", "Office", "Council", "Union",
    "Party", "Committee", "Agency", "Service", "Security", "Revolution", "Anniversary", "Signatures", "Campaign",
    "Working", "Group", "Commission", "Assembly", "Prosecution", "Defence", "Defense", "Bar", "Association",
    "Memorial", "Amnesty", "Reuters", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December", "Climate", "Impunity", "Share", "Print", "Source", "Photo", "Credit", "Read", "More", "See",
    "Update", "Statement", "Press", "Contact", "Dissent", "Ukraine", "UN", "US", "EU", "NGO", "Twitter", "God",
    "Allah", "Sharia", "River", "Delta", "Lake", "Mountain", "Mountains", "Valley", "Sea", "Island", "Islands", "Bay",
    "Gulf", "Desert", "Coast", "Park", "Forest", "Canal", "Peninsula", "Plateau", "Basin", "Bridge", "Road", "Avenue",
    "Today", "Times", "News", "Daily", "Weekly", "Online", "Indigenous", "Native", "Aboriginal", "Clean", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven",
    "Twelve", "Several", "Many", "Some", "Other", "Another", "Affairs", "Internal", "Justice", "Foreign", "Supreme", "High", "Higher", "Grand", "Chamber", "Cassation", "Prize", "Nobel", "Peace"}
PRONOUNS = {"he": "male", "him": "male", "his": "male", "himself": "male",
            "she": "female", "her": "female", "hers": "female", "herself": "female"}
VERB_AFTER = re.compile(r"^(?:\s*,[^,.]{1,25},)?\s+(?:is|was|has been|had been|remains|remained)\s+(?:still\s+)?"
                        r"(?:detained|arrested|imprisoned|held|in detention|in prison|sentenced|released|charged)\b")
KIN_BEFORE = re.compile(r"\b(?:his|her|their|[A-Z]\w+['’]s?)\s+(?:\w+\s+)?(?:brother|sister|son|daughter|father|mother|"
                        r"husband|wife|uncle|aunt|cousin|nephew|niece)\s*,\s*$")
FEMALE_KIN = {"wife", "widow", "mother", "daughter", "sister", "aunt", "niece", "grandmother", "granddaughter"}
KIN_GENDER = re.compile(r"\b(wife|widow|mother|daughter|sister|aunt|niece|grandmother|granddaughter|husband|father|son|"
                        r"brother|uncle|nephew|grandfather|grandson),?\s*(?:(?:Mr|Ms|Mrs)\.?\s*)?$", re.I)
PLACE_AFTER = re.compile(r"\s+(?:region|district|province|oblast|city|village|town|street|square|county|republic)\b")
AGE_BEFORE = re.compile(r"\b(\d{1,2})-year-old\s+(?:[a-z]+\s+){0,2}?(?:son|daughter|child|brother|sister|nephew|niece|"
                        r"grandson|granddaughter|boy|girl|student|pupil|activist|journalist)?,?\s*(?:(?:Mr|Ms|Mrs|Miss)\.?\s*)?$")
BYLINE = re.compile(r"\s+(?:for|of)\s+[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3}\s+(?:reported|reports|writes|wrote)\b")
AGE = re.compile(r"\b(?:a|an)\s+(\d{1,2})-year-old\b|\b(?:was|is|aged)\s+(\d{1,2})(?:\s+years?\s+old)?\b")


@dataclass
class Mention:
    start: int
    end: int
    key: str
    text: str
    rule: str


@cache
def _blocked_words() -> frozenset[str]:
    words = set(BLOCKERS)
    for c in countries():
        for n in c.names + c.demonyms:
            words.update(n.split())
    for k in org_kinds():
        for kw in k.keywords:
            if kw[:1].isupper() and " " not in kw:
                words.add(kw)
    return frozenset(words)


def _strip_titles(tokens: list[str]) -> list[str]:
    while tokens and (tokens[0].rstrip(".") in TITLES or tokens[0] in _blocked_words()):
        tokens = tokens[1:]
    return tokens


def _clean_tokens(name: str) -> list[str]:
    tokens = [re.sub(r"['’]s$", "", t).rstrip(".,-") for t in name.split()]
    tokens = _strip_titles([t for t in tokens if t])
    while len(tokens) > 1 and tokens[-1].isupper() and len(tokens[-1]) > 1:    # "Mammadov- AZE 001": a code, not a name
        tokens.pop()
    return tokens


def _is_name(tokens: list[str]) -> bool:
    if len(tokens) < 2 or len(tokens) > 5:
        return False
    blocked = _blocked_words()
    caps = [t for t in tokens if t[0].isupper()]
    if any(t in blocked or t.rstrip(".") in TITLES for t in caps):
        return False
    if any(t.isupper() and len(t) > 1 for t in caps):     # acronyms are not names
        return False
    if any(len(t) < 2 or any(ch.isdigit() for ch in t) for t in caps):
        return False
    return tokens[-1][0].isupper()


def _spelt_alike(a: list[str], b: list[str]) -> bool:
    """Given names that are one name in two spellings: same initial, nearly the same letters."""
    x, y = " ".join(a), " ".join(b)
    return x[:1] == y[:1] and SequenceMatcher(None, x, y).ratio() >= 0.8


class PersonIndex:
    """The persons of one appeal and every mention tied to them."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.persons: dict[str, Person] = {}
        self.first: dict[str, int] = {}          # where each person is first named
        self.mentions: list[Mention] = []

    # -- entities --------------------------------------------------------
    def _match(self, tokens: list[str], gender: str = "") -> str | None:
        """An existing person that TOKENS name: same tokens in any order, or as many words with the same
        family name and a given name spelt alike ('Ruhshona'/'Rukhshona'; not 'Elnura'/'Gulnara', who are
        relatives), or a single word that is one person's family name (an honorific's gender decides
        between 'Mr. Kovalchuk' and 'Ms. Kovalchuk')."""
        folded = [fold(t) for t in tokens]
        for key, p in self.persons.items():
            for name in [p.name] + p.variants:
                other = [fold(t) for t in name.split()]
                if sorted(other) == sorted(folded):
                    return key
                if len(folded) >= 2 and len(other) == len(folded) and _spelt_alike(other[:-1], folded[:-1]) and \
                        SequenceMatcher(None, other[-1], folded[-1]).ratio() >= 0.85:
                    return key
        if len(folded) >= 2:                 # "Mr. Herrera Cruz": the family names of "Tomás Herrera Cruz"
            tails = [key for key, p in self.persons.items()
                     if any(len(n.split()) > len(folded) and [fold(t) for t in n.split()][-len(folded):] == folded
                            for n in [p.name] + p.variants)]
            if len(tails) == 1:
                return tails[0]
        if len(folded) == 1:
            for position in (-1, None):          # a family name first, then any word of a name
                hits = {key for key, p in self.persons.items()
                        if any((folded[0] == fold(n.split()[-1])) if position == -1 else
                               folded[0] in [fold(t) for t in n.split()] for n in [p.name] + p.variants)}
                if gender and len(hits) > 1:
                    hits = {k for k in hits if self.persons[k].gender in (gender, "")} or hits
                if hits:            # of namesakes, the one the appeal introduced first
                    return min(hits, key=lambda k: self.first[k])
        return None

    def add(self, start: int, end: int, tokens: list[str], rule: str, create: bool = True, gender: str = "") -> str | None:
        name = " ".join(tokens)
        key = self._match(tokens, gender)
        if key is None:
            if not create or len(tokens) < 2 and rule not in ("person-single-verb", "person-honorific", "person-kin"):
                return None
            key = fold(name)
            self.persons[key] = Person(key, name, gender=gender)
            self.first[key] = start
        person = self.persons[key]
        self.first[key] = min(self.first[key], start)
        if len(tokens) >= 2 and name != person.name and name not in person.variants:
            if len(name.split()) > len(person.name.split()) and rule != "person-title":
                person.variants.append(person.name)
                person.name = name
            else:
                person.variants.append(name)
        self.mentions.append(Mention(start, end, key, name, rule))
        if (rule != "person-title" or not person.evidence) and len(person.evidence) < 3:
            person.evidence.append(self.doc.evidence(start, end, rule))
        return key

    def at(self, start: int, end: int) -> list[Mention]:
        return sorted((m for m in self.mentions if start <= m.start < end), key=lambda m: m.start)


def find_persons(doc: Doc, masked: list[tuple[int, int]]) -> PersonIndex:
    """Persons named in the title, intro and narrative; MASKED spans (organisations, addressees) are skipped."""
    index = PersonIndex(doc)
    text = doc.text
    regions = [s for s in doc.sents if s.region in ("narrative", "intro")]
    titles = [s for s in doc.sents if s.region == "title"]

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in masked)

    taken: list[tuple[int, int]] = []
    pending = []   # (start, end, tokens, rule, gender)
    for sent in regions:
        for m in HONORIFIC_LIST.finditer(text, sent.start, sent.end):
            for nm in NAME_RUN.finditer(text, m.start("list"), m.end("list")):
                tokens = _clean_tokens(nm.group())
                if tokens and not any(t in _blocked_words() for t in tokens):
                    pending.append((nm.start(), nm.end(), tokens, "person-honorific", GENDER_OF_HONORIFIC[m["hon"].lower()]))
            taken.append((m.start(), m.end()))
        for m in HONORIFIC_NAME.finditer(text, sent.start, sent.end):
            if any(a <= m.start() < b for a, b in taken):
                continue
            tokens = _clean_tokens(m.group("name"))
            tokens = [t for t in tokens[:4]]
            while tokens and tokens[-1] in _blocked_words():
                tokens.pop()
            if tokens:
                pending.append((m.start("name"), m.end("name"), tokens, "person-honorific",
                                GENDER_OF_HONORIFIC.get(m["hon"].lower(), "")))
                taken.append((m.start(), m.end()))
        for m in NAME_RUN.finditer(text, sent.start, sent.end):
            if any(a < m.end() and m.start() < b for a, b in taken) or not free(m.start(), m.end()):
                continue
            raw = m.group()
            if re.search(r"['’]s\s+\S", raw):      # "Tehran’s Evin": a possessive ends a name
                raw = re.split(r"(?<=['’]s)\s", raw)[0]
            tokens = _clean_tokens(raw)
            if _is_name(tokens):
                start = m.start() + raw.find(tokens[0])
                pending.append((start, m.end(), tokens, "person-name", ""))
            elif len(tokens) == 1 and tokens[0] not in _blocked_words() and tokens[0].rstrip(".") not in TITLES:
                pending.append((m.start() + raw.find(tokens[0]), m.end(), tokens, "person-single", ""))
    # full names first, so that single tokens can be tied to them
    pending.sort(key=lambda p: (-len(p[2]), p[0]))
    genders: dict[str, list[str]] = {}
    for start, end, tokens, rule, gender in pending:
        if not text[end:].strip():          # a name cut off by the end of a truncated page
            continue
        if BYLINE.match(text[end:end + 80]):
            continue                        # "Mark Smith for Reuters reported": the reporter, not a person of the case
        if rule == "person-single":
            if PLACE_AFTER.match(text[end:end + 20]):
                continue                    # "the Vladimir region": a place, not Vladimir Putin
            key = index.add(start, end, tokens, rule, create=False)
            if key is None and not tokens[0].isupper():
                if VERB_AFTER.match(text[end:end + 60]):
                    key = index.add(start, end, tokens, "person-single-verb")
                elif KIN_BEFORE.search(text[max(0, start - 40):start]):
                    key = index.add(start, end, tokens, "person-kin")     # "his brother, Karim,"
        else:
            key = index.add(start, end, tokens, rule, gender=gender)
        if key and gender:
            genders.setdefault(key, []).append(gender)
    for sent in titles:
        for m in NAME_RUN.finditer(text, sent.start, sent.end):
            tokens = _clean_tokens(m.group())
            if _is_name(tokens) and free(m.start(), m.end()):
                index.add(m.start(), m.end(), tokens, "person-title")
    for m in index.mentions:         # "his wife, Irina K.": the kinship noun shows her gender
        kin = KIN_GENDER.search(text[max(0, m.start - 30):m.start])
        if kin:
            genders.setdefault(m.key, []).append("female" if kin.group(1).lower() in FEMALE_KIN else "male")
    for key, values in genders.items():
        if len(set(values)) == 1:
            index.persons[key].gender = values[0]
    _pronoun_genders(doc, index)
    _roles_and_ages(doc, index)
    return index


def _pronoun_genders(doc: Doc, index: PersonIndex) -> None:
    """A person alone in a sentence, followed by he/his or she/her there or in the next sentence
    that names nobody, takes that gender when the text never contradicts it."""
    votes: dict[str, set[str]] = {}
    sents = doc.narrative()
    for i, sent in enumerate(sents):
        keys = {m.key for m in index.at(sent.start, sent.end)}
        if len(keys) != 1:
            continue
        key = keys.pop()
        span = doc.text[sent.start:sent.end]
        if i + 1 < len(sents) and not index.at(sents[i + 1].start, sents[i + 1].end):
            span += " " + doc.text[sents[i + 1].start:sents[i + 1].end]
        found = {PRONOUNS[w.lower()] for w in re.findall(r"\b(?:he|himself|she|herself)\b", span, re.I)}
        if found:
            votes.setdefault(key, set()).update(found)
    for key, found in votes.items():
        p = index.persons[key]
        if len(found) == 1 and not p.gender:
            p.gender = found.pop()


@cache
def _role_patterns():
    return [(t.label, p) for t in roles() for p in t.patterns]


def roles_in(span: str) -> list[str]:
    """Role labels named in SPAN, longest wording first, without a role that a longer one contains."""
    found: list[tuple[int, int, str]] = []
    for label, pat in _role_patterns():
        for m in pat.finditer(span):
            found.append((m.start(), m.end(), label))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    out, last_end = [], -1
    for s, e, label in found:
        if s < last_end:
            continue
        last_end = e
        if label not in out:
            out.append(label)
    return out


def _roles_and_ages(doc: Doc, index: PersonIndex) -> None:
    text = doc.text
    for m in index.mentions:
        if m.rule == "person-title":
            continue
        sent = doc.sentence_at(m.start)
        if not sent:
            continue
        person = index.persons[m.key]
        # "journalist Ruhshona Khakimova", "youth activists A, B and C": the words just before the name or list
        before = text[max(sent.start, m.start - 80):m.start]
        before = re.split(r"[.;:]|\b(?:of|by|for|with|against|to|from)\b|\band\b(?![^,]*,)", before)[-1]
        if not re.search(r"[a-z]", before.split(",")[-1] if before.count(",") < 1 else before):
            before = ""
        # ", a 31-year-old prominent independent journalist, human rights defender, and mother of two"
        after = text[m.end:sent.end]
        appos = re.match(r"\s*(?:\([^)]*\))?\s*,\s*((?:a|an|the)\s+[^;]*?|[a-z][\w-]*(?:\s[a-z][\w-]*){0,3}\s(?:of|at)\s[^;]*?)"
                         r"(?=,\s*(?:was|were|is|has|had|who|which)\b|\s+(?:was|were|is|has|had|who|which|said|told)\b|[;.]|$)", after)
        appos_text = re.split(r"\s(?:of|for|to)\s(?:the\s)?(?:late|former)\b", appos.group(1))[0] if appos else ""
        span = before + " | " + appos_text
        for role in roles_in(span):
            if role not in person.roles:
                person.roles.append(role)
        age = AGE.search(appos.group(1) if appos else "") or AGE.search(text[m.end:m.end + 40]) or \
            AGE_BEFORE.search(text[max(0, m.start - 50):m.start])
        if age:
            person.age = int(age.group(1) or age.group(2))
            person.minor = person.age < 18
