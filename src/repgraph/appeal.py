"""Reading an appeal file (plain text or a publisher's HTML page) into its parts."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .dates import Date, find_dates
from .errors import RepgraphError
from .html import html_to_text
from .text import fold
from .vocab import Country, countries, violation_categories


class AppealError(RepgraphError):
    """An appeal file that cannot be read; the message names the file and says why in one line."""


CODE = re.compile(r"\b([A-Z]{3})\s*(\d{3})\s*/\s*(\d{4})\s*/\s*OBS\s*(\d{2,4})(?:\s*\.\s*(\d+))?")
AMNESTY_INDEX = re.compile(r"\bIndex:\s*([A-Z]{3}\s*\d{2}\s*/\s*\d{3,4}\s*/\s*\d{4})")
HEADINGS = {
    "situation": re.compile(r"^\s*(?:Description of the situation|New ?information|Background information|"
                            r"Brief description of the situation)\s*:\s*$", re.I | re.M),
    "actions": re.compile(r"^\s*(?:(?:Actions? requested|Action requested)\s*:?\s*$|TAKE ACTION\b.*$|"
                          r"PLEASE WRITE IMMEDIATELY\b.*$)", re.I | re.M),
}
BOILERPLATE = re.compile(
    r"^\s*(?:Kindly inform us of any action|The Observatory for the Protection of Human Rights Defenders \(the Observatory\)"
    r"|To contact the Observatory|For further information,? please contact|For more information,? please contact"
    r"|Please also write to the diplomatic|Geneva-Paris,|Paris-Geneva,|Geneva - Paris|Paris - Geneva)", re.I | re.M)
FURNITURE = re.compile(r"^\s*(?:Urgent Interventions?|Urgent Appeals?|URGENT APPEAL\b.*|URGENT ACTION|New information|"
                       r"Newinformation|Amnesty International|en\s+fa|\(Version [^)]*\)|©.*|Photo:.*|Share|Print)\s*$", re.I)
PLACE_LINE = re.compile(r"^\s*((?:[A-Z][a-z]+\s*[-–]\s*)+[A-Z][a-z]+),\s*([^\n]{6,40}?\d{4})\.?", re.M)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
MAX_APPEAL_BYTES = 4 * 1024 * 1024   # the largest appeal file read: publishers' pages are under 1 MB with their scripts
MAX_APPEAL_CHARS = 500_000           # the longest appeal text extracted (real ones are under 50 000; time grows faster than size)
HONORIFIC = re.compile(r"^(?:(?:Mr|Mrs|Ms|Mses|Messrs|Dr|Prof|H\.\s?E|Judge|Justice|Counsellor|Counselor|Sheikh|"
                       r"His Excellency|Her Excellency)\.?\s+)+")


@dataclass
class Addressee:
    """An authority to write to, from the appeal's list of addressees."""
    name: str
    position: str
    email: str
    start: int
    end: int


@dataclass
class Appeal:
    source: Path
    text: str
    title: str = ""
    code: str = ""
    code_printed: bool = False
    date: Date | None = None
    country: Country | None = None
    categories: list[str] = field(default_factory=list)
    place_line: str = ""
    intro: tuple[int, int] | None = None
    narrative: list[tuple[int, int]] = field(default_factory=list)
    actions: tuple[int, int] | None = None
    addressees: list[Addressee] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def case_code(self) -> str:
        """The code without its follow-up suffix: every appeal of one case shares it."""
        return re.sub(r"\.\d+$", "", self.code) if self.code_printed else self.code

    @property
    def follow_up(self) -> int:
        m = re.search(r"\.(\d+)$", self.code) if self.code_printed else None
        return int(m.group(1)) if m else 0

    def situation_text(self) -> str:
        return "\n".join(self.text[s:e] for s, e in self.narrative)


def decode(path: Path) -> str:
    """The file's text, or AppealError for a missing, empty, binary, non-UTF-8, too large or too deeply nested file."""
    try:
        size = path.stat().st_size
        if size > MAX_APPEAL_BYTES:
            raise AppealError(f"{path}: too large for an appeal ({size:,} bytes; the limit is {MAX_APPEAL_BYTES:,})")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise AppealError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise AppealError(f"{path}: is a folder") from None
    except OSError as err:
        raise AppealError(f"{path}: cannot read ({err.strerror})") from None
    if not raw.strip():
        raise AppealError(f"{path}: empty file")
    if b"\x00" in raw[:65536]:
        raise AppealError(f"{path}: binary file, not an appeal text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise AppealError(f"{path}: not UTF-8 text (byte 0x{raw[err.start]:02x} at offset {err.start})") from None
    if _is_html(path, text):
        try:
            text = html_to_text(text)
        except RecursionError:
            raise AppealError(f"{path}: HTML nested too deeply to be an appeal page") from None
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " "))
    if len(re.findall(r"[^\W\d_]", text)) < 20:
        raise AppealError(f"{path}: no readable text")
    if len(text) > MAX_APPEAL_CHARS:
        raise AppealError(f"{path}: too long for an appeal ({len(text):,} characters; the limit is {MAX_APPEAL_CHARS:,})")
    return text


