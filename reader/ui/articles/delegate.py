"""Paints the title column as two lines: the title, then a one-line snippet.

Search terms are shown in bold in the snippet; the text is drawn as text, never markup.
The title is bold while the article is unread (always, when no read state is bound) and
in normal weight once read, as in mail and feed readers; a starred article's title
follows a star in the theme's accent colour.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from reader.core.library.search_query import find_matches
from reader.ui.articles.model import ReadRole, SnippetRole, StarredRole
from reader.ui.common import theme

STAR = "★"


class ArticleDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.terms: list[str] = []

    def set_terms(self, terms: Sequence[str]) -> None:
        self.terms = list(terms)

    @staticmethod
    def row_height(font: QFont) -> int:
        """Two lines (title, snippet) and their margins; every row has this height."""
        return QFontMetrics(font).height() * 2 + 12

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(200, self.row_height(option.font))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        rect = opt.rect.adjusted(6, 4, -6, -4)
        painter.save()
        title_font = QFont(opt.font)
        title_font.setBold(index.data(ReadRole) is not True)  # None: no read state bound
        painter.setFont(title_font)
        fm = QFontMetrics(title_font)
        line_h = fm.height()
        group = QPalette.ColorGroup.Active if opt.state & QStyle.StateFlag.State_Active \
            else QPalette.ColorGroup.Inactive
        text_colour = opt.palette.color(group, QPalette.ColorRole.HighlightedText
                                        if selected else QPalette.ColorRole.Text)
        title_rect = QRect(rect.left(), rect.top(), rect.width(), line_h)
        if index.data(StarredRole) is True:
            # the selected row's text colour keeps its contrast over the highlight
            painter.setPen(text_colour if selected else QColor(theme.current().accent))
            star = STAR + " "
            painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             star)
            title_rect.setLeft(title_rect.left() + fm.horizontalAdvance(star))
        painter.setPen(text_colour)
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         fm.elidedText(title, Qt.TextElideMode.ElideRight,
                                       max(0, title_rect.width())))
        snippet = str(index.data(SnippetRole) or "")
        painter.setFont(opt.font)
        sfm = QFontMetrics(opt.font)
        snippet_rect = QRect(rect.left(), rect.top() + line_h + 2, rect.width(), sfm.height())
        elided = sfm.elidedText(snippet, Qt.TextElideMode.ElideRight, rect.width())
        dim = QColor(text_colour)
        if not selected:
            dim = QColor(theme.current().muted)
        self._draw_snippet(painter, snippet_rect, elided, dim, opt.font)
        painter.restore()

    def _draw_snippet(self, painter: QPainter, rect: QRect, text: str, colour: QColor,
                      font: QFont) -> None:
        ranges = find_matches(text, self.terms) if self.terms else []
        painter.setPen(colour)
        if not ranges:
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             text)
            return
        bold = QFont(font)
        bold.setBold(True)
        x = rect.left()
        pos = 0
        pieces: list[tuple[str, bool]] = []
        for start, end in ranges:
            if start > pos:
                pieces.append((text[pos:start], False))
            pieces.append((text[start:end], True))
            pos = end
        pieces.append((text[pos:], False))
        for piece, strong in pieces:
            if not piece:
                continue
            f = bold if strong else font
            painter.setFont(f)
            fm = QFontMetrics(f)
            w = fm.horizontalAdvance(piece)
            r = QRect(x, rect.top(), max(0, rect.right() - x), rect.height())
            if strong:
                painter.fillRect(QRect(x, rect.top(), min(w, r.width()), rect.height()),
                                 QColor(theme.current().search))
                painter.setPen(QColor(theme.current().text))
            painter.drawText(r, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             piece)
            painter.setPen(colour)
            x += w
            if x >= rect.right():
                break
