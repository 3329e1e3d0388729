"""An appeal prepared for extraction: repaired text, regions and sentences, and evidence in source offsets."""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property

from ..appeal import Appeal
from ..dates import Date
from ..facts import Evidence
from ..text import Repaired, repair, sentences


@dataclass(frozen=True)
class Sent:
    start: int
    end: int
    region: str     # "title", "narrative", "intro" or "other"


class Doc:
    """The appeal's text with lost spaces put back; extraction rules work on `text`,
    and `evidence()` turns a span of it into an Evidence on the appeal's own text."""

    def __init__(self, appeal: Appeal):
        self.appeal = appeal
        self.repaired: Repaired = repair(appeal.text)
        self.text = self.repaired.text
        self._orig = self.repaired.orig
        self.date: Date | None = appeal.date

    def to_repaired(self, offset: int) -> int:
        return bisect.bisect_left(self._orig, offset)

    @cached_property
    def sents(self) -> list[Sent]:
        out = []
        covered = []
        for s0, e0 in self.appeal.narrative:
            s, e = self.to_repaired(s0), self.to_repaired(e0)
            covered.append((s, e))
            out.extend(Sent(a, b, "narrative") for a, b in sentences(self.text, s, e))
        title_at = self.appeal.text.find(self.appeal.title) if self.appeal.title else -1
        if title_at >= 0 and not any(s <= self.to_repaired(title_at) < e for s, e in covered):
            s, e = self.to_repaired(title_at), self.to_repaired(title_at + len(self.appeal.title))
            out.append(Sent(s, e, "title"))
            covered.append((s, e))
        if self.appeal.intro:
            s, e = (self.to_repaired(x) for x in self.appeal.intro)
            out.extend(Sent(a, b, "intro") for a, b in sentences(self.text, s, e))
            covered.append((s, e))
        pos = 0
        for s, e in sorted(covered) + [(len(self.text), len(self.text))]:
            if s > pos:
                out.extend(Sent(a, b, "other") for a, b in sentences(self.text, pos, s))
            pos = max(pos, e)
        return sorted(out, key=lambda x: x.start)

    def narrative(self) -> list[Sent]:
        return [s for s in self.sents if s.region == "narrative"]

    def sentence_at(self, pos: int) -> Sent | None:
        for s in self.sents:
            if s.start <= pos < s.end:
                return s
        return None

    def evidence(self, start: int, end: int, rule: str, confidence: float = 0.9, whole_sentence: bool = True) -> Evidence:
        """Evidence for text[start:end], quoting the whole sentence around it by default."""
        if whole_sentence:
            sent = self.sentence_at(start)
            if sent:
                start, end = min(start, sent.start), max(end, sent.end)
        s, e = self.repaired.span(start, end)
        return Evidence(s, e, self.appeal.text[s:e], rule, confidence)