def _is_html(path: Path, text: str) -> bool:
    return path.suffix.lower() in (".html", ".htm") or bool(re.match(r"\s*(?:<!doctype html|<html)", text, re.I))


def read_appeal(path: Path) -> Appeal:
    """Read PATH into an Appeal: header fields, narrative spans and addressees."""
    text = decode(path)
    appeal = Appeal(source=path, text=text)
    _read_code(appeal)
    _read_sections(appeal)
    _read_title(appeal)
    _read_date(appeal)
    _read_country(appeal)
    _read_categories(appeal)
    _read_addressees(appeal)
    return appeal


def _read_code(appeal: Appeal) -> None:
    head = appeal.text[:4000]
    m = CODE.search(head)
    if m:
        appeal.code = f"{m[1]} {m[2]} / {m[3]} / OBS {m[4]}" + (f".{m[5]}" if m[5] else "")
        appeal.code_printed = True
        return
    m = AMNESTY_INDEX.search(head)
    if m:
        appeal.code = re.sub(r"\s*/\s*", "/", m[1])
        appeal.code_printed = True
        return
    appeal.code = "RG-" + appeal.content_hash[:12]
    appeal.warnings.append(f"{appeal.source.name}: no appeal code printed; using {appeal.code}")


def _lines(text: str, start: int = 0, end: int | None = None):
    """(start, end, line) for each line of TEXT[start:end]."""
    end = len(text) if end is None else end
    pos = start
    for line in text[start:end].split("\n"):
        yield pos, pos + len(line), line
        pos += len(line) + 1


def _read_sections(appeal: Appeal) -> None:
    text = appeal.text
    stop = len(text)
    boiler = BOILERPLATE.search(text, 200)
    actions = HEADINGS["actions"].search(text)
    if actions:
        end_actions = boiler.start() if boiler and boiler.start() > actions.end() else stop
        appeal.actions = (actions.end(), end_actions)
        stop = actions.start()
    elif boiler:
        stop = boiler.start()
    intro = re.search(r"[^\n]*requests your (?:urgent )?intervention[^\n]*", text[:stop])
    if intro:
        appeal.intro = (intro.start(), intro.end())
    # the narrative starts at the first long line after the header lines (title, code, categories, dates)
    start = stop
    for s, e, line in _lines(text, appeal.intro[1] if appeal.intro else 0, stop):
        if len(line.strip()) >= 80 or HEADINGS["situation"].match(line):
            start = s
            break
    spans, cur = [], start
    for h in HEADINGS["situation"].finditer(text, start, stop):
        if h.start() > cur:
            spans.append((cur, h.start()))
        cur = h.end()
    spans.append((cur, stop))
    appeal.narrative = [(s, e) for s, e in spans if text[s:e].strip()]


def _header_lines(appeal: Appeal):
    first = appeal.narrative[0][0] if appeal.narrative else len(appeal.text)
    return [(s, e, line) for s, e, line in _lines(appeal.text, 0, first) if line.strip()]


def _read_title(appeal: Appeal) -> None:
    for s, e, line in _header_lines(appeal) + list(_lines(appeal.text)):
        clean = line.strip()
        if not clean or FURNITURE.match(clean) or CODE.search(clean) and len(clean) < 40 or find_dates(clean) \
                and len(clean) < 30 or len(clean) < 12:
            continue
        if re.match(r"(?:Further information on UA|Index:)", clean):
            m = re.search(r"URGENT ACTION\s+(.+?[A-Z]{4,}[A-Z ,]*)(?=\s+[A-Z][a-z])", clean)
            if m:
                appeal.title = m.group(1).strip()
                return
            continue
        clean = re.sub(r"^date \d{4}-\d\d-\d\d\s+", "", clean)
        sentence = re.match(r"(.+?[.!?:])(?:\s+[A-Z\"“]|$)", clean)
        appeal.title = (sentence.group(1) if sentence and len(clean) > 200 else clean).strip()
        return


