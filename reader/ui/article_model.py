"""Thin Qt adapters over the library index rows: a table model and its filter proxy.

The model holds lightweight rows (no bodies); sorting and filtering live in the proxy.
``data()`` never raises: an unexpected role or index returns None.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from reader.core.dates import PartialDate, Precision
from reader.core.library_index import ArticleRow

_Index = QModelIndex | QPersistentModelIndex

IdRole = Qt.ItemDataRole.UserRole + 1
DateRole = Qt.ItemDataRole.UserRole + 2  # ISO sort key ("" when undated)
SourceRole = Qt.ItemDataRole.UserRole + 3
ArticleRole = Qt.ItemDataRole.UserRole + 4  # the ArticleRow
SnippetRole = Qt.ItemDataRole.UserRole + 5
SortRole = Qt.ItemDataRole.UserRole + 6
MonthRole = Qt.ItemDataRole.UserRole + 7  # "YYYY-MM" or ""

COL_TITLE, COL_DATE, COL_SOURCE, COL_WORDS = range(4)
_HEADERS = ("Titre", "Date", "Source", "Mots")


def fold(text: str) -> str:
    """Case- and accent-insensitive form: ``Élève`` → ``eleve``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def row_date(row: ArticleRow) -> PartialDate:
    return row.date


def row_month(row: ArticleRow) -> str:
    """``YYYY-MM`` for rows dated to the month or day, else ""."""
    d = row.date
    if d.value is None or d.precision < Precision.MONTH:
        return ""
    return d.value.isoformat()[:7]


def row_year(row: ArticleRow) -> str:
    d = row.date
    return "" if d.value is None else str(d.value.year)


class ArticleTableModel(QAbstractTableModel):
    """One row per article of the library index."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ArticleRow] = []
        self._by_id: dict[str, int] = {}
        self._date_text: dict[int, str] = {}

    # -- loading -----------------------------------------------------------------------
    def set_rows(self, rows: Sequence[ArticleRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._by_id = {r.id: i for i, r in enumerate(self._rows)}
        self._date_text = {}
        self.endResetModel()

    def add_rows(self, rows: Iterable[ArticleRow]) -> None:
        """Append new rows and update changed ones (the list fills while indexing)."""
        new: list[ArticleRow] = []
        for row in rows:
            pos = self._by_id.get(row.id)
            if pos is None:
                new.append(row)
            else:
                self._rows[pos] = row
                self._date_text.pop(pos, None)
                self.dataChanged.emit(self.index(pos, 0), self.index(pos, len(_HEADERS) - 1))
        if new:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            for offset, row in enumerate(new):
                self._by_id[row.id] = first + offset
            self._rows.extend(new)
            self.endInsertRows()

    def row_for_id(self, article_id: str) -> int:
        return self._by_id.get(article_id, -1)

    def article_row(self, row: int) -> ArticleRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[ArticleRow]:
        return list(self._rows)

    # -- Qt model API ------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(_HEADERS)):
            return _HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        try:
            return self._data(index.row(), index.column(), role)
        except Exception:  # noqa: BLE001 - data() must never raise into Qt
            return None

    def _date_display(self, row: int) -> str:
        text = self._date_text.get(row)
        if text is None:
            text = row_date(self._rows[row]).display()
            self._date_text[row] = text
        return text

    def _data(self, row: int, column: int, role: int) -> Any:
        art = self._rows[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == COL_TITLE:
                return art.title
            if column == COL_DATE:
                return self._date_display(row)
            if column == COL_SOURCE:
                return art.source
            if column == COL_WORDS:
                return art.word_count
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{art.title}\n{self._date_display(row)} · {art.source}\n{art.path}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_WORDS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == IdRole:
            return art.id
        if role == DateRole:
            return art.date_iso
        if role == SourceRole:
            return art.source
        if role == ArticleRole:
            return art
        if role == SnippetRole:
            return art.snippet
        if role == MonthRole:
            return row_month(art)
        if role == SortRole:
            if column == COL_TITLE:
                return fold(art.title)
            if column == COL_DATE:
                return art.date.sort_key() or "0000"
            if column == COL_SOURCE:
                return fold(art.source)
            if column == COL_WORDS:
                return art.word_count
        return None


class ArticleFilterProxy(QSortFilterProxyModel):
    """Sorts by date, title or source and filters by search hits, entity and month.

    Every filter is a set of allowed ids (or None for "no constraint") computed off the
    GUI thread; the proxy only intersects them, so filtering 100,000 rows stays cheap.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(True)
        self._search_ids: set[str] | None = None
        self._ranks: dict[str, float] = {}
        self._entity_ids: set[str] | None = None
        self._month: str | None = None
        self._by_relevance = False

    def set_search(self, ranked: Sequence[tuple[str, float]] | None) -> None:
        """Search hits as (id, rank) best first, or None to show everything."""
        self._begin()
        if ranked is None:
            self._search_ids, self._ranks = None, {}
        else:
            self._ranks = {aid: float(rank) for aid, rank in ranked}
            self._search_ids = set(self._ranks)
        self._refilter()
        if self._by_relevance:
            self.invalidate()

    def set_entity_ids(self, ids: set[str] | None) -> None:
        self._begin()
        self._entity_ids = None if ids is None else set(ids)
        self._refilter()

    def set_month(self, month: str | None) -> None:
        self._begin()
        self._month = month or None
        self._refilter()

    def set_sort_by_relevance(self, on: bool) -> None:
        self._by_relevance = on
        self.invalidate()

    @property
    def month(self) -> str | None:
        return self._month

    @property
    def has_filter(self) -> bool:
        return any(x is not None for x in (self._search_ids, self._entity_ids, self._month))

    def _begin(self) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.10
            self.beginFilterChange()

    def _refilter(self) -> None:
        if hasattr(self, "endFilterChange"):
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # Qt < 6.10
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, ArticleTableModel):
            return True
        art = model.article_row(source_row)
        if art is None:
            return False
        if self._search_ids is not None and art.id not in self._search_ids:
            return False
        if self._entity_ids is not None and art.id not in self._entity_ids:
            return False
        if self._month is not None:
            if len(self._month) == 4:  # a whole year
                return row_year(art) == self._month
            return row_month(art) == self._month
        return True

    def lessThan(self, left: _Index, right: _Index) -> bool:
        if self._by_relevance and self._ranks:
            lid = left.data(IdRole)
            rid = right.data(IdRole)
            # bm25 ranks: lower is better; Qt sorts ascending, so best first
            return self._ranks.get(lid, 0.0) < self._ranks.get(rid, 0.0)
        lv, rv = left.data(SortRole), right.data(SortRole)
        if lv is None or rv is None:
            return rv is not None
        if lv == rv:
            return bool(left.row() < right.row())
        return bool(lv < rv)
