"""The core journey with the keyboard alone: open the next article, move a caret to a
sentence, select it, Ctrl+D, type a note, Ctrl+Enter — and the bookmark is listed.  No
mouse event is sent."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from ui_helpers import make_library, open_window

KEY = Qt.Key
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def test_read_select_and_bookmark_with_the_keyboard_only(qtbot, tmp_path: Path) -> None:
    win = open_window(qtbot, make_library(tmp_path, broken=False), tmp_path / "data",
                      tmp_path / "cache", size=(1400, 900))
    win.activateWindow()
    qtbot.waitUntil(lambda: win.pane.article is not None, timeout=30_000)
    first = win.pane.article.id  # type: ignore[union-attr]
    win.articles.table.setFocus()  # where the window starts: the list
    qtbot.waitUntil(lambda: QApplication.focusWidget() is win.articles.table)

    # next article (J), then F6 to the reading pane and F7 for a caret
    with qtbot.waitSignal(win.sig_article_shown, timeout=30_000):
        qtbot.keyClick(win.articles.table, KEY.Key_J)
    assert win.pane.article is not None and win.pane.article.id != first
    focus = QApplication.focusWidget()
    qtbot.keyClick(focus, KEY.Key_F6)
    view = win.pane.view
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    qtbot.keyClick(view, KEY.Key_F7)
    assert win.pane.caret_browsing

    # the caret down past the title and meta lines into the text, then select two words
    qtbot.keyClick(view, KEY.Key_Home, CTRL)
    for _ in range(12):
        if view.textCursor().position() > win.pane.body_start:
            break
        qtbot.keyClick(view, KEY.Key_Down)
    qtbot.keyClick(view, KEY.Key_Home)
    qtbot.keyClick(view, KEY.Key_Right, CTRL | SHIFT)
    qtbot.keyClick(view, KEY.Key_Right, CTRL | SHIFT)
    quote = win.pane.selected_text().strip()
    assert len(quote.split()) >= 1 and win.commands.bookmark.isEnabled()

    typed: list[str] = []

    def fill_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(50, fill_dialog)
            return
        notes = [w for w in dialog.findChildren(QPlainTextEdit) if w.accessibleName() == "Note"]
        if not notes:  # never leave the modal dialog open: the test fails below instead
            dialog.close()
            return
        qtbot.keyClicks(notes[0], "relire page 2")
        typed.append(notes[0].toPlainText())
        qtbot.keyClick(notes[0], KEY.Key_Return, CTRL)  # Ctrl+Enter confirms

    QTimer.singleShot(0, fill_dialog)
    qtbot.keyClick(view, KEY.Key_D, CTRL)
    qtbot.waitUntil(lambda: bool(win.bookmarks.bookmarks()), timeout=10_000)
    [bookmark] = win.bookmarks.bookmarks()
    assert typed == ["relire page 2"] and bookmark.note == "relire page 2"
    assert bookmark.quote.strip() == quote
    assert win.bookmarks_panel.model.rowCount() == 1
    win.shutdown()
