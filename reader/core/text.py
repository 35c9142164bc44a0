"""Text helpers shared by every layer: the one ``fold`` and the one ``shorten``.

Why: four ``fold()`` functions used to live in four modules with four meanings (one of
them casefold only, so the bookmark filter was not accent-insensitive).  Comparing what the
user typed with what a file holds must mean the same thing in the article list, the
bookmarks and the entities, so it is defined here, once.  The highlighter needs a second
meaning (the folded text keeps every offset of the original); it is a different function
with a different name, :func:`fold_keeping_offsets`.
"""

from __future__ import annotations

import unicodedata

ELLIPSIS = "…"

# Latin, Greek and Cyrillic letters with diacritics (what French press texts and the
# names they quote use), the combining marks themselves (text typed or stored in the
# decomposed form, NFD) and the usual ligatures and quotes.
_RANGES = ((0x00C0, 0x0250), (0x0370, 0x0530), (0x1E00, 0x2000))
_COMBINING = range(0x0300, 0x0370)
_EXTRA = {"œ": "oe", "æ": "ae", "ß": "ss", "’": "'", "‘": "'", "ʼ": "'"}


def _fold_table() -> dict[int, str | None]:
    """Letter with diacritics → base letter (casefolded), combining mark → removed: one
    C-level ``str.translate`` per call, fast enough to be a sort key for 100,000 titles."""
    table: dict[int, str | None] = {code: None for code in _COMBINING}
    for lo, hi in _RANGES:
        for code in range(lo, hi):
            ch = chr(code)
            base = "".join(c for c in unicodedata.normalize("NFKD", ch)
                           if not unicodedata.combining(c))
            if base and base != ch:
                table[code] = base.casefold()
    table.update({ord(k): v for k, v in _EXTRA.items()})
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Case- and accent-insensitive form for comparing and sorting: ``Élève`` → ``eleve``,
    ``Cœur`` → ``coeur``, ``l’État`` → ``l'etat``.  The result may be longer or shorter
    than ``text``: use :func:`fold_keeping_offsets` to map matches back."""
    return text.casefold().translate(_FOLD)


def _fold_char(ch: str) -> str:
    folded = unicodedata.normalize("NFD", ch)[0].lower()
    return folded if len(folded) == 1 else ch


def fold_keeping_offsets(text: str) -> str:
    """Lower-case and strip diacritics *keeping one character per character*, so offsets
    in the folded text are offsets in the original (what FTS5's ``unicode61
    remove_diacritics`` does for matching, minus tokenisation): used to highlight matches.
    Ligatures stay as they are (``œ`` would need two characters)."""
    table = {}
    for ch in set(text):
        if ord(ch) < 128 and not ("A" <= ch <= "Z"):
            continue
        folded = _fold_char(ch)
        if folded != ch:
            table[ord(ch)] = folded
    return text.translate(table) if table else text


def shorten(text: str, length: int) -> str:
    """``text`` on one line (runs of white space become one space), cut to about
    ``length`` characters at a word boundary when one is past the middle, with ``…``
    appended when something was cut (so at most ``length + 1`` characters)."""
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    cut = text.rfind(" ", 0, length)
    return text[: cut if cut > length // 2 else length].rstrip(" ,;:") + ELLIPSIS
