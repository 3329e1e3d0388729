"""Dates as precise as the text gives them: '5 February 2025' -> 2025-02-05, 'July 2024' -> 2024-07."""
from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
     "december"])}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_MON = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"

DATE = re.compile(
    rf"(?P<dmy>(?P<d1>{_DAY})(?:\s+of)?\s+(?P<m1>{_MON}),?\s*(?P<y1>{_YEAR})?)"
    rf"|(?P<mdy>(?P<m2>{_MON})\s+(?P<d2>{_DAY})(?![\d:])(?:,?\s*(?P<y2>{_YEAR}))?)"
    rf"|(?P<my>(?P<m3>{_MON})(?:\s+of)?,?\s+(?P<y3>{_YEAR}))"
    rf"|(?P<iso>(?P<y4>{_YEAR})-(?P<m4>[01]\d)-(?P<d4>[0-3]\d))"
    rf"|(?P<num>(?P<d5>[0-3]?\d)[/.](?P<m5>[01]?\d)[/.](?P<y5>{_YEAR}|\d\d)(?!\d))"
    rf"|(?P<year>(?<![\d.,/-])(?P<y6>{_YEAR})(?![\d.,/-]\d))")


@dataclass(frozen=True)
class Date:
    """A date with the precision the text gives: 'day', 'month' or 'year'."""
    year: int
    month: int = 0
    day: int = 0
    year_stated: bool = True

    @property
    def iso(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    @property
    def xsd_type(self) -> str:
        return "date" if self.day else "gYearMonth" if self.month else "gYear"

    def key(self) -> tuple[int, int, int]:
        return self.year, self.month, self.day


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    date: Date


def _valid(y: int, m: int, d: int) -> bool:
    if not 1 <= m <= 12:
        return False
    return 1 <= d <= (29 if m == 2 else 30 if m in (4, 6, 9, 11) else 31)


def find_dates(text: str, start: int = 0, end: int | None = None, reference: Date | None = None) -> list[DateMention]:
    """Every date in TEXT[start:end]; a day and month without a year take the year of REFERENCE,
    moved one year back when that would put the date after the reference."""
    end = len(text) if end is None else end
    out = []
    for m in DATE.finditer(text, start, end):
        g = m.groupdict()
        try:
            if g["dmy"] or g["mdy"]:
                day = int(re.match(r"\d+", g["d1"] or g["d2"]).group())
                month = MONTHS[(g["m1"] or g["m2"]).rstrip(".").lower()]
                ytxt = g["y1"] or g["y2"]
                if ytxt:
                    date = Date(int(ytxt), month, day)
                elif reference:
                    year = reference.year
                    if reference.month and (month, day) > (reference.month, reference.day or 31):
                        year -= 1
                    date = Date(year, month, day, year_stated=False)
                else:
                    continue
            elif g["my"]:
                date = Date(int(g["y3"]), MONTHS[g["m3"].rstrip(".").lower()])
            elif g["iso"]:
                date = Date(int(g["y4"]), int(g["m4"]), int(g["d4"]))
            elif g["num"]:
                y = int(g["y5"])
                y = y + 2000 if y < 100 else y
                date = Date(y, int(g["m5"]), int(g["d5"]))
            else:
                date = Date(int(g["y6"]))
        except (KeyError, ValueError):
            continue
        if date.month and not _valid(date.year, date.month, date.day or 1):
            continue
        out.append(DateMention(m.start(), m.end(), date))
    return out
