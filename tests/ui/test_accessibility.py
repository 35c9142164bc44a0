"""What a screen reader is given: the in-process accessibility tree of a real window.

Why these checks: Orca (Linux) reads Qt through AT-SPI, which Qt builds from the same
``QAccessibleInterface`` objects read here.  Each test is one failure seen in the AT-SPI dump
of issue 12 (unnamed controls, combos read by their value, the article read as a static
label, silent status messages, a mouse-only timeline, rows repeated in every cell,
ambiguous mnemonics).  ``benchmarks/audit_a11y.py`` checks the same tree over AT-SPI itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QMenu,
    QMenuBar,
    QWidget,
)
from ui_helpers import make_library, open_window

from reader.core.entities.index import EntitySummary
from reader.core.library.rows import Buckets
from reader.ui.bookmarks.note_dialog import NoteDialog
from reader.ui.main_window import MainWindow

Role = QAccessible.Role
NAME = QAccessible.Text.Name

# roles a user acts on: each must have a name (scroll bars and splitter grips are spoken by
# their role and value, as in every toolkit, and are left out)
INTERACTIVE = {
    Role.Button, Role.CheckBox, Role.RadioButton, Role.ComboBox, Role.EditableText,
    Role.Table, Role.Tree, Role.List, Role.ButtonMenu, Role.ButtonDropDown, Role.PageTab,
    Role.SpinBox, Role.Slider, Role.Link, Role.MenuItem, Role.ProgressBar,
}
ITEM_VIEWS = {Role.Table, Role.Tree, Role.List}


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:
    win = open_window(qtbot, make_library(tmp_path), tmp_path / "data", tmp_path / "cache")
    for dock in (win.library_entities, win.bookmarks_panel, win.entities_panel):
        dock.show()
    win.resize(1600, 1000)
    qtbot.wait(50)
    yield win
    win.shutdown()
    assert win.jobs.pending_count == 0 or win.jobs.shutdown()


def iface(obj: QObject) -> QAccessibleInterface:
    found = QAccessible.queryAccessibleInterface(obj)
    assert found is not None and found.isValid(), obj
    return found


def walk(root: QAccessibleInterface) -> Iterator[QAccessibleInterface]:
    """Visible objects, depth first; the cells of item views are not descended into."""
    stack = [root]
    while stack:
        node = stack.pop()
        if node is None or not node.isValid() or node.state().invisible:
            continue
        yield node
        if node.role() in ITEM_VIEWS and node is not root:
            continue
        stack.extend(node.child(i) for i in range(node.childCount() - 1, -1, -1))


def describe(node: QAccessibleInterface) -> str:
    obj = node.object()
    return f"{node.role().name} {type(obj).__name__}:{obj.objectName() if obj else ''}"


def cell_rows(table: QAccessibleInterface) -> list[list[str]]:
    """The table's cells row by row, as exposed to AT-SPI (PySide has no table interface:
    its children are the column headers, then each row's cells)."""
    children = [table.child(i) for i in range(table.childCount())]
    columns = sum(1 for c in children if c.role() == Role.ColumnHeader)
    cells = [c.text(NAME) for c in children if c.role() in (Role.Cell, Role.TreeItem)]
    return [cells[i:i + columns] for i in range(0, len(cells), columns)]


def test_every_visible_interactive_control_has_a_name(window: MainWindow) -> None:
    nodes = list(walk(iface(window)))
    interactive = [n for n in nodes if n.role() in INTERACTIVE or n.state().focusable]
    assert len(interactive) > 40  # the tree is really walked: menus, docks, toolbars
    unnamed = [describe(n) for n in interactive if not n.text(NAME).strip()]
    assert unnamed == []


def test_icon_only_buttons_are_named(window: MainWindow) -> None:
    buttons = [b for b in window.findChildren(QAbstractButton)
               if b.isVisible() and not b.text().strip()]
    assert buttons  # toolbars, the docks' stop buttons, line-edit icons
    assert [b for b in buttons if not iface(b).text(NAME).strip()] == []
    window.articles.search_edit.setText("ukraine")  # its clear button appears: named
    clear = [b for b in window.articles.search_edit.findChildren(QAbstractButton)
             if b.isVisible()]
    assert len(clear) == 2 and all(iface(b).text(NAME) for b in clear)
    window.status.scanning(1, 3)
    assert iface(window.status.cancel_button).text(NAME) == "Arrêter l'indexation"


def _visible_combos(root: QWidget) -> list[QComboBox]:
    return [c for c in root.findChildren(QComboBox) if c.isVisible()]


def test_combos_are_labelled_by_a_visible_buddy(window: MainWindow) -> None:
    combos = _visible_combos(window)
    assert len(combos) >= 3
    for combo in combos:
        labels = [rel for rel, flag in iface(combo).relations(QAccessible.RelationFlag.Label)
                  if flag & QAccessible.RelationFlag.Label]
        assert labels, combo.objectName() or combo.accessibleName()
        label = labels[0].object()
        assert isinstance(label, QLabel) and label.isVisible() and label.buddy() is combo
        # the label says what the combo is for, not what it holds (on Linux Qt passes the
        # current value as the combo's name and Orca reads the labelled-by relation first)
        spoken = labels[0].text(NAME).replace("&", "").strip(" :")
        assert spoken and spoken != combo.currentText()


