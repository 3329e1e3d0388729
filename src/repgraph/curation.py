"""Analysts' corrections (data/curation.yaml, format in docs/curation.md), applied on every build.

Corrections of facts change the extracted Facts of their appeal before mapping: a corrected or added fact
carries Evidence with the rule "curation" and a quote naming the correction, so its node says
rg:extractedBy "curation" and, through `attributions`, prov:wasAttributedTo the analyst. Identity
corrections (merge, split) steer the Registry; Wikidata links go into the identity graph. Corrections
that found nothing to correct are reported, so that a stale one is noticed.
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import yaml

from .appeal import Appeal
from .errors import RepgraphError
from .facts import Charge, Event, Evidence, Facts, Kinship, Membership, Sentence
from .namespaces import ID, OA, OWL, PROV, RDF, RG, SCHEMA, WD
from .text import fold, slug

ACTIONS = ("merge", "split", "fix", "reject", "add", "wikidata")
FACT_KINDS = ("event", "charge", "sentence", "relative", "membership")
N = ox.NamedNode


@dataclass
class Correction:
    number: int                  # position in the file, from 1
    do: str
    by: str
    fields: dict
    note: str = ""
    applied: bool = False
    missing: str = ""            # why it did not apply

    def evidence(self, anchor: Evidence | None) -> Evidence:
        """The evidence of a fact this correction asserts: at the words of the appeal it corrects (ANCHOR:
        the fact's own evidence, or the person's first mention), quoting the correction itself."""
        start, end = (anchor.start, anchor.end) if anchor and anchor.end > anchor.start else (0, 1)
        return Evidence(start, end, f"curation #{self.number} by {self.by}: {self.note or self.do}", "curation", 1.0)

    def label(self) -> str:
        what = ", ".join(f"{k}={v}" for k, v in self.fields.items() if k not in ("set",))
        return f"#{self.number} {self.do} ({what})"


def analyst_iri(name: str) -> str:
    return f"{ID}analyst/{slug(name)}"


def find(paths: list[str]) -> Path | None:
    """The curation file for a build of PATHS: $REPGRAPH_CURATION, else curation.yaml in the folder
    above the appeals' folder (data/curation.yaml for data/appeals)."""
    if os.environ.get("REPGRAPH_CURATION"):
        return Path(os.environ["REPGRAPH_CURATION"])
    for p in map(Path, paths):
        folder = p if p.is_dir() else p.parent
        if (folder.resolve().parent / "curation.yaml").is_file():
            return folder.resolve().parent / "curation.yaml"
    return None


def digest(path: Path | None) -> str:
    """SHA-256 of the curation file ('' when there is none): a changed file rebuilds every appeal."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path and path.is_file() else ""


def load(path: Path | None) -> list[Correction]:
    """The corrections in PATH (none when PATH is None or missing); a malformed file is a RepgraphError."""
    if path is None or not path.is_file():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise RepgraphError(f"{path}:{mark.line + 1 if mark else '?'}: not valid YAML") from None
    entries = data.get("corrections") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise RepgraphError(f"{path}: expected a top-level 'corrections:' list")
    out = []
    for i, e in enumerate(entries, 1):
        if not isinstance(e, dict) or e.get("do") not in ACTIONS:
            raise RepgraphError(f"{path}: correction #{i}: 'do' must be one of {', '.join(ACTIONS)}")
        if not e.get("by"):
            raise RepgraphError(f"{path}: correction #{i}: 'by' (the analyst) is required")
        fields = {k: v for k, v in e.items() if k not in ("do", "by", "note")}
        need = {"merge": ["names"], "split": ["name", "appeal"], "wikidata": ["name", "id"]}.get(e["do"], ["appeal"])
        lacking = [k for k in need if not fields.get(k)]
        if lacking:
            raise RepgraphError(f"{path}: correction #{i} ({e['do']}): needs {', '.join(lacking)}")
        if e["do"] == "wikidata" and not re.fullmatch(r"Q\d+", str(fields["id"])):
            raise RepgraphError(f"{path}: correction #{i}: Wikidata id '{fields['id']}' is not like Q123")
        fields = {k: (str(v) if isinstance(v, (int, float, date)) else v) for k, v in fields.items()}
        out.append(Correction(i, e["do"], str(e["by"]), fields, str(e.get("note") or "")))
    return out


def _person_key(facts: Facts, name: str) -> str | None:
    f = fold(name)
    for key, p in facts.persons.items():
        if p.name and f in {fold(n) for n in [p.name] + p.variants}:
            return key
    return None


def _org_key(facts: Facts, name: str) -> str | None:
    f = fold(name)
    for key, o in facts.organisations.items():
        if f in {fold(n) for n in [o.name, o.acronym] + o.variants if n}:
            return key
    return None


def _matches(fact, c: Correction, kind: str) -> bool:
    """Whether FACT (of the corrected person) is the one correction C's KIND field names."""
    want = fold(str(c.fields[kind]))
    if kind == "event":
        return fact.type == c.fields[kind] and (not c.fields.get("date") or fact.date == c.fields["date"])
    if kind == "charge":
        return want in (fold(fact.offence), fold(fact.article))
    if kind == "sentence":
        return fact.penalty == c.fields[kind]
    return False


