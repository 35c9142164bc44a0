"""The shortcuts window lists the real bindings of the actions it is given and closes from
the keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from reader.ui.common.shortcuts_dialog import ShortcutsDialog


def test_lists_actions_with_their_shortcuts_and_closes_with_escape(qtbot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    find = QAction("&Rechercher", owner)
    find.setShortcuts([QKeySequence("Ctrl+F"), QKeySequence("F3")])
    mention = QAction("Mention &suivante", owner)
    mention.setShortcuts([QKeySequence("F4")])
    bare = QAction("Sans raccourci", owner)
    dialog = ShortcutsDialog([("&Édition", [find, bare]), ("&Aller", [mention, find])], owner)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.row_count() == 2  # no shortcut: not listed; listed once
    assert dialog.row(0) == ("Édition", "Rechercher", "Ctrl+F, F3")
    assert dialog.row(1) == ("Aller", "Mention suivante", "F4")
    assert dialog.focusWidget() is dialog.filter
    qtbot.keyClicks(dialog.filter, "F4")
    assert dialog.row_count() == 1
    qtbot.keyClick(dialog.filter, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_close_button_is_reachable_with_tab(qtbot) -> None:
    dialog = ShortcutsDialog([])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for _ in range(4):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        if dialog.focusWidget().metaObject().className() == "QPushButton":
            break
    assert dialog.focusWidget().metaObject().className() == "QPushButton"
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert not dialog.isVisible()


def test_groups_from_menus_walks_submenus_in_order(qtbot) -> None:
    from PySide6.QtWidgets import QMenu

    from reader.ui.common.shortcuts_dialog import groups_from_menus

    owner = QWidget()
    qtbot.addWidget(owner)
    view = QMenu("&Affichage", owner)
    caret = view.addAction("Navigation au curseur")
    caret.setShortcut(QKeySequence("F7"))
    types = view.addMenu("Types")
    person = types.addAction("Personne")
    person.setShortcut(QKeySequence("Alt+1"))
    groups = groups_from_menus([view])
    assert groups == [("Affichage → Types", [person]), ("Affichage", [caret])]
    dialog = ShortcutsDialog(groups, owner)
    assert {dialog.row(i)[2] for i in range(dialog.row_count())} == {"F7", "Alt+1"}
