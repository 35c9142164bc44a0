"""The bookmark dialog (Ctrl+D), driven with the keyboard only: type the note, Tab to the
colour and the tags, Ctrl+Enter (or Enter in a one-line field) to confirm, Esc to cancel."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from reader.ui.bookmarks.note_dialog import BookmarkChoice, NoteDialog, ask_bookmark

QUOTE = "Les ministres se sont réunis <b>jeudi</b> à Bruxelles"


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def open_dialog(qtbot, **kwargs) -> NoteDialog:
    dialog = NoteDialog(QUOTE, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.note_edit)
    return dialog


def test_keys_only_note_colour_tags_then_ctrl_enter(qtbot) -> None:
    dialog = open_dialog(qtbot, colour="green", tags=["otan"], known_tags=["otan", "sommet"])
    assert dialog.note_edit.accessibleName() == "Note"
    qtbot.keyClicks(focused(), "Premiere ligne")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # Enter in the note: a new line
    qtbot.keyClicks(focused(), "seconde")
    assert dialog.isVisible()
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.colour_combo and dialog.colour_combo.currentData() == "green"
    qtbot.keyClick(focused(), Qt.Key.Key_Down)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.tags_edit
    qtbot.keyClick(focused(), Qt.Key.Key_End)
    qtbot.keyClicks(focused(), ", #sommet")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # away from the tags (and their completer)
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.choice() == BookmarkChoice("Premiere ligne\nseconde", "blue",
                                             ("otan", "sommet"))


def test_ctrl_enter_in_the_note_confirms_without_a_new_line(qtbot) -> None:
    dialog = open_dialog(qtbot)
    qtbot.keyClicks(focused(), "a verifier")  # QTest types ASCII only
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.keyClick(focused(), Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)
    assert dialog.choice() == BookmarkChoice("a verifier", "yellow", ())


def test_enter_in_the_tags_confirms(qtbot) -> None:
    dialog = open_dialog(qtbot)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.tags_edit
    qtbot.keyClicks(focused(), "balte")
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert dialog.choice().tags == ("balte",)


def test_escape_cancels(qtbot) -> None:
    dialog = open_dialog(qtbot)
    qtbot.keyClicks(focused(), "rien")
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_quote_is_plain_text(qtbot) -> None:
    dialog = open_dialog(qtbot)
    assert dialog.quote_label.textFormat() == Qt.TextFormat.PlainText
    assert "<b>jeudi</b>" in dialog.quote_label.text()


def test_ask_bookmark_starts_from_the_last_choice(qtbot) -> None:
    """The caller passes the last colour and tags (its settings) and gets the new ones."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, NoteDialog)
        qtbot.keyClicks(dialog.note_edit, "note")
        qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    QTimer.singleShot(0, answer)
    choice = ask_bookmark(None, QUOTE, last_colour="pink", last_tags=("otan",))
    assert choice == BookmarkChoice("note", "pink", ("otan",))

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, NoteDialog)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(0, cancel)
    assert ask_bookmark(None, QUOTE) is None
