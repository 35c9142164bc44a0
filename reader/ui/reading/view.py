"""The text view of the reading pane: a read-only QTextEdit with caret browsing.

Why a QTextEdit and not a QTextBrowser: Qt exposes a QTextBrowser to accessibility as
static text (a 2,000-character article read as a label); a read-only QTextEdit is editable
text in the read-only state, a document screen readers let users move through.  Links
are not used, so "Copy Link Location" is not offered either.

Caret browsing (F7, as in browsers) adds ``TextSelectableByKeyboard``: a visible caret that
arrows move, and Shift+arrows, Shift+Ctrl+arrows and Shift+Home/End select, so a passage
can be chosen and bookmarked without a mouse.  Without it, arrows scroll.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, QSize, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QContextMenuEvent,
    QFocusEvent,
    QFontMetricsF,
    QHelpEvent,
    QResizeEvent,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QMenu, QTextEdit, QToolTip, QWidget

from reader.ui.common import theme

try:  # Qt ≥ 6.8
    from PySide6.QtGui import QAccessibleAnnouncementEvent
except ImportError:  # pragma: no cover - older PySide6
    QAccessibleAnnouncementEvent = None  # type: ignore[assignment,misc]

MIN_CHARS = 45  # the narrowest column still comfortable to read
MAX_CHARS = 75  # the widest line before the column is centred with margins
MIN_SIDE_PX = 24
TOP_PX, BOTTOM_PX = 28, 48


class ArticleView(QTextEdit):
    """Read-only text view with entity tooltips and a centred, comfortable column."""

    sig_context_menu = Signal(QPoint)  # in viewport coordinates
    sig_caret_browsing = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        self.setObjectName("articleView")
        self.setAccessibleName(self.tr("Article"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)
        self.tooltip_at: Callable[[int], str] | None = None  # document position → tooltip
        self._caret = False
        self.last_announcement = ""
        self._apply_flags()
        self.restyle()
        theme.notifier.sig_changed.connect(self.restyle)

    # -- caret browsing -------------------------------------------------------------------
    def caret_browsing(self) -> bool:
        return self._caret

    def set_caret_browsing(self, on: bool) -> None:
        """Show (or hide) a caret that the keyboard moves and selects with."""
        if on == self._caret:
            return
        self._caret = on
        self._apply_flags()
        if on:
            self._caret_into_view()
        self.sig_caret_browsing.emit(on)

    def _apply_flags(self) -> None:
        flags = Qt.TextInteractionFlag.TextSelectableByMouse
        if self._caret:
            flags |= Qt.TextInteractionFlag.TextSelectableByKeyboard
        self.setTextInteractionFlags(flags)

    def _caret_into_view(self) -> None:
        """Turned on, the caret starts where the reader is looking, not at the top."""
        rect = self.viewport().rect()
        if not rect.contains(self.cursorRect()):
            self.setTextCursor(self.cursorForPosition(QPoint(rect.left() + 1, rect.top() + 1)))

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self._caret:
            self._caret_into_view()

    # -- geometry ---------------------------------------------------------------------------
    def _char_width(self) -> float:
        return QFontMetricsF(self.document().defaultFont()).averageCharWidth()

    def minimumSizeHint(self) -> QSize:
        """~45 average characters at the current font size: docks and the list give way
        before the reading column becomes unreadable."""
        hint = super().minimumSizeHint()
        chrome = 2 * self.frameWidth() + self.verticalScrollBar().sizeHint().width()
        width = int(MIN_CHARS * self._char_width()) + 2 * MIN_SIDE_PX + chrome
        return QSize(width, hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.update_margins()

    def update_margins(self, document: QTextDocument | None = None) -> None:
        """Centre the text column; ``document`` (default: the shown one) may be one about
        to be attached, so that it is laid out once, with its final margins."""
        doc = document or self.document()
        width = self.viewport().width()
        line = int(MAX_CHARS * QFontMetricsF(doc.defaultFont()).averageCharWidth())
        side = max(MIN_SIDE_PX, (width - line) // 2)
        root = doc.rootFrame()
        fmt = root.frameFormat()
        if int(fmt.leftMargin()) != side:
            fmt.setLeftMargin(side)
            fmt.setRightMargin(side)
            fmt.setTopMargin(TOP_PX)
            fmt.setBottomMargin(BOTTOM_PX)
            root.setFrameFormat(fmt)

    # -- screen readers -------------------------------------------------------------------
    def announce(self, text: str) -> None:
        """Say ``text`` without moving focus (an announcement, Qt ≥ 6.8; before that the
        accessible description, which readers speak on request)."""
        self.last_announcement = text
        if QAccessibleAnnouncementEvent is not None:
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self, text))
        else:  # pragma: no cover - Qt < 6.8
            self.setAccessibleDescription(text)

    def standard_menu(self, pos: QPoint | None = None) -> QMenu:
        """Qt's own entries (Copy, Select All: translated by Qt's translations) at ``pos``
        in viewport coordinates, by default at the caret."""
        pos = pos if pos is not None else self.cursorRect().bottomLeft()
        offset = QPoint(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        return self.createStandardContextMenu(pos + offset)

    # -- positions -------------------------------------------------------------------------
    def select_positions(self, start: int, end: int) -> None:
        """Select document positions ``start``–``end``: a range out of view goes a third
        of the way down (reading around a search hit or a mention); one in view stays put,
        so stepping does not jump.  Checked before setTextCursor, which scrolls the range
        just into view at an edge."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        first = QTextCursor(cursor)
        first.setPosition(cursor.selectionStart())
        viewport = self.viewport().rect()
        hidden = not (viewport.contains(self.cursorRect(first))
                      and viewport.contains(self.cursorRect(cursor)))
        self.setTextCursor(cursor)
        if hidden:
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + self.cursorRect(first).center().y()
                         - viewport.height() // 3)

    def place(self) -> tuple[int, int, int]:
        """Selection anchor, caret and scroll value, to come back to after a rebuild."""
        cursor = self.textCursor()
        return cursor.anchor(), cursor.position(), self.verticalScrollBar().value()

    def restore_place(self, place: tuple[int, int, int]) -> None:
        anchor, position, scroll = place
        cursor = QTextCursor(self.document())
        end = self.document().characterCount() - 1
        cursor.setPosition(min(anchor, end))
        cursor.setPosition(min(position, end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.verticalScrollBar().setValue(scroll)

    def first_visible_position(self) -> int:
        return self.cursorForPosition(QPoint(self.viewport().width() // 2, 0)).position()

    def scroll_to_top(self, position: int) -> None:
        """Scroll so the line holding document ``position`` is the first in view."""
        document = self.document()
        # Qt lays a long document out in steps after showing it: before the target line is
        # laid out, its place and the scroll range are not final.  Laying it all out now
        # costs ~100 ms for 50,000 words, once, when a library reopens on such an article.
        document.documentLayout().documentSize()
        cursor = QTextCursor(document)
        cursor.setPosition(position)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + self.cursorRect(cursor).top())

    # -- colours ----------------------------------------------------------------------------
    def restyle(self, _palette: object = None) -> None:
        """The reading column's colours of the current scheme (the page is not the lists'
        base colour: it is warmer, like paper).  A style sheet of its own, not a palette:
        re-applying the application's style sheet gives widgets back their first palette,
        but never drops their own style sheet."""
        p = theme.current()
        self.setStyleSheet(
            f"QTextEdit#articleView {{ background: {p.page}; color: {p.text};"
            f" selection-background-color: {p.selection}; selection-color: {p.selection_text};"
            f" border: 1px solid {p.border}; }}"
            f"QTextEdit#articleView:focus {{ border: 2px solid {p.accent}; }}")

    # -- events -----------------------------------------------------------------------------
    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            position = self.cursorForPosition(event.pos()).position()
            tip = self.tooltip_at(position) if self.tooltip_at is not None else ""
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """The menu is built by the pane (standard entries plus the window's actions); from
        the keyboard (Menu key, Shift+F10) it opens at the caret."""
        pos = event.pos()
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            rect = self.cursorRect()
            if self.viewport().rect().contains(rect.center()):
                pos = rect.bottomLeft()
            else:
                pos = self.viewport().rect().center()
        self.sig_context_menu.emit(pos)
        event.accept()
