"""Re-anchoring a passage after the article's text changed (pure functions)."""

from __future__ import annotations

import pytest

from reader.core.bookmarks.anchoring import (
    ANCHORED,
    MOVED,
    ORPHANED,
    Anchorer,
    anchor,
    normalise,
    selector_for,
)

P1 = "Le gouvernement a présenté mercredi son projet de budget pour l’année prochaine."
P2 = ("Selon le ministre de l’Économie, le déficit public devrait être ramené à 4,4 % du "
      "produit intérieur brut d’ici la fin de l’année, grâce à des économies sur les dépenses.")
P3 = "L’opposition a aussitôt dénoncé un budget « d’austérité » qui pénalise les ménages."
P4 = "Le texte sera examiné par l’Assemblée nationale à partir du mois d’octobre."
TEXT = "\n".join([P1, P2, P3, P4])
PASSAGE = "le déficit public devrait être ramené à 4,4 % du produit intérieur brut"


def sel_for(text: str = TEXT, phrase: str = PASSAGE):
    start = text.index(phrase)
    return selector_for(text, start, start + len(phrase))


def test_unchanged_text_keeps_offsets() -> None:
    sel = sel_for()
    found = anchor(TEXT, sel)
    assert (found.start, found.status, found.score) == (sel.start, ANCHORED, 1.0)


def test_selector_context() -> None:
    sel = sel_for()
    assert sel.quote == PASSAGE
    assert len(sel.prefix) == 32 and TEXT[sel.start - 32:sel.start] == sel.prefix
    assert sel.suffix == TEXT[sel.start + len(PASSAGE):sel.start + len(PASSAGE) + 32]
    with pytest.raises(ValueError):
        selector_for(TEXT, 10, 5)


@pytest.mark.parametrize("new_text", [
    "\n".join(["Un paragraphe ajouté en tête de l’article, pour voir.", P1, P2, P3, P4]),
    "\n".join(["Premier ajout.", "Second ajout, un peu plus long que le premier.", P1, P2,
               P3, P4]),
    "\n".join([P2, P3, P4]),  # paragraph before deleted
    "\n".join([P1, P2, P4]),  # paragraph after deleted
])
def test_paragraphs_inserted_or_deleted_around(new_text: str) -> None:
    found = anchor(new_text, sel_for())
    assert found.status == ANCHORED
    assert new_text[found.start:found.end] == PASSAGE
    assert found.start == new_text.index(PASSAGE)


def test_words_edited_inside_the_passage() -> None:
    edited_p2 = P2.replace("devrait être ramené", "sera ramené").replace("4,4 %", "4,5 %")
    new_text = "\n".join(["Paragraphe inséré avant.", P1, edited_p2, P3, P4])
    found = anchor(new_text, sel_for())
    assert found.status == MOVED
    assert new_text[found.start:found.end] == (
        "le déficit public sera ramené à 4,5 % du produit intérieur brut")


def test_word_changed_at_the_end_of_the_passage() -> None:
    new_text = TEXT.replace("produit intérieur brut", "produit intérieur net")
    found = anchor(new_text, sel_for())
    assert found.status == MOVED
    assert new_text[found.start:found.end] == (
        "le déficit public devrait être ramené à 4,4 % du produit intérieur net")


def test_typography_changes() -> None:
    phrase = "Selon le ministre de l’Économie, le déficit public"
    sel = sel_for(TEXT, phrase)
    new_text = TEXT.replace("’", "'").replace("4,4 % du", "4,4\u00a0%  du").replace(
        "Selon le", "Selon  le")
    found = anchor(new_text, sel)
    assert found.status == MOVED
    assert new_text[found.start:found.end] == "Selon  le ministre de l'Économie, le déficit public"
    # a passage containing the changed spaces too
    found = anchor(new_text, sel_for())
    assert new_text[found.start:found.end] == PASSAGE.replace("4,4 % du", "4,4\u00a0%  du")


def test_passage_removed_entirely_is_orphaned() -> None:
    new_text = "\n".join([P1, P3, P4])
    found = anchor(new_text, sel_for())
    assert found.status == ORPHANED
    assert not found.found


def test_short_quote_removed_is_orphaned_not_matched_at_random() -> None:
    sel = sel_for(TEXT, "4,4 %")
    new_text = "\n".join([P1, P3, P4])
    assert anchor(new_text, sel).status == ORPHANED


def test_repeated_quote_chooses_by_context() -> None:
    text = ("Le budget est adopté. Les députés votent le texte.\n"
            "Au Sénat, le budget est contesté. Les sénateurs votent le texte.")
    start = text.index("votent le texte", text.index("sénateurs"))
    sel = selector_for(text, start, start + len("votent le texte"))
    # a paragraph inserted first: offsets shift and the first occurrence comes nearer
    new_text = "Préambule.\n" + text
    found = anchor(new_text, sel)
    assert found.status == ANCHORED
    assert found.start == new_text.index("votent le texte", new_text.index("sénateurs"))


def test_anchorer_reuses_its_normalised_copy() -> None:
    anchorer = Anchorer(TEXT.replace("’", "'"))
    a = anchorer.anchor(sel_for(TEXT, "ministre de l’Économie"))
    b = anchorer.anchor(sel_for(TEXT, "l’année prochaine"))
    assert a.status == b.status == MOVED
    assert anchorer.text[b.start:b.end] == "l'année prochaine"


def test_normalise_maps_back_to_original_offsets() -> None:
    text = "a\u00a0\u00a0b ’c’ d…e"
    norm = normalise(text)
    assert norm.text == "a b 'c' d...e"
    i = norm.text.index("'c'")
    assert norm.span(i, i + 3) == (text.index("’c’"), text.index("’c’") + 3)
    j = norm.text.index("...")
    assert norm.span(j, j + 3) == (text.index("…"), text.index("…") + 1)


def test_first_word_edited() -> None:
    new_text = TEXT.replace("le déficit public devrait", "la dette publique devrait")
    found = anchor(new_text, sel_for())
    assert found.status == MOVED
    assert new_text[found.start:found.end] == (
        "la dette publique devrait être ramené à 4,4 % du produit intérieur brut")


def test_rewritten_between_untouched_neighbours() -> None:
    rewritten = "le déficit des administrations sera réduit à 4,5 % de la richesse nationale"
    new_text = TEXT.replace(PASSAGE, rewritten)
    found = anchor(new_text, sel_for())
    assert (found.status, new_text[found.start:found.end]) == (MOVED, rewritten)


def test_case_change() -> None:
    new_text = TEXT.replace(PASSAGE, PASSAGE.upper())
    found = anchor(new_text, sel_for())
    assert (found.status, new_text[found.start:found.end]) == (MOVED, PASSAGE.upper())


def test_passage_cut_out_of_its_paragraph_is_orphaned() -> None:
    new_text = TEXT.replace(PASSAGE, "")
    assert anchor(new_text, sel_for()).status == ORPHANED


def test_empty_text_or_quote() -> None:
    assert anchor("", sel_for()).status == ORPHANED


@pytest.mark.parametrize("text", [
    "Déjà  l’été\u00a0:  «\u202fOK\u202f» — fin.",
    "Trois points… et  un\u200b espace İstanbul.",
    "",
])
def test_fast_and_slow_normalisation_agree(text: str) -> None:
    from reader.core.bookmarks.anchoring import _normalise_slowly

    fast, slow = normalise(text), _normalise_slowly(text)
    assert (fast.text, fast.origin) == (slow.text, slow.origin)
