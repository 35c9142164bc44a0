"""The reading pane from the keyboard and for screen readers: caret browsing (F7),
selection with Shift+arrows, what is announced, the document role, the readable minimum
width, ragged-right text, the context-menu hook and the light/dark switch."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAction, QColor, QFontMetricsF
from PySide6.QtWidgets import QMenu

from reader.core.entities.extractor import Entity
from reader.core.library.parser import parse_text
from reader.ui.common import theme
from reader.ui.reading.pane import ReadingPane
from reader.ui.reading.view import MIN_CHARS

TEXT = (" date 2024-05-28 Sommet (AFP)\n\nAntony Blinken est arrivé à Kiev mardi pour "
        "parler de l'Ukraine avec ses alliés.\n\nUn intertitre\n\nLe ministre à Kiev, encore.")


def _pane(qtbot) -> tuple[ReadingPane, object]:
    pane = ReadingPane()
    qtbot.addWidget(pane)
    pane.resize(700, 500)
    pane.show()
    qtbot.waitExposed(pane)
    article = parse_text(TEXT)
    ents = [Entity(s, s + len(w), lab, w, w.lower()) for w, lab in
            (("Antony Blinken", "PER"), ("Kiev", "LOC"), ("Ukraine", "LOC"))
            for s in [article.text.find(w)]]
    pane.show_article(article, ents)
    return pane, article


def _page_colour(pane: ReadingPane) -> QColor:
    """The colour the reading column is painted with (a pixel of its empty margin)."""
    image = pane.view.viewport().grab().toImage()
    return image.pixelColor(4, image.height() - 4)


def test_f7_caret_and_shift_arrows_select_without_a_mouse(qtbot) -> None:
    pane, article = _pane(qtbot)
    pane.focus_text()
    qtbot.waitUntil(pane.view.hasFocus)
    assert not pane.caret_browsing()
    changes: list[bool] = []
    pane.sig_selection_changed.connect(changes.append)
    qtbot.keyClick(pane.view, Qt.Key.Key_F7)
    assert pane.caret_browsing() and pane.act_caret.isChecked()
    # caret to the start of the body, then select two words and the rest of the line
    pane.select_range(0, 0)
    qtbot.keyClick(pane.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert pane.selected_text() == "A"
    qtbot.keyClick(pane.view, Qt.Key.Key_Right,
                   Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier)
    assert pane.selected_text() == "Antony"
    qtbot.keyClick(pane.view, Qt.Key.Key_End, Qt.KeyboardModifier.ShiftModifier)
    assert pane.selected_text().startswith("Antony Blinken est arrivé")
    assert changes and changes[-1] is True
    qtbot.keyClick(pane.view, Qt.Key.Key_F7)
    assert not pane.caret_browsing()


def test_entering_an_entity_a_match_or_a_bookmark_is_announced(qtbot) -> None:
    pane, article = _pane(qtbot)
    pane.set_caret_browsing(True)
    kiev = article.text.index("Kiev")
    pane.select_range(kiev + 1, kiev + 1)
    assert pane.last_announcement == "Lieu : Kiev"
    pane.select_range(kiev + 2, kiev + 2)  # moving inside it says nothing new
    assert pane.last_announcement == "Lieu : Kiev"
    note_at = article.text.index("parler")
    pane.set_bookmarks([(note_at, note_at + 6, "yellow", "À relire <b>vite</b>")])
    pane.select_range(note_at, note_at)
    assert pane.last_announcement == "Marque-page : À relire <b>vite</b>"
    assert pane.set_search_terms(["mardi"]) == 1
    pane.step_match()
    assert pane.last_announcement.startswith("Occurrence 1 sur 1")
    assert pane.set_focus_entity("kiev") == 1
    pane.step_mention()  # F4 onto the mention
    assert pane.last_announcement == "Lieu : Kiev"


def test_the_text_is_a_document_for_accessibility_not_a_label(qtbot) -> None:
    pane, _article = _pane(qtbot)
    iface = QAccessible.queryAccessibleInterface(pane.view)
    assert iface.role() == QAccessible.Role.EditableText
    assert iface.state().readOnly
    text = iface.textInterface()
    assert text is not None and "Antony Blinken" in text.text(0, text.characterCount())
    description = iface.text(QAccessible.Text.Description)
    assert "2 lieux" in description and "1 personne" in description


def test_minimum_width_follows_the_font(qtbot) -> None:
    pane, _article = _pane(qtbot)
    def chars() -> float:
        width = QFontMetricsF(pane.default_font()).averageCharWidth()
        return pane.minimumSizeHint().width() / width
    assert chars() >= MIN_CHARS
    before = pane.minimumSizeHint().width()
    pane.zoom(4)
    assert pane.minimumSizeHint().width() > before
    assert chars() >= MIN_CHARS


def test_ragged_right_by_default_justified_on_request(qtbot) -> None:
    pane, _article = _pane(qtbot)
    block = pane.view.document().findBlock(pane.body_start)
    assert block.blockFormat().alignment() & Qt.AlignmentFlag.AlignLeft
    pane.set_justified(True)
    block = pane.view.document().findBlock(pane.body_start)
    assert block.blockFormat().alignment() & Qt.AlignmentFlag.AlignJustify


def test_context_menu_carries_added_and_dynamic_actions(qtbot) -> None:
    pane, article = _pane(qtbot)
    extra = QAction("Marquer le passage", pane)
    pane.add_context_actions([extra])
    seen: list[QMenu] = []
    pane.sig_context_menu.connect(lambda menu: (seen.append(menu), menu.addAction("Dyn")))
    pane.select_range(0, 6)
    menu = pane.context_menu()
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert "Marquer le passage" in texts and "Dyn" in texts and seen == [menu]
    assert not any("Link" in t or "lien" in t for t in texts)  # no links in an article
    menu.deleteLater()


def test_tooltips_show_text_from_files_as_written(qtbot) -> None:
    pane = ReadingPane()
    qtbot.addWidget(pane)
    article = parse_text(" date 2024 T (AFP)\n\nLa société <b>X</b> & Cie recrute.")
    start = article.text.index("<b>X</b> & Cie")
    pane.show_article(article, [Entity(start, start + 14, "ORG", "<b>X</b> & Cie", "x")])
    tip = pane._tooltip_at(pane.body_start + start + 1)
    assert "&lt;b&gt;X&lt;/b&gt; &amp; Cie" in tip and "<b>X" not in tip


def test_dark_scheme_recolours_the_shown_article(qtbot) -> None:
    pane, article = _pane(qtbot)
    kiev = article.text.index("Kiev")
    pane.select_range(kiev, kiev + 4)

    def tint() -> QColor:
        cursor = pane.view.textCursor()
        cursor.setPosition(pane.body_start + kiev + 1)
        return cursor.charFormat().background().color()

    pane.set_bookmarks([(0, 6, "yellow")])
    assert pane.set_search_terms(["mardi"]) == 1
    marks = len(pane.view.extraSelections())
    assert tint() == QColor(theme.LIGHT.entity("LOC").tint)
    try:
        theme.set_scheme("dark")
        assert tint() == QColor(theme.DARK.entity("LOC").tint)
        assert _page_colour(pane) == QColor(theme.DARK.page)
        assert pane.selected_text() == "Kiev"  # the place is kept
        assert len(pane.view.extraSelections()) == marks  # and the marks
        assert pane.legend.buttons["LOC"].styleSheet().count(theme.DARK.entity("LOC").tint)
    finally:
        theme.set_scheme("light")
    assert tint() == QColor(theme.LIGHT.entity("LOC").tint)


def test_type_actions_follow_the_legend_and_set_status_shows(qtbot) -> None:
    pane, _article = _pane(qtbot)
    actions = {a.data(): a for a in pane.type_actions()}
    assert set(actions) == set(pane.legend.buttons)
    before = pane.entity_count_in_document()
    actions["LOC"].setChecked(False)
    assert not pane.legend.buttons["LOC"].isChecked()
    assert pane.entity_count_in_document() < before and "LOC" not in pane.enabled_labels()
    pane.legend.buttons["LOC"].setChecked(True)
    assert actions["LOC"].isChecked()
    pane.set_entity_status("3 entités")
    assert pane.legend.status.text() == "3 entités"


def test_a_long_status_is_shortened_before_the_type_names_give_way(qtbot) -> None:
    """While the model loads, the legend said "PER ORG LOC…" and still cut its status
    mid-word: the names stay while they fit, the status is shortened with "…" (left out
    when too short to read), whole in its tooltip."""
    from reader.ui.common.entity_style import STYLES

    pane, _article = _pane(qtbot)
    legend = pane.legend
    long = "entités : en attente du modèle (chargement de fr_core_news_md)…"
    pane.set_entity_status(long)
    pane.resize(legend._full_width + 150, pane.height())
    qtbot.waitUntil(lambda: legend.width() < legend._full_width + 200)
    assert legend.buttons["PER"].text() == STYLES["PER"].name
    shown = legend.status.text()
    assert shown.endswith("…") and len(shown) < len(long)
    assert "en attente du modèle" in legend.status.toolTip()
    pane.resize(2000, pane.height())
    qtbot.waitUntil(lambda: legend.status.text() == long)
    assert legend.buttons["PER"].text() == STYLES["PER"].name
    pane.resize(legend._full_width + 40, pane.height())  # no readable room for it: left out
    qtbot.waitUntil(lambda: legend.status.text() == "")
    buttons = legend.buttons.values()  # whole names, none squeezed once laid out
    qtbot.waitUntil(lambda: all(b.width() >= b.sizeHint().width() for b in buttons))
    assert all(b.text() == STYLES[label].name for label, b in legend.buttons.items())


def test_style_sheet_does_not_undo_the_reading_column_colours(qtbot, qapp) -> None:
    """Re-applying the style sheet re-polishes widgets, which gives them back their first
    palette: the column must be recoloured after that, not before."""
    from pathlib import Path

    from PySide6.QtGui import QPalette

    pane, _article = _pane(qtbot)
    original = QPalette(qapp.palette())
    qss = Path(__file__).resolve().parents[2] / "resources" / "style.qss"
    manager = theme.ThemeManager(qapp, qss, "light")
    try:
        manager.set_mode("dark")
        assert _page_colour(pane) == QColor(theme.DARK.page)
        manager.set_mode("light")
        assert _page_colour(pane) == QColor(theme.LIGHT.page)
    finally:
        manager.set_mode("light")
        qapp.setStyleSheet("")
        qapp.setPalette(original)
        manager.deleteLater()


def test_entities_dock_recolours_with_the_scheme(qtbot) -> None:
    from reader.ui.reading.entities_panel import EntitiesPanel

    dock = EntitiesPanel()
    qtbot.addWidget(dock)
    dock.set_entities([Entity(0, 4, "LOC", "Kiev", "kiev"), Entity(5, 9, "LOC", "Kyiv", "kiev")])
    top = dock.tree.topLevelItem(0)
    assert top.foreground(0).color() == QColor(theme.LIGHT.entity("LOC").underline)
    assert top.child(0).text(0) in {"Kiev", "Kyiv"} and top.child(0).text(1) == "2"
    try:
        theme.set_scheme("dark")
        assert top.foreground(0).color() == QColor(theme.DARK.entity("LOC").underline)
    finally:
        theme.set_scheme("light")
