"""Qt model of the bookmarks (one row each) and the proxy that filters and sorts them.

The model only holds what :class:`reader.services.bookmarks.BookmarkService` says exists;
the text filter compares :func:`reader.core.text.fold`-ed text, so it ignores case *and*
accents like every other search of the app."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from reader.core.bookmarks.store import MOVED, ORPHANED, Bookmark
from reader.core.library.dates import parse_date
from reader.core.text import fold, shorten
from reader.services.i18n import display_date
from reader.ui.common.bookmark_palette import colour_hex, colour_label
from reader.ui.common.tooltips import plain_tooltip

Index = QModelIndex | QPersistentModelIndex

BookmarkRole = Qt.ItemDataRole.UserRole + 1  # the Bookmark value
IdRole = Qt.ItemDataRole.UserRole + 2
ArticleIdRole = Qt.ItemDataRole.UserRole + 3
ColourRole = Qt.ItemDataRole.UserRole + 4  # colour name
TagsRole = Qt.ItemDataRole.UserRole + 5  # list[str]
StatusRole = Qt.ItemDataRole.UserRole + 6
CreatedRole = Qt.ItemDataRole.UserRole + 7  # ISO timestamp: sort by date bookmarked
PositionRole = Qt.ItemDataRole.UserRole + 8  # (article date, article id, start): reading order
SearchTextRole = Qt.ItemDataRole.UserRole + 9  # folded quote + note + title

COL_TITLE, COL_DATE, COL_QUOTE, COL_NOTE, COL_TAGS = range(5)
QUOTE_CHARS = 140



def headers() -> tuple[str, ...]:
    return (QCoreApplication.translate("BookmarkModel", "Article"), QCoreApplication.translate("BookmarkModel", "Date"), QCoreApplication.translate("BookmarkModel", "Passage"), QCoreApplication.translate("BookmarkModel", "Note"), QCoreApplication.translate("BookmarkModel", "Étiquettes"))


def status_text(status: str) -> str:
    """What a bookmark's anchoring status means for the reader ("" when all is well)."""
    if status == MOVED:
        return QCoreApplication.translate("BookmarkModel", "passage modifié : à vérifier")
    if status == ORPHANED:
        return QCoreApplication.translate("BookmarkModel", "passage introuvable dans l'article actuel")
    return ""


def _date_display(iso: str) -> str:
    return display_date(parse_date(iso)) if iso else QCoreApplication.translate("BookmarkModel",
                                                                              "sans date")


def search_text(b: Bookmark) -> str:
    """What the text filter searches: quote, note, title and tags, folded."""
    return fold(" ".join((b.quote, b.note, b.article_title, " ".join(b.tags))))


def tooltip_for(b: Bookmark) -> str:
    """Everything about the bookmark, shown literally (a ``<b>`` in a note stays ``<b>``),
    wrapped when long: the dock's rows, and the reading pane's highlights on hover."""
    lines = [f"« {b.quote} »"]
    if b.note:
        lines.append(QCoreApplication.translate("BookmarkModel", "Note : {note}").format(note=b.note))
    lines.append(QCoreApplication.translate("BookmarkModel", "{title} — {source}, {date}").format(
        title=b.article_title or b.article_id,
        source=b.article_source or QCoreApplication.translate("BookmarkModel", "source inconnue"),
        date=_date_display(b.article_date)))
    if b.tags:
        lines.append(QCoreApplication.translate("BookmarkModel", "Étiquettes : {tags}").format(tags=", ".join(b.tags)))
    lines.append(QCoreApplication.translate("BookmarkModel", "Couleur : {colour}").format(colour=colour_label(b.colour)))
    if status_text(b.status):
        lines.append(status_text(b.status).capitalize())
    return plain_tooltip("\n".join(lines))


SORT_DATE, SORT_POSITION = "date", "position"


def sort_key(b: Bookmark, order: str) -> tuple[Any, ...]:
    if order == SORT_POSITION:  # reading order: article date, article, offset
        return (b.article_date, b.article_id, b.start, b.created, b.id)
    return (b.created, b.id)


