"""The reading pane alone: offsets, formats applied once, overlays, tooltips."""

from __future__ import annotations

from reader.core.entities.extractor import Entity
from reader.core.library.parser import parse_text
from reader.ui.reading.pane import LABEL_PROP, ReadingPane

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


def test_blocks_keep_their_kind_and_offsets_when_runs_of_blocks_go_in_together(qtbot) -> None:
    """Consecutive paragraphs are inserted as one run of text: each must still be its own
    QTextBlock with the paragraph format, headings keep theirs, offsets stay exact."""
    pane = ReadingPane()
    qtbot.addWidget(pane)
    text = (" date 2024-05-28 Sommet (AFP)\n\nPremier paragraphe à Kiev.\n\n"
            "Deuxième paragraphe, Antony Blinken.\n\nTroisième paragraphe.\n\n"
            "Un intertitre\n\nEncore un intertitre\n\nDernier paragraphe à Kiev.")
    article = parse_text(text)
    assert [b.kind for b in article.blocks] == ["paragraph"] * 3 + ["heading"] * 2 + [
        "paragraph"]
    ents = _entities(article.text)
    # an entity across a block boundary cannot be a character run of one block: not shown
    crossing = article.text.index("Kiev.\n") + 2
    ents.append(Entity(crossing, crossing + 8, "MISC", "x", "x"))
    pane.show_article(article, ents)
    doc = pane.view.document()
    block = doc.findBlock(pane.body_start)
    for art_block in article.blocks:
        assert block.position() == pane.body_start + art_block.start
        assert block.text() == art_block.text
        heading = art_block.kind == "heading"
        assert (block.blockFormat().headingLevel() == 2) is heading
        assert block.charFormat().fontWeight() == (600 if heading else 400)
        block = block.next()
    assert not block.isValid()
    assert pane.entity_count_in_document() == len(ents) - 1
    for ent in ents[:-1]:
        assert pane._tooltip_at(pane.body_start + ent.start)


def test_entities_next_to_each_other_and_at_block_edges(qtbot) -> None:
    pane = ReadingPane()
    qtbot.addWidget(pane)
    article = parse_text(" date 2024 Brève (AFP)\n\nKiev Kyiv Paris\n\nParis")
    t = article.text
    ents = [Entity(0, 4, "LOC", "Kiev", "kiev"), Entity(4, 9, "PER", " Kyiv", "kyiv"),
            Entity(10, 15, "LOC", "Paris", "paris"), Entity(16, 21, "ORG", "Paris", "p")]
    assert [t[e.start:e.end] for e in ents] == ["Kiev", " Kyiv", "Paris", "Paris"]
    pane.show_article(article, ents)
    assert pane.entity_count_in_document() == 4
    assert pane.view.toPlainText().endswith("Kiev Kyiv Paris\nParis")
    labels = []
    block = pane.view.document().findBlock(pane.body_start)
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            labels.append(it.fragment().charFormat().property(LABEL_PROP) or "")
            it += 1
        block = block.next()
    assert labels == ["LOC", "PER", "", "LOC", "ORG"]
