"""Dated events per person: trigger words from the event-type vocabulary, the persons the clause
speaks of, and the nearest date; one event per person, kind and date."""
from __future__ import annotations

import re
from functools import cache

from ..facts import Event, Facts
from ..vocab import event_types
from .context import Dates, asserted
from .doc import Doc
from .participants import Participants

# kinds that count as one when the text repeats itself ("convicted ... and sentenced", "arrested ... detained")
SAME_CLASS = {"indictment": "charge", "sentencing": "conviction", "detention": "arrest"}
# the more precise kind wins when one trigger phrase matches two
PRECEDENCE = ["house_arrest", "travel_ban", "acquittal", "pardon", "release", "conviction", "sentencing", "indictment",
              "charge", "investigation", "trial", "hearing", "appeal", "interrogation", "search", "raid", "summons",
              "torture", "ill_treatment", "killing", "disappearance", "attack", "threat", "surveillance", "deportation",
              "dissolution", "fine", "detention", "arrest"]


ORGANISATION_EVENTS = {"dissolution"}
JUDGMENTS = {"conviction", "sentencing", "acquittal", "fine", "travel_ban", "house_arrest"}
STATES = {"detention", "house_arrest", "travel_ban", "disappearance", "surveillance"}    # may be dated 'since X'            # they happen to organisations, not persons
PRE_TRIAL = re.compile(r"\b(?:detention|remand|custody|pre-?trial)\b", re.I)


@cache
def _triggers() -> list[tuple[str, re.Pattern]]:
    """One pattern per event type (its triggers as alternatives, longest first), the more precise types first."""
    order = {k: i for i, k in enumerate(PRECEDENCE)}
    kinds = sorted((t for t in event_types() if t.alternation), key=lambda t: order.get(t.notation, 99))
    return [(t.notation, t.alternation) for t in kinds]


def extract(doc: Doc, parts: Participants, dates: Dates, facts: Facts) -> None:
    found: list[Event] = []
    for sent in doc.narrative():
        taken: list[tuple[int, int]] = []
        for kind, pat in _triggers():
            for m in pat.finditer(doc.text, sent.start, sent.end):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                clause = parts.clause(sent, m.start())
                if not asserted(doc, clause[0], m.start(), m.end()):
                    continue
                if kind in ORGANISATION_EVENTS:
                    continue
                persons = parts.of_trigger(sent, m.start(), m.end())
                if not persons:
                    continue
                taken.append((m.start(), m.end()))
                after = doc.text[m.end():clause[1]][:80]
                if kind == "sentencing" and PRE_TRIAL.search(after) and not re.search(r"prison|imprisonment|colony", after):
                    kind_here = "detention"       # "sentenced to a two-month detention in remand"
                elif kind == "charge" and re.search(r"\b(?:convicted|sentenced|found guilty|acquitted)\b",
                                                    doc.text[clause[0]:m.start()]):
                    continue                      # "convicted under false charges of X": the conviction's charges
                else:
                    kind_here = kind
                when = dates.near(sent, m.start(), m.end(), clause, state=kind_here in STATES)
                if when is None and kind_here in JUDGMENTS and re.match(r"\s*(?:The|the same) (?:court|judge|tribunal)\b",
                                                                        doc.text[sent.start:sent.end]):
                    when = dates.previous(sent)       # "The court acquitted A and B": on the judgment's day
                ev = doc.evidence(m.start(), m.end(), f"event:{kind_here}", 0.8 if when else 0.7)
                for key in persons:
                    found.append(Event(key, kind_here, when.iso if when else "", evidence=ev))
    facts.events.extend(dedupe(found))


SENTENCE_EVENTS = {"fine": "fine", "travel_ban": "travel_ban", "house_arrest": "house_arrest"}


def from_sentences(facts: Facts) -> None:
    """Every dated sentence is also an event of its person: sentencing (or the fine, travel ban, house arrest it
    imposes) on the sentence's date."""
    derived = [Event(s.person, SENTENCE_EVENTS.get(s.penalty, "sentencing"), s.date, s.court, s.evidence)
               for s in facts.sentences if s.date]
    facts.events[:] = dedupe(facts.events + derived)


def dedupe(events: list[Event]) -> list[Event]:
    """One event per person, class and date; an undated mention of a class that also has a dated one is dropped."""
    dated = {(e.person, SAME_CLASS.get(e.type, e.type)) for e in events if e.date}
    seen: set[tuple[str, str, str]] = set()
    out = []
    for e in events:
        cls = SAME_CLASS.get(e.type, e.type)
        if not e.date and (e.person, cls) in dated:
            continue
        key = (e.person, cls, e.date)
        if key in seen:
            continue
        seen.add(key)
        out.append(e)
    return out
