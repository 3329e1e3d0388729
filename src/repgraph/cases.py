"""Cases: the appeals that follow one repression case share a rg:Case node.

An Observatory appeal's case is its code without the follow-up suffix ('TJK 001 / 0225 / OBS 010.1' follows
'TJK 001 / 0225 / OBS 010'); an Amnesty urgent action's case is its UA number, which its "further information"
updates repeat ('UA: 197/10'); an appeal that names the code of the appeal it follows up joins that case.
"""
from __future__ import annotations

import re

import pyoxigraph as ox

from .appeal import CODE, Appeal
from .namespaces import ID, RDF, RG
from .text import slug

UA = re.compile(r"\bUA:?\s*(\d{1,4}/\d{2})\b")
FOLLOWS = re.compile(r"(?:follow(?:s|ing)?[- ]?up|further (?:to|information)|previous(?:ly)?|urgent appeal)[^.]{0,120}?"
                     + CODE.pattern, re.I)
N = ox.NamedNode


def case_code(appeal: Appeal) -> str:
    """The code shared by every appeal of APPEAL's case."""
    if appeal.code_printed and CODE.fullmatch(appeal.code):
        return appeal.case_code
    ua = UA.search(appeal.text[:3000])
    if ua:
        return f"UA {ua.group(1)}"
    ref = FOLLOWS.search(appeal.text)
    if ref:
        return f"{ref[1]} {ref[2]} / {ref[3]} / OBS {ref[4]}"
    return appeal.case_code


def case_iri(code: str) -> str:
    return f"{ID}case/{slug(code)}"


def case_quads(appeal: Appeal, appeal_iri: str, graph: str) -> list[ox.Quad]:
    """<appeal> rg:case <case>, and the case node with its code, in the appeal's graph."""
    code, g = case_code(appeal), N(graph)
    c = N(case_iri(code))
    return [ox.Quad(N(appeal_iri), N(RG + "case"), c, g),
            ox.Quad(c, N(RDF + "type"), N(RG + "Case"), g),
            ox.Quad(c, N(RG + "caseCode"), ox.Literal(code), g)]
