"""Find a bookmarked passage again after its article changed (pure functions, no I/O).

A bookmark remembers its quote, ~32 characters of context either side and its old offset.
When the article's text changes we look, in order, for:

1. the exact quote (best by context, then nearest the old offset) → ``anchored``;
2. the quote after typographic normalisation (’ → ', « » → ", non-breaking and repeated
   spaces, dashes, letter case) → ``moved``;
3. an approximate match (rapidfuzz), scored on quote, context and position the way
   Hypothesis does (quote 50, prefix 20, suffix 20, position 2) → ``moved``;
   A passage rewritten between two untouched neighbours (prefix and suffix intact) is
   accepted with a much lower quote similarity;
4. nothing good enough → ``orphaned`` (the caller keeps the bookmark; it is never deleted).

``anchored`` therefore means "the very same text is highlighted" (possibly at a new offset);
``moved`` means "this is our best guess of the edited passage: worth a look".
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from types import ModuleType

ANCHORED, MOVED, ORPHANED = "anchored", "moved", "orphaned"
STATUSES = (ANCHORED, MOVED, ORPHANED)
CONTEXT_CHARS = 32
W_QUOTE, W_PREFIX, W_SUFFIX, W_POSITION = 50.0, 20.0, 20.0, 2.0
MIN_QUOTE_SIMILARITY = 0.75  # fuzzy match accepted on the quote alone
MIN_QUOTE_WITH_CONTEXT = 0.5  # ...or lower when both context sides agree strongly
MIN_CONTEXT_SIMILARITY = 0.8
MIN_QUOTE_BETWEEN_EXACT_CONTEXT = 0.3  # rewritten passage, both neighbours untouched
EXACT_CONTEXT = 0.95
SHORT_QUOTE = 12  # shorter quotes need context to be matched approximately

_TYPO = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2013": "-", "\u2014": "-", "\u2011": "-", "\u2010": "-", "\u2212": "-",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\u2002": " ",
    "\u2003": " ", "\t": " ", "\n": " ", "\r": " ", "\u200b": None,
})


_SPACES = re.compile(" +")
_SPACE_RUNS = re.compile("  +")


@dataclass(frozen=True, slots=True)
class Selector:
    """What a bookmark remembers about its passage."""

    quote: str
    prefix: str
    suffix: str
    start: int  # old offset: a hint, not a truth


@dataclass(frozen=True, slots=True)
class Anchor:
    start: int
    end: int
    status: str
    score: float  # 0..1, 1 for an exact match in its exact context

    @property
    def found(self) -> bool:
        return self.status != ORPHANED


def selector_for(text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> Selector:
    """Quote and context of ``text[start:end]`` (raise ValueError on a bad range)."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"bad passage range {start}..{end} for a text of {len(text)} chars")
    return Selector(text[start:end], text[max(0, start - context):start],
                    text[end:end + context], start)


