"""Who is who across appeals: a person or organisation named in several appeals gets one IRI.

A person mention is compared with every node known so far (from the store and earlier in this build). The
names give the main evidence (same words, other order, transliteration skeleton, similar given name); the
context (country, case, named relatives, organisations) supports a weak name match or overrides a clash of
countries. Every link is recorded as an rg:IdentityDecision in the appeal's graph, stating its reasons.
"""
from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache, lru_cache
from pathlib import Path

import pyoxigraph as ox

from . import curation, iris
from . import known as store_rows
from .appeal import Appeal
from .cases import case_code, case_quads
from .facts import Facts, Person
from .namespaces import ID, IDENTITY_GRAPH, OWL, PROV, RDF, RG, SCHEMA, SKOS
from .text import fold

N = ox.NamedNode

# transliteration variants folded together: Titiyev/Titiev, Rukhshona/Ruhshona, Sotoudeh/Sotudeh
_SKELETON = [("kh", "h"), ("iy", "i"), ("y", "i"), ("ou", "u"), ("w", "v"), ("ph", "f"), ("dzh", "j"), ("zh", "j"),
             ("sch", "sh"), ("ck", "k"), ("q", "k"), ("x", "ks")]
# name evidence, strongest first: the strong ones merge on their own, the weak ones need shared context
STRONG = ("same name words", "same name words in another order", "transliteration skeleton")
WEAK = ("similar given name, same family name", "same given name, similar family name",
        "the words of a longer name")


@cache
def skeleton(word: str) -> str:
    w = fold(word).replace(" ", "")
    for a, b in _SKELETON:
        w = w.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", w)


@lru_cache(maxsize=1 << 17)       # the same pairs of names are judged again and again across an archive
def name_evidence(a: str, b: str) -> str | None:
    """Why two full names could name the same person (one of STRONG or WEAK), or None when they cannot:
    one-word names must be equal, and a shared family name with a different given name is two people."""
    ta, tb = fold(a).split(), fold(b).split()
    if not ta or not tb:
        return None
    if ta == tb:
        return STRONG[0]
    if sorted(ta) == sorted(tb):
        return STRONG[1]
    if len(ta) < 2 or len(tb) < 2:
        return None
    sa, sb = [skeleton(t) for t in ta], [skeleton(t) for t in tb]
    if sorted(sa) == sorted(sb) or skeleton("".join(ta)) == skeleton("".join(tb)):   # also Al-Ghazali, Alghazali
        return STRONG[2]
    for x, y in ((sa, sb), (sa, sb[::-1])):   # given name first, or the order reversed
        if len(x) == len(y) == 2 and x[-1] == y[-1] and _similar(x[0], y[0], 0.8):
            return WEAK[0]
        if len(x) == len(y) == 2 and x[0] == y[0] and _similar(x[-1], y[-1], 0.85):
            return WEAK[1]      # Mamedov and Mammadov: left to the context
    short, long_ = (sa, sb) if len(sa) < len(sb) else (sb, sa)
    rest = iter(long_)
    if len(short) < len(long_) and all(w in rest for w in short):     # the shorter name's words, in order
        return WEAK[2]
    return None


def _similar(a: str, b: str, at_least: float) -> bool:
    """Whether difflib's ratio of A and B reaches AT_LEAST. The ratio is 2.0 * matches / total and there are
    at most as many matches as the shorter word has characters, so that bound, computed the same way, rules
    most pairs out before difflib is asked."""
    total = len(a) + len(b)
    if total and 2.0 * min(len(a), len(b)) / total < at_least:
        return False
    return SequenceMatcher(None, a, b).ratio() >= at_least


@dataclass
class Mention:
    """A person as one appeal names them, with the context that tells people apart."""
    names: list[str]
    appeal: str = ""                                  # appeal IRI
    country: str = ""                                 # ISO code
    case: str = ""
    relatives: set[str] = field(default_factory=set)  # folded names of named relatives
    organisations: set[str] = field(default_factory=set)  # folded names and acronyms


@dataclass
class Known:
    """What some appeals say of one person: the names and the context."""
    names: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    cases: set[str] = field(default_factory=set)
    relatives: set[str] = field(default_factory=set)
    organisations: set[str] = field(default_factory=set)


