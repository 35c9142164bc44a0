"""The bookmark dialog (Ctrl+D, and "Modifier la note…" in the dock): the passage, a note,
a colour and tags, as calibre and Zotero ask for them when a highlight is made.

Keyboard first: the note has the focus; Ctrl+Enter confirms from anywhere, Enter confirms
from the single-line fields (tags, colour), Esc cancels.  The passage comes from a file,
so it is shown as plain text.  The dialog does not remember anything itself: the caller
passes the last colour and tags used and stores what :func:`ask_bookmark` returns.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from reader.core.bookmarks.palette import COLOURS, DEFAULT_COLOUR
from reader.core.bookmarks.store import normalise_tags
from reader.core.text import shorten
from reader.ui.common.bookmark_palette import colour_label, swatch

QUOTE_CHARS = 400
_CONFIRM_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


@dataclass(frozen=True)
class BookmarkChoice:
    """What the user chose: give it to ``BookmarkService.add`` (or ``edit``), and keep
    ``colour`` and ``tags`` as the next dialog's defaults."""

    note: str
    colour: str
    tags: tuple[str, ...]


class NoteDialog(QDialog):
    def __init__(self, quote: str, *, note: str = "", colour: str = DEFAULT_COLOUR,
                 tags: Sequence[str] = (), known_tags: Iterable[str] = (),
                 title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or self.tr("Marque-page"))
        self.setObjectName("bookmarkNoteDialog")
        layout = QVBoxLayout(self)

        self.quote_label = QLabel(f"« {shorten(quote, QUOTE_CHARS)} »", self)
        self.quote_label.setTextFormat(Qt.TextFormat.PlainText)
        self.quote_label.setWordWrap(True)
        self.quote_label.setAccessibleName(self.tr("Passage"))
        self.quote_label.setToolTip(self.tr("Le passage marqué"))
        layout.addWidget(self.quote_label)

        form = QFormLayout()
        self.note_edit = QPlainTextEdit(note, self)
        self.note_edit.setAccessibleName(self.tr("Note"))
        self.note_edit.setPlaceholderText(self.tr("Note (facultative)"))
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.installEventFilter(self)
        form.addRow(self.tr("&Note :"), self.note_edit)

        self.colour_combo = QComboBox(self)
        self.colour_combo.setAccessibleName(self.tr("Couleur"))
        for name in COLOURS:
            self.colour_combo.addItem(swatch(name), colour_label(name).capitalize(), name)
        index = self.colour_combo.findData(colour if colour in COLOURS else DEFAULT_COLOUR)
        self.colour_combo.setCurrentIndex(max(0, index))
        form.addRow(self.tr("&Couleur :"), self.colour_combo)

        self.tags_edit = QLineEdit(" ".join(tags), self)
        self.tags_edit.setAccessibleName(self.tr("Étiquettes"))
        self.tags_edit.setPlaceholderText(self.tr("séparées par des espaces ou des virgules"))
        known = sorted(set(known_tags), key=str.casefold)
        if known:
            completer = QCompleter(known, self.tags_edit)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            self.tags_edit.setCompleter(completer)
        form.addRow(self.tr("É&tiquettes :"), self.tags_edit)
        layout.addLayout(form)

        hint = QLabel(self.tr("Ctrl+Entrée pour enregistrer, Échap pour annuler"), self)
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setStyleSheet("color: palette(mid);")
        layout.addWidget(hint)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.note_edit.setFocus()
        self.resize(480, self.sizeHint().height())

    def choice(self) -> BookmarkChoice:
        return BookmarkChoice(self.note_edit.toPlainText(),
                              str(self.colour_combo.currentData() or DEFAULT_COLOUR),
                              normalise_tags(self.tags_edit.text()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ctrl+Enter confirms wherever the focus is (the note edit is filtered below)."""
        if event.key() in _CONFIRM_KEYS and event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier):
            self.accept()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # the note edit would insert a line break for Ctrl+Enter: confirm instead
        if (watched is self.note_edit and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() in _CONFIRM_KEYS
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.accept()
            return True
        return super().eventFilter(watched, event)


def ask_bookmark(parent: QWidget | None, quote: str, *, note: str = "",
                 last_colour: str = DEFAULT_COLOUR, last_tags: Sequence[str] = (),
                 known_tags: Iterable[str] = (), title: str = "") -> BookmarkChoice | None:
    """Show the dialog modally; the choice, or None when cancelled."""
    dialog = NoteDialog(quote, note=note, colour=last_colour, tags=last_tags,
                        known_tags=known_tags, title=title, parent=parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choice()
    finally:
        dialog.deleteLater()
