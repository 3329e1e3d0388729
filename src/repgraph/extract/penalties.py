"""Sentences: the penalty a court imposed on a person, its duration as xsd:duration, date and court."""
from __future__ import annotations

import re
from functools import cache

from ..facts import Facts, Sentence
from ..vocab import penalties
from .context import Dates, asserted, number
from .doc import Doc
from .participants import Participants

NUM = (r"(?:\d+(?:[- ]\d/\d)?|(?:twenty|thirty|forty|fifty)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
       r"|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
       r"seventeen|eighteen|nineteen))(?:[- ]and[- ]a[- ]half)?")
UNIT = r"(?:years?|months?|weeks?|days?)"
AMOUNT = rf"{NUM}(?:-|\s+){UNIT}(?:['’]s?)?(?:\s+and\s+(?:a\s+half|{NUM}(?:-|\s+){UNIT}))?"
DURATION = re.compile(rf"(?P<amount>{AMOUNT})")
SENTENCED = re.compile(r"\b(?:sentenced|jailed|imprisoned|given|handed(?: down)?|imposed|serving|"
                       r"sentences?\s+(?:was|were|has been|had been)\s+(?:reduced|commuted|increased|changed))\b", re.I)
NOT_A_PENALTY = re.compile(r"\b(?:detention|remand|custody|pre-?trial)\b", re.I)
RESPECTIVELY = re.compile(rf"respectively\s+to\s+(?P<list>{NUM}(?:\s*,\s*{NUM})*\s*(?:,\s*)?and\s+{NUM})\s+(?P<unit>{UNIT})", re.I)
RANGE = re.compile(rf"\bbetween\s+{NUM}\s+and\s+{NUM}\s+{UNIT}", re.I)
REDUCED = re.compile(r"\bsentence\s+(?:was|has been|had been)\s+(?:reduced|commuted|increased|upheld|confirmed)\s+to\b", re.I)


@cache
def _penalty_patterns():
    order = ["death_penalty", "suspended_sentence", "house_arrest", "travel_ban", "forced_labour", "probation", "fine",
             "other", "imprisonment"]
    terms = {t.notation: t for t in penalties()}
    return [(n, p) for n in order if n in terms for p in terms[n].patterns]


def duration(amount: str) -> str:
    """'eight years' -> P8Y, '3-1/2 years' -> P3Y6M, 'two years and six months' -> P2Y6M, '45 days' -> P45D."""
    total_months, days = 0.0, 0
    pieces = re.findall(rf"({NUM})(?:-|\s+)({UNIT})|(a\s+half)", amount, re.I)
    last_unit = ""
    for num, unit, half in pieces:
        if half:
            if last_unit.startswith("year"):
                total_months += 6
            continue
        n = number(num)
        if n is None:
            return ""
        unit = unit.lower()
        last_unit = unit
        if unit.startswith("year"):
            total_months += n * 12
        elif unit.startswith("month"):
            total_months += n
        elif unit.startswith("week"):
            days += int(n * 7)
        else:
            days += int(n)
    years, months = divmod(int(round(total_months)), 12)
    out = "P" + (f"{years}Y" if years else "") + (f"{months}M" if months else "") + (f"{days}D" if days else "")
    return out if out != "P" else ""


def _penalty(clause: str) -> str:
    for notation, pat in _penalty_patterns():
        if pat.search(clause):
            return notation
    return ""


def extract(doc: Doc, parts: Participants, mentions, org_at, facts: Facts) -> None:
    text = doc.text
    dates = Dates(doc)
    courts = [(m.start, m.end, org_at.get(m.start)) for m in mentions if m.kind == "court" and m.start in org_at]
    found: list[Sentence] = []
    revisions: set[tuple[str, str, str]] = set()     # sentences a court later reduced, increased or commuted to
    for sent in doc.narrative():
        for m in SENTENCED.finditer(text, sent.start, sent.end):
            word = m.group().lower()
            clause = parts.clause(sent, m.start())
            if not asserted(doc, clause[0], m.start(), m.end()):
                continue
            rest = text[m.end():clause[1]]
            if word != "sentenced" and not re.match(r"sentences?\s", word) and \
                    not re.match(rf"\s+(?:\w+\s+){{0,3}}?(?:a\s+|an\s+)?{AMOUNT}", rest, re.I):
                continue
            if re.match(r"\s+in absentia\b", rest) and not DURATION.search(rest):
                continue
            persons = parts.of_trigger(sent, m.start(), m.end())
            if not persons:
                continue
            when = dates.near(sent, m.start(), m.end(), clause) if word != "serving" else None
            court = next((key for s, e, key in courts if sent.start <= s < sent.end), "")
            ev = doc.evidence(m.start(), m.end(), "sentence", 0.85)
            resp = RESPECTIVELY.search(rest)
            if resp and len(persons) > 1:
                nums = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", resp.group("list"))
                if len(nums) == len(persons):
                    for key, n in zip(persons, nums):
                        found.append(Sentence(key, _penalty(rest) or "imprisonment", duration(f"{n} {resp.group('unit')}"),
                                              when.iso if when else "", court, evidence=ev))
                    continue
            window = rest[:160]
            ranged = RANGE.search(window)
            amounts = [] if ranged else [a for a in DURATION.finditer(window)]
            if amounts and NOT_A_PENALTY.search(window[:amounts[0].end() + 40]) and not _penalty(window):
                continue        # "sentenced to a two-month detention in remand": a pre-trial measure
            penalty = _penalty(window) or ("imprisonment" if amounts else "")
            if not penalty:
                continue
            dur = duration(amounts[0].group("amount")) if amounts else ""
            if penalty == "fine":
                dur = ""
            revised = bool(re.match(r"sentences?\s", word))
            for key in persons:
                found.append(Sentence(key, penalty, dur, when.iso if when else "", court, evidence=ev))
                if revised:
                    revisions.add((key, penalty, dur))
                extra = re.search(r"\band\s+(?:a\s+)?(?:" + "|".join(p.pattern for n, p in _penalty_patterns()
                                                                   if n in ("fine", "travel_ban")) + ")", window)
                if extra and penalty == "imprisonment":
                    second = _penalty(window[extra.start():])
                    if second in ("fine", "travel_ban"):
                        found.append(Sentence(key, second, "", when.iso if when else "", court, evidence=ev))
    facts.sentences.extend(_dedupe(found, revisions))


def _dedupe(sentences: list[Sentence], revisions: set[tuple[str, str, str]]) -> list[Sentence]:
    """One sentence per person and penalty. A revised sentence ('reduced to six years') replaces the first;
    otherwise mentions of the same sentence are merged (the duration from one, the date or court from another)."""
    merged: dict[tuple[str, str], Sentence] = {}
    for s in sentences:
        key = (s.person, s.penalty)
        prev = merged.get(key)
        if prev is None or (s.person, s.penalty, s.duration) in revisions:
            if prev:
                s.court = s.court or prev.court
            merged[key] = s
            continue
        if s.duration and prev.duration and s.duration != prev.duration:
            continue            # two different sentences of one kind: keep the first stated
        prev.duration = prev.duration or s.duration
        prev.date = prev.date or s.date
        prev.court = prev.court or s.court
    return list(merged.values())