@dataclass
class Node:
    """One human being: the IRI and what each appeal says of them (appeal IRI -> Mention). A rebuilt appeal
    replaces what it said before, and a mention is judged against what the other appeals say, so that
    building the same appeals again gives the same graph whatever the store held."""
    iri: str
    by_appeal: dict[str, Mention] = field(default_factory=dict)

    @property
    def names(self) -> set[str]:
        return {n for m in self.by_appeal.values() for n in m.names}

    _all: Known | None = field(default=None, repr=False, compare=False)     # view() of every appeal, until a change

    def view(self, exclude: str = "") -> Known:
        """The node as the appeals other than EXCLUDE know it (read only: it may be shared)."""
        if not exclude or exclude not in self.by_appeal:
            if self._all is None:
                self._all = self._known(self.by_appeal.values())
            return self._all
        return self._known(m for a, m in self.by_appeal.items() if a != exclude)

    @staticmethod
    def _known(mentions) -> Known:
        ms = list(mentions)
        return Known({n for m in ms for n in m.names}, {m.country for m in ms} - {""}, {m.case for m in ms} - {""},
                     {r for m in ms for r in m.relatives}, {o for m in ms for o in m.organisations})

    def add(self, m: Mention, fresh: bool) -> None:
        """What appeal M.appeal says; FRESH when an earlier person of this build said it for the same appeal."""
        old = self.by_appeal.get(m.appeal)
        if (fresh or not m.appeal) and old:
            m = Mention(sorted(set(old.names) | set(m.names)), m.appeal, m.country, m.case,
                        old.relatives | m.relatives, old.organisations | m.organisations)
        self.by_appeal[m.appeal] = m
        self._all = None

    def drop(self, appeal: str) -> Mention:
        """Forget what APPEAL said (it is being rebuilt); returns it."""
        self._all = None
        return self.by_appeal.pop(appeal)


@dataclass
class Decision:
    """Why a mention was linked to an existing node."""
    iri: str
    appeal: str
    name: str            # as written in this appeal
    matched: str         # the known name it matched
    reasons: list[str]


def _context(node: Known, m: Mention) -> list[str]:
    reasons = []
    if m.case and m.case in node.cases:
        reasons.append("shared case")
    if m.country and m.country in node.countries:
        reasons.append("shared country")
    if m.relatives & node.relatives:
        reasons.append("shared relatives")
    if m.organisations & node.organisations:
        reasons.append("shared organisation")
    return reasons


def judge(node: Known, m: Mention) -> tuple[float, str, list[str]] | None:
    """(score, matched name, reasons) when the evidence supports M being the person NODE knows, else None."""
    best = None
    for n in m.names:
        for k in sorted(node.names):
            ev = name_evidence(n, k)
            if ev and (best is None or (STRONG + WEAK).index(ev) < (STRONG + WEAK).index(best[1])):
                best = (k, ev)
    if best is None:
        return None
    matched, ev = best
    context = _context(node, m)
    countries_clash = m.country and node.countries and m.country not in node.countries
    if countries_clash and not context and ev != STRONG[0]:
        return None     # a similar name in another country, nothing else shared: another person
    if ev in WEAK and not context:
        return None
    score = (3.0 if ev in STRONG else 1.0) - (STRONG + WEAK).index(ev) * 0.1 + len(context)
    return score, matched, [ev] + context


@dataclass
class Built:
    """What a build prepared, as identity needs it: the graphs, the persons typed in them, the codes they carry."""
    graphs: set[str] = field(default_factory=set)
    persons: set[str] = field(default_factory=set)
    codes: set[str] = field(default_factory=set)

    def add(self, graph: str, quads: list[ox.Quad]) -> None:
        self.graphs.add(graph)
        for q in quads:
            p = q.predicate.value       # read once: pyoxigraph makes a new object at every access
            if p == RDF + "type" and q.object.value == RG + "Person":
                self.persons.add(q.subject.value)
            elif p == RG + "code":
                self.codes.add(q.object.value)


