"""Plain-text helpers: repairing glued words with an offset map, and splitting sentences."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import wordninja
from anyascii import anyascii

# Function words that scraped pages glue to a neighbouring word ("Demirand", "Sotoudehis").
GLUE_WORDS = ("and", "the", "of", "is", "was", "for", "his", "has", "had", "with", "from", "who", "were")
# endings that, glued to a word of four letters or more, are (almost) never part of an English word
SAFE_GLUE_ENDINGS = ("of", "for", "with", "from", "was", "has", "had", "who", "were")
NAME_PREFIXES = ("Mac", "Mc", "De", "Di", "Du", "La", "Le", "Van", "Von", "Da", "Dos", "Al", "El")
WORD = re.compile(r"[^\W\d_][^\W_]*(?:['’-][^\W\d_]+)*")


@dataclass
class Repaired:
    """A text with spaces put back where a page lost them; `orig` maps each character to the source offset."""
    text: str
    orig: list[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The source offsets of text[start:end]."""
        if start >= end:
            return self.orig[start] if start < len(self.orig) else len(self.orig), self.orig[start] if start < len(self.orig) else len(self.orig)
        return self.orig[start], self.orig[end - 1] + 1


def _glue_split(word: str, known: Counter) -> int | None:
    """Where to cut a word that is a known word glued to a function word ('Demirand' -> 5)."""
    if known[word] > 1 or len(word) < 6:
        return None
    article = re.match(r"([^\W\d_]{3,}?)(?:al|el|ul)-", word)
    if article and known[article.group(1)] and word[0].isupper():
        return len(article.group(1))
    for fw in GLUE_WORDS:
        if word.lower().endswith(fw):
            head = word[: -len(fw)]
            if len(head) >= 4 and (known[head] >= 1 and head[0].isupper() or known[head] >= 1 and len(head) >= 5
                                   or fw in SAFE_GLUE_ENDINGS and head.isalpha() and head.lower() not in ("there", "here", "where", "pro", "ro")):
                return len(head)
        if word.lower().startswith(fw) and word[0].islower():
            tail = word[len(fw):]
            if len(tail) >= 5 and known[tail] >= 1:
                return len(fw)
    return None


_COSTS = wordninja.DEFAULT_LANGUAGE_MODEL._wordcost
COMMON, VERY_COMMON = 12.4, 11.0   # word costs of roughly the 20,000 and 5,000 most frequent English words


def is_common_word(word: str) -> bool:
    """Whether WORD (any case) is one of the ~5,000 most frequent English words."""
    return _COSTS.get(word.lower(), 99) <= VERY_COMMON


@lru_cache(maxsize=1 << 16)     # wordninja is slow, and the words of appeals recur
def _english_splits(word: str) -> tuple[int, ...]:
    """Cuts inside a word that is two or three common English words run together ('isbeing',
    'Accordingto'), using wordninja's bundled English word list; names and real words are left alone."""
    low = word.lower()
    pair = re.fullmatch(r"(of|in|to|and|on|for|by|at|from|with|that|into)(the|a|an|his|her|their)", low)
    if pair:                     # "ofthe", "inthe": in the word list as typos, but never one word
        return (len(pair.group(1)),)
    if len(low) < 5 or low in _COSTS or not low.isalpha():
        return ()
    parts = wordninja.split(low)
    limit = COMMON if word.islower() else VERY_COMMON
    if "".join(parts) != low or not 2 <= len(parts) <= 3 or any(len(p) < 2 or _COSTS.get(p, 99) > limit for p in parts):
        return ()
    cuts, pos = [], 0
    for p in parts[:-1]:
        pos += len(p)
        cuts.append(pos)
    return tuple(cuts)


CAMEL = re.compile(r"(?<=[a-zà-ÿ]{2})(?=[A-ZÀ-ÞİŞÇĞ][a-zà-ÿışçğ])")
GLUED_PUNCT = re.compile(r"(?<=[^\W\d_][.,;])(?=[A-Z][a-z])")                 # "Ms.Sotoudeh", "prison.The"
GLUED_NUMBER = re.compile(r"(?<![\w-])(?:to|on|in|of|by|and|at|for|since|until)(?=\d)")   # "to11"
MAYBE_GLUED = re.compile(rf"(?:{'|'.join(GLUE_WORDS)})$|^(?:{'|'.join(GLUE_WORDS)})", re.I)


def repair(text: str) -> Repaired:
    """Put back the spaces that scraped appeals lose between words, keeping offsets into TEXT."""
    known = Counter(m.group() for m in WORD.finditer(text))
    cuts: set[int] = set()
    for m in CAMEL.finditer(text):
        head = re.search(r"[^\W\d_]+$", text[max(0, m.start() - 12):m.start()])
        if head and head.group() in NAME_PREFIXES or re.match(r"\S*[./@]\w", text[m.start():m.start() + 40]):
            continue                     # "McDonald"; a domain or address ("ProtectDefenders.eu") stays whole
        cuts.add(m.start())
    for m in WORD.finditer(text):
        word = m.group()
        if any(m.start() < c < m.end() for c in cuts if m.start() < c):
            continue
        cut = _glue_split(word, known) if len(word) >= 6 and (MAYBE_GLUED.search(word) or "-" in word) else None
        if cut:
            cuts.add(m.start() + cut)
        elif known[word] <= 1 and len(word) >= 4:
            cuts.update(m.start() + c for c in _english_splits(word))
    cuts.update(m.start() for m in GLUED_PUNCT.finditer(text))
    cuts.update(m.end() for m in GLUED_NUMBER.finditer(text))
    pieces: list[str] = []
    orig: list[int] = []
    prev = 0
    for c in sorted(cuts):
        pieces.append(text[prev:c])
        pieces.append(" ")
        orig.extend(range(prev, c))
        orig.append(c)
        prev = c
    pieces.append(text[prev:])
    orig.extend(range(prev, len(text)))
    return Repaired("".join(pieces), orig)


ABBREVIATIONS = {"mr", "mrs", "ms", "mses", "messrs", "dr", "prof", "st", "no", "art", "arts", "para", "jan", "feb",
                 "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "e.g", "i.e", "u.s",
                 "u.n", "h.e", "gen", "col", "lt", "sgt", "capt", "jr", "sr", "co", "inc", "ltd", "approx", "fig",
                 "mme", "mlle", "m", "op", "cit", "p"}
SENTENCE_END = re.compile(r"""(?<=[.!?])["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9À-ÞİŞ])|\n\s*\n|\n(?=\s*(?:[•·*–-]|\d+\.)\s)""")


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of TEXT[start:end], on sentence punctuation and paragraph breaks."""
    end = len(text) if end is None else end
    spans = []
    cur = start
    for m in SENTENCE_END.finditer(text, start, end):
        cut = m.end() if m.group().strip() == "" else m.start() + len(m.group())
        before = text[cur:m.start()].rstrip()
        last = re.search(r"([\w.]+)\.$", before)
        if last and (last.group(1).lower() in ABBREVIATIONS or re.fullmatch(r"[A-Z]", last.group(1))):
            continue
        if before.strip():
            spans.append((cur, cut))
        cur = cut
    if text[cur:end].strip():
        spans.append((cur, end))
    return [_strip(text, s, e) for s, e in spans if text[s:e].strip()]


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


@lru_cache(maxsize=1 << 16)     # names and name words, folded again and again by extraction and identity
def fold(text: str) -> str:
    """Lower-case ASCII with single spaces: the key for comparing names."""
    text = anyascii(unicodedata.normalize("NFKC", text or "")).lower()
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


def slug(text: str) -> str:
    return fold(text).replace(" ", "-") or "x"
