"""Extraction quality on the test appeals: the extractor's facts, run in-process, scored against
tests/fixtures/gold/*.yaml with the matching rules of the gold format (names up to spelling,
articles by number, generic kinship terms, dates at the gold's precision; see GOLD_FORMAT.md).

    python tests/quality.py [GOLD.yaml ...]      # P/R/F1 per kind and per appeal, then every miss

Importable: `score(gold_files)` returns {kind: Tally}; `rows(path)` the extractor's rows of one appeal.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

import yaml

from repgraph.appeal import read_appeal
from repgraph.extract import extract
from repgraph.text import fold

GOLD_DIR = Path(__file__).resolve().parent / "fixtures" / "gold"
KINDS = ("persons", "relatives", "memberships", "organisations", "charges", "sentences", "events", "addressees")
HONORIFICS = {"mr", "mrs", "ms", "miss", "messrs", "mses", "dr", "prof", "he", "m", "mme", "sir", "madam", "hon"}
KIN_CLASS = {"son": "child", "daughter": "child", "mother": "parent", "father": "parent", "brother": "sibling",
             "sister": "sibling", "husband": "spouse", "wife": "spouse", "grandmother": "grandparent",
             "grandfather": "grandparent", "grandson": "grandchild", "granddaughter": "grandchild",
             "uncle": "uncle_aunt", "aunt": "uncle_aunt", "nephew": "nephew_niece", "niece": "nephew_niece"}
INVERSE_KIN = {"child": "parent", "parent": "child", "grandchild": "grandparent", "grandparent": "grandchild",
               "uncle_aunt": "nephew_niece", "nephew_niece": "uncle_aunt"}
SAME_EVENT = {"indictment": "charge", "sentencing": "conviction", "detention": "arrest"}
# fields checked on a matched pair (not part of the match): a wrong value is listed, not counted against P/R
ATTRIBUTES = {"persons": ("gender",), "organisations": ("kind",), "sentences": ("penalty", "date", "court")}
DETENTION_PLACE = re.compile(r"\b(prison|penal colony|colony|detention cent|jail|penitentiar|correctional|remand)", re.I)


# ---- the extractor's facts as the rows of the named queries -----------------------------------------

def rows(path: Path) -> dict[str, list[dict]]:
    """The rows the named queries would give for the appeal at PATH, from read_appeal + extract."""
    appeal = read_appeal(path)
    facts = extract(appeal)
    name = {k: p.name for k, p in facts.persons.items()}
    org = {k: o.name for k, o in facts.organisations.items()}
    out: dict[str, list[dict]] = {kind: [] for kind in KINDS}

    def add(table: str, ident: tuple, evidence=None, **row) -> None:
        row["_id"] = ident                      # what the mapping mints the fact's IRI from
        row["_quote"] = " ".join(evidence.quote.split()) if evidence else ""
        out[table].append(row)

    for k, p in facts.persons.items():
        if p.name:
            add("persons", (k,), name=p.name, gender=p.gender, roles=";".join(p.roles))
    for k, o in facts.organisations.items():
        add("organisations", (o.name,), name=o.name, kind=o.kind)
    for a in appeal.addressees:
        add("addressees", (a.start,), name=a.name, position=a.position, email=a.email)
    for t in facts.kinship:
        if name[t.person]:
            add("relatives", (t.person, t.relative, t.relation), t.evidence,
                person=name[t.person], relative=name[t.relative], relation=t.relation)
    for m in facts.memberships:
        if name[m.person]:
            add("memberships", (m.person, m.organisation), m.evidence,
                person=name[m.person], organisation=org[m.organisation], role=m.role)
    for c in facts.charges:
        if name[c.person]:
            add("charges", (c.person, c.article, c.offence), c.evidence, person=name[c.person], charge=c.offence,
                article=c.article, legal_code=c.legal_code or ("unknown code" if c.article else ""))
    for s in facts.sentences:
        if name[s.person]:
            add("sentences", (s.person, s.penalty, s.duration, s.date), s.evidence, person=name[s.person],
                penalty=s.penalty, duration=s.duration, date=s.date, court=org.get(s.court, ""))
    for e in facts.events:
        if name[e.person]:
            add("events", (e.person, e.type, e.date), e.evidence, person=name[e.person], event=e.type, date=e.date)
    # one row per fact node and values: the mapping gives equal facts one IRI
    return {kind: list({tuple((k, v) for k, v in r.items() if k != "_quote"): r for r in reversed(table)}.values())[::-1]
            for kind, table in out.items()}


# ---- matching rules ------------------------------------------------------------------------------

def fold_name(text: str | None) -> str:
    words = fold(text or "").split()
    while words and words[0] in HONORIFICS:
        words.pop(0)
    return " ".join(words)


def names_match(pred: str | None, names: list[str], threshold: float = 0.88) -> bool:
    """PRED names one of NAMES: the same words in any order, or spelled alike."""
    p = fold_name(pred)
    return bool(p) and any(g and (sorted(p.split()) == sorted(g.split()) or SequenceMatcher(None, p, g).ratio() >= threshold)
                           for g in map(fold_name, names))


def article_number(text: str) -> str:
    m = re.search(r"\bart(?:icle)?s?\.?\s*(\d+)", text, re.I) or re.search(r"(\d+)", text)
    return m.group(1) if m else fold(text)


def months_days(duration: str) -> tuple[int, int] | str:
    m = re.fullmatch(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?", (duration or "").strip().upper())
    if not m or not any(m.groups()):
        return (duration or "").strip().upper()
    y, mo, w, d = (int(g or 0) for g in m.groups())
    return y * 12 + mo, w * 7 + d


def relation_match(pred: str, gold: str) -> bool:
    return pred == gold or gold == "relative" or KIN_CLASS.get(pred) == gold or KIN_CLASS.get(gold) == pred


class Matcher:
    """Whether a predicted row states a gold fact, for one appeal (whose gold persons give name variants)."""

    def __init__(self, persons: list[dict]):
        self.persons = [[p["name"], *(p.get("variants") or [])] for p in persons]

    def names(self, name: str) -> list[str]:
        """Every name the gold gives the person called NAME."""
        return next((ns for ns in self.persons if names_match(name, ns, 0.95)), [name])

    def who(self, g: dict, r: dict, gkey: str = "person", rkey: str = "person") -> bool:
        return names_match(r.get(rkey), self.names(g[gkey]))

    def persons_(self, g, r):
        return names_match(r["name"], [g["name"], *(g.get("variants") or [])])

    def relatives(self, g, r):
        if g.get("relative") and self.who(g, r, "relative", "person") and self.who(g, r, "person", "relative"):
            pc, gc = (KIN_CLASS.get(x, x) for x in (r["relation"], g["relation"]))
            return pc == INVERSE_KIN.get(gc, gc)           # the same tie seen from the other side
        if not (self.who(g, r) and relation_match(r["relation"], g["relation"])):
            return False
        return self.who(g, r, "relative", "relative") if g.get("relative") else not r["relative"]

    def memberships(self, g, r):
        return self.who(g, r) and names_match(r["organisation"], [g["organisation"]])

    def organisations(self, g, r):
        return names_match(r["name"], [g["name"], *(g.get("variants") or [])])

    def charges(self, g, r):
        if not self.who(g, r):
            return False
        if g.get("article") and r["article"]:
            return article_number(r["article"]) == article_number(str(g["article"]))
        return names_match(r["charge"], [g.get("charge", "")], 0.8)

    def sentences(self, g, r):
        if not self.who(g, r):
            return False
        return months_days(r["duration"]) == months_days(g["duration"]) if g.get("duration") else r["penalty"] == g["penalty"]

    def events(self, g, r):
        return (self.who(g, r) and SAME_EVENT.get(r["event"], r["event"]) == SAME_EVENT.get(g["event"], g["event"])
                and str(r["date"]).startswith(str(g.get("date") or "")))

    def addressees(self, g, r):
        names = [g["name"], *(g.get("variants") or [])]
        return names_match(r["name"], names) or bool(g.get("email")) and fold(r["email"]) == fold(g["email"]) \
            and names_match(r["name"], names, 0.6)

    def __call__(self, kind: str):
        return getattr(self, "persons_" if kind == "persons" else kind)


def pair_up(gold: list[dict], pred: list[dict], match) -> list[tuple[dict, dict | None]]:
    """Greedy one-to-one pairs, the most specific gold facts (most fields stated) first."""
    free, hit = list(pred), {}
    for i in sorted(range(len(gold)), key=lambda i: -sum(v not in (None, "", []) for v in gold[i].values())):
        hit[i] = next((r for r in free if match(gold[i], r)), None)
        if hit[i] is not None:
            free.remove(hit[i])
    return [(g, hit[i]) for i, g in enumerate(gold)]


def same_value(attr: str, pred: str, gold) -> bool:
    if attr == "date":
        return bool(pred) and str(pred).startswith(str(gold))
    return names_match(pred, [gold]) if attr == "court" else fold(pred) == fold(str(gold))


# ---- scoring -------------------------------------------------------------------------------------

@dataclass
class Tally:
    tp: int = 0
    pred: int = 0
    gold: int = 0
    missed: list[str] = field(default_factory=list)     # "file: gold fact" never found
    extra: list[str] = field(default_factory=list)      # "file: row" that states no gold fact
    wrong: list[str] = field(default_factory=list)      # "file: row: field expected, got" on a matched pair

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else float(not self.gold)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Tally) -> None:
        self.tp, self.pred, self.gold = self.tp + other.tp, self.pred + other.pred, self.gold + other.gold


def load_gold(path: Path) -> dict:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key in ("source", "appeal"):
        if key not in doc:
            raise ValueError(f"{path}: gold file lacks '{key}'")
    return doc


def score(gold_files: list[Path]) -> dict[str, Tally]:
    """Per-kind tallies over GOLD_FILES, plus 'overall' (every kind together)."""
    tallies = {kind: Tally() for kind in KINDS}
    for f in gold_files:
        doc = load_gold(f)
        pred = rows((f.parent / doc["source"]).resolve())
        match = Matcher(doc.get("persons") or [])
        for kind in KINDS:
            gold, found = list(doc.get(kind) or []), pred[kind]
            if kind == "organisations":
                gold = [g for g in gold if not DETENTION_PLACE.search(g["name"])]
                found = [r for r in found if not DETENTION_PLACE.search(r["name"])]
            pairs = pair_up(gold, found, match(kind))
            used = [id(r) for _, r in pairs if r is not None]
            t = tallies[kind]
            t.tp, t.pred, t.gold = t.tp + len(used), t.pred + len(found), t.gold + len(gold)
            t.missed += [f"{f.stem}: {shown(g)}" for g, r in pairs if r is None]
            t.extra += [f"{f.stem}: {shown(r)}" for r in found if id(r) not in used]
            t.wrong += [f"{f.stem}: {shown(r)}: {a} should be {g[a]}" for g, r in pairs if r is not None
                        for a in ATTRIBUTES.get(kind, ()) if g.get(a) and not same_value(a, r[a], g[a])]
    overall = Tally()
    for t in tallies.values():
        overall.add(t)
    return {**tallies, "overall": overall}


def shown(row: dict) -> str:
    fields = ", ".join(f"{k}={v}" for k, v in row.items() if v and k not in ("_id", "_quote", "variants", "id", "roles"))
    return fields + (f'  <- "{row["_quote"][:160]}"' if row.get("_quote") else "")


def table(tallies: dict[str, Tally]) -> str:
    lines = [f"{'kind':<14}{'gold':>6}{'pred':>6}{'tp':>6}{'P':>7}{'R':>7}{'F1':>7}"]
    lines += [f"{k:<14}{t.gold:>6}{t.pred:>6}{t.tp:>6}{t.precision:>7.3f}{t.recall:>7.3f}{t.f1:>7.3f}"
              for k, t in tallies.items()]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or sorted(GOLD_DIR.glob("*.yaml"))
    tallies = score(files)
    print(table(tallies))
    for f in files:
        t = score([f])["overall"]
        print(f"{f.stem:<34} P={t.precision:.3f} R={t.recall:.3f} F1={t.f1:.3f}  ({t.tp} of {t.gold} gold, {t.pred} rows)")
    for kind in KINDS:
        for line in tallies[kind].missed:
            print(f"missed {kind:<13} {line}")
        for line in tallies[kind].extra:
            print(f"extra  {kind:<13} {line}")
        for line in tallies[kind].wrong:
            print(f"wrong  {kind:<13} {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