class Registry:
    """Persons and organisations already given an IRI (in the store or earlier in this build).

    FORCED maps folded names to IRIs the analysts fixed (merges); APART holds (folded name, appeal IRI)
    mentions the analysts split off as other people."""

    def __init__(self, known: dict[str, set[str]] | None = None):
        self.nodes: dict[str, Node] = {k: Node(k, {"": Mention(sorted(v))}) for k, v in (known or {}).items()}
        self.orgs: dict[str, str] = {}                    # folded name or acronym -> organisation IRI
        self.claimed: dict[str, set[str]] = {}            # appeal IRI -> person IRIs given out this build
        self.decisions: list[Decision] = []               # the analysts' merges and splits as applied
        self.links: list[tuple[str, Mention]] = []        # (IRI, mention) of the persons matched or minted
        self.in_appeal: dict[str, set[str]] = {}          # appeal IRI -> the person IRIs it names
        self.previous: dict[str, dict[str, Mention]] = {} # appeal IRI -> what its earlier build said, by IRI
        self.graph_of: dict[str, str] = {}                # appeal IRI -> its graph IRI
        self.forced: dict[str, tuple[str, curation.Correction]] = {}    # folded name -> (IRI, merge)
        self.apart: dict[tuple[str, str], curation.Correction] = {}     # (folded name, appeal IRI) -> split
        self.corrections: list[curation.Correction] = []
        self.prior: dict[str, set[str]] = {}     # the persons in the store before this build
        self.retired: dict[str, str] = {}        # retired IRI -> the IRI that replaced it
        self.curation_digest = ""
        self.curation_changed = False            # when it changed, every appeal is rebuilt
        self._by_skeleton: dict[str, set[str]] | None = None    # name-word skeleton -> person IRIs (see _candidates)
        self.rows = store_rows.StoreRows()            # what the store said when this registry was read from it
        self.graphs_of: dict[str, set[str]] = {}      # person IRI -> the graphs of the store that name them

    @classmethod
    def for_build(cls, store: ox.Store, paths: list[str], store_dir: Path | None = None,
                  hashes: dict[str, str] | None = None) -> Registry:
        """The registry of STORE (at STORE_DIR, whose content hashes are HASHES if given), steered by the
        curation file beside the appeals of PATHS."""
        reg = cls.from_store(store, store_dir, hashes)
        path = curation.find(paths)
        reg.use_curation(curation.load(path))
        reg.curation_digest = curation.digest(path)
        stored = [q.object.value for q in store.quads_for_pattern(N(IDENTITY_GRAPH), N(RG + "curationDigest"), None, None)]
        reg.curation_changed = stored != [reg.curation_digest]
        return reg

    def settle(self, store: ox.Store, built: Built) -> tuple[list[ox.Quad], dict[str, list[ox.Quad]], list[str]]:
        """After preparing the graphs of BUILT for STORE: the identity graph's quads, the identity decisions to
        add to each built graph, and the warnings about corrections that no longer apply."""
        present = built.persons | {p for p, graphs in self.graphs_of.items() if not graphs <= built.graphs}
        quads = self.identity_graph(present)
        quads.append(ox.Quad(N(IDENTITY_GRAPH), N(RG + "curationDigest"), ox.Literal(self.curation_digest), N(IDENTITY_GRAPH)))
        warnings = []
        if self.corrections:        # which appeals the store keeps matters only to the analysts' corrections
            kept = {q.object.value for q in store.quads_for_pattern(None, N(RG + "code"), None, None)
                    if q.graph_name.value not in built.graphs}
            warnings = self.unused_corrections(built.codes, kept)
        return quads, self.decision_quads(built.graphs), warnings

    def use_curation(self, corrections: list[curation.Correction]) -> None:
        """Take the analysts' merges and splits; the fact corrections are applied per appeal by `correct`."""
        self.corrections = corrections
        for c in corrections:
            if c.do == "merge":
                names = [fold(str(n)) for n in c.fields["names"]]
                known = [iri for n in names for iri in sorted(self.nodes) if n in {fold(k) for k in self.nodes[iri].names}]
                keep = known[0] if known else iris.person(str(c.fields["names"][0]))
                self.forced.update({n: (keep, c) for n in names})
            elif c.do == "split":
                self.apart[(fold(c.fields["name"]), iris.appeal(str(c.fields["appeal"])))] = c

    @classmethod
    def from_store(cls, store: ox.Store, store_dir: Path | None = None, hashes: dict[str, str] | None = None) -> Registry:
        """The persons and organisations in STORE, with the countries and cases they appear in (read from the
        snapshot beside the store at STORE_DIR when it fits: `repgraph.known`)."""
        reg = cls.from_rows(store_rows.load(store_dir, store, hashes))
        reg.retired = {q.subject.value: q.object.value for q in store.quads_for_pattern(
            None, N(OWL + "sameAs"), None, N(IDENTITY_GRAPH)) if q.object.value.startswith(ID)}
        return reg

    @classmethod
    def from_rows(cls, rows: store_rows.StoreRows) -> Registry:
        reg = cls()
        reg.rows = rows
        folded: dict[str, str] = {}         # the same names recur across an archive: fold each once
        for g, (p, a, n, c, k, ctx, kind) in rows.person_rows():
            node = reg.nodes.get(p)
            if node is None:
                node = reg.nodes[p] = Node(p)
                reg.graphs_of[p], reg.prior[p] = set(), set()
            reg.graphs_of[p].add(g)
            m = node.by_appeal.get(a)
            if m is None:
                m = node.by_appeal[a] = Mention([], a, c, k)
                reg.in_appeal.setdefault(a, set()).add(p)
            if n and n not in m.names:
                m.names.append(n)
                reg.prior[p].add(n)
            if ctx:
                (m.relatives if kind == "r" else m.organisations).add(folded.get(ctx) or folded.setdefault(ctx, fold(ctx)))
        for o, n in rows.org_rows():
            reg.orgs.setdefault(folded.get(n) or folded.setdefault(n, fold(n)), o)
        return reg

    def snapshot(self, built: store_rows.StoreRows, graphs: Collection[str]) -> store_rows.StoreRows:
        """The rows of the store after a build that rebuilt GRAPHS, whose rows are BUILT: this registry's
        rows with those graphs' replaced."""
        rows = store_rows.StoreRows(dict(self.rows.persons), dict(self.rows.orgs), dict(self.rows.hashes))
        rows.replace(built, graphs)
        return rows

    def resolve(self, person: Person, mention: Mention | None = None) -> str:
        """The IRI of PERSON: an existing node's when the evidence says it is them, else a new one."""
        m = mention or Mention([person.name] + person.variants)
        mine = self.claimed.setdefault(m.appeal, set()) if m.appeal else set()
        split = next((self.apart[k] for k in ((fold(n), m.appeal) for n in m.names) if k in self.apart), None)
        iri = self._split(split, person, m) if split else self._forced(m)
        if iri is None:
            iri = self._match(m, mine) or self._previous(m, mine)
            self.links.append((iri or "", m))
        if iri is None:
            iri = base = iris.person(person.name)
            n = 1
            while iri in self.nodes:
                n += 1
                iri = f"{base}-{n}"
            self.nodes[iri] = Node(iri)
            self.links[-1] = (iri, m)
        self.nodes[iri].add(m, fresh=iri in mine)
        self.in_appeal.setdefault(m.appeal, set()).add(iri)
        self._index(iri, m.names)
        mine.add(iri)
        return iri

    def _split(self, c: curation.Correction, person: Person, m: Mention) -> str:
        c.applied = True
        iri = iris.person(f"{person.name} {m.appeal.rsplit('/', 1)[-1]}")
        self.nodes.setdefault(iri, Node(iri))
        self.decisions.append(Decision(iri, m.appeal, person.name, person.name, ["analyst's split (curation)"]))
        return iri

    def forget(self, appeal_iri: str) -> None:
        """Drop what an earlier build of APPEAL_IRI said (it is being rebuilt), keeping its IRIs at hand."""
        self.previous[appeal_iri] = {iri: self.nodes[iri].drop(appeal_iri)
                                     for iri in self.in_appeal.pop(appeal_iri, set())
                                     if appeal_iri in self.nodes[iri].by_appeal}

    def _previous(self, m: Mention, mine: set[str]) -> str | None:
        """The IRI an earlier build gave this person of this appeal (a person no other appeal names)."""
        wanted = {fold(n) for n in m.names}
        return next((iri for iri, old in sorted(self.previous.get(m.appeal, {}).items())
                     if iri not in mine and wanted & {fold(n) for n in old.names}), None)

    def _index(self, iri: str, names) -> None:
        if self._by_skeleton is not None:
            for n in names:
                for t in fold(n).split():
                    self._by_skeleton.setdefault(skeleton(t), set()).add(iri)

    def _candidates(self, m: Mention) -> set[str]:
        """The nodes that can match M at all: every kind of name evidence needs a word of a name of M (the
        family name, or the given name when the family names only look alike) to share its skeleton with a
        word of a known name, so only those nodes are judged (not every node of the archive)."""
        if self._by_skeleton is None:
            self._by_skeleton = {}
            for iri, node in self.nodes.items():
                self._index(iri, node.names)
        out: set[str] = set()
        for n in m.names:
            for w in fold(n).split():
                out |= self._by_skeleton.get(skeleton(w), set())
        return out

    def _forced(self, m: Mention) -> str | None:
        for n in m.names:
            iri, c = self.forced.get(fold(n), (None, None))
            if iri:
                c.applied = True
                self.nodes.setdefault(iri, Node(iri))
                self.decisions.append(Decision(iri, m.appeal, m.names[0], n, ["analyst's merge (curation)"]))
                return iri
        return None

    def _match(self, m: Mention, mine: set[str]) -> str | None:
        best = None
        for iri in sorted(self._candidates(m)):
            if iri in mine:         # two persons of one appeal are two people
                continue
            verdict = judge(self.nodes[iri].view(m.appeal), m)
            if verdict and (best is None or verdict[0] > best[1][0]):
                best = (iri, verdict)
        return best[0] if best else None

    def resolve_appeal(self, appeal: Appeal, facts: Facts) -> dict[str, str]:
        """Person.key -> IRI for every named person of one appeal, with the appeal as context."""
        a = iris.appeal(appeal.code)
        self.forget(a)
        self.graph_of[a] = iris.graph(appeal.code)
        country = appeal.country.code if appeal.country else ""
        orgs = {key: {fold(o.name), fold(o.acronym)} - {""} for key, o in facts.organisations.items()}
        out = {}
        for key, p in facts.persons.items():
            if not p.name:
                continue
            relatives = {fold(facts.persons[k.relative].name) for k in facts.kinship
                         if k.person == key and k.relative in facts.persons and facts.persons[k.relative].name}
            relatives |= {fold(facts.persons[k.person].name) for k in facts.kinship
                          if k.relative == key and k.person in facts.persons and facts.persons[k.person].name}
            memberships = set().union(*(orgs.get(ms.organisation, set()) for ms in facts.memberships if ms.person == key))
            out[key] = self.resolve(p, Mention([p.name] + p.variants, a, country, case_code(appeal), relatives, memberships))
        return out

    def organisation_iris(self, facts: Facts) -> dict[str, str]:
        """IRI as minted from the name -> IRI of the node it is (the same full name or acronym seen before)."""
        renames = {}
        for org in facts.organisations.values():
            minted = iris.organisation(org.name)
            aliases = [fold(a) for a in [org.name, org.acronym] + org.variants if a]
            iri = next((self.orgs[a] for a in aliases if a in self.orgs), minted)
            for a in aliases:
                self.orgs.setdefault(a, iri)
            if iri != minted:
                renames[minted] = iri
        return renames

    def decision_quads(self, graphs: Collection[str]) -> dict[str, list[ox.Quad]]:
        """Each link of a person of this build to a node other appeals name, with its reasons as they stand
        once every appeal is read, as an rg:IdentityDecision for its appeal's graph (one of GRAPHS)."""
        decisions = list(self.decisions)
        for iri, m in self.links:
            verdict = judge(self.nodes[iri].view(m.appeal), m)
            if verdict:
                decisions.append(Decision(iri, m.appeal, m.names[0], verdict[1], verdict[2]))
        out: dict[str, list[ox.Quad]] = {}
        for d in decisions:
            graph = self.graph_of.get(d.appeal)
            if graph in graphs:
                out.setdefault(graph, []).extend(decision_quads(graph, d))
        return out

    def correct(self, appeal: Appeal, facts: Facts) -> None:
        """Apply the analysts' corrections of APPEAL's facts."""
        curation.apply(self.corrections, appeal, facts)

    def finish(self, appeal: Appeal, facts: Facts, graph: str, quads: list[ox.Quad]) -> list[ox.Quad]:
        """An appeal's mapped QUADS completed: organisations renamed to the nodes they are, folded names,
        the case link and the analysts' attributions (the identity decisions come in `settle`)."""
        a = iris.appeal(appeal.code)
        quads = rename(quads, self.organisation_iris(facts))
        return quads + folded_names(quads) + case_quads(appeal, a, graph) + curation.attributions(self.corrections, quads)

    def identity_graph(self, present: set[str]) -> list[ox.Quad]:
        """The identity graph: owl:sameAs from every retired person IRI (earlier builds' and those no longer
        in PRESENT, the person IRIs in the store after this build) to the node now carrying its names, and
        the analysts' identity corrections."""
        g, out = IDENTITY_GRAPH, []
        for old, names in sorted(self.prior.items()):
            if old in present or old in self.retired:
                continue
            folded = {fold(n) for n in names}
            new = next((iri for iri in sorted(present) if folded & {fold(n) for n in self.nodes.get(iri, Node(iri)).names}), None)
            if new:
                self.retired[old] = new
        for old, new in list(self.retired.items()):    # follow chains of retirements to the live node
            while new in self.retired and self.retired[new] != old:
                new = self.retired[new]
            self.retired[old] = new
        out += same_as_quads({o: n for o, n in self.retired.items() if o not in present})
        for c in self.corrections:
            if c.do in ("merge", "split"):
                iri = next((i for i, k in self.forced.values() if k is c), None) if c.do == "merge" else \
                    iris.person(f"{c.fields['name']} {iris.appeal(str(c.fields['appeal'])).rsplit('/', 1)[-1]}")
                if c.applied and iri in present:
                    out += curation.identity_quads(c, iri, g)
            elif c.do == "wikidata":
                f = fold(c.fields["name"])
                iri = next((i for i in sorted(present) if f in {fold(n) for n in self.nodes.get(i, Node(i)).names}), None)
                c.applied = iri is not None
                if iri:
                    out += curation.identity_quads(c, iri, g)
        return out

    def unused_corrections(self, built: set[str], kept: set[str]) -> list[str]:
        """Warnings for the corrections that no longer apply: a fact correction that changed nothing in an
        appeal BUILT now (or names an appeal neither built nor KEPT in the store), an identity correction
        whose names no person carries."""
        out = curation.unused([c for c in self.corrections if str(c.fields.get("appeal")) not in kept - built], built)
        names = {fold(n) for node in self.nodes.values() for n in node.names}
        for c in self.corrections:
            wanted = c.fields.get("names") or [c.fields.get("name", "")]
            if c.do in ("merge", "split", "wikidata") and not names & {fold(str(n)) for n in wanted}:
                out.append(f"curation {c.label()}: no longer applies (no person named so)")
        return out


