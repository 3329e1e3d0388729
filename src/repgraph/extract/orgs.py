"""Organisations: capitalised names with a kind keyword, names introduced by a type noun
('the NGO Barometer', 'the newspaper X'), acronyms, and the gazetteer of well-known bodies."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ..facts import Organisation
from ..text import fold, is_common_word
from ..vocab import countries, known_organisations, org_kinds, word_bounded
from .doc import Doc

CAP = r"(?:[A-ZÀ-ÞİŞÇĞ][\w&/-]*(?:\.[a-z]+)*(?:['’]s|(?<=s)['’](?=\s))?)"
LINK = r"(?:of|for|the|and|against|on|in|to|de|du|des|la|el|al)"
NAME_RUN = re.compile(rf"{CAP}(?:[ \t]+(?:{LINK}[ \t]+)*{CAP})*(?:[ \t]+(?:district|region|province|oblast)\b)?")
TITLE_OF = re.compile(r"^(?:[A-Z][\w-]*\s+){0,3}(?:Head|Director|Chairman|Chairwoman|Chair|President|Editor|Editor-in-chief|"
                      r"Member|Secretary|Coordinator|Founder|Leader|Deputy|Spokesperson|Representative|Lawyer)\s+of\s+"
                      r"(?:the\s+)?(?=[A-Z])")
TITLE_HEAD = re.compile(r"^(?:[A-Z]{2,}\s+)?(?:High\s+)?(?:Commissioner|Rapporteur|Secretary|Minister|President|Director|"
                        r"Ambassador)\b")
NOT_ORG_END = re.compile(r"\b(?:Award|Prize|Day|Medal|Week|Year|Revolution|Convention|Declaration|Act|Law|Code)$")
ACRONYM_DEF = re.compile(r"\s*\(\s*([A-Z][A-Za-z]{1,9}(?:[-/][A-Z]+)?)\s*\)")
ALIAS_DEF = re.compile(r"\s*\(\s*([^()]{3,80}?)\s*(?:[–-]\s*([A-Z]{2,8}))?\s*\)")
TYPE_NOUNS = {
    "ngo": r"NGO|non-governmental organi[sz]ation|(?:human )?rights (?:group|organi[sz]ation)|organi[sz]ation|group|"
           r"movement|association|coalition|network|initiative|foundation",
    "media": r"newspaper|news agency|news outlet|outlet|news website|news site|news portal|website|magazine|weekly|daily|"
             r"TV channel|channel|radio station|broadcaster|portal",
    "political_party": r"party|opposition party",
    "trade_union": r"trade union|union",
}
TYPED = re.compile(r"\b(?P<noun>" + "|".join(f"(?:{v})" for v in TYPE_NOUNS.values()) +
                   r")\s*,?\s+[“\"«]?(?P<name>[A-Z][\w-]*(?:\.[a-z]+)*(?:[ -][A-Z][\w-]*){0,3})[”\"»]?")
NAME_THEN_NOUN = re.compile(r"\bthe\s+(?P<name>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3})(?:\s*\((?P<alias>[^()]{3,60})\))?"
                            r"\s+(?P<noun>newspaper|magazine|website|news agency|TV channel|party|movement)\b")
ROLE_OF = re.compile(r"\b(?:director|head|member|members|chair(?:man|woman|person)?|founder|co-founder|editor|"
                     r"coordinator|spokesperson|spokesman|staff|leader)\s+(?:of|at)\s+(?:the\s+)?"
                     r"(?P<name>[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,3})(?=[\s,.;)]|$)")
LOWER_INSTITUTION = re.compile(
    r"(?P<name>(?:[A-Z][\w/-]+(?:['’]s)?\s+){1,3}(?:(?:district|regional|city|military|appeals?|criminal)\s+)?"
    r"(?:police station|police department|police administration|police headquarters|police|court|prosecutor['’]s office|"
    r"security court|human rights council|service|administration))\b")
STOP_ACRONYMS = {"OBS", "UA", "EUR", "MDE", "AMR", "ASA", "AFR", "NGO", "NGOS", "USA", "US", "UK", "TV", "AM", "PM", "ID",
                 "II", "III", "IV", "VI", "HE", "COVID", "COP", "MR", "MS", "DR", "PDF", "HTML", "URL", "FAQ", "CEO",
                 "AND", "THE", "OF", "URGENT", "ACTION", "APPEAL", "NEW", "HRD", "HRDS", "LGBT", "LGBTI", "LGBTQ", "SMS"}
PLACE_WORDS = re.compile(r"\b(?:prison|penal colony|colony|detention cent(?:re|er)|jail|gaol|penitentiary|camp|"
                         r"remand|pre-trial detention)\b", re.I)
LEADING_JUNK = re.compile(r"^(?:(?:The|A|An|In|On|At|By|For|From|Of|And|According|Since|During|After|Before|"
                          r"While|When|Meanwhile|Moreover|However|Furthermore|Following|Despite|Until|Indeed|"
                          r"Likewise|Also|Although|Both|All|Its|His|Her|Their|This|These|That|Mr|Ms|Mrs|Dr)\.?\s+)+")


@dataclass
class OrgMention:
    start: int
    end: int
    name: str
    kind: str
    rule: str
    acronym: str = ""
    alias: str = ""
    tail: int = 0       # characters after `end` that belong to the mention: "(OMCT)", "(Youth of Tajikistan)"


@cache
def _keyword_kinds() -> list[tuple[re.Pattern, str]]:
    """One pattern per kind (in priority order) matching any of its keywords."""
    return [(re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(kw.strip()) for kw in k.keywords) + r")(?![\w-])"), k.notation)
            for k in org_kinds() if k.keywords]


@cache
def _gazetteer() -> tuple[re.Pattern, dict[str, object]]:
    """One pattern for every name and alias of the known organisations (longest first, one scan of the text),
    and the organisation each names (the first that has it)."""
    named: dict[str, object] = {}
    for ko in known_organisations():
        for alias in (ko.name,) + ko.aliases:
            named.setdefault(alias, ko)
    return word_bounded([re.escape(a) for a in sorted(named, key=len, reverse=True)], 0), named


@lru_cache(maxsize=1 << 15)     # the same capitalised runs recur in every appeal (names, courts, ministries)
def kind_of(name: str) -> str | None:
    """The organisation kind that NAME's keywords show, by the kinds' priority, or None."""
    for pat, kind in _keyword_kinds():
        if pat.search(name):
            return kind
    return None


@cache
def _place_names() -> set[str]:
    out = set()
    for c in countries():
        out.update(c.names)
        out.update(c.demonyms)
    return out


@lru_cache(maxsize=1 << 15)
def _clean_name(name: str) -> str:
    name = name.strip()
    while True:
        before = name
        name = LEADING_JUNK.sub("", name)
        name = TITLE_OF.sub("", name)
        name = re.sub(r"^(?:of|for|the|and|against|on|in|to)\s+", "", name)
        if name == before:
            break
    name = re.sub(r"\s+(?:of|for|the|and|against|on|in|to)$", "", name)
    # "Amnesty International's Eastern Europe Director": the possessor is the organisation
    m = re.match(r"(.+?)[’']s\s+(.+)$", name)
    if m and kind_of(m.group(1)) and not kind_of(m.group(2)):
        name = m.group(1)
    name = re.sub(r"[’']s$", "", name)
    # "District Court in Grozny", "Security Service in Fergana": a court's or agency's name ends at its keyword
    if kind_of(name) in ("court", "state_body") and not re.match(r"(?:\w+\s+){0,2}(?:Embassy|Mission|Consulate|Office)\b", name):
        name = re.sub(r"\s+(?:in|of the)\s+[A-Z][\w-]+$", lambda m: "" if m.group().split()[-1] in _place_names()
                      or m.group().lstrip().startswith("in") else m.group(), name)
    # "UN High Commissioner for Human Rights Navi Pillay": a person named after the title is not part of it
    m = re.match(r"(.+?\b(?:Commissioner|Rapporteur|Director|Minister|Secretary|President|Chairman|Judge|"
                 r"Prosecutor)\b.*?)\s+([A-Z][a-z]+\s+[A-Z][a-z]+)$", name)
    if m and not kind_of(m.group(2)):
        name = m.group(1)
    return name.strip(" ,.;:")


def _normal_form(name: str) -> str:
    """'Tajikistan’s Supreme Court' -> 'Supreme Court of Tajikistan'."""
    m = re.match(r"([A-Z][\w ]+?)[’']s\s+(.+)$", name)
    if m and m.group(1) in _place_names() and kind_of(m.group(2)):
        return f"{m.group(2)} of {m.group(1)}"
    return name


def find_mentions(doc: Doc, skip: list[tuple[int, int]]) -> list[OrgMention]:
    text = doc.text
    out: list[OrgMention] = []

    def skipped(s: int, e: int) -> bool:
        return any(a <= s < b or a < e <= b for a, b in skip)

    for m in NAME_RUN.finditer(text):
        raw = m.group()
        name = _clean_name(raw)
        if len(name) < 3 or skipped(m.start(), m.end()):
            continue
        start = m.start() + raw.find(name.split()[0]) if name.split() else m.start()
        kind = kind_of(name)
        if not kind:
            continue
        if name in _place_names() or re.fullmatch(r"(?:The\s+)?(?:Court|Party|Prosecutor|Government|Ministry|Police|"
                                                  r"Parliament|Agency|Administration|Service|Union)", name):
            continue
        if PLACE_WORDS.search(name) or NOT_ORG_END.search(name) or re.search(r"\bCode\b", name):
            continue
        # a leading title that is itself a keyword ("President Vladimir Putin's advisory council") is not an org name
        if re.fullmatch(r"(?:President|Prosecutor|Minister|Judge)\s+[A-Z]\w+(?:\s+[A-Z]\w+)*", name):
            continue
        pair = re.match(r"(?P<left>.+?)\s+and\s+(?:the\s+)?(?P<right>[A-Z].+)$", name)
        if pair and kind_of(pair.group("right")) and (pair.group("left").isupper() or kind_of(pair.group("left"))):
            name = pair.group("left")          # "FIDH and the World Organisation ...": two organisations
        if TITLE_HEAD.match(name):
            continue                           # "UN High Commissioner for Human Rights": a position, not a body
        end = start + len(name)
        mention = OrgMention(start, end, name, kind_of(name) or kind, "org-keyword")
        tail = text[m.end():m.end() + 90]
        acr = ACRONYM_DEF.match(tail)
        if acr and acr.group(1) not in STOP_ACRONYMS:
            mention.acronym = acr.group(1)
            mention.tail = m.end() - end + acr.end()
            rest = tail[acr.end():]
            quoted = re.match(r"\s*[\"“]([A-Z][\w -]{1,40})[\"”]", rest)
            if quoted:
                mention.alias = f'{mention.acronym} "{quoted.group(1)}"'
                mention.name = f'{name} "{quoted.group(1)}"'
                mention.tail += quoted.end()
        else:
            alias = ALIAS_DEF.match(tail)
            if alias and not re.search(r"\d{4}|see |[.;]", alias.group(1)):
                mention.alias = alias.group(1).strip()
                mention.tail = m.end() - end + alias.end()
                if alias.group(2):
                    mention.acronym = alias.group(2)
        out.append(mention)
    for m in TYPED.finditer(text):
        name = m.group("name").strip(" ,.")
        if skipped(m.start("name"), m.end("name")) or name in _place_names() or len(name) < 2:
            continue
        if name.split()[0] in ("The", "A", "In", "On", "Which", "That", "This", "Its", "His", "Her"):
            continue
        noun = m.group("noun").lower()
        kind = next((k for k, v in TYPE_NOUNS.items() if re.fullmatch(v, noun, re.I)), "ngo")
        out.append(OrgMention(m.start("name"), m.start("name") + len(name), name, kind_of(name) or kind, "org-type-noun"))
    for m in ROLE_OF.finditer(text):      # "director of Adilet Koomu": what a role is held in is an organisation
        name = m.group("name").strip()
        if skipped(m.start("name"), m.end("name")) or name in _place_names() or name.split()[0] in _place_names() \
                or kind_of(name) or re.match(r"(?:The|His|Her|Their|Its|This)\b", name):
            continue
        out.append(OrgMention(m.start("name"), m.end("name"), name, "ngo", "org-role-of"))
    for m in NAME_THEN_NOUN.finditer(text):
        name = m.group("name")
        if name in _place_names() or skipped(m.start("name"), m.end("name")):
            continue
        noun = m.group("noun").lower()
        kind = next((k for k, v in TYPE_NOUNS.items() if re.fullmatch(v, noun, re.I)), "ngo")
        out.append(OrgMention(m.start("name"), m.end("name"), name, kind, "org-name-then-noun",
                              alias=(m.group("alias") or "").strip()))
    for m in LOWER_INSTITUTION.finditer(text):
        name = _clean_name(m.group("name"))
        if not name or skipped(m.start(), m.end()) or PLACE_WORDS.search(name):
            continue
        first = name.split()[0]
        if first in ("The", "Its", "His", "Her", "Their") or not first[0].isupper() or first in _place_names():
            continue
        start = m.start() + m.group().find(name)
        out.append(OrgMention(start, start + len(name), name, kind_of(name.title()) or kind_of(name) or "state_body",
                              "org-lower-institution"))
    pattern, named = _gazetteer()
    for m in pattern.finditer(text):
        alias, ko = m.group(), named[m.group()]
        if not skipped(m.start(), m.end()):
            # named as the text writes it; the gazetteer's other names only tie mentions together
            out.append(OrgMention(m.start(), m.end(), alias, ko.kind, "org-gazetteer",
                                  acronym=alias if alias.isupper() else "", alias=ko.name if alias != ko.name else ""))
    defined = {mm.acronym for mm in out if mm.acronym}
    for m in re.finditer(r"(?<![\w(-])([A-Z]{3,8})(?![\w)-])", text):
        acr = m.group(1)
        if acr in STOP_ACRONYMS or acr in defined or skipped(m.start(), m.end()) or \
                re.match(r"\s*\d{3}\s*/", text[m.end():m.end() + 8]):
            continue
        sent = doc.sentence_at(m.start())
        if not sent or sent.region == "title" or text[sent.start:sent.end].isupper():
            continue
        if re.fullmatch(r"[IVXLC]+", acr) or is_common_word(acr) or re.search(r"[A-Z]{2,}\W+$", text[max(0, m.start() - 15):m.start()]) \
                or re.match(r"\W+[A-Z]{2,}\b", text[m.end():m.end() + 15]):
            continue        # "YOUTH ACTIVISTS SENTENCED": a shouted heading, not acronyms
        out.append(OrgMention(m.start(), m.end(), acr, "other", "org-acronym", acronym=acr))
    return _drop_nested(out)


def _drop_nested(mentions: list[OrgMention]) -> list[OrgMention]:
    """Keep the longest of overlapping mentions (the gazetteer wins over a shorter generic reading)."""
    mentions.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out: list[OrgMention] = []
    for m in mentions:
        if out and m.start < out[-1].end:
            if m.rule == "org-gazetteer" and out[-1].rule != "org-gazetteer" and m.end >= out[-1].end:
                out[-1] = m
            continue
        out.append(m)
    return out


def organisations(doc: Doc, mentions: list[OrgMention]) -> tuple[dict[str, Organisation], dict[int, str]]:
    """Merge mentions into organisations; returns them by key and each mention's start -> key."""
    orgs: dict[str, Organisation] = {}
    by_alias: dict[str, str] = {}
    at: dict[int, str] = {}
    ordered = sorted(mentions, key=lambda m: -len(m.name))
    for m in ordered:
        name = _normal_form(m.name)
        key = by_alias.get(fold(name)) or next((by_alias[fold(a)] for a in (m.acronym, m.alias) if a and fold(a) in by_alias), None)
        if not key:
            key = _containing(name, orgs)
        if not key:
            key = fold(name)
            orgs[key] = Organisation(key, name, m.kind)
        org = orgs[key]
        for alias in sorted({m.name, name, m.alias, m.acronym} - {"", org.name}):
            if alias not in org.variants:
                org.variants.append(alias)
        if m.acronym and not org.acronym:
            org.acronym = m.acronym
        if org.kind == "other" and m.kind != "other":
            org.kind = m.kind
        for alias in (name, m.name, m.acronym, m.alias):
            if alias:
                by_alias.setdefault(fold(alias), key)
        org.evidence.append(doc.evidence(m.start, m.end, m.rule, 0.8 if m.rule == "org-acronym" else 0.9))
        at[m.start] = key
    return orgs, at


def _containing(name: str, orgs: dict[str, Organisation]) -> str | None:
    """The key of a longer organisation whose name contains NAME word for word ('Supreme Court')."""
    words = fold(name).split()
    if len(words) < 1:
        return None
    for key, org in orgs.items():
        for full in [org.name] + org.variants:
            fw = fold(full).split()
            if len(fw) > len(words) and any(fw[i:i + len(words)] == words for i in range(len(fw) - len(words) + 1)):
                if kind_of(name) or len(words) > 1:
                    return key
    return None