def test_note_dialog_fields_are_named_and_labelled(qtbot) -> None:
    dialog = NoteDialog("Un passage marqué", note="", tags=["ukraine"])
    qtbot.addWidget(dialog)
    dialog.show()
    note = iface(dialog.note_edit)
    assert note.role() == Role.EditableText and note.text(NAME) == "Note"
    assert note.relations(QAccessible.RelationFlag.Label)
    assert iface(dialog.colour_combo).relations(QAccessible.RelationFlag.Label)
    assert iface(dialog.quote_label).text(NAME)


def test_reading_pane_is_a_document_holding_the_article(window: MainWindow) -> None:
    node = iface(window.pane.view)
    assert node.role() in (Role.EditableText, Role.Document)  # never StaticText
    assert node.state().readOnly and node.state().focusable
    assert node.text(NAME)
    text = node.textInterface()
    assert text is not None
    article = window.pane.view.toPlainText()
    assert len(article) > 100 and text.characterCount() == len(article)
    assert text.text(0, text.characterCount()) == article


def test_dynamic_labels_expose_their_current_text(window: MainWindow) -> None:
    panel = window.library_entities
    labels = [panel.chosen_label, panel.status, panel.timeline.info]
    for label in labels:
        label.setText("Texte changeant 42")
        assert iface(label).text(NAME) == "Texte changeant 42", label
    # every visible label of the window: its name is what is on screen
    for label in window.findChildren(QLabel):
        if label.isVisible() and label.text() and not label.accessibleName():
            assert iface(label).text(NAME).replace("&", "") == label.text().replace("&", "")


def test_status_messages_reach_the_tree(window: MainWindow) -> None:
    from reader.services import messages

    window.status.say("Passage marqué.")
    node = iface(window.status)
    assert node.role() == Role.StatusBar
    assert node.text(QAccessible.Text.Description) == "Passage marqué."
    messages.info("Export terminé.")
    assert "Export terminé." in node.text(QAccessible.Text.Description)


def test_timeline_exposes_periods_and_counts_and_is_keyboard_operable(
        qtbot, window: MainWindow) -> None:
    timeline = window.library_entities.timeline
    timeline.clear_choice()
    timeline.set_buckets(Buckets(keys=("2024-04", "2024-05", "2024-06"), counts=(1, 4, 2)))
    table = iface(timeline.table)
    assert table.role() == Role.Table and table.text(NAME) == "Articles par période"
    assert cell_rows(table) == [["avr. 24", "1"], ["mai 24", "4"], ["juin 24", "2"]]
    # keyboard: the table moves the chart's current bar and Enter filters on it
    timeline.table.setFocus()
    qtbot.keyClick(timeline.table, Qt.Key.Key_Home)
    qtbot.keyClick(timeline.table, Qt.Key.Key_Down)
    assert timeline.current == 1
    qtbot.keyClick(timeline.table, Qt.Key.Key_Return)
    assert window.view_state.period == "2024-05"
    # the chart itself: arrows, Enter, Escape
    timeline.view.setFocus()
    qtbot.keyClick(timeline.view, Qt.Key.Key_Right)
    assert timeline.current == 2 and timeline.table.currentRow() == 2
    qtbot.keyClick(timeline.view, Qt.Key.Key_Escape)
    assert window.view_state.period is None
    assert iface(timeline.view).text(NAME)


def test_entity_tables_give_one_value_per_cell(window: MainWindow) -> None:
    panel = window.library_entities
    panel.model.set_items([EntitySummary("ukraine", "LOC", "Ukraine", 3, 7),
                           EntitySummary("otan", "ORG", "OTAN", 1, 4)])
    panel.view.doItemsLayout()  # a tree lays its rows out lazily
    values = cell_rows(iface(panel.view))
    assert len(values) == 2
    row = next(v for v in values if v[0] == "Ukraine")
    assert row[2:] == ["3", "7"] and "LOC" in row[1] and "Ukraine" not in row[1]
    for cells in values:
        assert len(set(cells)) == 4  # no cell repeats the row


def _mnemonic(text: str) -> str | None:
    i = text.replace("&&", "").find("&")
    return text.replace("&&", "")[i + 1].casefold() if i >= 0 else None


def _check_level(actions: list, where: str) -> None:
    keys = [_mnemonic(a.text()) for a in actions if a.isVisible() and not a.isSeparator()]
    keys = [k for k in keys if k]
    assert len(keys) == len(set(keys)), (where, sorted(keys))
    for action in actions:
        if action.menu() is not None:
            _check_level(action.menu().actions(), action.text())


def test_menu_mnemonics_are_unique_per_level(window: MainWindow) -> None:
    bar = window.findChild(QMenuBar)
    assert bar is not None
    top = bar.actions()
    assert all(_mnemonic(a.text()) for a in top)  # every menu opens with Alt+letter
    _check_level(top, "menu bar")
    assert window.findChildren(QMenu)

