"""Memberships and employment: a person's stated tie to a named organisation, with the role as worded
('Shokirjon Khakimov, the first deputy chairman of the Social Democratic Party of Tajikistan')."""
from __future__ import annotations

import re

from ..facts import Facts, Membership
from .doc import Doc
from .participants import Participants, Ref

ROLE_NOUN = (r"(?:member|members|head|chair|chairman|chairwoman|chairperson|director|leader|founder|co-founder|president|"
             r"vice-president|editor|editor-in-chief|journalist|journalists|reporter|correspondent|lawyer|lawyers|"
             r"employee|employees|staff|activist|activists|coordinator|secretary|secretary general|secretary-general|"
             r"spokesperson|spokesman|spokeswoman|deputy|chief|investigator|assistant|volunteer|volunteers|researcher|"
             r"writer|columnist|officer|manager|representative|board member|trustee|organiser|organizer|administrator|"
             r"figure|official|worker|workers|supporter|supporters|student|students|teacher|teachers|professor|lecturer|judge|"
             r"presiding judge|founding member|trustee)")
ROLE_WORD = r"(?!(?:for|being|a|an|the|and|of|as|is|was|were|his|her|their|its|also|who|to|at|in)\b)[\w-]+"
ROLE_BEFORE_ORG = re.compile(rf"(?<![\w-])(?P<role>(?:{ROLE_WORD}\s+){{0,3}}?{ROLE_NOUN})\s+(?:of|at|for|with|from|in)\s+(?:the\s+)?"
                             rf"(?:[\w-]+\s+){{0,4}}?[“\"]?$", re.I)
VERB_BEFORE_ORG = re.compile(r"\b(?P<verb>worked|works|working|employed|wrote|writes|writing|reported|reporting)\s+"
                             r"(?:\w+\s+){0,6}?(?:at|for|with)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?[“\"]?$", re.I)
ORG_THEN_ROLE = re.compile(rf"^(?:['’]s\s+(?:[\w-]+\s+){{0,5}}?|\s+)(?P<role>{ROLE_NOUN})\b", re.I)
FOUNDED_BY = re.compile(r"\s*,?\s*(?:which was\s+|that was\s+)?(?:co-)?founded\s+by\s+(?:[\w-]+\s+){0,5}?", re.I)
FINITE = re.compile(r"\b(?:was|were|is|are|has|have|had|said|says|told|reported|stated|added|called|urged)\b")
VERB_ROLE = {"wrote": "writer", "writes": "writer", "writing": "writer", "reported": "journalist", "reporting": "journalist"}
PLURAL = {"members": "member", "journalists": "journalist", "lawyers": "lawyer", "activists": "activist",
          "employees": "employee", "volunteers": "volunteer", "workers": "worker", "supporters": "supporter"}


def extract(doc: Doc, parts: Participants, mentions, org_at, facts: Facts) -> None:
    text = doc.text
    found: list[Membership] = []
    for sent in doc.narrative():
        refs = parts.refs.get(sent.start, [])
        named = [r for r in refs if parts.index.at(r.start, r.end) or _is_group_noun(text, r)]
        for om in (m for m in mentions if sent.start <= m.start < sent.end and m.start in org_at):
            key = org_at[om.start]
            end = om.end + om.tail
            lead = text[sent.start:om.start]
            # "the NIDA activists": a group named by its organisation
            group = next((r for r in named if r.start <= om.start < r.end and len(r.keys) > 1), None)
            if group:
                noun = re.search(rf"{ROLE_NOUN}\b", text[om.end:group.end], re.I)
                for person in group.keys:
                    found.append(Membership(person, key, _singular(noun.group() if noun else "member"),
                                            doc.evidence(group.start, group.end, "membership:group", 0.8)))
                continue
            after = [r for r in named if r.start >= end and r.start - end < 80 and len(r.keys) == 1]
            if after and FOUNDED_BY.fullmatch(text[end:after[0].start]):
                found.append(Membership(after[0].keys[0], key, "founder",
                                        doc.evidence(om.start, after[0].end, "membership:founded-by", 0.85)))
            role_m = ROLE_BEFORE_ORG.search(lead)
            verb_m = VERB_BEFORE_ORG.search(lead) if not role_m else None
            post = ORG_THEN_ROLE.match(text[end:end + 60]) if not role_m and not verb_m else None
            if not (role_m or verb_m or post):
                continue
            anchor = role_m.start("role") + sent.start if role_m else \
                verb_m.start() + sent.start if verb_m else om.start
            role = (role_m.group("role") if role_m else VERB_ROLE.get(verb_m.group("verb").lower(), "employee")
                    if verb_m else post.group("role")).strip()
            holder = _holder(text, parts.index, named, refs, anchor, end, sent)
            if len(holder) > 1 and not role.lower().endswith("s") and re.fullmatch(
                    r"\s*,\s*(?:the|a|an)?\s*", text[[r for r in named if r.end <= anchor][-1].end:anchor]):
                holder = holder[-1:]        # "A and her uncle, B, the first deputy chairman of X": B alone
            if not holder:
                continue
            ev = doc.evidence(anchor, end, "membership", 0.8)
            for person in holder:
                found.append(Membership(person, key, _singular(role), ev))
    found.extend(_possessive_roles(doc, parts, mentions, org_at))
    seen, out = set(), []
    for m in found:
        if (m.person, m.organisation) in seen:
            continue
        seen.add((m.person, m.organisation))
        out.append(m)
    facts.memberships.extend(out)


