"""Text helpers shared by every layer: the one ``fold`` and the one ``shorten``.

Why: four ``fold()`` functions used to live in four modules with four meanings (one of
them casefold only, so the bookmark filter was not accent-insensitive).  Comparing what the
user typed with what a file holds must mean the same thing in the article list, the
bookmarks and the entities, so it is defined here, once.  The highlighter needs a second
meaning (the folded text keeps every offset of the original); it is a different function
with a different name, :func:`fold_keeping_offsets`.
"""

from __future__ import annotations

import re
import unicodedata

ELLIPSIS = "…"

# The combining diacritics of Latin, Greek and Cyrillic letters (what canonical
# decomposition splits "é" into "e" + U+0301).
_MARKS = re.compile("[\u0300-\u036f]+")


def fold(text: str) -> str:
    """Case- and accent-insensitive form for comparing and sorting: ``Élève`` → ``eleve``,
    ``Cœur`` → ``coeur``, ``l’État`` → ``l'etat``, the same for composed and decomposed
    (NFD) input.  The result may be longer or shorter than ``text``: use
    :func:`fold_keeping_offsets` to map matches back.

    Why this way: a few C-level passes (casefold, NFD, one regex, replaces) cover every
    precomposed letter, not only a table's ranges, at the speed of the per-character
    table the article list used (``benchmarks/bench_fold.py``); ASCII text returns after
    the first pass."""
    text = text.casefold()
    if text.isascii():
        return text
    text = _MARKS.sub("", unicodedata.normalize("NFD", text))
    return (text.replace("œ", "oe").replace("æ", "ae")
            .replace("’", "'").replace("‘", "'").replace("ʼ", "'"))


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


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - Qt's marker name
    """Marks ``text`` for Qt Linguist (lupdate reads the call) without importing Qt: core
    words errors and problems with French templates, and the interface translates the same
    template in context ``context`` (:mod:`reader.services.wording`)."""
    return text