def decision_quads(graph: str, d: Decision) -> list[ox.Quad]:
    """One identity decision as an rg:IdentityDecision node in GRAPH."""
    g, s = N(graph), N(iris.fact(d.appeal, "identity", d.iri, d.name))
    return [ox.Quad(s, N(RDF + "type"), N(RG + "IdentityDecision"), g),
            ox.Quad(s, N(RG + "person"), N(d.iri), g),
            ox.Quad(s, N(RG + "nameAsWritten"), ox.Literal(d.name), g),
            ox.Quad(s, N(RG + "matchedName"), ox.Literal(d.matched), g),
            ox.Quad(s, N(PROV + "wasDerivedFrom"), N(d.appeal), g)] + \
        [ox.Quad(s, N(RG + "reason"), ox.Literal(r), g) for r in d.reasons]


def folded_names(quads: list[ox.Quad]) -> list[ox.Quad]:
    """rg:foldedName (lower-case ASCII) beside every person's name and alternative label, for
    case- and diacritics-insensitive look-ups such as the `person` query."""
    out = []
    for q in quads:
        if q.predicate.value in (SCHEMA + "name", SKOS + "altLabel") and "/person/" in q.subject.value:
            out.append(ox.Quad(q.subject, N(RG + "foldedName"), ox.Literal(fold(q.object.value)), q.graph_name))
    return out


def rename(quads: list[ox.Quad], renames: dict[str, str]) -> list[ox.Quad]:
    """QUADS with every IRI in RENAMES replaced by its new IRI."""
    if not renames:
        return quads

    def r(t):
        return N(renames[t.value]) if isinstance(t, ox.NamedNode) and t.value in renames else t
    return [ox.Quad(r(q.subject), q.predicate, r(q.object), q.graph_name)
            if q.subject.value in renames or q.object.value in renames else q for q in quads]


def same_as_quads(links: dict[str, str]) -> list[ox.Quad]:
    """owl:sameAs from each retired IRI to the IRI that replaced it, in the identity graph."""
    g = N(IDENTITY_GRAPH)
    return [ox.Quad(N(old), N(OWL + "sameAs"), N(new), g) for old, new in sorted(links.items())]