ITS_ROLE = re.compile(rf"\b[Ii]ts\s+(?P<role>(?:{ROLE_WORD}\s+){{0,2}}?{ROLE_NOUN})\s*,\s*(?:(?:Mr|Ms|Mrs|Dr)\.?\s*)?")
PRESIDED = re.compile(r"^\s*,?\s*(?:which was\s+)?presided over by\s+(?:Judge\s+)?")


def _possessive_roles(doc: Doc, parts: Participants, mentions, org_at) -> list[Membership]:
    """'Its chairman, Mr. X' (the organisation just named) and 'court X, presided over by Judge Y'."""
    text = doc.text
    out = []
    orgs = sorted((m for m in mentions if m.start in org_at), key=lambda m: m.start)
    for sent in doc.narrative():
        names = [r for r in parts.refs.get(sent.start, []) if parts.index.at(r.start, r.end) and len(r.keys) == 1]
        for m in ITS_ROLE.finditer(text, sent.start, sent.end):
            before = [o for o in orgs if o.end <= m.start()]
            holder = [r for r in names if r.start == m.end()]
            if before and holder:
                out.append(Membership(holder[0].keys[0], org_at[before[-1].start], m.group("role"),
                                      doc.evidence(m.start(), holder[0].end, "membership:its-role", 0.8)))
        for o in (o for o in orgs if sent.start <= o.start < sent.end and o.kind == "court"):
            lead = PRESIDED.match(text, o.end + o.tail)
            holder = [r for r in names if lead and r.start == lead.end()]
            if holder:
                out.append(Membership(holder[0].keys[0], org_at[o.start], "presiding judge",
                                      doc.evidence(o.start, holder[0].end, "membership:presided", 0.85)))
    return out


def _singular(role: str) -> str:
    words = role.split()
    words[-1] = PLURAL.get(words[-1].lower(), words[-1])
    return " ".join(words)


def _is_group_noun(text: str, ref: Ref) -> bool:
    return len(ref.keys) > 1 and text[ref.start:ref.end].lower().startswith(("the ", "these ", "all ", "both "))


def _holder(text: str, index, named: list[Ref], refs: list[Ref], anchor: int, org_end: int, sent) -> list[str]:
    """The person (or list) the role phrase at ANCHOR is in apposition to: the nearest name before it with
    no finite verb between; a name right after the organisation ('the Head of X in Chechnya Mr. Y'); or, for a
    role phrase that opens the sentence ('A leading figure at X, Y', 'An investigator at X, he'), the first
    person after it."""
    inside = [r for r in named if r.start < anchor < r.end and len(r.keys) > 1]
    if inside:      # "Ms. A, chairwoman of X, and Mr. B": the role sits inside a list, after its holder
        names = [m for m in index.at(inside[0].start, anchor) if m.rule != "person-title"]
        if names and not FINITE.search(text[names[-1].end:anchor]):
            return [names[-1].key]
    before = [r for r in named if r.end <= anchor and not _is_group_noun(text, r)]
    if before:
        r = before[-1]
        between = text[r.end:anchor]
        if not FINITE.search(between) and len(between) < 400 and not re.search(r"[;:]", between):
            return list(r.keys)
        if re.search(r"\bbeing\s+(?:a|an|the)?\s*$", between):
            return list(r.keys)
    after = [r for r in named if r.start >= org_end and len(r.keys) == 1]
    if after and re.fullmatch(r"(?:\s+(?:office\s+)?in\s+[A-Z][\w-]+)?\s*,?\s*(?:(?:Mr|Ms|Mrs|Dr)\.?\s*)?",
                              text[org_end:after[0].start]):
        return list(after[0].keys)
    if not re.search(r"[a-z]{2,}", re.sub(r"^(?:an?|the)\s+", "", text[sent.start:anchor].strip(), flags=re.I)):
        if after and re.fullmatch(r"[^.;:]{0,60}?,\s*(?:(?:Mr|Ms|Mrs|Dr)\.?\s*)?", text[org_end:after[0].start]):
            return list(after[0].keys)
        pron = [r for r in refs if r.start >= org_end and len(r.keys) == 1]
        if pron and re.fullmatch(r"[^.;:]{0,40}?,\s*", text[org_end:pron[0].start]):
            return list(pron[0].keys)
    return []
