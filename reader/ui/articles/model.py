"""Thin Qt adapters over the library index rows: a table model and its filter proxy.

The model holds lightweight rows (no bodies) and does the sorting and filtering itself, as
list operations (see :class:`ArticleTableModel`); the proxy
(:class:`reader.ui.articles.proxy.ArticleFilterProxy`) holds the filter state.  Read and
starred states are not copied into the rows: the model asks the read-state service (a set
lookup) when a role asks for them.  ``data()`` never raises: an unexpected role or index
returns None.
"""

from __future__ import annotations

import operator
from array import array
from collections.abc import Callable, Iterable, Sequence
from itertools import compress
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from reader.core.library.index import ArticleRow
from reader.core.library.rows import row_month, sorted_in_chunks
from reader.core.text import fold
from reader.services.i18n import display_date
from reader.services.read_state import ReadStateService

_Index = QModelIndex | QPersistentModelIndex

IdRole = Qt.ItemDataRole.UserRole + 1
DateRole = Qt.ItemDataRole.UserRole + 2  # ISO sort key ("" when undated)
SourceRole = Qt.ItemDataRole.UserRole + 3
ArticleRole = Qt.ItemDataRole.UserRole + 4  # the ArticleRow
SnippetRole = Qt.ItemDataRole.UserRole + 5
MonthRole = Qt.ItemDataRole.UserRole + 7  # "YYYY-MM" or ""
ReadRole = Qt.ItemDataRole.UserRole + 8  # bool; None when no read-state service is bound
StarredRole = Qt.ItemDataRole.UserRole + 9  # bool; None when no read-state service is bound
READ_ROLES = [ReadRole, StarredRole, Qt.ItemDataRole.AccessibleTextRole]

COL_TITLE, COL_DATE, COL_SOURCE, COL_WORDS = range(4)
# ArticleRow fields as C-level getters (sort keys and filters over 100,000 rows)
_ROWID, _ID = operator.itemgetter(0), operator.itemgetter(1)
_DATE_ISO, _PRECISION = operator.itemgetter(4), operator.itemgetter(5)
_WORD_COUNT = operator.itemgetter(8)
_HEADERS = (QT_TRANSLATE_NOOP("ArticleTableModel", "Titre"),
            QT_TRANSLATE_NOOP("ArticleTableModel", "Date"),
            QT_TRANSLATE_NOOP("ArticleTableModel", "Source"),
            QT_TRANSLATE_NOOP("ArticleTableModel", "Mots"))
_ROLES = frozenset({
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole,
    IdRole, DateRole, SourceRole, ArticleRole, SnippetRole, MonthRole, ReadRole, StarredRole,
})
FEW_CHANGED = 4  # up to this many changed ids, each is looked up alone (a list scan)
MANY_CHANGED = 64  # above this many changed rows, one dataChanged spans them (see below)

RowFilter = Callable[[list[ArticleRow]], list[ArticleRow]]
SortRunner = Callable[[Callable[[], list[ArticleRow]], Callable[[list[ArticleRow]], None]],
                      None]
ASYNC_SORT_MIN = 20_000  # rows from which title/source sorts run off the GUI thread


