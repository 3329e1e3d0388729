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
SENTENCED = re.compile(r"\b(?:sentenced|sentencing of|fined|jailed|imprisoned|given|handed(?: down)?|imposed|serving|"
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


def _penalties_in(window: str) -> list[tuple[str, str]]:
    """(penalty, duration) pairs a sentencing clause names: each amount goes with the penalty right after it
    ('five years in prison', 'two years of house arrest') or right before it ('banned from leaving for two
    years'); penalties without an amount ('fined 500,000 tenge') stand alone."""
    if RANGE.search(window):
        return [(_penalty(window) or "imprisonment", "")]
    out: list[tuple[str, str]] = []
    used: list[tuple[int, int]] = []
    for a in DURATION.finditer(window):
        after, before = window[a.end():a.end() + 45], window[max(0, a.start() - 45):a.start()]
        penalty = _penalty_at_start(after) or _penalty_at_end(before)
        if not penalty:
            if NOT_A_PENALTY.search(after[:25]) or re.match(r"\W*(?:ago|later|earlier|old|of age)\b", after):
                continue
            penalty = "imprisonment"
        out.append((penalty, "" if penalty == "fine" else duration(a.group("amount"))))
        used.append((a.start(), a.end() + 45))
    for notation, pat in _penalty_patterns():
        for m in pat.finditer(window):
            if notation in {p for p, _ in out} or any(s - 45 <= m.start() <= e for s, e in used):
                continue
            if notation == "imprisonment" and out:
                continue
            out.append((notation, ""))
    if re.search(r"(?:prison|imprisonment)\W+(?:\w+\W+)?suspended\b", window):
        # "one year in prison, suspended for three years": a suspended one-year term
        prison = [d for p, d in out if p == "imprisonment"]
        out = [(p, d) for p, d in out if p not in ("imprisonment", "suspended_sentence")]
        out.insert(0, ("suspended_sentence", prison[0] if prison else ""))
    return out


def _penalty_at_start(text: str) -> str:
    """The penalty named first in TEXT, if at most three words in."""
    hits = [(m.start(), notation) for notation, pat in _penalty_patterns() for m in pat.finditer(text)]
    if hits:
        start, notation = min(hits)
        if re.fullmatch(r"(?:['’]s?)?\W*(?:\w+\W+){0,3}?", text[:start]):
            return notation
    return ""


def _penalty_at_end(text: str) -> str:
    """The penalty named last in TEXT, if at most four words before its end."""
    hits = [(m.end(), notation) for notation, pat in _penalty_patterns() for m in pat.finditer(text)]
    if hits:
        end, notation = max(hits)
        if re.fullmatch(r"\W*(?:\w+\W+){0,4}?(?:for|of)?\s*", text[end:]):
            return notation
    return ""


def _segments(text: str, parts: Participants, sent, trigger_end: int, clause, persons: list[str]):
    """'sentenced A to X and B to Y': each person with their own words; otherwise all persons with the clause."""
    refs = [r for r in parts.refs_in(sent, trigger_end, clause[1]) if r.start >= trigger_end]
    pieces = []
    for i, r in enumerate(refs):
        nxt = refs[i + 1].start if i + 1 < len(refs) else clause[1]
        if re.match(r"\s+to\b", text[r.end:r.end + 5]):
            pieces.append((parts.kin_of(r), text[r.end:nxt]))
    if len(pieces) >= 2:
        return pieces
    return [(persons, text[trigger_end:clause[1]])]


def extract(doc: Doc, parts: Participants, dates: Dates, mentions, org_at, facts: Facts) -> None:
    text = doc.text
    courts = [(m.start, m.end, org_at.get(m.start)) for m in mentions if m.kind == "court" and m.start in org_at]
    found: list[Sentence] = []
    verdict: tuple[int, str, str] = (-9, "", "")      # (sentence number, date, court) of the last judgment named
    for position, sent in enumerate(doc.narrative()):
        court_here = next((key for s, e, key in courts if sent.start <= s < sent.end), "")
        for m in SENTENCED.finditer(text, sent.start, sent.end):
            word = m.group().lower()
            clause = parts.clause(sent, m.start())
            if not asserted(doc, clause[0], m.start(), m.end()):
                continue
            rest = text[m.end():clause[1]]
            if word not in ("sentenced", "fined", "sentencing of") and not re.match(r"sentences?\s", word) and \
                    not re.match(rf"\s+(?:\w+\s+){{0,3}}?(?:a\s+|an\s+)?{AMOUNT}", rest, re.I):
                continue
            if re.match(r"\s+in absentia\b", rest) and not DURATION.search(rest):
                continue
            persons = parts.of_trigger(sent, m.start(), m.end())
            if not persons:
                continue
            when = dates.near(sent, m.start(), m.end(), clause) if word != "serving" else None
            iso, court = (when.iso if when else ""), court_here
            if position - verdict[0] == 1 and not iso or position - verdict[0] <= 2 and \
                    re.search(r"\b(?:the|same) court\b", text[sent.start:sent.end], re.I):
                iso, court = iso or verdict[1], court or verdict[2]     # "The court sentenced ...": the one just named
            ev = doc.evidence(m.start(), m.end(), "sentence", 0.85)
            resp = RESPECTIVELY.search(rest)
            if resp and len(persons) > 1:
                nums = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", resp.group("list"))
                if len(nums) == len(persons):
                    for key, n in zip(persons, nums):
                        found.append(Sentence(key, _penalty(rest) or "imprisonment", duration(f"{n} {resp.group('unit')}"),
                                              iso, court, evidence=ev))
                    continue
            for keys, window in _segments(text, parts, sent, m.end(), clause, persons):
                penalties = _penalties_in(("fined " if word == "fined" else "") + window[:200])
                for key in keys:
                    for penalty, dur in penalties:
                        found.append(Sentence(key, penalty, dur, iso, court, evidence=ev))
        if court_here or re.search(r"\b(?:convicted|sentenced|found\s+(?:\w+\s+){0,3}guilty|verdict)\b", text[sent.start:sent.end]):
            day = [d.date.iso for d in dates.by_sent.get(sent.start, []) if d.date.day]
            recent = position - verdict[0] <= 2
            verdict = (position, day[0] if day else verdict[1] if recent else "", court_here or (verdict[2] if recent else ""))
    facts.sentences.extend(_dedupe(found))


def _dedupe(sentences: list[Sentence]) -> list[Sentence]:
    """One sentence per person, penalty and duration: mentions of the same sentence merge (the duration from
    one, the date or court from another); a sentence later reduced or increased is a second sentence."""
    merged: list[Sentence] = []
    for s in sentences:
        same = next((m for m in merged if m.person == s.person and m.penalty == s.penalty and
                     (not m.duration or not s.duration or m.duration == s.duration) and
                     (not m.date or not s.date or m.date == s.date)), None)
        if same is None:
            merged.append(s)
            continue
        same.duration = same.duration or s.duration
        same.date = same.date or s.date
        same.court = same.court or s.court
    return merged
