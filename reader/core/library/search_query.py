"""User search syntax → SQLite FTS5 query, and the terms to highlight.

Users type Google-like queries, not FTS5: ``otan ukrain* "guerre froide" -russie``.  FTS5's own
syntax raises on many ordinary inputs (a lone quote, ``-``, ``:``, ``AND`` at the end), so we
parse the user text ourselves and emit a query where every term is a quoted FTS5 string:
nothing the user types can reach FTS5 as an operator by accident.

Syntax: words are ANDed (French stop words like ``de``/``la`` are dropped when other words
remain: see :data:`STOPWORDS`); ``"exact phrase"``; ``prefix*``; ``a OR b`` (binds tighter than the
implicit AND, as in web search engines: ``otan OR nato russie`` = ``(otan OR nato) AND russie``);
``NOT word`` or ``-word`` excludes.  ``OR``/``NOT``/``AND`` are operators only in capitals.
An unbalanced quote makes the rest of the query a phrase; dangling operators are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.core.text import fold, fold_keeping_offsets

# Words in nearly every French article: as bare AND terms they match everything, cost a
# pass over a 100,000-entry posting list each, and would light up every line when
# highlighted.  Dropped unless the query has nothing else (phrases keep them).
STOPWORDS = frozenset(
    "a au aux c ce ces d de des du elle en et il ils je l la le les leur lui m mais me "
    "n ne nous on ou par pas pour qu que qui s sa se ses son sur t ta te tes ton tu un "
    "une vous y est sont".split()
)
_TOKEN = re.compile(r'(-?)"([^"]*)("?)(\*?)|(\S+)')
_WORD_CHARS = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Term:
    text: str  # the words as typed, without quotes, star or minus
    phrase: bool = False
    prefix: bool = False

    def fts(self) -> str:
        """This term as a quoted FTS5 string (quotes doubled), with ``*`` for a prefix."""
        return '"' + self.text.replace('"', '""') + '"' + ("*" if self.prefix else "")

    def highlight(self) -> str:
        return self.text + ("*" if self.prefix else "")


@dataclass(slots=True)
class ParsedQuery:
    groups: list[list[Term]] = field(default_factory=list)  # AND of OR-groups
    excluded: list[Term] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.groups and not self.excluded

    def positive_fts(self) -> str | None:
        """The FTS5 expression of what must match, without the exclusions; None if nothing."""
        if not self.groups:
            return None
        parts = []
        for group in self.groups:
            if len(group) == 1:
                parts.append(group[0].fts())
            else:
                parts.append("(" + " OR ".join(t.fts() for t in group) + ")")
        return " AND ".join(parts)

    def excluded_fts(self) -> str | None:
        """Any excluded term, as one FTS5 OR expression; None if there is none."""
        if not self.excluded:
            return None
        return " OR ".join(t.fts() for t in self.excluded)

    def fts(self) -> str | None:
        """The full FTS5 expression; None when only exclusions were given (FTS5 cannot say
        "everything but x": the caller subtracts :meth:`excluded_fts` from all rows)."""
        positive = self.positive_fts()
        if positive is None:
            return None
        excluded = self.excluded_fts()
        return positive if excluded is None else f"({positive}) NOT ({excluded})"

    def terms(self) -> list[str]:
        """Positive terms for highlighting: words, phrases, ``prefix*`` (deduplicated)."""
        seen: dict[str, None] = {}
        for group in self.groups:
            for term in group:
                seen.setdefault(term.highlight(), None)
        return list(seen)


def _has_word(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def parse_query(query: str) -> ParsedQuery:
    """Parse user syntax; never raises (anything odd degrades to plain words)."""
    parsed = ParsedQuery()
    pending_or = False
    pending_not = False
    for m in _TOKEN.finditer(query):
        minus, phrase_text, _closing, star, word = m.groups()
        if word is not None:
            if word == "OR" or word == "|":
                pending_or = bool(parsed.groups)
                continue
            if word == "AND":
                continue
            if word == "NOT":
                pending_not = True
                continue
            negated = False
            if word.startswith("-") and len(word) > 1:
                negated, word = True, word[1:]
            prefix = word.endswith("*")
            text = word.rstrip("*")
            if not _has_word(text):
                continue
            term = Term(text, phrase=False, prefix=prefix)
        else:
            negated = minus == "-"
            text = " ".join(phrase_text.split())
            if not _has_word(text):
                continue
            term = Term(text, phrase=True, prefix=bool(star))
        if negated or pending_not:
            parsed.excluded.append(term)
            pending_not = pending_or = False
            continue
        if pending_or and parsed.groups:
            parsed.groups[-1].append(term)
        else:
            parsed.groups.append([term])
        pending_or = False
    kept = [g for g in parsed.groups if not _is_stopword_group(g)]
    if kept:
        parsed.groups = kept
    return parsed


def _is_stopword_group(group: list[Term]) -> bool:
    return len(group) == 1 and not group[0].phrase and not group[0].prefix and (
        fold(group[0].text) in STOPWORDS)


def plain_words_fts(query: str) -> str | None:
    """Fallback: every word of the query ANDed, no operators at all."""
    words = _WORD_CHARS.findall(query)
    if not words:
        return None
    return " AND ".join(Term(w).fts() for w in words)


def to_fts(query: str) -> str | None:
    """User query → FTS5 expression (None when it has no positive term)."""
    return parse_query(query).fts()


def match_terms(query: str) -> list[str]:
    """Terms to highlight: plain words, phrases (without quotes) and ``prefix*``."""
    return parse_query(query).terms()


# -- highlighting helpers: find the terms in a text the way FTS5 matched them -------------

def highlight_pattern(terms: list[str]) -> re.Pattern[str] | None:
    """A regex over :func:`~reader.core.text.fold_keeping_offsets`-ed text matching any of
    ``terms`` (from :func:`match_terms`) on word boundaries; a phrase matches its words
    separated by any non-word characters."""
    alternatives = []
    for term in terms:
        prefix = term.endswith("*")
        words = _WORD_CHARS.findall(fold_keeping_offsets(term.rstrip("*")))
        if not words:
            continue
        body = r"\W+".join(re.escape(w) for w in words)
        alternatives.append(r"(?<!\w)" + body + (r"\w*" if prefix else r"(?!\w)"))
    if not alternatives:
        return None
    # longest first so a phrase wins over its own first word
    alternatives.sort(key=len, reverse=True)
    return re.compile("|".join(alternatives))


def find_matches(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """(start, end) offsets in ``text`` of the terms, case- and accent-insensitively."""
    pattern = highlight_pattern(terms)
    if pattern is None:
        return []
    return [m.span() for m in pattern.finditer(fold_keeping_offsets(text))]


def match_snippet(text: str, terms: list[str], *, before: int = 12,
                  width: int = 160) -> str | None:
    """One line of ``text`` around its first match of ``terms``, for the article list: it
    shows why an article matched (the stored snippet is the article's first line).  The
    match comes a few words in (the list column is narrow and the line is elided at the
    right), the cuts fall between words and are marked with '…'; None without a match."""
    pattern = highlight_pattern(terms)
    if pattern is None:
        return None
    found = pattern.search(fold_keeping_offsets(text))
    if found is None:
        return None
    start = max(0, found.start() - before)
    end = min(len(text), max(start + width, found.end()))
    piece = text[start:end]
    if start > 0 and not text[start - 1].isspace():
        head, sep, rest = piece.partition(" ")  # drop the cut word if the match is not in it
        if sep and start + len(head) < found.start():
            piece, start = rest, start + len(head) + 1
    if end < len(text) and not text[end].isspace():
        cut = piece.rfind(" ")
        if cut > 0 and start + cut >= found.end():
            piece, end = piece[:cut], start + cut
    line = " ".join(piece.split())
    return ("…" if start > 0 else "") + line + ("…" if end < len(text) else "")


def as_you_type(query: str) -> str:
    """The query to run while it is being typed: its last word, unfinished, is searched as
    a prefix (``ukra`` finds ``Ukraine``), unless it ends a phrase, is already a prefix, is
    an operator or is not a plain word."""
    words = query.split()
    last = words[-1] if words else ""
    if (last and not query.endswith((" ", '"', "*")) and last.upper() not in {"OR", "AND", "NOT"}
            and last.replace("-", "").isalnum()):
        return query + "*"
    return query
