"""The one fold and the one shortener (reader.core.text), and the bookmark palette."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from reader.core.bookmarks.palette import COLOURS, DEFAULT_COLOUR
from reader.core.text import fold, fold_keeping_offsets, shorten


def test_fold_ignores_case_accents_and_ligatures() -> None:
    assert fold("Élève à l'ÉCOLE") == "eleve a l'ecole"
    assert fold("Sacré-Cœur") == "sacre-coeur" and fold("Ægée") == "aegee"
    assert fold("Straße") == "strasse"
    assert fold("l’État") == "l'etat"
    assert fold("Łódź, Dvořák, Ærø") == "łodz, dvorak, aerø"  # Ł and ø have no accent to drop
    assert fold("Αθήνα") == "αθηνα"


def test_fold_same_for_composed_and_decomposed_text() -> None:
    word = "Élève Noël Ça"
    assert fold(unicodedata.normalize("NFD", word)) == fold(word) == "eleve noel ca"


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text(alphabet=st.characters(codec="latin-1")))
def test_fold_keeping_offsets_keeps_every_offset(text: str) -> None:
    assert len(fold_keeping_offsets(text)) == len(text)


def test_fold_keeping_offsets() -> None:
    assert fold_keeping_offsets("Élève, œuvre") == "eleve, œuvre"


def test_shorten() -> None:
    assert shorten("  un   texte\ncourt ", 40) == "un texte court"
    long = "Les ministres se sont réunis jeudi à Bruxelles pour préparer le sommet"
    short = shorten(long, 30)
    assert short == "Les ministres se sont réunis…" and len(short) <= 31
    assert shorten("a" * 50, 10) == "a" * 10 + "…"  # no word boundary: cut in the word


def test_every_colour_has_a_tint_and_a_label(qtbot) -> None:
    from reader.ui.common.bookmark_palette import BOOKMARK_COLOURS, colour_label

    assert DEFAULT_COLOUR in COLOURS
    assert set(BOOKMARK_COLOURS) == set(COLOURS)
    assert len({colour_label(c) for c in COLOURS}) == len(COLOURS)
