"""Charges: the offence, the article and the code a person is charged, accused or convicted under."""
from __future__ import annotations

import re
from functools import cache

from ..facts import Charge, Facts
from ..vocab import countries
from .context import asserted
from .doc import Doc
from .participants import Participants

ARTICLE_NO = r"\d+(?:\.\d+)*(?:\s*\([\da-z]{1,3}\))?"
ARTICLE = re.compile(
    rf"\b(?:(?:Part|Paragraph|Section)\s+\d+\s+of\s+)?Art(?:icle)?s?\.?\s*(?P<list>{ARTICLE_NO}"
    rf"(?:\s*\((?:[^()]|\([^()]*\))*\))?(?:\s*(?:,|and|,\s*and)\s*(?:(?:Part\s+\d+\s+of\s+)?(?:Art(?:icle)?\.?\s*)?){ARTICLE_NO}\.?"
    rf"(?:\s*\((?:[^()]|\([^()]*\))*\))?)*)"
    rf"(?P<code>\s+of\s+(?:the\s+)?(?:[\w’']+\s+){{0,3}}?(?:Criminal|Penal|Administrative)?\s*Code(?:\s+of\s+(?:the\s+)?"
    rf"(?:Administrative Offen[cs]es|[A-Z][\w ]+?))?(?=[\s,.;)]|$))?", re.I)
CODE_THEN_LIST = re.compile(rf"\barticles\s+of\s+the\s+(?P<code>(?:\w+\s+)?Code)\s*[-–:]\s*(?P<list>{ARTICLE_NO}\.?\s*\([^)]*\)?"
                            rf"(?:\s*(?:,|and)\s*{ARTICLE_NO}\.?\s*\([^)]*\)?)*)", re.I)
ITEM = re.compile(rf"(?P<no>{ARTICLE_NO})\.?\s*(?:\((?P<off>(?:[^()]|\([^()]*\))*)\))?")
OFFENCE_VERB = re.compile(
    r"\b(?:(?:charged|indicted)\s+(?:\w+\s+)?with|(?:accused|convicted|suspected|acquitted|found guilty)\s+"
    r"(?:(?!of\b)\w+\s+){0,5}?of|(?:arrested|detained|prosecuted|charged|convicted|tried|investigated)\s+(?:\w+\s+)?for)"
    r"\s+(?:allegedly\s+)?(?P<off>[^;.]{3,400})", re.I)
CHARGES_OF = re.compile(r"\b(?:on\s+|under\s+|faces?\s+|facing\s+)?(?:(?:false|trumped-up|fabricated|criminal|new|"
                        r"bogus|politically motivated)\s+)*charges?\s+(?:of|for)\s*(?P<off>[^.]{3,400})", re.I)
ADJECTIVES = r"(?:false|trumped-up|fabricated|bogus|apparent|apparently|politically motivated|new|criminal|serious|" \
             r"several|multiple|the|these|a|an|further|additional|same)"
ADJ_CHARGES = re.compile(rf"\b(?:on|under|faces?|facing|with)\s+(?:{ADJECTIVES}\s+)*(?!{ADJECTIVES}\b)"
                         rf"(?P<off>(?-i:[a-z][a-z-]*(?:\s[a-z][a-z-]*){{0,3}}))\s+charges?\b", re.I)
FOR_ALLEGEDLY = re.compile(r"\bfor\s+allegedly\s+(?P<off>[^;.]{3,400})", re.I)
OFFENCE_STOP = re.compile(r"\s+(?:under|in violation of|pursuant to|and (?:was |were )?(?:sentenced|convicted|later|then|"
                          r"placed|remanded|released|detained|held|taken)|before|by the|after|which|who|while|"
                          r"on \d|on (?:January|February|March|April|May|June|July|August|September|October|November|"
                          r"December)|in (?:July|June|\d{4})|if convicted|sanctionable|punishable|carrying|"
                          r"and (?:is|was|has|had|were|are|faces?)|"
                          r"\(Art|\(see)\b|\s*\((?:Art|see)|[,;]\s*(?:a charge|charges|which|who|an offence|"
                          r"he|she|they|but|and (?:he|she|they))\b|\s*[.;]", re.I)
NOT_OFFENCE = re.compile(r"^(?:the|a|an|his|her|their|its|this|that|these|those)?\s*(?:charges?|case|crime|offen[cs]es?|"
                         r"reasons?|time|years?|months?|days?|prison|imprisonment|detention|arrest|treatment|work|"
                         r"activities|involvement|role|release|him|her|them|it)\b", re.I)


@cache
def _country_of() -> dict:
    return {w: c for c in countries() for w in c.demonyms + c.names}


@cache
def _country_words() -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(_country_of(), key=len, reverse=True)) + r")\b")


FINITE_VERB = re.compile(r"\b(?:was|were|is|are|has|had|have|said|says|quoted|reported|told)\b")


