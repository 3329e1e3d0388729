"""Who a clause is about: named mentions, lists of names ('A, B and C'), pronouns and plural nouns
('they', 'the nine lawyers') resolved to the persons of the appeal."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .doc import Doc, Sent
from .persons import PersonIndex

CLAUSE_BREAK = re.compile(r";|:\s|\s[–—]\s|\s+(?:but|while|whereas|although|however)\s+|,\s+(?:who|which|where|whose)\b|"
                          r"\.\s")
LIST_SEP = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|,?\s*as well as\s+|&\s*)"
                      r"(?:(?:his|her|their)\s+[a-z]+(?:\s+[a-z]+)?,?\s*)?"
                      r"(?:(?:Mr|Ms|Mrs|Dr|Messrs|Mses)\.?\s+)?")
PRONOUN = re.compile(r"\b(he|him|his|himself|she|her|hers|herself|they|them|their|themselves)\b", re.I)
GROUP_NOUN = re.compile(r"\bthe\s+(?:\w+\s+){0,2}(?:defendants|lawyers|activists|journalists|detainees|defenders|"
                        r"accused|members|students|bloggers|men|women|brothers|sisters|prisoners)\b", re.I)
GENDER = {"he": "male", "him": "male", "his": "male", "himself": "male",
          "she": "female", "her": "female", "hers": "female", "herself": "female"}
PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|got|be)\s+(?:\w+ly\s+|not\s+|also\s+|then\s+|later\s+|"
                            r"subsequently\s+|reportedly\s+|allegedly\s+|eventually\s+|finally\s+)*$")
POSSESSIVE_BEFORE = re.compile(r"(?:['’]s?|\b(?:his|her|their))\s+(?:\w+\s+){0,2}$")


@dataclass
class Ref:
    start: int
    end: int
    keys: tuple[str, ...]


class Participants:
    """Resolves the persons a span of text speaks of."""

    def __init__(self, doc: Doc, index: PersonIndex):
        self.doc = doc
        self.index = index
        self.salience = Counter(m.key for m in index.mentions if m.rule != "person-title")
        self.refs: dict[int, list[Ref]] = {}
        self._resolve_all()

    def _groups(self, sent: Sent) -> list[Ref]:
        """Named mentions of SENT, with lists ('A, B and her uncle, C') joined into one reference."""
        text = self.doc.text
        refs: list[Ref] = []
        for m in self.index.at(sent.start, sent.end):
            if m.rule == "person-title":
                continue
            if refs and LIST_SEP.fullmatch(text[refs[-1].end:m.start]) and m.key not in refs[-1].keys:
                refs[-1] = Ref(refs[-1].start, m.end, refs[-1].keys + (m.key,))
            elif refs and refs[-1].end > m.start:
                continue
            else:
                refs.append(Ref(m.start, m.end, (m.key,)))
        return refs

    def _resolve_all(self) -> None:
        last_group: tuple[str, ...] = ()
        recent: list[str] = []            # person keys, most recent last
        for sent in self.doc.sents:
            if sent.region not in ("narrative", "title", "intro"):
                continue
            named = self._groups(sent)
            items: list[Ref] = list(named)
            for m in PRONOUN.finditer(self.doc.text, sent.start, sent.end):
                word = m.group(1).lower()
                before = [r for r in named if r.end <= m.start()]
                if word in ("they", "them", "their", "themselves"):
                    group = next((r.keys for r in reversed(before) if len(r.keys) > 1), None) or last_group
                    if group:
                        items.append(Ref(m.start(), m.end(), group))
                    continue
                want = GENDER[word]
                cands = [k for r in before for k in r.keys] + recent[-6:]
                cands = [k for k in cands if self.index.persons[k].gender in (want, "")]
                if not cands:
                    continue
                exact = [k for k in cands if self.index.persons[k].gender == want] or cands
                best = max(exact, key=lambda k: (self.salience[k], cands.index(k) if k in cands else -1))
                items.append(Ref(m.start(), m.end(), (best,)))
            for m in GROUP_NOUN.finditer(self.doc.text, sent.start, sent.end):
                group = next((r.keys for r in reversed(named) if r.end <= m.start() and len(r.keys) > 1), None) or last_group
                if group:
                    items.append(Ref(m.start(), m.end(), group))
            items.sort(key=lambda r: r.start)
            self.refs[sent.start] = items
            for r in named:
                if len(r.keys) > 1:
                    last_group = r.keys
                for k in r.keys:
                    if k in recent:
                        recent.remove(k)
                    recent.append(k)

    def clause(self, sent: Sent, pos: int) -> tuple[int, int]:
        """The clause of SENT around POS."""
        text = self.doc.text
        start, end = sent.start, sent.end
        for m in CLAUSE_BREAK.finditer(text, sent.start, sent.end):
            if m.end() <= pos:
                start = m.end()
            elif m.start() >= pos:
                end = m.start()
                break
        return start, end

    def refs_in(self, sent: Sent, start: int, end: int) -> list[Ref]:
        return [r for r in self.refs.get(sent.start, []) if start <= r.start < end]

    def of_trigger(self, sent: Sent, t_start: int, t_end: int) -> list[str]:
        """The persons a trigger word speaks of: the subject of a passive ('X was arrested'), the
        possessor of a noun ('her arrest'), else the nearest object after it ('convicted X'), else before."""
        text = self.doc.text
        c_start, c_end = self.clause(sent, t_start)
        refs = self.refs_in(sent, c_start, c_end)
        before = [r for r in refs if r.end <= t_start]
        after = [r for r in refs if r.start >= t_end]
        lead = text[c_start:t_start]
        if PASSIVE_BEFORE.search(lead) and before:
            return list(before[-1].keys)
        if before and POSSESSIVE_BEFORE.search(text[before[-1].start:t_start]) and t_start - before[-1].end < 25:
            return list(before[-1].keys)
        if after and after[0].start - t_end <= 60 and not re.search(r"\b(?:by|from|to|with)\s*$", text[t_end:after[0].start]):
            return list(after[0].keys)
        if before:
            return list(before[-1].keys)
        return list(after[0].keys) if after else []

    def focus(self, sent: Sent) -> list[str]:
        """The persons SENT speaks of, in order."""
        out: list[str] = []
        for r in self.refs.get(sent.start, []):
            out.extend(k for k in r.keys if k not in out)
        return out
