"""Minting stable IRIs: the same appeal, person or fact always gets the same IRI."""
from __future__ import annotations

import hashlib

from .namespaces import GRAPH, ID
from .text import slug


def appeal(code: str) -> str:
    return f"{ID}appeal/{slug(code)}"


def graph(code: str) -> str:
    return f"{GRAPH}{slug(code)}"


def person(name: str) -> str:
    return f"{ID}person/{slug(name)}"


def organisation(name: str) -> str:
    return f"{ID}org/{slug(name)}"


def legal_code(name: str) -> str:
    return f"{ID}code/{slug(name)}"


def provision(code_name: str, article: str) -> str:
    return f"{legal_code(code_name)}/art-{slug(article)}"


def fact(appeal_iri: str, kind: str, *parts: str) -> str:
    """A fact node inside its appeal: kind plus a short hash of what identifies it."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]
    return f"{appeal_iri}/{kind}/{digest}"