def _facts_of(facts: Facts, kind: str) -> list:
    return {"event": facts.events, "charge": facts.charges, "sentence": facts.sentences,
            "relative": facts.kinship, "membership": facts.memberships}[kind]


def apply(corrections: list[Correction], appeal: Appeal, facts: Facts) -> None:
    """Apply the fix, reject and add corrections aimed at APPEAL to its FACTS (in place)."""
    for c in corrections:
        if c.do in ("fix", "reject", "add") and str(c.fields["appeal"]) == appeal.code:
            missing = {"fix": _fix, "reject": _reject, "add": _add}[c.do](c, facts)
            c.applied = c.applied or not missing
            c.missing = missing


def _target(c: Correction, facts: Facts) -> tuple[str | None, str]:
    if "person" in c.fields:
        key = _person_key(facts, c.fields["person"])
        return key, "" if key else f"no person '{c.fields['person']}' in {c.fields['appeal']}"
    if "organisation" in c.fields:
        key = _org_key(facts, c.fields["organisation"])
        return key, "" if key else f"no organisation '{c.fields['organisation']}' in {c.fields['appeal']}"
    return None, "names neither a person nor an organisation"


def _fix(c: Correction, facts: Facts) -> str:
    key, missing = _target(c, facts)
    new = c.fields.get("set") or {}
    if missing or not isinstance(new, dict) or not new:
        return missing or "needs 'set:' with the corrected values"
    kind = next((k for k in FACT_KINDS if k in c.fields), None)
    if kind:
        found = [f for f in _facts_of(facts, kind) if f.person == key and _matches(f, c, kind)]
        for f in found:
            for k, v in new.items():
                setattr(f, {"event": "type", "sentence": "penalty"}.get(k, k), str(v))
            f.evidence = c.evidence(f.evidence)
        return "" if found else f"no {kind} '{c.fields[kind]}' of {c.fields['person']} in {c.fields['appeal']}"
    node = facts.persons.get(key) if "person" in c.fields else facts.organisations.get(key)
    if "name" in new and str(new["name"]) != node.name:
        node.variants.append(node.name)
        node.name = str(new["name"])
    if "kind" in new and "organisation" in c.fields:
        node.kind = str(new["kind"])
    node.evidence.insert(0, c.evidence(node.evidence[0] if node.evidence else None))
    return ""


def _reject(c: Correction, facts: Facts) -> str:
    key, missing = _target(c, facts)
    if missing:
        return missing
    kind = next((k for k in FACT_KINDS if k in c.fields), None)
    if kind in ("event", "charge", "sentence"):
        facts_list = _facts_of(facts, kind)
        keep = [f for f in facts_list if not (f.person == key and _matches(f, c, kind))]
        if len(keep) == len(facts_list):
            return f"no {kind} '{c.fields[kind]}' of {c.fields['person']} in {c.fields['appeal']}"
        facts_list[:] = keep
        return ""
    if kind == "relative":
        rel = _person_key(facts, c.fields["relative"])
        before = len(facts.kinship)
        facts.kinship[:] = [k for k in facts.kinship if {k.person, k.relative} != {key, rel}]
        return "" if len(facts.kinship) < before else f"no tie of {c.fields['person']} to {c.fields['relative']}"
    if kind == "membership":
        org = _org_key(facts, c.fields["membership"])
        before = len(facts.memberships)
        facts.memberships[:] = [m for m in facts.memberships if not (m.person == key and m.organisation == org)]
        return "" if len(facts.memberships) < before else f"no membership of {c.fields['person']} in {c.fields['membership']}"
    if "person" in c.fields:          # the person is not a person (or not in this appeal): drop them and their facts
        del facts.persons[key]
        for lst in (facts.events, facts.charges, facts.sentences, facts.memberships):
            lst[:] = [f for f in lst if f.person != key]
        facts.kinship[:] = [k for k in facts.kinship if key not in (k.person, k.relative)]
    else:
        del facts.organisations[key]
        facts.memberships[:] = [m for m in facts.memberships if m.organisation != key]
        facts.issuers[:] = [i for i in facts.issuers if i != key]
        for f in facts.events + facts.sentences:
            f.court = "" if f.court == key else f.court
    return ""


