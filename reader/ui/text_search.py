"""Find search terms in article text, case- and accent-insensitively, keeping offsets."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence


def fold_keep_length(text: str) -> str:
    """Casefold and strip accents character by character, so offsets stay valid."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFKD", ch)
        base = "".join(c for c in base if not unicodedata.combining(c)).lower()
        out.append(base[0] if len(base) >= 1 else ch)
    return "".join(out).replace("’", "'")


def find_terms(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Ranges of every match of ``terms``; a term ending in ``*`` is a prefix."""
    folded = fold_keep_length(text)
    ranges: set[tuple[int, int]] = set()
    for term in terms:
        term = term.strip().strip('"')
        if not term:
            continue
        prefix = term.endswith("*")
        words = fold_keep_length(term.rstrip("*")).split()
        if not words:
            continue
        pattern = r"\s+".join(re.escape(w) for w in words)
        pattern = r"(?<!\w)" + pattern + (r"\w*" if prefix else r"(?!\w)")
        for m in re.finditer(pattern, folded):
            ranges.add((m.start(), m.end()))
    return sorted(ranges)