@dataclass(slots=True)
class _Normalised:
    text: str
    origin: list[int]  # origin[i] = offset in the original text of normalised char i

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Normalised range → original range."""
        if end <= start:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.origin[end - 1] + 1


def normalise(text: str) -> _Normalised:
    """Typography-insensitive copy of ``text`` with a map back to original offsets."""
    mapped = text.translate(_TYPO).lower()
    if len(mapped) == len(text) and "\u2026" not in text:
        # usual case, one char for one: only runs of spaces shrink (C-speed slices)
        origin: list[int] = []
        pos = 0
        for m in _SPACE_RUNS.finditer(mapped):
            origin.extend(range(pos, m.start() + 1))
            pos = m.end()
        origin.extend(range(pos, len(text) + 1))
        return _Normalised(_SPACE_RUNS.sub(" ", mapped), origin)
    return _normalise_slowly(text)


def _normalise_slowly(text: str) -> _Normalised:
    """Char by char, for texts where a char becomes several (…, some capitals) or none."""
    out: list[str] = []
    origin = []
    last_space = False
    for i, ch in enumerate(text):
        mapped = "..." if ch == "\u2026" else ch.translate(_TYPO).lower()
        for m in mapped:
            if m == " ":
                if last_space:
                    continue
                last_space = True
            else:
                last_space = False
            out.append(m)
            origin.append(i)
    origin.append(len(text))
    return _Normalised("".join(out), origin)


def _norm_str(text: str) -> str:
    # whole-string operations: same result as normalise() but for context-dependent
    # lowercasing (Greek final sigma), 10x faster
    return _SPACES.sub(" ", text.replace("\u2026", "...").translate(_TYPO).lower())


@functools.cache
def _rapidfuzz() -> tuple[ModuleType, ModuleType]:
    """rapidfuzz's ``fuzz`` and ``Levenshtein``, imported when a quote first needs a
    fuzzy match (not at the application's start: ~7 ms)."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Levenshtein

    return fuzz, Levenshtein


def _similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return float(_rapidfuzz()[1].normalized_similarity(a, b))


class Anchorer:
    """Anchors many selectors in one text; the normalised copy is computed once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._norm: _Normalised | None = None

    @property
    def norm(self) -> _Normalised:
        if self._norm is None:
            self._norm = normalise(self.text)
        return self._norm

    def anchor(self, sel: Selector) -> Anchor:
        text = self.text
        if not sel.quote:
            return Anchor(sel.start, sel.start, ORPHANED, 0.0)
        # 1. exact quote: at the old offset, else best by context and position
        end = sel.start + len(sel.quote)
        if 0 <= sel.start and text[sel.start:end] == sel.quote and self._context_ok(sel):
            return Anchor(sel.start, end, ANCHORED, 1.0)
        starts = _find_all(text, sel.quote)
        if starts:
            best = max(starts, key=lambda s: self._score(sel, s, s + len(sel.quote), 1.0))
            return Anchor(best, best + len(sel.quote), ANCHORED,
                          self._score(sel, best, best + len(sel.quote), 1.0))
        # 2. typographic variants
        norm = self.norm
        nquote = _norm_str(sel.quote).strip()
        if nquote:
            nstarts = _find_all(norm.text, nquote)
            if nstarts:
                spans = [self._snap(sel, *norm.span(s, s + len(nquote))) for s in nstarts]
                s0, e0 = max(spans, key=lambda se: self._score(sel, se[0], se[1], 1.0))
                return Anchor(s0, e0, MOVED, self._score(sel, s0, e0, 1.0))
        # 3. approximate
        return self._fuzzy(sel, nquote)

    def _context_ok(self, sel: Selector) -> bool:
        """At the old offset, the quote alone suffices unless it is very short."""
        if len(sel.quote) >= SHORT_QUOTE:
            return True
        before = self.text[max(0, sel.start - len(sel.prefix)):sel.start]
        after = self.text[sel.start + len(sel.quote):sel.start + len(sel.quote) + len(sel.suffix)]
        return before == sel.prefix or after == sel.suffix

    def _score(self, sel: Selector, start: int, end: int, quote_sim: float) -> float:
        p, s = self._context_sims(sel, start, end)
        n = max(1, len(self.text))
        pos = 1.0 - min(1.0, abs(start - sel.start) / n)
        return (W_QUOTE * quote_sim + W_PREFIX * p + W_SUFFIX * s + W_POSITION * pos) / (
            W_QUOTE + W_PREFIX + W_SUFFIX + W_POSITION)

    def _context_sims(self, sel: Selector, start: int, end: int) -> tuple[float, float]:
        pre = _norm_str(self.text[max(0, start - len(sel.prefix) - 4):start])
        suf = _norm_str(self.text[end:end + len(sel.suffix) + 4])
        npre, nsuf = _norm_str(sel.prefix), _norm_str(sel.suffix)
        p = _similarity(npre, pre[-len(npre):] if npre else "")
        s = _similarity(nsuf, suf[:len(nsuf)])
        return p, s

    def _fuzzy(self, sel: Selector, nquote: str) -> Anchor:
        norm = self.norm
        ntext = norm.text
        if not nquote or not ntext:
            return Anchor(sel.start, sel.start + len(sel.quote), ORPHANED, 0.0)
        candidates: set[tuple[int, int]] = set()
        fuzz = _rapidfuzz()[0]
        # best alignment anywhere, and near the old offset (several edits may make the
        # global best land elsewhere)
        for lo, hi in ((0, len(ntext)), self._window(sel, len(nquote))):
            al = fuzz.partial_ratio_alignment(nquote, ntext[lo:hi])
            if al is not None and al.score > 0:
                candidates.add(self._refine(nquote, lo + al.dest_start, lo + al.dest_end))
        # between the context strings, when both are still there
        candidates.update(self._between_context(sel, len(nquote)))
        best: Anchor | None = None
        for ns, ne in candidates:
            if ne <= ns:
                continue
            start, end = self._snap(sel, *norm.span(ns, ne))
            if end <= start:
                continue
            q = _similarity(nquote, _norm_str(self.text[start:end]))
            p, s = self._context_sims(sel, start, end)
            long_enough = len(nquote) >= SHORT_QUOTE
            ok = (long_enough and q >= MIN_QUOTE_SIMILARITY) or (
                q >= MIN_QUOTE_WITH_CONTEXT and p >= MIN_CONTEXT_SIMILARITY
                and s >= MIN_CONTEXT_SIMILARITY) or (
                q >= MIN_QUOTE_BETWEEN_EXACT_CONTEXT and p >= EXACT_CONTEXT
                and s >= EXACT_CONTEXT and len(sel.prefix) >= 8 and len(sel.suffix) >= 8)
            if not ok:
                continue
            score = self._score(sel, start, end, q)
            if best is None or score > best.score:
                best = Anchor(start, end, MOVED, score)
        return best or Anchor(sel.start, sel.start + len(sel.quote), ORPHANED, 0.0)

    def _snap(self, sel: Selector, start: int, end: int, reach: int = 30) -> tuple[int, int]:
        """Whole words at ends that were whole words: an edited first or last word is
        otherwise only partly covered ("ministre" → "m")."""
        text, quote = self.text, sel.quote
        if quote[0].isalnum() and (not sel.prefix or not sel.prefix[-1].isalnum()):
            limit = max(0, start - reach)
            while start > limit and start < len(text) and text[start - 1].isalnum() \
                    and text[start].isalnum():
                start -= 1
        if quote[-1].isalnum() and (not sel.suffix or not sel.suffix[0].isalnum()):
            limit = min(len(text), end + reach)
            while end < limit and end > 0 and text[end].isalnum() and text[end - 1].isalnum():
                end += 1
        if not quote[0].isspace():
            while start < end and text[start].isspace():
                start += 1
        if not quote[-1].isspace():
            while end > start and text[end - 1].isspace():
                end -= 1
        return start, end

    def _window(self, sel: Selector, qlen: int) -> tuple[int, int]:
        """Normalised range around the old offset (± a few quote lengths)."""
        origin = self.norm.origin
        centre = _bisect(origin, sel.start)
        margin = max(200, 3 * qlen)
        return max(0, centre - margin), min(len(self.norm.text), centre + qlen + margin)

    def _refine(self, nquote: str, start: int, end: int) -> tuple[int, int]:
        """Adjust an alignment's ends so the quote's first and last words line up."""
        ntext = self.norm.text
        k = min(24, len(nquote))
        slack = max(4, len(nquote) // 4)
        head, tail = nquote[:k], nquote[-k:]
        levenshtein = _rapidfuzz()[1]

        def best(positions: range, key: str, at_start: bool) -> int:
            scored = []
            for pos in positions:
                piece = ntext[pos:pos + k] if at_start else ntext[max(0, pos - k):pos]
                scored.append((levenshtein.distance(key, piece), abs(pos - (start if at_start
                                                                              else end)), pos))
            return min(scored)[2] if scored else (start if at_start else end)

        new_start = best(range(max(0, start - slack), min(len(ntext), start + slack) + 1),
                         head, True)
        new_end = best(range(max(new_start + 1, end - slack), min(len(ntext), end + slack) + 1),
                       tail, False)
        return new_start, new_end

    def _between_context(self, sel: Selector, qlen: int) -> list[tuple[int, int]]:
        ntext = self.norm.text
        npre = _norm_str(sel.prefix).lstrip()[-16:]
        nsuf = _norm_str(sel.suffix).rstrip()[:16]
        if len(npre) < 6 or len(nsuf) < 6:
            return []
        out = []
        for p in _find_all(ntext, npre):
            lo = p + len(npre)
            s = ntext.find(nsuf, lo, lo + 3 * qlen + 32)
            if s > lo:
                out.append((lo, s))
        return out[:20]


def anchor(text: str, sel: Selector) -> Anchor:
    """Where ``sel`` is in ``text`` now (see the module docstring)."""
    return Anchorer(text).anchor(sel)


def _find_all(text: str, needle: str, limit: int = 1000) -> list[int]:
    out: list[int] = []
    i = text.find(needle)
    while i >= 0 and len(out) < limit:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def _bisect(origin: list[int], offset: int) -> int:
    import bisect

    return min(bisect.bisect_left(origin, offset), max(0, len(origin) - 2))