def _code_name(code: str, doc: Doc) -> str:
    """'the Tajik Criminal Code' -> 'Criminal Code of Tajikistan'; a bare 'Criminal Code' takes the appeal's country."""
    code = re.sub(r"^\s*of\s+(?:the\s+)?", "", code or "").strip()
    if not code:
        return ""
    kind = "Code of Administrative Offences" if re.search(r"Administrative", code, re.I) else \
        "Penal Code" if re.search(r"Penal", code, re.I) else "Criminal Code"
    m = re.search(r"Code\s+of\s+(?:the\s+)?(?!Administrative)([A-Z][\w ]+)$", code)
    if m:
        return f"{kind} of {m.group(1).strip()}" if kind != "Criminal Code" or "Criminal" in code else code
    m = _country_words().search(code)
    if m:
        return f"{kind} of {_country_of()[m.group()].name}"
    if doc.appeal.country:
        return f"{kind} of {doc.appeal.country.name}"
    return kind


def _offences(text: str) -> list[str]:
    """Split 'possession of drugs and explosives, hooliganism, and planning X' or quoted offences into items."""
    quotes = re.match(r"\s*((?:[“\"][^”\"]{3,300}[”\"]\s*(?:,|and|,\s*and)?\s*)+)", text)
    if quotes:
        return [q.strip(" ,.") for q in re.findall(r"[“\"]([^”\"]{3,300})[”\"]", quotes.group(1))]
    if ";" in text:         # "charges of A; B; and C": items until one stops reading like an offence
        items: list[str] = []
        for seg in re.split(r";\s*(?:and\s+)?", text):
            found = _offences(seg)
            if not found or (items and FINITE_VERB.search(seg)):
                break
            items.extend(found)
        return items
    cut = OFFENCE_STOP.search(text)
    text = text[:cut.start()] if cut else text
    text = re.sub(r"^(?:allegedly|having|being|a|an|the)\s+", "", text.strip(), flags=re.I)
    parts = [p.strip(" ,.") for p in re.split(r",\s*(?:and\s+|as well as\s+)?|\s+as well as\s+", text)]
    parts = [re.sub(rf"^(?:{ADJECTIVES}\s+|mere\s+|sole\s+)+", "", p, flags=re.I) for p in parts]
    return [p for p in parts if 2 < len(p) < 300 and not NOT_OFFENCE.match(p) and re.search(r"[a-z]", p)
            and not FINITE_VERB.search(p) and not re.match(r"(?:the\s+)?[A-Z]", p)
            and not re.fullmatch(r"(?:even|also|only|just|still|yet|however|then|there|here|etc|so|too|again|later|now)", p)
            and not re.search(r"\b(?:you|him|them|us|me|drop)\b", p)
            and not re.fullmatch(rf"(?:{ADJECTIVES}\s*)+", p, re.I) and not re.match(r"\d|(?:one|two|three|four|five|six|"
                                                                                 r"seven|eight|nine|ten)\s+(?:years?|months?)", p)]


def extract(doc: Doc, parts: Participants, facts: Facts) -> None:
    text = doc.text
    found: list[Charge] = []
    last_code = ""
    for sent in doc.narrative():
        article_spans = []
        for m in list(ARTICLE.finditer(text, sent.start, sent.end)) + list(CODE_THEN_LIST.finditer(text, sent.start, sent.end)):
            clause = parts.clause(sent, m.start())
            if not asserted(doc, clause[0], m.start(), m.end()) and not re.search(r"\b(?:charged|accused|prosecuted|convicted)\b",
                                                                                   text[clause[0]:m.start()]):
                continue
            code = _code_name(m.group("code") or "", doc)
            if code:
                last_code = code
            elif re.search(r"\b(?:charg|accus|prosecut|convict|indict)\w*", text[clause[0]:clause[1]], re.I):
                code = last_code or _code_name("the Criminal Code", doc)
            else:
                continue     # "Article 19 of the Universal Declaration": not a charge
            if re.search(r"Administrative", code) and not re.search(r"charg|accus|prosecut|convict|fined|sentenced|detention",
                                                                     text[sent.start:sent.end], re.I):
                continue
            persons = parts.of_trigger(sent, m.start(), m.end())
            if not persons:
                continue
            article_spans.append((m.start(), m.end()))
            before = text[max(clause[0], m.start() - 160):m.start()]
            after = text[m.end():clause[1]]
            lead = _offences_near(before, after)
            items = list(ITEM.finditer(m.group("list")))
            ev = doc.evidence(m.start(), m.end(), "charge:article", 0.9)
            for i, it in enumerate(items):
                art = re.sub(r"\s+", "", it.group("no")).rstrip(".")
                paired = lead[i] if len(lead) == len(items) else lead[0] if len(lead) == 1 else "; ".join(lead)
                offence = (it.group("off") or "").strip() if it.group("off") and not re.match(
                    r"\d", it.group("off")) else paired
                for key in persons:
                    found.append(Charge(key, offence, art, code, ev))
        for pat, rule in ((OFFENCE_VERB, "charge:verb"), (CHARGES_OF, "charge:charges-of"),
                          (ADJ_CHARGES, "charge:adjective"), (FOR_ALLEGEDLY, "charge:allegedly")):
            for m in pat.finditer(text, sent.start, sent.end):
                if any(a <= m.start("off") < b or m.start("off") <= a < m.end("off") for a, b in article_spans):
                    off_text = text[m.start("off"):min([a for a, b in article_spans if a >= m.start("off")] or [m.end("off")])]
                else:
                    off_text = m.group("off")
                if rule == "charge:verb" and re.match(r"\s*(?:charged|accused|convicted)\b", m.group(0), re.I) is None and \
                        not re.search(r"\bof\s+(?:allegedly\s+)?[a-z]", m.group(0)[:60]):
                    if not re.search(r"\b(?:with|for)\s+(?:allegedly\s+)?[a-z]", m.group(0)[:60]):
                        continue
                clause = parts.clause(sent, m.start())
                if not asserted(doc, clause[0], m.start(), m.start() + 1) and "accused" not in m.group(0).lower():
                    continue
                offences = _offences(off_text)
                if rule == "charge:verb" and re.match(r"(?:arrested|detained|sentenced|jailed|imprisoned)", m.group(0), re.I):
                    offences = [o for o in offences if not re.match(r"(?:\d|a |an |the |up to|between|his|her)", o)]
                if not offences:
                    continue
                persons = parts.of_trigger(sent, m.start(), m.start() + len(m.group(0).split()[0]))
                weak = rule == "charge:verb" and re.match(r"(?:accus|suspect|detain|investigat|arrest)", m.group(0), re.I)
                ev = doc.evidence(m.start(), m.end(), "charge:accused" if weak else rule, 0.6 if weak else 0.8)
                for key in persons:
                    for off in offences:
                        found.append(Charge(key, off, "", "", ev))
    facts.charges.extend(_dedupe(found))


