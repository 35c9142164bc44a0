"""The reading pane alone: offsets, formats applied once, overlays, tooltips."""

from __future__ import annotations

from reader.core.entities import Entity
from reader.core.parser import parse_text
from reader.ui.reading_pane import ReadingPane

TEXT = (" date 2024-05-28 Sommet (AFP)\n\nAntony Blinken est arrivé à Kiev mardi.\n\n"
        "Un intertitre\n\nLe <b>ministre</b> &amp; Kiev, encore Kiev.")


def _entities(text: str) -> list[Entity]:
    out = []
    for word, label in (("Antony Blinken", "PER"), ("Kiev", "LOC")):
        start = text.find(word)
        while start >= 0:
            out.append(Entity(start, start + len(word), label, word, word.lower()))
            start = text.find(word, start + 1)
    return out


def test_entities_are_formatted_at_their_offsets(qtbot) -> None:
    pane = ReadingPane()
    qtbot.addWidget(pane)
    article = parse_text(TEXT)
    ents = _entities(article.text)
    pane.show_article(article, ents)
    assert pane.entity_count_in_document() == len(ents) == 4
    doc_text = pane.view.toPlainText()
    for ent in ents:
        pos = pane.body_start + ent.start
        assert doc_text[pos:pos + len(ent.text)] == ent.text
        assert pane._tooltip_at(pos + 1) == f"{'Personne' if ent.label == 'PER' else 'Lieu'} " \
                                             f"({ent.label}) : {ent.text}"
    assert "<b>ministre</b> &amp;" in doc_text  # text, never markup
    # applying later (model result arriving) gives the same formats
    pane.show_article(article)
    assert pane.entity_count_in_document() == 0
    pane.set_entities(ents)
    assert pane.entity_count_in_document() == 4


def test_selection_maps_back_to_article_offsets(qtbot) -> None:
    pane = ReadingPane()
    qtbot.addWidget(pane)
    article = parse_text(TEXT)
    pane.show_article(article)
    start = article.text.index("Kiev mardi")
    pane.select_range(start, start + 10)
    assert pane.selection_range() == (start, start + 10)
    assert pane.selected_text() == "Kiev mardi"


def test_mentions_and_search_hits(qtbot) -> None:
    pane = ReadingPane()
    qtbot.addWidget(pane)
    article = parse_text(TEXT)
    pane.show_article(article, _entities(article.text))
    assert pane.set_focus_entity("kiev") == 3
    assert pane.step_mention() and pane.selected_text() == "Kiev"
    assert pane.set_search_terms(["arrive"]) == 1  # accent-insensitive
    assert pane.step_match() and pane.selected_text() == "arrivé"
    pane.set_bookmarks([(0, 14, "yellow")])
    assert len(pane.view.extraSelections()) == 1 + 3 + 1


def test_long_article_renders_every_entity(qtbot) -> None:
    pane = ReadingPane()
    qtbot.addWidget(pane)
    paragraph = "Antony Blinken est arrivé à Kiev mardi pour parler de l'Ukraine. " * 40
    text = " date 2024 Long (AFP)\n\n" + "\n\n".join([paragraph.strip()] * 200)
    article = parse_text(text)
    ents = _entities(article.text)
    assert article.word_count > 50_000
    pane.show_article(article, ents)
    assert pane.entity_count_in_document() == len(ents)
