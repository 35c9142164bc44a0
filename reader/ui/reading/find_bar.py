"""Find in the article (Ctrl+Shift+F or /), apart from the library search: incremental,
accent- and case-insensitive, matches counted and stepped with Enter / F3, Esc back to
reading with the library search's marks restored.

Why a bar of its own: the library search filters the list; finding a word in the article
being read must not change which articles are listed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from reader.ui.common.icons import icon
from reader.ui.reading.pane import ReadingPane


class FindBar(QWidget):
    def __init__(self, pane: ReadingPane, library_terms: Callable[[], list[str]]) -> None:
        super().__init__(pane)
        self.pane, self._library_terms = pane, library_terms
        self.setObjectName("findBar")
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 2, 6, 2)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("Chercher dans l'article"))
        self.edit.setAccessibleName(self.tr("Chercher dans l'article"))
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(self._find)
        self.edit.returnPressed.connect(lambda: self.step(True))
        self.count = QLabel("", self)
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        row.addWidget(self.edit, 1)
        row.addWidget(self.count)
        for name, forward, tip in (("previous_match", False, self.tr("Occurrence précédente")),
                                   ("next_match", True, self.tr("Occurrence suivante"))):
            button = QToolButton(self)
            button.setIcon(icon(name))
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.clicked.connect(lambda _c=False, f=forward: self.step(f))
            row.addWidget(button)
        close = QToolButton(self)
        close.setIcon(icon("clear"))
        close.setToolTip(self.tr("Fermer la recherche dans l'article (Échap)"))
        close.setAccessibleName(self.tr("Fermer la recherche dans l'article"))
        close.clicked.connect(self.close_bar)
        row.addWidget(close)
        escape = QAction(self)
        escape.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        escape.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.triggered.connect(self.close_bar)
        self.addAction(escape)
        back = QAction(self)
        back.setShortcut(QKeySequence("Shift+Return"))
        back.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.triggered.connect(lambda: self.step(False))
        self.addAction(back)
        self.hide()

    def open(self) -> None:
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()
        self._find(self.edit.text())

    def _find(self, text: str) -> None:
        words = text.strip()
        n = self.pane.set_search_terms([words] if words else self._library_terms())
        self.count.setText(self.tr("%n occurrence(s)", "", n) if words else "")
        if words and n:
            self.pane.step_match(True)
            self.edit.setFocus()  # stepping selected the match; typing goes on here

    def step(self, forward: bool) -> None:
        if self.pane.match_count:
            self.pane.step_match(forward)
            self.edit.setFocus()

    def close_bar(self) -> None:
        """Back to reading: the library search's marks come back."""
        self.hide()
        self.pane.set_search_terms(self._library_terms())
        self.pane.focus_text()