def _offences_near(before: str, after: str) -> list[str]:
    """The offence named around an article: quoted before it, or right after the code ('possessing drugs')."""
    quoted = re.findall(r"[“\"]([^”\"]{3,150})[”\"]", before[-160:])
    if quoted and re.search(r"[“\"][^“\"]*$", before) is None:
        return [q.strip(" ,.") for q in quoted[-2:]]
    m = re.match(r"\s*,?\s*(?:for\s+|alleging\s+|accused of\s+)?(?:allegedly\s+)?([a-z][a-z -]{3,200})", after)
    if m and not re.match(r"(?:and|which|if|but|who|for|sanctionable|punishable)\b", m.group(1)):
        stop = OFFENCE_STOP.search(m.group(1))
        offence = (m.group(1)[:stop.start()] if stop else m.group(1)).strip()
        if 3 < len(offence) <= 80:
            return [offence]
    m = re.search(r"\b(?:for|with|of)\s+(?:allegedly\s+)?([a-z][a-z ]{3,80}?)\s*(?:\(|under\s*)?$", before)
    if m:
        return [m.group(1).strip()]
    return []


def _dedupe(charges: list[Charge]) -> list[Charge]:
    """One charge per person and article, or per person and offence when no article is named; an
    offence already stated with its article is not repeated without it; an accusation ('accused of X')
    gives way to the formal charges of the same person."""
    with_articles = {(c.person, c.evidence.start) for c in charges if c.article and c.evidence}
    charges = [c for c in charges if c.article or not c.evidence or (c.person, c.evidence.start) not in with_articles
               or not any(a.article and a.person == c.person and a.offence and _same_offence(a.offence, c.offence)
                          for a in charges)]
    formal = {c.person for c in charges if c.evidence and c.evidence.rule != "charge:accused"}
    charges = [c for c in charges if not (c.evidence and c.evidence.rule == "charge:accused" and c.person in formal)]
    for c in charges:       # "under Article 228 ... for allegedly possessing drugs": one charge
        if c.article and not c.offence:
            same = [o for o in charges if not o.article and o.person == c.person and o.offence and o.evidence
                    and c.evidence and o.evidence.start == c.evidence.start]
            if len(same) == 1:
                c.offence = same[0].offence
    out: list[Charge] = []
    with_article: dict[tuple[str, str], Charge] = {}
    for c in charges:
        if c.article:
            key = (c.person, c.article)
            if key in with_article:
                prev = with_article[key]
                if not prev.offence and c.offence:
                    prev.offence = c.offence
                continue
            with_article[key] = c
            out.append(c)
    seen: set[tuple[str, str]] = set()
    for c in charges:
        if c.article:
            continue
        norm = re.sub(r"\W+", " ", c.offence.lower()).strip()
        if (c.person, norm) in seen:
            continue
        if any(a.person == c.person and a.offence and (_same_offence(a.offence, c.offence)) for a in with_article.values()):
            continue
        if any(o.person == c.person and not o.article and norm != re.sub(r"\W+", " ", o.offence.lower()).strip()
               and re.sub(r"\W+", " ", o.offence.lower()).strip().startswith(norm) for o in charges):
            continue
        seen.add((c.person, norm))
        out.append(c)
    return out


def _same_offence(a: str, b: str) -> bool:
    wa = set(re.findall(r"[a-z]{4,}", a.lower()))
    wb = set(re.findall(r"[a-z]{4,}", b.lower()))
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= 0.5
