"""Memberships and employment: a person's stated tie to a named organisation, with the role as worded
('Shokirjon Khakimov, the first deputy chairman of the Social Democratic Party of Tajikistan')."""
from __future__ import annotations

import re

from ..facts import Facts, Membership
from .doc import Doc
from .persons import PersonIndex

ROLE_NOUN = (r"(?:member|members|head|chair|chairman|chairwoman|chairperson|director|leader|founder|co-founder|president|"
             r"vice-president|editor|editor-in-chief|journalist|journalists|reporter|correspondent|lawyer|lawyers|"
             r"employee|employees|staff|activist|activists|coordinator|secretary|secretary general|secretary-general|"
             r"spokesperson|spokesman|spokeswoman|deputy|chief|investigator|assistant|volunteer|volunteers|researcher|"
             r"writer|columnist|officer|manager|representative|board member|trustee|organiser|organizer|administrator)")
ROLE_BEFORE_ORG = re.compile(rf"(?P<role>(?:[\w-]+\s+){{0,3}}?{ROLE_NOUN})\s+(?:of|at|for|with|from|in)\s+(?:the\s+)?"
                             rf"(?:[\w-]+\s+){{0,4}}?[“\"]?$", re.I)
VERB_BEFORE_ORG = re.compile(r"\b(?P<verb>worked|works|working|employed|wrote|writes|writing|reported|reporting)\s+"
                             r"(?:\w+\s+){0,6}?(?:at|for|with)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?[“\"]?$", re.I)
ORG_THEN_ROLE = re.compile(rf"^(?:['’]s)?\s+(?:[\w-]+\s+){{0,5}}?(?P<role>{ROLE_NOUN})\b", re.I)
FINITE = re.compile(r"\b(?:was|were|is|are|has|have|had|said|says|told|reported|stated|added|called|urged)\b")
VERB_ROLE = {"wrote": "writer", "writes": "writer", "writing": "writer", "reported": "journalist", "reporting": "journalist"}


def extract(doc: Doc, index: PersonIndex, mentions, org_at, facts: Facts) -> None:
    text = doc.text
    found: list[Membership] = []
    for sent in doc.narrative():
        people = [m for m in index.at(sent.start, sent.end) if m.rule != "person-title"]
        groups = _groups(text, people)
        for om in (m for m in mentions if sent.start <= m.start < sent.end and m.start in org_at):
            key = org_at[om.start]
            lead = text[sent.start:om.start]
            role_m = ROLE_BEFORE_ORG.search(lead)
            verb_m = VERB_BEFORE_ORG.search(lead) if not role_m else None
            post = ORG_THEN_ROLE.match(text[om.end + om.tail:om.end + om.tail + 60]) if not role_m and not verb_m else None
            if not (role_m or verb_m or post):
                continue
            anchor = role_m.start("role") + sent.start if role_m else \
                verb_m.start() + sent.start if verb_m else om.start
            role = (role_m.group("role") if role_m else VERB_ROLE.get(verb_m.group("verb").lower(), "employee")
                    if verb_m else post.group("role")).strip()
            role = re.sub(r"^(?:a|an|the|as|and|its|his|her|their)\s+", "", role, flags=re.I)
            holder = _holder(text, groups, anchor, om, sent)
            if not holder:
                continue
            ev = doc.evidence(anchor, om.end, "membership", 0.8)
            for person in holder:
                found.append(Membership(person, key, role, ev))
    seen, out = set(), []
    for m in found:
        if (m.person, m.organisation) in seen:
            continue
        seen.add((m.person, m.organisation))
        out.append(m)
    facts.memberships.extend(out)


def _groups(text: str, people) -> list[tuple[int, int, list[str]]]:
    out: list[tuple[int, int, list[str]]] = []
    for m in people:
        if out and re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|and\s+|,?\s*as well as\s+)(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?",
                                text[out[-1][1]:m.start]):
            if m.key not in out[-1][2]:
                out[-1] = (out[-1][0], m.end, out[-1][2] + [m.key])
        else:
            out.append((m.start, m.end, [m.key]))
    return out


def _holder(text: str, groups, anchor: int, om, sent) -> list[str]:
    """The person (or list) the role phrase at ANCHOR is in apposition to: the nearest name before it with
    no finite verb between, else a name right after the organisation ('Head of X, Mr. Y')."""
    before = [g for g in groups if g[1] <= anchor]
    if before:
        start, end, keys = before[-1]
        between = text[end:anchor]
        if not FINITE.search(between) and len(between) < 200 and not re.search(r"[;:]", between):
            return keys
        if re.search(r"\b(?:is|was|are|were)\s+(?:also\s+)?(?:a|an|the)?\s*$", between) or \
                re.search(r"\bbeing\s+(?:a|an|the)\s*$", between):
            return keys
    after = [g for g in groups if g[0] >= om.end]
    if after and re.fullmatch(r"[\s\S]{0,40}?(?:\s+in\s+[A-Z]\w+)?\s*,?\s*(?:(?:Mr|Ms|Mrs|Dr)\.?\s*)?",
                              text[om.end:after[0][0]]) and not FINITE.search(text[om.end:after[0][0]]):
        return after[0][2]
    return []
