"""Clean-up of statistical entity spans and document-level consistency.

The model's raw spans carry predictable faults on French press text: a leading elided
article or conjunction (``l'OTAN``, ``d'Ukraine``, ``qu'``), quotes and punctuation at the
edges, a title left outside a person (``M. Dupont``), and one name labelled differently in
two paragraphs.  Everything here is language rules, never lists of particular names.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass

# Elided words that can stick to the front of a name: l'OTAN, d'Ukraine, qu'Antony...
_ELISION = re.compile(
    r"(?:l|d|qu|jusqu|lorsqu|puisqu|quoiqu|presqu|s|n|j|m|t|c)['’]", re.IGNORECASE
)
_EDGE_CHARS = "«»\"“”„‟'‘’`´()[]{}<>,;:!?…*•·|/\\#=+_~^$%&@-–—\u00a0 \t\n"
_SPACED_DASH = re.compile(r"\s[-–—]\s")
_LEAD_STRIP = _EDGE_CHARS + "."
# Abbreviations whose final dot belongs to the name ("J.", "U.S.A.", "St.", "Cie.")
_KEEP_FINAL_DOT = re.compile(r"(?:^|[\s.-])(?:[A-ZÀ-Ý]|[A-ZÀ-Ý][a-zà-ÿ]{0,2}|(?:[A-Za-z]\.)+[A-Za-z])\.$")
# Titles that belong to a person span (the gold conventions of French press NER include
# them: "M. Alfred Golay", "Mme de Staël") but not to the person's grouping key.
CIVIL_TITLES = (
    "M.", "MM.", "Mme", "Mmes", "Mme.", "Mlle", "Mlles", "Mlle.", "Me", "Mgr", "Dr", "Dr.",
    "Monsieur", "Madame", "Mademoiselle", "Messieurs", "Sir", "Lord", "Lady", "Pr", "Pr.",
)
RANK_TITLES = (
    "général", "générale", "colonel", "lieutenant-colonel", "capitaine", "lieutenant",
    "commandant", "maréchal", "amiral", "sergent", "caporal", "docteur", "professeur",
    "abbé", "cardinal", "pape", "roi", "reine", "prince", "princesse", "duc", "duchesse",
    "comte", "comtesse", "baron", "baronne", "marquis", "marquise", "empereur", "impératrice",
    "président", "présidente", "ministre", "sénateur", "député", "maître", "chanoine",
    "pasteur", "curé", "évêque", "archevêque", "saint", "sainte", "frère", "sœur", "père",
)
_TITLE_ALT = "|".join(
    sorted([re.escape(t) for t in CIVIL_TITLES]
           + [re.escape(t) for t in RANK_TITLES]
           + [re.escape(t.capitalize()) for t in RANK_TITLES], key=len, reverse=True)
)
_TITLE_WORD = rf"(?:{_TITLE_ALT})(?![\w])"
# Leading titles, optionally with the article: "le général", "M.", "Mme"
_LEADING_TITLES = re.compile(rf"^(?:(?:le|la|les|Le|La|Les)\s+)?(?:{_TITLE_WORD}\.?\s*)+")
_CIVIL_ALT = "|".join(sorted((re.escape(t) for t in CIVIL_TITLES), key=len, reverse=True))
_CIVIL_BEFORE = re.compile(rf"(?:^|(?<=[\s(«\"“]))(?:{_CIVIL_ALT})\s+$")
# "M. Dupont", "Mme Jeanne de La Tour": a civil title followed by capitalised words
_NAME_WORD = r"(?:[A-ZÀ-Ý][\w'’-]*\.?|(?:de|du|des|d'|d’|van|von|le|la|di|da|del|ben)(?=\s+[A-ZÀ-Ý]))"
_TITLED_NAME = re.compile(
    rf"(?<![\w])(?:{_CIVIL_ALT})\s+(?:{_NAME_WORD}\s+)*[A-ZÀ-Ý][\w'’-]+"
)
_LEADING_ARTICLE = re.compile(r"^(?:le|la|les|l'|l’)\s*", re.IGNORECASE)
_STOP = {
    "le", "la", "les", "un", "une", "des", "de", "du", "et", "ou", "à", "au", "aux", "en",
    "il", "elle", "ils", "elles", "on", "nous", "vous", "je", "tu", "ce", "cette", "ces",
    "qui", "que", "quoi", "dont", "où", "mais", "donc", "or", "ni", "car", "si", "ne", "pas",
    "plus", "par", "pour", "sur", "sous", "dans", "avec", "sans", "son", "sa", "ses",
}


@dataclass(slots=True)
class Candidate:
    """A mutable span while rules run; ``part`` is which text of the document it is in."""

    part: int
    start: int
    end: int
    label: str
    origin: str = "model"
    key: str = ""


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def clean_bounds(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim quotes, punctuation and leading elisions; None when nothing name-like is left."""
    newline = text.find("\n", start, end)
    if newline >= 0:  # a span never crosses a paragraph: keep its first line
        end = newline
    dash = _SPACED_DASH.search(text, start, end)
    if dash:  # "Jens Stoltenberg - OTAN": a spaced dash separates two names
        end = dash.start()
    changed = True
    while changed and start < end:
        changed = False
        while start < end and text[start] in _LEAD_STRIP:
            start += 1
            changed = True
        m = _ELISION.match(text, start, end)
        if m and m.end() < end:
            start = m.end()
            changed = True
        while start < end and text[end - 1] in _EDGE_CHARS:
            end -= 1
            changed = True
        if start < end and text[end - 1] == "." and not _KEEP_FINAL_DOT.search(text[start:end]):
            end -= 1
            changed = True
    if end - start < 2 and not (end > start and text[start].isupper()):
        return None
    span = text[start:end]
    if not any(ch.isalpha() for ch in span):
        return None
    if span.lower() in _STOP or _ELISION.fullmatch(span + "'"):
        return None
    if not any(ch.isupper() or ch.isdigit() for ch in span):
        return None  # a name has a capital somewhere ("qu'", "ailleurs" are not names)
    return start, end


