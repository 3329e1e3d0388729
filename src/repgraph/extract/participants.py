"""Who a clause is about: named mentions, lists of names ('A, B and C'), pronouns and plural nouns
('they', 'the nine lawyers') resolved to the persons of the appeal."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .doc import Doc, Sent
from .persons import PersonIndex

CLAUSE_BREAK = re.compile(r";|:\s|\s[–—]\s|\s+(?:but|while|whereas|although|however)\s+|,\s+(?:who|which|where|whose)\b|"
                          r"\b(?:said|says|reported|reports|stated|states|told \w+|announced|confirmed|claimed|claims|"
                          r"added|noted|explained|insisted|alleged|alleges|believes|revealing|revealed)\s+that\b")
LIST_SEP = re.compile(r"(?:,\s+(?:(?:a|an|the)\s+)?[a-z][\w'’ -]{0,60}?(?=,))?"     # "A, chairwoman of X, and B"
                      r"\s*(?:(?:,\s*)+(?:and\s+)?|and\s+|,?\s*as well as\s+|&\s*)"
                      r"(?:(?:his|her|their)\s+[a-z]+(?:\s+[a-z]+)?,?\s*)?"
                      r"(?:(?:Mr|Ms|Mrs|Dr|Messrs|Mses)\.?\s+)?")
PRONOUN = re.compile(r"\b(he|him|his|himself|she|her|hers|herself|they|them|their|themselves)\b", re.I)
GROUP_NOUN = re.compile(r"\b(?:(?:the|these|all|both)\s+(?:(?P<n>two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\s+)?|"
                        r"(?P<bare>two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\s+)"
                        r"(?:(?!of\b|and\b)[\w-]+\s+){0,2}?(?:defendants|lawyers|activists|journalists|detainees|defenders|"
                        r"accused|members|students|bloggers|men|women|brothers|sisters|prisoners|unionists|trade unionists)\b", re.I)
COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
          "eleven": 11, "twelve": 12}
GENDER = {"he": "male", "him": "male", "his": "male", "himself": "male",
          "she": "female", "her": "female", "hers": "female", "herself": "female"}
PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|got|be)\s+(?:\w+ly\s+|not\s+|also\s+|then\s+|later\s+|"
                            r"subsequently\s+|reportedly\s+|allegedly\s+|eventually\s+|finally\s+)*$")
POSSESSIVE_BEFORE = re.compile(r"(?:['’]s?|\b(?:his|her|their))\s+(?:\w+\s+){0,2}$")
KIN_AFTER = re.compile(r"(?:['’]s?)?\s+(?:(?:two|three|four|\d+|young|younger|youngest|elder|eldest|late)\s+)?"
                       r"(?:mother|father|parents?|sons?|daughters?|child|children|brothers?|sisters?|husband|wife|"
                       r"uncle|aunt|nephew|niece|cousin|grand\w+|relatives?|family|widow)\b"
                       r"(?!\s+(?:home|house|residence|flat|apartment|car|business))", re.I)
PREPOSITION_BEFORE = re.compile(r"\b(?:for|to|with|by|from|against|on behalf of|like|under|about)\s+(?:the\s+)?"
                                r"(?:[\w-]+\s+){0,3}$")
REPORTED = re.compile(r"\b(?:said|says|reported|stated|told|claimed|confirmed|added|explained)\b")
SPEAKER = re.compile(r"^,?\s+(?:[^,.]{0,60},\s+)?(?:said|says|added|stated|explained|told)\b")
PLURAL_SUBJECT = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many|dozens|hundreds|other|"
                            r"some|all|multiple|numerous|various)\s+"
                            r"(?:(?!(?:on|in|of|for|at|to|by|with|from|and|or|the)\b)[a-z-]+\s+){0,2}"
                            r"(?!(?:years|months|weeks|days|hours|times|minutes)\b)[a-z]+s\b")     # "15 land defenders were killed"
TEMPORAL_PP = re.compile(r"^(?:after|during|following|at|before|since)\b", re.I)
NOMINAL = re.compile(r"(?:arrest|detention|trial|hearings?|indictment|investigation|release|appeal|conviction|sentencing|"
                     r"abduction|disappearance|killing|torture|search|raid|summons|interrogation)$", re.I)


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
        self.kin: dict[tuple[str, str], str] = {}     # (person, kinship word) -> named relative; set by kinship
        self._resolve_all()
        self._genders_from_pronouns()

    def _genders_from_pronouns(self) -> None:
        """A person of unknown gender to whom two or more pronouns of one gender (and none of the other) were
        resolved takes that gender: the text has shown it."""
        votes: dict[str, list[str]] = {}
        for refs in self.refs.values():
            for r in refs:
                word = self.doc.text[r.start:r.end].lower()
                if word in GENDER and len(r.keys) == 1:
                    votes.setdefault(r.keys[0], []).append(GENDER[word])
        for key, found in votes.items():
            person = self.index.persons[key]
            if not person.gender and len(found) >= 2 and len(set(found)) == 1:
                person.gender = found[0]

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
        # "X, Y" without a conjunction is an apposition ("Rufat Safarov, Marie Struthers, ... said"), not a list
        out = []
        for r in refs:
            if len(r.keys) > 1 and not re.search(r"\band\b|as well as|&", text[r.start:r.end]):
                out.extend(Ref(m.start, m.end, (m.key,)) for m in self.index.at(r.start, r.end) if m.rule != "person-title")
            else:
                out.append(r)
        return out

    def _subject(self, sent: Sent, named: list[Ref]) -> str | None:
        """The first single person named in SENT who is not just the possessor of a relative
        ("Ms. X's daughter, Ms. Y, was arrested": Y)."""
        text = self.doc.text
        for r in named:
            if len(r.keys) == 1 and not KIN_AFTER.match(text[r.end:r.end + 30]):
                return r.keys[0]
        return None

    def _upcoming(self, sent: Sent, window: int = 2) -> list[tuple[str, ...]]:
        """The lists of names in the next WINDOW narrative sentences after SENT."""
        later = [s for s in self.doc.sents if s.region == "narrative" and s.start > sent.start][:window]
        return [r.keys for s in later for r in self._groups(s) if len(r.keys) > 1]

    def _resolve_all(self) -> None:
        prev_subject: str | None = None
        last_group: tuple[str, ...] = ()
        groups: list[tuple[str, ...]] = []  # every list of names so far, oldest first
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
                speakers = set()
                if word in ("him", "her"):
                    speakers = {k for r in before if REPORTED.search(self.doc.text[r.end:m.start()]) for k in r.keys}
                ok = [k for r in reversed(before) if len(r.keys) == 1 for k in r.keys
                      if self.index.persons[k].gender in (want, "") and k not in speakers]
                if ok:                        # a name earlier in the same sentence comes first
                    items.append(Ref(m.start(), m.end(), (ok[0],)))
                    continue
                kin_possessor = word in ("his", "her") and KIN_AFTER.match(self.doc.text[m.end():m.end() + 40])
                subject = prev_subject if prev_subject and self.index.persons[prev_subject].gender in (want, "") else None
                if subject and not kin_possessor:                   # the subject of the previous sentence comes next
                    items.append(Ref(m.start(), m.end(), (subject,)))
                    continue
                cands = [k for k in recent[-6:] if self.index.persons[k].gender in (want, "")]
                if not cands:
                    continue
                # "His mother, X": the relatives of the appeal's main person, whatever the last subject was
                exact = cands if kin_possessor else [k for k in cands if self.index.persons[k].gender == want] or cands
                best = max(exact, key=lambda k: (self.salience[k], cands.index(k)))
                items.append(Ref(m.start(), m.end(), (best,)))
            for m in GROUP_NOUN.finditer(self.doc.text, sent.start, sent.end):
                seen = groups + [r.keys for r in named if r.end <= m.start() and len(r.keys) > 1]
                n = m.group("n") or m.group("bare")
                size = COUNTS.get(n.lower(), 0) if n and not n.isdigit() else int(n) if n else 0
                sized = [g for g in seen if len(g) == size]
                if size and not sized:        # "three lawyers were sentenced. A, B and C were arrested...": named next
                    sized = [g for g in self._upcoming(sent) if len(g) == size][:1]
                if size and not sized and len(recent) >= size:
                    # "the five defendants": the five persons named most recently, when no list of five was given
                    sized = [tuple(recent[-size:])]
                group = sized[-1] if sized else max(seen, key=len) if seen and not size and not m.group("bare") else None
                if group:
                    items.append(Ref(m.start(), m.end(), group))
                    last_group = group
            items.sort(key=lambda r: r.start)
            self.refs[sent.start] = items
            if sent.region == "narrative":
                prev_subject = self._subject(sent, named) or (prev_subject if not named else None)
            for r in named:
                if len(r.keys) > 1:
                    last_group = r.keys
                    groups.append(r.keys)
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
        inside = [r for r in refs if t_start <= r.start < t_end]
        if inside:                      # "his arrest": the trigger phrase holds its possessor
            return list(inside[0].keys)
        # a name inside a prepositional phrase ("lawyers for the late leader X") is not the one it happened to
        refs = [r for r in refs if not SPEAKER.match(text[r.end:r.end + 80])
                and not re.search(r"\b(?:said|added|stated)\s+$", text[max(0, r.start - 12):r.start])]
        before = [r for r in refs if r.end <= t_start and not PREPOSITION_BEFORE.search(text[c_start:r.start])]
        after = [r for r in refs if r.start >= t_end]
        lead = text[c_start:t_start]
        if not before and re.search(r",\s+who$", text[max(sent.start, c_start - 8):c_start]):
            # "Ms. X, who is serving a six-year sentence": the relative pronoun stands for the name before it
            antecedent = [r for r in self.refs.get(sent.start, []) if r.end <= c_start]
            return self.kin_of(antecedent[-1]) if antecedent else []
        if PASSIVE_BEFORE.search(lead) or re.match(r"(?:was|were|been|being|is|are)\b", text[t_start:t_end]):
            if before and re.match(r"['’]s?\s", text[before[-1].end:before[-1].end + 3]) and \
                    not KIN_AFTER.match(text[before[-1].end:before[-1].end + 40]):
                return []       # "Navalny's lawyers were prosecuted": the possessor is not the one prosecuted
            return self.kin_of(before[-1]) if before else []
        if before and POSSESSIVE_BEFORE.search(text[before[-1].start:t_start]) and t_start - before[-1].end < 25:
            return self.kin_of(before[-1])
        if after and after[0].start - t_end <= 90 and not re.search(r"\b(?:by|from|to|with)\s*$", text[t_end:after[0].start]):
            return self.kin_of(after[0])
        if NOMINAL.search(text[t_start:t_end]):
            if TEMPORAL_PP.match(text[t_start:t_end]) or re.search(r"\b(?:after|during|following|at)\s+(?:the|a|his|her)\s*$",
                                                                 text[max(c_start, t_start - 20):t_start]):
                return self.kin_of(before[-1]) if before else self.main_person()  # "after the hearing": the case's
            return []       # "his lawyer confirmed the arrest": a noun without its possessor or object names nobody
        if before and not PLURAL_SUBJECT.search(text[before[-1].end:t_start]):
            return self.kin_of(before[-1])      # ("X's hearings began, involving multiple defendants accused of": not X)
        if after:
            return self.kin_of(after[0])
        if not self.refs.get(sent.start) and not PLURAL_SUBJECT.search(lead):
            return self.carried(sent)
        return []

    def main_person(self) -> list[str]:
        """The person the appeal is most about (most mentions), when one clearly is."""
        top = self.salience.most_common(2)
        if top and (len(top) == 1 or top[0][1] > top[1][1]):
            return [top[0][0]]
        return []

    def kin_of(self, ref: Ref) -> list[str]:
        """'Her uncle was sentenced': the relative, when the reference is a possessor of a kinship noun."""
        m = KIN_AFTER.match(self.doc.text[ref.end:ref.end + 40])
        if not m:
            return list(ref.keys)
        word = m.group().split()[-1].lower()
        found = [self.kin[(k, word)] for k in ref.keys if (k, word) in self.kin]
        return found

    def carried(self, sent: Sent) -> list[str]:
        """For a sentence that names nobody ("On the same day, a detention order was approved"): the one
        person the previous sentence spoke of, if it spoke of exactly one."""
        narrative = [s for s in self.doc.sents if s.region == "narrative"]
        i = next((k for k, s in enumerate(narrative) if s.start == sent.start), 0)
        if i == 0:
            return []
        keys = {k for r in self.refs.get(narrative[i - 1].start, []) for k in r.keys}
        return list(keys) if len(keys) == 1 else []

    def focus(self, sent: Sent) -> list[str]:
        """The persons SENT speaks of, in order."""
        out: list[str] = []
        for r in self.refs.get(sent.start, []):
            out.extend(k for k in r.keys if k not in out)
        return out