class BookmarkModel(QAbstractTableModel):
    """Holds Bookmark values, kept sorted here (newest first, or reading order): sorting
    20,000 rows in Python is instant, while a proxy would call back into Python for every
    comparison.  Updated row by row so views keep their selection."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = headers()
        self._rows: list[Bookmark] = []
        self._order = SORT_DATE
        self._search: dict[str, str] = {}  # id -> folded text, for the filter
        self._current: str | None = None  # the open article: its rows are shown in bold

    # -- content -----------------------------------------------------------------------------
    def set_bookmarks(self, bookmarks: Iterable[Bookmark]) -> None:
        self.beginResetModel()
        self._rows = self._sorted(bookmarks)
        self._search.clear()
        self.endResetModel()

    def _sorted(self, bookmarks: Iterable[Bookmark]) -> list[Bookmark]:
        return sorted(bookmarks, key=lambda b: sort_key(b, self._order),
                      reverse=self._order == SORT_DATE)

    @property
    def order(self) -> str:
        return self._order

    def set_order(self, order: str) -> None:
        if order not in (SORT_DATE, SORT_POSITION):
            raise ValueError(f"unknown sort order {order!r}")
        if order == self._order:
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._rows[ix.row()].id if 0 <= ix.row() < len(self._rows) else None
               for ix in persistent]
        self._order = order
        self._rows = self._sorted(self._rows)
        where = {b.id: i for i, b in enumerate(self._rows)}
        self.changePersistentIndexList(
            persistent, [self.index(where[i], ix.column()) if i is not None else QModelIndex()
                         for i, ix in zip(ids, persistent, strict=True)])
        self.layoutChanged.emit()

    def set_current_article(self, article_id: str | None) -> None:
        previous, self._current = self._current, article_id
        for row, b in enumerate(self._rows):
            if b.article_id in (previous, article_id) and b.article_id is not None:
                self.dataChanged.emit(self.index(row, 0),
                                      self.index(row, self.columnCount() - 1),
                                      [Qt.ItemDataRole.FontRole])

    def bookmarks(self) -> list[Bookmark]:
        return list(self._rows)

    def row_for_id(self, bookmark_id: str) -> int:
        for i, b in enumerate(self._rows):
            if b.id == bookmark_id:
                return i
        return -1

    def bookmark_at(self, row: int) -> Bookmark | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def search_text(self, b: Bookmark) -> str:
        text = self._search.get(b.id)
        if text is None:
            text = search_text(b)
            self._search[b.id] = text
        return text

    def _insert_position(self, b: Bookmark) -> int:
        key, desc = sort_key(b, self._order), self._order == SORT_DATE
        lo, hi = 0, len(self._rows)
        while lo < hi:
            mid = (lo + hi) // 2
            other = sort_key(self._rows[mid], self._order)
            if (other > key) if desc else (other < key):
                lo = mid + 1
            else:
                hi = mid
        return lo

    def upsert(self, bookmark: Bookmark) -> None:
        self._search.pop(bookmark.id, None)
        row = self.row_for_id(bookmark.id)
        if row >= 0 and sort_key(self._rows[row], self._order) == sort_key(bookmark, self._order):
            self._rows[row] = bookmark
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
            return
        if row >= 0:  # its place in the order changed: remove, then insert
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()
        at = self._insert_position(bookmark)
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.insert(at, bookmark)
        self.endInsertRows()

    def remove(self, bookmark_id: str) -> None:
        row = self.row_for_id(bookmark_id)
        if row >= 0:
            self._search.pop(bookmark_id, None)
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    # -- Qt interface ------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._headers)):
            return self._headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        b = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(b, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_for(b)
        if role == Qt.ItemDataRole.DecorationRole and col == COL_TITLE:
            return QColor(colour_hex(b.colour))
        if role == Qt.ItemDataRole.FontRole and (b.status == ORPHANED
                                                 or b.article_id == self._current):
            font = QFont()
            font.setItalic(b.status == ORPHANED)
            font.setBold(b.article_id == self._current)  # the open article's bookmarks
            return font
        if role == Qt.ItemDataRole.ForegroundRole and b.status == ORPHANED:
            return QBrush(QColor("#9e9e9e"))
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return status_text(b.status)
        return self._custom(b, role)

    @staticmethod
    def _display(b: Bookmark, col: int) -> str:
        if col == COL_TITLE:
            mark = "⚠ " if b.status == ORPHANED else "≈ " if b.status == MOVED else ""
            return mark + (b.article_title or b.article_id)
        if col == COL_DATE:
            return _date_display(b.article_date)
        if col == COL_QUOTE:
            return shorten(b.quote, QUOTE_CHARS)
        if col == COL_NOTE:
            return " ".join(b.note.split())
        return " ".join(f"#{t}" for t in b.tags)

    @staticmethod
    def _custom(b: Bookmark, role: int) -> Any:
        if role == BookmarkRole:
            return b
        if role == IdRole:
            return b.id
        if role == ArticleIdRole:
            return b.article_id
        if role == ColourRole:
            return b.colour
        if role == TagsRole:
            return list(b.tags)
        if role == StatusRole:
            return b.status
        if role == CreatedRole:
            return b.created
        if role == PositionRole:
            return (b.article_date, b.article_id, b.start)
        if role == SearchTextRole:
            return search_text(b)
        return None


class BookmarkFilterProxy(QSortFilterProxyModel):
    """Filters by text (quote, note, title, tags), tag, colour and article.  The order is
    the source model's (see :class:`BookmarkModel`); ``set_sort`` switches it there."""

    SORT_DATE, SORT_POSITION = SORT_DATE, SORT_POSITION

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._tag: str | None = None
        self._colour: str | None = None
        self._article: str | None = None

    # each setter changes one constraint and re-filters
    def set_text(self, text: str) -> None:
        def apply() -> None:
            self._words = fold(text).split()
        self._change(apply)

    def set_tag(self, tag: str | None) -> None:
        def apply() -> None:
            self._tag = fold(tag) if tag else None
        self._change(apply)

    def set_colour(self, colour: str | None) -> None:
        def apply() -> None:
            self._colour = colour or None
        self._change(apply)

    def set_article(self, article_id: str | None) -> None:
        def apply() -> None:
            self._article = article_id or None
        self._change(apply)

    def set_sort(self, key: str) -> None:
        model = self.sourceModel()
        if isinstance(model, BookmarkModel):
            model.set_order(key)

    @property
    def sort_key(self) -> str:
        model = self.sourceModel()
        return model.order if isinstance(model, BookmarkModel) else SORT_DATE

    def _change(self, apply: Callable[[], None]) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.10
            self.beginFilterChange()
        apply()
        if hasattr(self, "endFilterChange"):
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # Qt < 6.10
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, BookmarkModel):
            return True
        b = model.bookmark_at(source_row)
        if b is None:
            return False
        if self._article is not None and b.article_id != self._article:
            return False
        if self._colour is not None and b.colour != self._colour:
            return False
        if self._tag is not None and self._tag not in {fold(t) for t in b.tags}:
            return False
        if self._words:
            hay = model.search_text(b)
            return all(w in hay for w in self._words)
        return True