def _read_date(appeal: Appeal) -> None:
    text = appeal.text
    m = re.search(r"(?:^|\n)\s*date\s+(\d{4}-\d\d-\d\d)|\bDate:\s*(\d{1,2} \w+ \d{4})", text[:3000])
    candidates = []
    if m:
        candidates = find_dates(m.group(1) or m.group(2))
    if not candidates:
        for s, e, line in _lines(text, 0, min(len(text), 1200)):
            found = find_dates(line)
            if found and len(line.strip()) <= 40 and found[0].date.day:
                candidates = found
                break
    if not candidates:
        place = PLACE_LINE.search(text)
        if place:
            appeal.place_line = place.group(0).strip().rstrip(".")
            candidates = find_dates(place.group(2))
    else:
        place = PLACE_LINE.search(text)
        if place:
            appeal.place_line = place.group(0).strip().rstrip(".")
    full = [c for c in candidates if c.date.day]
    if full:
        appeal.date = full[0].date


@cache
def _country_patterns() -> list[tuple[str, re.Pattern, Country]]:
    """Every country name and demonym, with its word-bounded pattern, compiled once."""
    pats = []
    for c in countries():
        for name in c.names + c.demonyms:
            pats.append((name, re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])"), c))
    return pats


def _read_country(appeal: Appeal) -> None:
    by_code = {c.code: c for c in countries()}
    title = appeal.title
    m = re.match(r"\s*([A-Z][\w ]+?)\s*:", title)
    pats = _country_patterns()
    if m:
        for _, pat, c in pats:
            if pat.fullmatch(m.group(1)):
                appeal.country = c
                return
    m = re.search(r"situation in (?:the )?([A-Z][\w ]+?)\s*\.", appeal.text)
    if m:
        for _, pat, c in pats:
            if pat.fullmatch(m.group(1)):
                appeal.country = c
                return
    counts: dict[str, int] = {}
    body = appeal.title + "\n" + appeal.situation_text()
    for name, pat, c in pats:
        n = len(pat.findall(body)) if name in body else 0     # the plain test first: most names are absent
        if n:
            counts[c.code] = counts.get(c.code, 0) + n
    if counts:
        appeal.country = by_code[max(sorted(counts), key=counts.get)]
    else:
        appeal.warnings.append(f"{appeal.source.name}: no country found")


def _read_categories(appeal: Appeal) -> None:
    known = violation_categories()
    lines = _header_lines(appeal)
    for s, e, line in lines:
        for part in re.split(r"\s*/\s*", line.strip()):
            key = fold(part)
            for label in known:
                if key and key.replace(" ", "") == fold(label).replace(" ", ""):
                    if label not in appeal.categories:
                        appeal.categories.append(label)


AUTHORITY = r"(?:President|Prime Minister|Prosecutor[- ]General|General Prosecutor|Minister of [A-Z][\w ]+?|" \
            r"Minister of Foreign Affairs|Ombudsman|Ombudsperson|Speaker of [A-Z][\w ]+?|Head of State|King|Emir|" \
            r"Chief Justice|Interior Minister|Justice Minister|Foreign Minister)"
PROSE_ADDRESSEES = re.compile(rf"\b(?:letters?|appeals?|petitions?|write|writing)\b[^.]{{0,80}}?\bto the\s+(?P<list>{AUTHORITY}"
                              rf"(?:\s*,\s*(?:and\s+)?{AUTHORITY})*(?:\s*,?\s*and\s+{AUTHORITY})?)\s+of\s+"
                              rf"(?:the\s+)?(?P<country>[A-Z][\w ]+?)(?=[.,;]|\s+(?:to|in|and|asking|demanding)\b)")


def _read_prose_addressees(appeal: Appeal) -> None:
    """'send letters ... to the President, Prosecutor General and Minister of Justice of Azerbaijan':
    each authority of the country, named by its position."""
    for m in PROSE_ADDRESSEES.finditer(appeal.text):
        for title in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", m.group("list")):
            position = f"{title.strip()} of {m.group('country').strip()}"
            appeal.addressees.append(Addressee(position, position, "", m.start(), m.end()))


def _read_addressees(appeal: Appeal) -> None:
    if not appeal.actions:
        _read_prose_addressees(appeal)
        return
    s0, e0 = appeal.actions
    for s, e, line in _lines(appeal.text, s0, e0):
        email = EMAIL.search(line)
        if not email:
            continue
        body = re.sub(r"^[\s•·*\-–\d.)]+", "", line[:email.start()])
        body = re.sub(r"[.,;]?\s*(?:E-?mail|Fax|Tel)\s*:?\s*$", "", body, flags=re.I).strip(" .,;:")
        fields = [f.strip() for f in body.split(",") if f.strip()]
        if not fields:
            continue
        first = HONORIFIC.sub("", fields[0]).strip()
        is_person = bool(HONORIFIC.match(fields[0])) and len(fields) > 1
        if is_person:
            position = fields[1]
            name = first
        else:
            name = fields[0]
            position = ""
            # "Embassy of X in Brussels, Belgium": the trailing country is part of the place, not a position
        appeal.addressees.append(Addressee(name, position, email.group(), s, e))