class ArticleTableModel(QAbstractTableModel):
    """The articles of the library index that pass the list filter, in sort order.

    Holds every row (:meth:`rows`) and the shown subset; filtering and sorting are list
    operations in Python applied in one layout change, because a Python callback per row
    (``filterAcceptsRow``/``lessThan``) costs over 0.1 s per change at 100,000 rows.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[ArticleRow] = []  # every row, in sort order (new ones at the end)
        self._rows: list[ArticleRow] = []  # the shown rows: _all through the filter
        self._filter: RowFilter | None = None
        self._ranks: dict[int, float] | None = None  # rowid → bm25: relevance order
        self._known: set[str] | None = None  # ids of every row (lazy)
        # lazy lookups, dropped when the rows move (each costs a pass over 100,000 rows)
        self._all_pos: dict[str, int] | None = None  # id → index in _all
        self._all_columns: dict[str, Any] = {}  # fields of _all in its order (rowids_of…)
        self._by_id_cache: dict[str, int] | None = None  # id → row in _rows
        self._id_list: list[str] | None = None  # ids of _rows, for single lookups
        self._date_text: dict[int, str] = {}
        # article id → the line around its first search match (see set_match_snippets)
        self._match_snippets: dict[str, str] = {}
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        # set by the window: runs ``compute`` off the GUI thread, then ``apply(result)`` on
        # it; without one (tests, small libraries) every sort is synchronous
        self.sort_runner: SortRunner | None = None
        self._sort_request = 0  # a newer sort makes an async one in flight stale
        self._generation = 0  # bumped when rows change: an async sort of older rows is redone
        self._read_state: ReadStateService | None = None

    # -- read and starred states ---------------------------------------------------------
    @property
    def read_state(self) -> ReadStateService | None:
        return self._read_state

    def set_read_state(self, service: ReadStateService | None) -> None:
        """Serve :data:`ReadRole` and :data:`StarredRole` from ``service`` (None: neither)."""
        self._read_state = service
        self.read_states_reset()

    def read_states_changed(self, article_ids: Sequence[str]) -> None:
        """These articles' states changed: repaint their title cells only.  A few (``M``,
        ``S``) are found one by one; many ("mark all read" over 100,000 rows) through the
        id → row table, as one signal over the span they cover (one signal per row costs
        a Python → C++ → proxy round trip each)."""
        if not self._rows or not article_ids:
            return
        if len(article_ids) <= FEW_CHANGED:
            rows = [r for r in map(self.row_for_id, article_ids) if r >= 0]
        else:
            by_id = self._by_id
            rows = [r for r in map(by_id.get, article_ids) if r is not None]
        if not rows:
            return
        if len(rows) > MANY_CHANGED:
            self.dataChanged.emit(self.index(min(rows), COL_TITLE),
                                  self.index(max(rows), COL_TITLE), READ_ROLES)
            return
        for row in rows:
            index = self.index(row, COL_TITLE)
            self.dataChanged.emit(index, index, READ_ROLES)

    def read_states_reset(self) -> None:
        """Every state may have changed (another library, a rescan): repaint the column."""
        if self._rows:
            self.dataChanged.emit(self.index(0, COL_TITLE),
                                  self.index(len(self._rows) - 1, COL_TITLE), READ_ROLES)

    # -- loading -----------------------------------------------------------------------
    def set_rows(self, rows: Sequence[ArticleRow]) -> None:
        self.beginResetModel()
        self._all = list(rows)
        self._all_moved()
        self._known = None
        self._generation += 1
        slow = self._async_sort_applies()
        if not slow:
            self._sort_all()
        self._apply_filter()
        self.endResetModel()
        if slow:  # shown in the order given, sorted off the GUI thread
            self._sort_async()

    # -- sorting: in Python with key functions (a proxy's lessThan would call back into
    # -- Python 1.7 million times for 100,000 rows); C-level keys where the field allows ----
    def _key(self, column: int) -> Any:
        if column == COL_TITLE:
            return lambda r: fold(r.title)
        if column == COL_DATE:
            return _DATE_ISO  # "" (undated) sorts before every year, as "0000" would
        if column == COL_SOURCE:
            return lambda r: r.source.casefold()
        if column == COL_WORDS:
            return _WORD_COUNT
        return None

    def _sort_all(self) -> None:
        key = self._key(self._sort_column)
        if key is not None:
            self._all.sort(key=key, reverse=self._sort_order == Qt.SortOrder.DescendingOrder)
        self._all_moved()

    def _all_moved(self) -> None:
        """Drop the lookups that follow the order of ``_all``."""
        self._all_pos = None
        self._all_columns = {}

    def rowids_of(self, rows: list[ArticleRow]) -> array[int]:
        """Row ids of ``rows`` as a C array (cached for all rows, in their order): reading
        them from 100,000 tuples scattered in memory costs 25 ms, from the array 3 ms."""
        return self._column(rows, "rowid", lambda rs: array("q", map(_ROWID, rs)))

    def ids_of(self, rows: list[ArticleRow]) -> list[str]:
        """Article ids of ``rows`` (cached for all rows, like :meth:`rowids_of`): the read
        and starred filters probe the service's sets with them."""
        return self._column(rows, "ids", lambda rs: list(map(_ID, rs)))

    def dates_of(self, rows: list[ArticleRow]) -> tuple[list[str], list[int]]:
        """``date_iso`` and ``precision`` of ``rows`` (cached for all rows, like
        :meth:`rowids_of`).  The dates are copied so that they lie together in memory."""
        return self._column(rows, "dates", lambda rs: (_packed(map(_DATE_ISO, rs)),
                                                      list(map(_PRECISION, rs))))

    def _column(self, rows: list[ArticleRow], name: str, make: Callable[[list[ArticleRow]], Any]
                ) -> Any:
        if rows is not self._all:
            return make(rows)
        if name not in self._all_columns:
            self._all_columns[name] = make(rows)
        return self._all_columns[name]

    def _apply_filter(self) -> None:
        rows = list(self._all) if self._filter is None else self._filter(self._all)
        if self._ranks:
            rows = _rank_order(rows, self._ranks)
        self._rows = rows
        self._by_id_cache = self._id_list = None
        self._date_text = {}

    @property
    def _by_id(self) -> dict[str, int]:
        if self._by_id_cache is None:
            rows = self._rows
            self._by_id_cache = dict(zip(map(_ID, rows), range(len(rows)), strict=True))
        return self._by_id_cache

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if (column, order) == (self._sort_column, self._sort_order):
            return  # already in that order (QTableView asks twice: header + view)
        self._sort_column, self._sort_order = column, order
        self._sort_request += 1
        if self._async_sort_applies():
            self._sort_async()
        else:
            self._relayout(resort=True)

    def _async_sort_applies(self) -> bool:
        """Title and source keys are Python functions: 0.3-0.45 s for 100,000 rows (date
        and word count use C-level keys, 30-80 ms, and stay synchronous)."""
        return (self.sort_runner is not None and len(self._all) >= ASYNC_SORT_MIN
                and self._sort_column in (COL_TITLE, COL_SOURCE))

    def _sort_async(self) -> None:
        request, generation = self._sort_request, self._generation
        rows = list(self._all)
        key = self._key(self._sort_column)
        reverse = self._sort_order == Qt.SortOrder.DescendingOrder

        def apply(ordered: list[ArticleRow]) -> None:
            if request != self._sort_request:
                return  # another order was asked for meanwhile
            if generation != self._generation:
                self._sort_async()  # rows arrived meanwhile: sort what is there now
                return
            self._relayout(resort=False, ordered=ordered)

        assert self.sort_runner is not None
        self.sort_runner(lambda: sorted_in_chunks(rows, key, reverse), apply)

    def sort_by_rank(self, ranks: dict[int, float] | None) -> None:
        """Relevance order of the shown rows (search ranks) until called with None."""
        self.set_view(self._filter, ranks)

    def set_view(self, row_filter: RowFilter | None, ranks: dict[int, float] | None) -> None:
        """Show only ``row_filter(all rows)`` (it must keep their order; None shows all),
        the ranked ones first when ``ranks`` is given: one layout change for both."""
        self._filter, self._ranks = row_filter, ranks
        self._relayout(resort=False)

    def _relayout(self, *, resort: bool, ordered: list[ArticleRow] | None = None) -> None:
        """One layout change (like ``QSortFilterProxyModel.invalidate``): persistent indexes
        (current row, selection) follow their article, or become invalid if it is hidden.
        ``ordered``: every row, already sorted (off the GUI thread)."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        rows = self._rows
        ids = [rows[i.row()].id if 0 <= i.row() < len(rows) else None for i in persistent]
        if ordered is not None:
            self._all = ordered
            self._all_moved()
        elif resort:
            self._sort_all()
        self._apply_filter()
        new = []
        for aid, old in zip(ids, persistent, strict=True):
            row = self.row_for_id(aid) if aid is not None else -1
            new.append(self.index(row, old.column()) if row >= 0 else QModelIndex())
        self.changePersistentIndexList(persistent, new)
        self.layoutChanged.emit()

    def add_rows(self, rows: Iterable[ArticleRow]) -> None:
        """Append new rows and update changed ones (the list fills while indexing)."""
        self._generation += 1
        new: list[ArticleRow] = []
        if self._all_pos is None:
            self._all_pos = dict(zip(map(_ID, self._all), range(len(self._all)), strict=True))
        all_pos = self._all_pos
        for row in rows:
            pos = all_pos.get(row.id)
            if pos is None:
                new.append(row)
                continue
            self._all[pos] = row
            self._all_columns = {}  # a re-indexed file has a new rowid
            shown = self._by_id.get(row.id)
            if shown is not None:
                self._rows[shown] = row
                self._date_text.pop(shown, None)
                self.dataChanged.emit(self.index(shown, 0),
                                      self.index(shown, len(_HEADERS) - 1))
        if not new:
            return
        for offset, row in enumerate(new):
            all_pos[row.id] = len(self._all) + offset
            if self._known is not None:
                self._known.add(row.id)
        self._all.extend(new)
        self._all_columns = {}
        shown_new = new if self._filter is None else self._filter(new)
        if shown_new:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(shown_new) - 1)
            if self._by_id_cache is not None:
                for offset, row in enumerate(shown_new):
                    self._by_id_cache[row.id] = first + offset
            self._id_list = None
            self._rows.extend(shown_new)
            self.endInsertRows()

    # -- search context ----------------------------------------------------------------
    def set_match_snippets(self, snippets: dict[str, str]) -> None:
        """Show these lines (article id → text around its first match, read from the
        files off the GUI thread for the rows in view) instead of the stored first line."""
        if snippets:
            self._match_snippets.update(snippets)
            self._snippets_changed()

    def clear_match_snippets(self) -> None:
        """Back to the stored first lines (the search changed or was cleared)."""
        if self._match_snippets:
            self._match_snippets = {}
            self._snippets_changed()

    def _snippets_changed(self) -> None:
        # one signal for the column (the view repaints what it shows): finding each row
        # would cost a pass over 100,000 ids; this costs 0.5 ms through the proxy for a
        # 42,000-row search (measured)
        if self._rows:
            self.dataChanged.emit(self.index(0, COL_TITLE),
                                  self.index(len(self._rows) - 1, COL_TITLE), [SnippetRole])

    def has_match_snippet(self, article_id: str) -> bool:
        return article_id in self._match_snippets

    def row_for_id(self, article_id: str) -> int:
        """The row showing this article, -1 if it is filtered out or unknown."""
        if self._by_id_cache is not None:
            return self._by_id_cache.get(article_id, -1)
        if self._id_list is None:  # one C-level pass; a dict would cost 5× more to build
            self._id_list = list(map(_ID, self._rows))
        try:
            return self._id_list.index(article_id)
        except ValueError:
            return -1

    def has_article(self, article_id: str) -> bool:
        """Whether the article is in the library, shown or not."""
        if self._known is None:
            self._known = set(map(_ID, self._all))
        return article_id in self._known

    def rows(self) -> list[ArticleRow]:
        """Every row, shown or not."""
        return list(self._all)

    def total(self) -> int:
        """How many rows, shown or not (``rowCount`` counts the shown ones)."""
        return len(self._all)

    def shown_rows(self) -> list[ArticleRow]:
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
            return self.tr(str(_HEADERS[section]))
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES:  # the view asks ~10 roles per cell for each paint
            return None
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        try:
            return self._data(index.row(), index.column(), role)
        except Exception:  # noqa: BLE001 - data() must never raise into Qt
            return None

    def _date_display(self, row: int) -> str:
        text = self._date_text.get(row)
        if text is None:
            text = display_date(self._rows[row].date)  # "mai 2024" / "May 2024"
            self._date_text[row] = text
        return text

    def _data(self, row: int, column: int, role: int) -> Any:
        art = self._rows[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == COL_TITLE:
                if role == Qt.ItemDataRole.AccessibleTextRole:
                    return self._accessible_title(art)
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
            return self._match_snippets.get(art.id) or art.snippet
        if role == MonthRole:
            return row_month(art)
        if role == ReadRole:
            return None if self._read_state is None else self._read_state.is_read(art.id)
        if role == StarredRole:
            return None if self._read_state is None else self._read_state.is_starred(art.id)
        return None

    def _accessible_title(self, art: ArticleRow) -> str:
        """The title as a screen reader says it: with "non lu" and "suivi", which the
        delegate shows only by weight and a star."""
        service = self._read_state
        if service is None:
            return art.title
        parts = [art.title]
        if not service.is_read(art.id):
            parts.append(self.tr("non lu"))
        if service.is_starred(art.id):
            parts.append(self.tr("suivi"))
        return ", ".join(parts)


def _rank_order(rows: list[ArticleRow], ranks: dict[int, float]) -> list[ArticleRow]:
    """The ranked rows best first (bm25 is negative), then the unranked ones (rank 0.0) in
    their order: a stable partition, in C but for the ranked few."""
    is_ranked = list(map(ranks.__contains__, map(_ROWID, rows)))
    head = sorted(compress(rows, is_ranked), key=lambda r: ranks[r.rowid])
    return head + list(compress(rows, map(operator.not_, is_ranked)))


def _packed(strings: Iterable[str]) -> list[str]:
    """Fresh copies of ``strings``, allocated one after the other: a later pass over them
    reads memory in order instead of chasing 100,000 scattered objects (3-5× faster)."""
    return list(map(bytes.decode, map(str.encode, strings)))
