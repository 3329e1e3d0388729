"""Kinship ties: 'her uncle, Shokirjon Khakimov', 'Safarov's father, Eldar Sabiroglu', 'her mother',
'mother of two young children'; the relation is the relative's, as seen from the person."""
from __future__ import annotations

import re
from functools import cache

from ..facts import Facts, Kinship, Person
from ..vocab import kinship as relations
from .context import NUMBER_WORDS
from .doc import Doc
from .participants import Participants
from .persons import PersonIndex

COUNT = r"(?:two|three|four|five|six|seven|eight|nine|ten|\d+)"
REPRESSION = re.compile(r"\b(?:harass\w*|threat\w*|arrest\w*|detain\w*|summon\w*|interrogat\w*|forced|beat\w*|attack\w*|"
                        r"pressur\w*|persecut\w*|intimidat\w*|reprisals?|search\w*|raid\w*|abduct\w*|killed|fired|dismissed)\b", re.I)


@cache
def _words() -> dict[str, tuple[str, bool]]:
    """Each kinship word ('uncle', 'sons') -> (relation notation, plural)."""
    out = {}
    for rel in relations().values():
        for label in rel.labels:
            out[label.lower()] = (rel.notation, label.lower() != rel.labels[-1].lower() and label.lower().endswith("s")
                                  or label.lower() in ("children", "grandchildren", "family members", "wives"))
    return out


@cache
def _pattern() -> re.Pattern:
    words = "|".join(sorted((re.escape(w) for w in _words()), key=len, reverse=True))
    return re.compile(rf"\b(?P<poss>his|her|their|[A-Z][\w-]+['’]s?)\s+(?:(?P<count>{COUNT})\s+)?"
                      rf"(?:(?:young|younger|youngest|elder|eldest|older|oldest|late|minor|adult|teenage|infant|own|"
                      rf"little|baby|\d{{1,2}}-year-old)\s+)?(?P<rel>{words})\b", re.I)


@cache
def _of_pattern() -> re.Pattern:
    words = "|".join(sorted((re.escape(w) for w in _words()), key=len, reverse=True))
    return re.compile(rf"\b(?P<rel>{words})\s+of\s+(?P<count>{COUNT})\s+(?:\w+\s+)?(?P<rel2>children|sons|daughters)\b", re.I)


def extract(doc: Doc, index: PersonIndex, parts: Participants, facts: Facts) -> None:
    text = doc.text
    named: list[Kinship] = []
    unnamed: dict[tuple[str, str], tuple[int, object]] = {}
    for sent in doc.narrative():
        refs = parts.refs.get(sent.start, [])
        for m in _pattern().finditer(text, sent.start, sent.end):
            rel, plural = _words()[m.group("rel").lower()]
            poss = m.group("poss")
            owner = [r for r in refs if r.start == m.start("poss")] or \
                [r for r in refs if r.start <= m.start("poss") < r.end and len(r.keys) == 1]
            if not owner:
                continue
            persons = list(owner[0].keys)
            after = text[m.end():m.end() + 80]
            name = re.match(r"\s*,?\s*(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?", after)
            relative = [x for x in index.at(m.end(), m.end() + (name.end() if name else 0) + 3) if x.rule != "person-title"]
            if relative and len(persons) == 1 and relative[0].key != persons[0]:
                ev = doc.evidence(m.start(), relative[0].end, "kinship:named", 0.9)
                named.append(Kinship(persons[0], relative[0].key, rel, ev))
                continue
            if rel == "relative" and not _targeted(text, m.start(), m.end()):
                continue        # "her family reported": only a family that is itself harassed, threatened... counts
            if poss.lower() in ("his", "her") and any(
                    index.persons[k].gender != ("male" if poss.lower() == "his" else "female") for k in persons):
                continue        # an unnamed relative needs a possessor whose gender the text has shown
            count = NUMBER_WORDS.get((m.group("count") or "").lower()) or (int(m.group("count")) if (m.group("count") or "").isdigit() else 0)
            if not count:
                count = 2 if plural and rel in ("child", "son", "daughter", "brother", "sister", "sibling", "grandchild") else 1
            ev = doc.evidence(m.start(), m.end(), "kinship:unnamed", 0.75)
            for key in persons:
                if poss.lower() in ("his", "her", "their") or key:
                    prev = unnamed.get((key, rel))
                    if prev is None or count > prev[0]:
                        unnamed[(key, rel)] = (count, ev)
        for m in _of_pattern().finditer(text, sent.start, sent.end):
            before = [r for r in refs if r.end <= m.start()]
            if not before:
                continue
            rel, _ = _words()[m.group("rel2").lower()]
            count = NUMBER_WORDS.get(m.group("count").lower()) or int(m.group("count")) if m.group("count").isdigit() \
                else NUMBER_WORDS.get(m.group("count").lower(), 1)
            ev = doc.evidence(m.start(), m.end(), "kinship:parent-of", 0.8)
            for key in before[-1].keys:
                prev = unnamed.get((key, rel))
                if prev is None or count > prev[0]:
                    unnamed[(key, rel)] = (count, ev)
    named.extend(_relative_of(doc, index, parts))
    facts.kinship.extend(_dedupe_named(named))
    for k in facts.kinship:         # "her uncle" -> the named uncle; from his side, "his niece" -> her
        inverse = _inverses(k.relation, index.persons[k.person].gender)
        for word, (rel, _) in _words().items():
            if rel == k.relation:
                parts.kin[(k.person, word)] = k.relative
            if rel in inverse:
                parts.kin.setdefault((k.relative, word), k.person)
    have = {(k.person, k.relation) for k in facts.kinship}
    for (key, rel), (count, ev) in unnamed.items():
        if (key, rel) in have or _restates_named(key, rel, facts.kinship):
            continue
        for i in range(count):
            rkey = f"{key}#{rel}-{i + 1}"
            index.persons[rkey] = Person(rkey, "", gender=relations()[rel].gender, minor=False, evidence=[ev])
            facts.kinship.append(Kinship(key, rkey, rel, ev))
    for k in facts.kinship:
        rel = relations()[k.relation]
        relative = index.persons[k.relative]
        if rel.gender and not relative.gender:
            relative.gender = rel.gender