def _add(c: Correction, facts: Facts) -> str:
    key, missing = _target(c, facts)
    if missing or "person" not in c.fields:
        return missing or "adds a fact about a person ('person:')"
    p = facts.persons[key]
    f, ev = c.fields, c.evidence(p.evidence[0] if p.evidence else None)
    if "event" in f:
        facts.events.append(Event(key, f["event"], f.get("date", ""), evidence=ev))
    elif "charge" in f:
        facts.charges.append(Charge(key, f["charge"], f.get("article", ""), f.get("legal_code", ""), ev))
    elif "sentence" in f:
        facts.sentences.append(Sentence(key, f["sentence"], f.get("duration", ""), f.get("date", ""), evidence=ev))
    elif "relative" in f:
        rel = _person_key(facts, f["relative"])
        if not rel or not f.get("relation"):
            return f"needs 'relation:' and a relative named in {f['appeal']}"
        facts.kinship.append(Kinship(key, rel, f["relation"], ev))
    elif "membership" in f:
        org = _org_key(facts, f["membership"])
        if not org:
            return f"no organisation '{f['membership']}' in {f['appeal']}"
        facts.memberships.append(Membership(key, org, f.get("role", "member"), ev))
    else:
        return f"names no fact to add ({', '.join(FACT_KINDS)})"
    return ""


def attributions(corrections: list[Correction], quads: list[ox.Quad]) -> list[ox.Quad]:
    """prov:wasAttributedTo the analyst for every node whose evidence quotes a correction (the quote's
    selector, its target, the annotations pointing at that, and the nodes they are about)."""
    by_number = {c.number: c for c in corrections}
    by: dict = {}       # selector, then target, then annotation -> the correction it quotes
    for q in quads:
        if q.predicate.value == OA + "exact" and q.object.value.startswith("curation #"):
            c = by_number.get(int(re.match(r"curation #(\d+)", q.object.value).group(1)))
            if c:
                by[q.subject] = c
    if not by:
        return []
    for step in (OA + "hasSelector", OA + "hasTarget"):
        by.update({q.subject: by[q.object] for q in quads if q.predicate.value == step and q.object in by})
    out, agents = [], set()
    for q in quads:
        if q.predicate.value == OA + "hasBody" and q.subject in by:
            c = by[q.subject]
            out.append(ox.Quad(q.object, N(PROV + "wasAttributedTo"), N(analyst_iri(c.by)), q.graph_name))
            agents.add((c.by, q.graph_name))
    for name, g in sorted(agents, key=str):
        out += [ox.Quad(N(analyst_iri(name)), N(RDF + "type"), N(PROV + "Agent"), g),
                ox.Quad(N(analyst_iri(name)), N(SCHEMA + "name"), ox.Literal(name), g)]
    return out


def identity_quads(c: Correction, person_iri: str, graph: str) -> list[ox.Quad]:
    """The record of an identity correction (merge, split, Wikidata link) in the identity graph."""
    g, s = N(graph), N(f"{ID}curation/{c.number}-{slug(c.do)}-{slug(person_iri.rsplit('/', 1)[-1])}")
    out = [ox.Quad(s, N(RDF + "type"), N(RG + "IdentityDecision"), g),
           ox.Quad(s, N(RG + "person"), N(person_iri), g),
           ox.Quad(s, N(RG + "reason"), ox.Literal(f"analyst's {c.do}" + (f": {c.note}" if c.note else "")), g),
           ox.Quad(s, N(RG + "extractedBy"), ox.Literal("curation"), g),
           ox.Quad(s, N(PROV + "wasAttributedTo"), N(analyst_iri(c.by)), g),
           ox.Quad(N(analyst_iri(c.by)), N(RDF + "type"), N(PROV + "Agent"), g),
           ox.Quad(N(analyst_iri(c.by)), N(SCHEMA + "name"), ox.Literal(c.by), g)]
    if c.do == "wikidata":
        out.append(ox.Quad(N(person_iri), N(OWL + "sameAs"), N(WD + c.fields["id"]), g))
    return out


def unused(corrections: list[Correction], codes: set[str]) -> list[str]:
    """One line per fact correction that changed nothing in this build, saying why."""
    out = []
    for c in corrections:
        if c.do in ("fix", "reject", "add") and not c.applied:
            why = c.missing if str(c.fields["appeal"]) in codes else f"no appeal {c.fields['appeal']} in this build"
            out.append(f"curation {c.label()}: no longer applies ({why})")
    return out
