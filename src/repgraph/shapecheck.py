"""A fast conformance check of one appeal graph against ontology/shapes.ttl, for builds of thousands of appeals.

pyshacl takes some 50 ms of CPU per appeal graph; this check evaluates the SHACL Core constraints the
shapes use (targets; predicate and inverse paths; counts, datatypes, patterns, lengths, ranges, node kinds,
classes, sh:in, sh:hasValue; sh:or, sh:xone, sh:not, sh:node; sh:equals, sh:disjoint, sh:lessThan;
qualified value shapes) directly on the quads in a few milliseconds. It only answers "does the graph
produce any validation result?", and conservatively (in doubt: no): the build asks pyshacl for the report
of the graphs this check flags, so the problems it prints are pyshacl's own. When the shapes use anything
beyond that subset, `compile_shapes` returns None and every graph goes to pyshacl.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache

import pyoxigraph as ox

from .namespaces import RDF, RDFS, SH, XSD
from .resources import ontology_dir

RDFS_SUBCLASS = RDFS + "subClassOf"
RDF_TYPE = RDF + "type"
SUPPORTED = {SH + k for k in ("targetClass", "targetSubjectsOf", "targetObjectsOf", "targetNode", "property", "path",
                              "minCount", "maxCount", "datatype", "minLength", "pattern", "nodeKind", "class", "in",
                              "hasValue", "or", "xone", "not", "node", "equals", "disjoint", "lessThan",
                              "qualifiedValueShape", "qualifiedMinCount", "qualifiedMaxCount", "message", "name",
                              "description", "minInclusive", "maxInclusive")} | {RDF_TYPE, RDFS + "label", RDFS + "comment"}
# lexical forms of the XSD datatypes a shape may require (an ill-typed literal fails sh:datatype)
LEXICAL = {
    XSD + "integer": re.compile(r"[+-]?\d+"),
    XSD + "decimal": re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"),
    XSD + "boolean": re.compile(r"true|false|1|0"),
    XSD + "date": re.compile(r"-?\d{4,}-\d\d-\d\d(?:Z|[+-]\d\d:\d\d)?"),
    XSD + "gYearMonth": re.compile(r"-?\d{4,}-\d\d(?:Z|[+-]\d\d:\d\d)?"),
    XSD + "gYear": re.compile(r"-?\d{4,}(?:Z|[+-]\d\d:\d\d)?"),
    XSD + "duration": re.compile(r"-?P(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?"),
}
NUMERIC = {XSD + "integer", XSD + "decimal"}


@dataclass
class Shape:
    """A node or property shape: its path (None for a node shape) and its constraints."""
    path: str | None = None
    inverse: bool = False                   # the path is [ sh:inversePath path ]
    min_count: int | None = None
    max_count: int | None = None
    datatype: str | None = None
    min_length: int | None = None
    pattern: re.Pattern | None = None
    node_kind: str | None = None
    classes: list[str] = field(default_factory=list)
    values_in: list | None = None
    has_value: object = None
    min_inclusive: Decimal | None = None
    max_inclusive: Decimal | None = None
    any_of: list[Shape] = field(default_factory=list)
    one_of: list[Shape] = field(default_factory=list)
    none_of: list[Shape] = field(default_factory=list)      # sh:not
    all_of: list[Shape] = field(default_factory=list)       # sh:node
    equals: list[str] = field(default_factory=list)
    disjoint: list[str] = field(default_factory=list)
    less_than: list[str] = field(default_factory=list)
    qualified: Shape | None = None
    qualified_min: int | None = None
    qualified_max: int | None = None
    properties: list[Shape] = field(default_factory=list)


@dataclass
class Shapes:
    targets: list[tuple[dict[str, list], Callable]]   # ({target kind: values}, the node shape's compiled check)


def _index(triples) -> dict:
    out: dict = defaultdict(lambda: defaultdict(list))
    for t in triples:
        out[t.subject][t.predicate.value].append(t.object)
    return out


def _list(index: dict, head) -> list:
    items = []
    while head != ox.NamedNode(RDF + "nil"):
        items.append(index[head][RDF + "first"][0])
        head = index[head][RDF + "rest"][0]
    return items


class Unsupported(Exception):
    pass


def _shape(index: dict, node, done: dict) -> Shape:
    if node in done:
        return done[node]
    props = index[node]
    if set(props) - SUPPORTED:
        raise Unsupported(sorted(set(props) - SUPPORTED))
    one = {p: v[0] for p, v in props.items()}
    s = done[node] = Shape()
    if SH + "path" in one:
        path = one[SH + "path"]
        if isinstance(path, ox.BlankNode) and set(index[path]) == {SH + "inversePath"} and \
                isinstance(index[path][SH + "inversePath"][0], ox.NamedNode):
            path, s.inverse = index[path][SH + "inversePath"][0], True
        if not isinstance(path, ox.NamedNode):
            raise Unsupported("complex path")
        s.path = path.value
    num = {k: int(one[SH + k].value) for k in ("minCount", "maxCount", "minLength", "qualifiedMinCount",
                                                "qualifiedMaxCount") if SH + k in one}
    s.min_count, s.max_count, s.min_length = num.get("minCount"), num.get("maxCount"), num.get("minLength")
    s.qualified_min, s.qualified_max = num.get("qualifiedMinCount"), num.get("qualifiedMaxCount")
    s.qualified = _shape(index, one[SH + "qualifiedValueShape"], done) if SH + "qualifiedValueShape" in one else None
    s.equals, s.disjoint, s.less_than = ([o.value for o in props.get(SH + k, [])] for k in ("equals", "disjoint", "lessThan"))
    s.datatype = one[SH + "datatype"].value if SH + "datatype" in one else None
    s.pattern = re.compile(one[SH + "pattern"].value) if SH + "pattern" in one else None
    s.node_kind = one[SH + "nodeKind"].value if SH + "nodeKind" in one else None
    s.classes = [c.value for c in props.get(SH + "class", [])]
    s.values_in = _list(index, one[SH + "in"]) if SH + "in" in one else None
    s.has_value = one.get(SH + "hasValue")
    s.min_inclusive = Decimal(one[SH + "minInclusive"].value) if SH + "minInclusive" in one else None
    s.max_inclusive = Decimal(one[SH + "maxInclusive"].value) if SH + "maxInclusive" in one else None
    s.any_of = [_shape(index, n, done) for o in props.get(SH + "or", []) for n in _list(index, o)]
    s.one_of = [_shape(index, n, done) for o in props.get(SH + "xone", []) for n in _list(index, o)]
    s.none_of = [_shape(index, n, done) for n in props.get(SH + "not", [])]
    s.all_of = [_shape(index, n, done) for n in props.get(SH + "node", [])]
    s.properties = [_shape(index, n, done) for n in props.get(SH + "property", [])]
    if len(props.get(SH + "or", [])) > 1 or len(props.get(SH + "xone", [])) > 1:
        raise Unsupported("several sh:or or sh:xone lists on one shape")
    if s.datatype and s.datatype not in LEXICAL and s.datatype != XSD + "string":
        raise Unsupported(s.datatype)
    return s


@cache
def compile_shapes() -> Shapes | None:
    """The shapes of ontology/shapes.ttl ready to check, or None when they use more than this check knows."""
    index = _index(ox.parse(path=str(ontology_dir() / "shapes.ttl"), format=ox.RdfFormat.TURTLE))
    kinds = ("targetClass", "targetSubjectsOf", "targetObjectsOf", "targetNode")
    done: dict = {}
    try:
        targets = [({k: props.get(SH + k, []) for k in kinds}, _shape(index, node, done))
                   for node, props in index.items() if any(SH + k in props for k in kinds)]
    except Unsupported:
        return None
    compiled: dict = {}
    return Shapes([(t, _compile(shape, compiled)) for t, shape in targets])


def _closure(direct: dict[str, set[str]]) -> dict[str, set[str]]:
    out = {}
    for c in list(direct):
        seen, todo = {c}, [c]
        while todo:
            for sup in direct.get(todo.pop(), ()):
                if sup not in seen:
                    seen.add(sup)
                    todo.append(sup)
        out[c] = seen
    return out


class _Graph:
    """One appeal graph, indexed (validate.py gives pyshacl the graph alone, without the ontology)."""

    def __init__(self, quads: list[ox.Quad]):
        self.data = _index(dict.fromkeys(quads))     # a graph is a set: the same triple twice counts once
        self.reverse: dict | None = None
        direct: dict[str, set[str]] = defaultdict(set)
        for s, props in self.data.items():
            for o in props.get(RDFS_SUBCLASS, []):
                direct[s.value].add(o.value)
        self.supers = _closure(direct)
        self.by_class: dict[str, set] = defaultdict(set)
        for s in self.data:
            for c in self.classes(s):
                self.by_class[c].add(s)

    def values(self, node, path: str, inverse: bool = False) -> list:
        if inverse:
            if self.reverse is None:
                self.reverse = defaultdict(list)
                for s, props in self.data.items():
                    for p, objects in props.items():
                        for o in objects:
                            self.reverse[(p, o)].append(s)
            return self.reverse.get((path, node), [])
        return self.data.get(node, {}).get(path, [])

    def focus_nodes(self, targets: dict[str, list]) -> set:
        nodes = set(targets["targetNode"])
        for c in targets["targetClass"]:
            nodes |= self.by_class.get(c.value, set())
        for p in targets["targetSubjectsOf"]:
            nodes |= {s for s, props in self.data.items() if p.value in props}
        for p in targets["targetObjectsOf"]:
            nodes |= {o for props in self.data.values() for o in props.get(p.value, [])}
        return nodes

    def classes(self, node) -> set[str]:
        out = set()
        for t in self.values(node, RDF_TYPE):
            out |= self.supers.get(t.value, {t.value})
        return out



def _real_day(text: str) -> bool:
    """Whether an xsd:date names a day of the calendar (2025-02-30 does not, and pyshacl rejects it)."""
    try:
        date.fromisoformat(text[:10])
    except ValueError:
        return False
    return True


Test = Callable[[_Graph, object], bool]
KINDS = {SH + "IRI": (ox.NamedNode,), SH + "BlankNode": (ox.BlankNode,), SH + "Literal": (ox.Literal,),
         SH + "BlankNodeOrIRI": (ox.BlankNode, ox.NamedNode), SH + "BlankNodeOrLiteral": (ox.BlankNode, ox.Literal),
         SH + "IRIOrLiteral": (ox.NamedNode, ox.Literal)}


def _numeric(v) -> bool:
    """Whether V is a well-formed xsd:integer or xsd:decimal literal."""
    if not isinstance(v, ox.Literal) or v.datatype.value not in NUMERIC:
        return False
    return LEXICAL[v.datatype.value].fullmatch(v.value) is not None


def _value_tests(s: Shape) -> list[Callable]:
    """One test (value node -> bool) per value constraint of S that needs no graph (sh:class does: the
    compiled check asks the graph)."""
    tests: list[Callable] = []
    if s.datatype:
        dt, lexical = s.datatype, LEXICAL.get(s.datatype)
        day = dt == XSD + "date"
        tests.append(lambda v: isinstance(v, ox.Literal) and not v.language and v.datatype.value == dt
                     and (lexical is None or lexical.fullmatch(v.value) is not None) and (not day or _real_day(v.value)))
    if s.node_kind:
        kinds = KINDS[s.node_kind]
        tests.append(lambda v: isinstance(v, kinds))
    if s.min_length is not None:
        n = s.min_length
        tests.append(lambda v: not isinstance(v, ox.BlankNode) and len(v.value) >= n)
    if s.pattern:
        search = s.pattern.search
        tests.append(lambda v: not isinstance(v, ox.BlankNode) and search(v.value) is not None)
    if s.values_in is not None:
        allowed = s.values_in
        tests.append(lambda v: v in allowed)
    for bound, ok in ((s.min_inclusive, lambda x, b: x >= b), (s.max_inclusive, lambda x, b: x <= b)):
        if bound is not None:
            tests.append(lambda v, bound=bound, ok=ok: _numeric(v) and _in_range(v.value, bound, ok))
    return tests


def _in_range(text: str, bound: Decimal, ok) -> bool:
    try:
        return ok(Decimal(text), bound)
    except InvalidOperation:
        return False


def _compile(s: Shape, done: dict[int, Test]) -> Test:
    """A function (graph, node) -> whether NODE conforms to shape S (a property shape looks at the values
    of its path), doing only the checks S has."""
    if id(s) in done:
        return done[id(s)]
    slot: list[Test] = []
    done[id(s)] = lambda g, node: slot[0](g, node)         # a shape that refers back to itself
    any_of, one_of, none_of, all_of, properties = ([_compile(x, done) for x in xs] for xs in (
        s.any_of, s.one_of, s.none_of, s.all_of, s.properties))
    qualified = _compile(s.qualified, done) if s.qualified is not None else None
    tests, classes = _value_tests(s), s.classes
    path, inverse = s.path, s.inverse
    lo, hi, has_value = s.min_count, s.max_count, s.has_value

    def value_ok(g: _Graph, v) -> bool:
        for t in tests:
            if not t(v):
                return False
        if classes and (isinstance(v, ox.Literal) or not all(c in g.classes(v) for c in classes)):
            return False
        if any_of and not any(alt(g, v) for alt in any_of):
            return False
        if one_of and sum(alt(g, v) for alt in one_of) != 1:
            return False
        return not any(n(g, v) for n in none_of) and all(n(g, v) for n in all_of)

    plain = not (tests or classes or any_of or one_of or none_of or all_of)

    def check(g: _Graph, node) -> bool:
        values = g.values(node, path, inverse) if path else [node]
        if path:
            if lo is not None and len(values) < lo or hi is not None and len(values) > hi:
                return False
            if has_value is not None and has_value not in values:
                return False
        elif has_value is not None and node != has_value:
            return False
        if not plain:
            for v in values:
                if not value_ok(g, v):
                    return False
        for p in s.equals:
            if set(values) != set(g.values(node, p)):
                return False
        for p in s.disjoint:
            if set(values) & set(g.values(node, p)):
                return False
        for p in s.less_than:
            if not all(_less(v, w) for v in values for w in g.values(node, p)):
                return False
        if qualified is not None:
            n = sum(qualified(g, v) for v in values)
            if s.qualified_min is not None and n < s.qualified_min or s.qualified_max is not None and n > s.qualified_max:
                return False
        for v in values:
            for p in properties:
                if not p(g, v):
                    return False
        return True

    slot.append(check)
    done[id(s)] = check
    return check


def _less(a, b) -> bool:
    """sh:lessThan on numbers (the only values the shapes compare)."""
    return _numeric(a) and _numeric(b) and Decimal(a.value) < Decimal(b.value)


def conforms(quads: list[ox.Quad]) -> bool | None:
    """Whether the graph of QUADS passes the shapes without a single result (of any severity);
    None when the shapes cannot be checked here."""
    shapes = compile_shapes()
    if shapes is None:
        return None
    g = _Graph(quads)
    for targets, check in shapes.targets:
        for node in g.focus_nodes(targets):
            if not check(g, node):
                return False
    return True
