"""The text of a publisher's appeal page: the article's blocks as lines, menus and scripts left out."""
from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag

DROP = {"script", "style", "noscript", "template", "svg", "nav", "footer", "header", "form", "iframe", "button",
        "aside", "head", "select", "object", "embed"}
BLOCK = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table",
         "tr", "blockquote", "pre", "dd", "dt", "dl", "figure", "figcaption", "hr", "address", "body"}


def html_to_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    title = soup.find("h1")
    root = soup.find("article") or soup.find("main") or soup.body or soup
    parts: list[str] = []
    if title and root is not soup and not root.find("h1"):
        parts.append(title.get_text(" ", strip=True) + "\n\n")
    _walk(root, parts)
    text = "".join(parts)
    text = re.sub(r"[ \t\f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _walk(node: Tag, parts: list[str]) -> None:
    for child in node.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:
                parts.append(str(child))
            continue
        if not isinstance(child, Tag) or child.name in DROP:
            continue
        if child.name == "br":
            parts.append("\n")
            continue
        block = child.name in BLOCK
        if block:
            parts.append("\n\n" if child.name not in ("li", "tr", "dd", "dt") else "\n")
        if child.name == "li":
            parts.append("• ")
        _walk(child, parts)
        if block:
            parts.append("\n\n" if child.name not in ("li", "tr", "dd", "dt") else "\n")
