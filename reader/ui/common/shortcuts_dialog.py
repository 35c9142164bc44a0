"""The "Raccourcis clavier" window: every given action with its shortcuts, as the menus
show them (Aide → Raccourcis clavier, and ``?``).

Why a list built from the QActions themselves: the window cannot drift from the real
bindings (the issue found F4 documented while the menu showed Ctrl+Alt+Down).  A filter
field narrows the list; Esc or the Close button closes it, so the keyboard alone suffices.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.ui.common.a11y import name_clear_button


def action_label(action: QAction) -> str:
    """The action's text without mnemonics ("&Ouvrir…" → "Ouvrir…", "&&" → "&")."""
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")


def shortcut_text(action: QAction) -> str:
    """All shortcuts of ``action`` as the platform writes them ("Ctrl+F, F3")."""
    keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
            if not k.isEmpty()]
    return ", ".join(keys)


def rows(groups: Iterable[tuple[str, Sequence[QAction]]]) -> list[tuple[str, str, str]]:
    """(group, action, shortcuts) for every action that has a shortcut, once each."""
    seen: set[int] = set()
    out = []
    for group, actions in groups:
        for action in actions:
            keys = shortcut_text(action)
            if not keys or id(action) in seen or action.isSeparator():
                continue
            seen.add(id(action))
            out.append((group.replace("&", ""), action_label(action), keys))
    return out


def groups_from_menus(menus: Iterable[QMenu]) -> list[tuple[str, list[QAction]]]:
    """(menu title, its actions) for each menu and submenu, in menu order: what the
    window passes to :class:`ShortcutsDialog` (``menuBar().findChildren`` is unordered)."""
    out: list[tuple[str, list[QAction]]] = []

    def walk(menu: QMenu, title: str) -> None:
        own = []
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, f"{title} → {action_label(action)}")
            else:
                own.append(action)
        out.append((title, own))

    for menu in menus:
        walk(menu, action_label(menu.menuAction()))
    return out


class ShortcutsDialog(QDialog):
    """A read-only table of the shortcuts of ``groups`` (menu title, actions)."""

    def __init__(self, groups: Iterable[tuple[str, Sequence[QAction]]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Raccourcis clavier"))
        self.setObjectName("shortcutsDialog")
        layout = QVBoxLayout(self)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Filtrer (action ou touche)"))
        self.filter.setClearButtonEnabled(True)
        name_clear_button(self.filter)
        caption = QLabel(self.tr("&Filtrer :"), self)
        caption.setBuddy(self.filter)
        layout.addWidget(caption)
        layout.addWidget(self.filter)
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels(
            [self.tr("Menu"), self.tr("Action"), self.tr("Raccourci")])
        for row in rows(groups):
            items = [QStandardItem(text) for text in row]
            for item in items:
                item.setEditable(False)
            self.model.appendRow(items)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView(self)
        self.table.setObjectName("shortcutsTable")
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Raccourcis clavier"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, to the Close button
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 480)
        self.filter.setFocus()

    def row_count(self) -> int:
        return self.proxy.rowCount()

    def row(self, index: int) -> tuple[str, str, str]:
        return (self.proxy.index(index, 0).data(), self.proxy.index(index, 1).data(),
                self.proxy.index(index, 2).data())