def strip_titles(text: str) -> str:
    """``M. Jean Dupont`` → ``Jean Dupont``; ``le général de Gaulle`` → ``de Gaulle``."""
    stripped = _LEADING_TITLES.sub("", text).strip()
    return stripped or text


def entity_key(text: str, label: str) -> str:
    """Grouping key: no elision, title or leading article, no accents, casefolded."""
    t = text.strip()
    m = _ELISION.match(t)
    if m and m.end() < len(t):
        t = t[m.end():]
    if label == "PER":
        t = strip_titles(t)
    else:
        t = _LEADING_ARTICLE.sub("", t) or t
    t = strip_accents(t).casefold()
    t = re.sub(r"[\s\u00a0]+", " ", t.replace("’", "'")).strip(" .")
    return t


def extend_with_title(text: str, start: int) -> int:
    """New start of a person span that includes a civil title just before it."""
    window = text[max(0, start - 14):start]
    m = _CIVIL_BEFORE.search(window)
    if m:
        return start - (len(window) - m.start())
    return start


def titled_names(text: str) -> list[tuple[int, int]]:
    """Spans of ``M. Dupont``-style mentions: a civil title makes a person."""
    return [m.span() for m in _TITLED_NAME.finditer(text)]


def overlaps(a: Candidate, b: Candidate) -> bool:
    return a.part == b.part and a.start < b.end and b.start < a.end


def vote_labels(cands: list[Candidate]) -> None:
    """One label per key in a document: the majority of its model mentions wins."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for c in cands:
        if c.label in ("PER", "LOC", "ORG", "MISC"):
            votes[c.key][c.label] += 1
    for c in cands:
        counter = votes.get(c.key)
        if counter and len(counter) > 1:
            (best, n), *rest = counter.most_common()
            if rest and rest[0][1] == n:
                continue  # a tie: keep each mention's own label
            c.label = best


def surname_keys(cands: list[Candidate]) -> dict[str, str]:
    """Last word of multi-word person keys → the full key, when unambiguous."""
    full: dict[str, set[str]] = defaultdict(set)
    for c in cands:
        if c.label == "PER":
            words = c.key.split()
            if len(words) >= 2:
                full[words[-1]].add(c.key)
    return {last: next(iter(keys)) for last, keys in full.items() if len(keys) == 1}