def _targeted(text: str, start: int, end: int) -> bool:
    """Whether the family phrase at START..END is the target of a repressive act."""
    after = re.match(rf"\W*(?:\w+\W+){{0,6}}?(?:been|were|was|are|is|have been|has been)\s+(?:\w+\s+)?{REPRESSION.pattern}",
                     text[end:end + 90], re.I)
    before = re.search(rf"{REPRESSION.pattern}\s+(?:against|on|of|towards)?\s*(?:the\s+)?$", text[max(0, start - 50):start], re.I)
    return bool(after or before)


def _inverses(rel: str, gender: str) -> set[str]:
    """The relations that name the person as seen from the relative ('brother' -> sister, sibling, brother)."""
    r = relations()[rel]
    inv = {r.inverse_female if gender == "female" else r.inverse_male if gender == "male" else "", r.inverse} - {""}
    if not inv and r.inverse_male:
        inv = {r.inverse_male, r.inverse_female}
    out = set(inv)
    for name, other in relations().items():
        if other.broader in inv and (not gender or not other.gender or other.gender == gender):
            out.add(name)
    return out


def _broad(rel: str) -> str:
    """'son' -> 'child', 'father' -> 'parent'; a generic relation stays itself."""
    r = relations()[rel]
    return r.broader if r.broader and r.broader != "relative" else rel


def _restates_named(person: str, rel: str, named: list[Kinship]) -> bool:
    """'His son's arrest', said by a named father X of Y: the son is Y, already tied; likewise
    'his son' misread as Y's own son when Y has a named parent."""
    for k in named:
        inverse = relations()[k.relation]
        inv = {inverse.inverse, inverse.inverse_male, inverse.inverse_female} - {""}
        if k.relative == person and (rel in inv or _broad(rel) in {_broad(i) for i in inv}):
            return True
        if k.person == person and _broad(k.relation) == "parent" and _broad(rel) == "child":
            return True
    return False


RELATIVE_OF = re.compile(r",\s+(?:the\s+|a\s+)?(?P<rel>wife|widow|husband|son|daughter|mother|father|brother|sister|"
                         r"nephew|niece|uncle|aunt|cousin)\s+of\s+(?P<late>the\s+late\s+[\w-]+(?:\s+[\w-]+)?|(?:Mr|Ms|Mrs)?\.?\s*)")


def _relative_of(doc: Doc, index: PersonIndex, parts: Participants) -> list[Kinship]:
    """'X, the widow of the late politician' / 'X, daughter of Y': X is the relation of Y."""
    text = doc.text
    out = []
    late = [m for m in index.mentions if re.search(r"\bthe\s+late\s+(?:[\w-]+\s+){0,3}$", text[max(0, m.start - 50):m.start])]
    for sent in doc.narrative():
        for r in parts.refs.get(sent.start, []):
            if len(r.keys) != 1 or not index.at(r.start, r.end):
                continue
            m = RELATIVE_OF.match(text, r.end)
            if not m:
                continue
            word = m.group("rel").lower()
            rel = "wife" if word == "widow" else word
            if m.group("late").startswith("the"):
                target = {x.key for x in late}
            else:
                target = {x.key for x in index.at(m.end(), m.end() + 3)}
            if len(target) == 1 and r.keys[0] not in target:
                ev = doc.evidence(r.start, m.end(), "kinship:relative-of", 0.8)
                out.append(Kinship(target.pop(), r.keys[0], rel, ev))
    return out


def _dedupe_named(ties: list[Kinship]) -> list[Kinship]:
    seen, out = set(), []
    for t in ties:
        if (t.person, t.relative) in seen or (t.relative, t.person) in seen:
            continue
        seen.add((t.person, t.relative))
        out.append(t)
    return out
