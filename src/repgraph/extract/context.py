"""What surrounds a trigger: its date, and whether the text asserts it happened."""
from __future__ import annotations

import re
from datetime import date as _date, timedelta

from ..dates import Date, DateMention, find_dates
from .doc import Doc, Sent

NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
                "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
                "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "several": 0}
IRREALIS_BEFORE = re.compile(
    r"\b(?:call(?:s|ed|ing)? (?:for|on)|urg(?:e|es|ed|ing)|demand(?:s|ed|ing)?|request(?:s|ed|ing)?|ask(?:s|ed|ing)?|"
    r"to prevent|in order to|[Ii]f|[Uu]nless|would|could|might|may|risks?|faces? (?:up to|a maximum|\w+ years)|"
    r"facing (?:up to|a maximum)|expected|expects?|[Ss]hould|"
    r"must|not|never|no|without|den(?:y|ies|ied)|refused to|fears?|feared|threatened with|seeks?|sought|"
    r"aim(?:s|ed)? to|plan(?:s|ned)? to|pending|possible|potential|prior to)\b[^.;]*$")
NEGATED_AFTER = re.compile(r"^\W*(?:\w+\s+){0,2}(?:has|had|have|was|were|is|are)\s+(?:not|yet to)\b|^\W*(?:not yet)\b", re.I)
RELATIVE = re.compile(r"\b(?:(?:on|in) the same day|the same day|the (?:next|following) day|(?P<n>\w+) days? later|"
                      r"the (?:next|following) month|a month later|(?P<h>hours?) later|after (?:a few|several|\w+) hours|"
                      r"the same (?:evening|night|morning))\b", re.I)
# an event date is introduced by a preposition ("on 5 May", "in July 2024", "since 2018"), not a modifier ("2012 laureate")
DATE_CONTEXT = re.compile(r"(?:\b(?:on|in|since|from|between|of|by|at|during|until|around|as of|early|late|mid)|"
                          r"\bbetween\s+\S+(?:\s+\S+)?\s+and|\b[a-z]+ed)\s+"
                          r"(?:the\s+)?(?:(?:early|late|evening|morning|night|afternoon|beginning|end|middle|mid)\s+(?:of\s+)?)*$",
                          re.I)


def _shift(d: Date, days: int) -> Date:
    if not d.day:
        return d
    x = _date(d.year, d.month, d.day) + timedelta(days=days)
    return Date(x.year, x.month, x.day)


class Dates:
    """The dates of each sentence of a Doc, year-less dates and relative dates ('two days later') resolved."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.by_sent: dict[int, list[DateMention]] = {}
        last: Date | None = None
        for sent in doc.sents:
            ref = doc.date or last
            found = find_dates(doc.text, sent.start, sent.end, reference=ref)
            found = [m for m in found if not re.search(r"\b(?:until|till|through)\s*$", doc.text[max(0, m.start - 12):m.start])
                     and (DATE_CONTEXT.search(doc.text[max(0, m.start - 40):m.start]) or m.start == sent.start)]
            explicit_here = [m for m in found if m.date.month]
            for m in RELATIVE.finditer(doc.text, sent.start, sent.end):
                earlier_here = [d.date for d in explicit_here if d.end <= m.start()]
                last = earlier_here[-1] if earlier_here else last       # "... on 11 June, and on the same day ..."
                if last is None:
                    continue
                phrase = m.group().lower()
                if "same day" in phrase or m.group("h"):
                    d = last
                elif "next day" in phrase or "following day" in phrase:
                    d = _shift(last, 1)
                elif m.group("n"):
                    n = NUMBER_WORDS.get(m.group("n").lower()) or (int(m.group("n")) if m.group("n").isdigit() else 0)
                    if not n:
                        continue
                    d = _shift(last, n)
                else:
                    d = Date(last.year + (last.month == 12), last.month % 12 + 1) if last.month else last
                found.append(DateMention(m.start(), m.end(), d))
            found.sort(key=lambda m: m.start)
            self.by_sent[sent.start] = found
            explicit = [m.date for m in found if m.date.month]
            if explicit:
                last = explicit[-1]

    def previous(self, sent: Sent) -> Date | None:
        """The day-precise date of the narrative sentence just before SENT, if it has one."""
        narrative = [s for s in self.doc.sents if s.region == "narrative" and s.start < sent.start]
        if not narrative:
            return None
        days = [m.date for m in self.by_sent.get(narrative[-1].start, []) if m.date.day]
        return days[0] if days else None

    def near(self, sent: Sent, start: int, end: int, clause: tuple[int, int], state: bool = False) -> Date | None:
        """The date a trigger at START..END refers to: 'on DATE' right after it, else the nearest in its clause,
        else an earlier date of the sentence. 'since DATE' only dates a state (detention, house arrest...)."""
        text = self.doc.text
        found = [m for m in self.by_sent.get(sent.start, [])
                 if state or not re.search(r"\bsince\s+(?:\w+\s+){0,2}$", text[max(0, m.start - 20):m.start])]
        on_after = [m for m in found if clause[0] <= m.start < clause[1] and 0 <= m.start - end <= 50
                    and re.search(r"\b(?:on|in)\s+(?:the\s+)?$", text[m.start - 8:m.start])]
        if on_after:
            return on_after[0].date
        inside = [m for m in found if clause[0] <= m.start < clause[1] and (
            m.start < start and not re.search(r"\b(?:later|subsequently|then|afterwards|since then)\b", text[m.end:start])
            or m.start >= end and (m.start - end <= 50 or re.search(r"\bsince\s+$", text[m.start - 8:m.start])
                                   and m.start - end <= 110))]
        if inside:
            best = min(inside, key=lambda m: m.start - end if m.start >= end else (start - m.end) * 1.5)
            return best.date
        earlier = [m for m in found if m.end <= start and start - m.end < 200
                   and not re.search(r"\b(?:later|subsequently|then|afterwards)\b", text[m.end:start])]
        return earlier[-1].date if earlier else None


def asserted(doc: Doc, clause_start: int, start: int, end: int) -> bool:
    """False when the words before the trigger (in its clause) request, suppose or deny it."""
    lead = doc.text[clause_start:start]
    if IRREALIS_BEFORE.search(lead):
        return False
    return not NEGATED_AFTER.match(doc.text[end:end + 40])


def number(word: str) -> float | None:
    """'eight' -> 8, '18' -> 18, '3-1/2' -> 3.5, 'two and a half' -> 2.5."""
    word = word.strip().lower()
    m = re.fullmatch(r"(\d+)(?:[- ](\d)/(\d))?", word)
    if m:
        return int(m.group(1)) + (int(m.group(2)) / int(m.group(3)) if m.group(2) else 0)
    m = re.fullmatch(r"(\w+)(?:[- ]and[- ]a[- ]half)", word)
    if m and m.group(1) in NUMBER_WORDS:
        return NUMBER_WORDS[m.group(1)] + 0.5
    parts = re.split(r"[- ]", word)
    if all(p in NUMBER_WORDS for p in parts):
        return float(sum(NUMBER_WORDS[p] for p in parts)) or None
    return None
