"""The article list beside the reading pane: search box, sort box, the line saying which
filters hide rows, and the table.

Why a widget of its own: the window used to build these and reach into them (the delegate's
terms, the proxy's filters, the table's current index).  The panel observes the view state
(:class:`reader.services.view_state.ViewState`) for what it shows, writes the query into it
as the user types, and says which article the user moved to (``sig_article_chosen``).
Bound to the read-state service (:meth:`ArticleListPanel.bind_read_state`), it shows
unread titles in bold and starred ones with a star, and offers the "Non lus" and "Suivis"
filters, which the view state owns like the others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.library.index import ArticleRow, SearchHits
from reader.services import messages
from reader.services.jobs import JobRunner
from reader.services.read_state import ReadStateChange, ReadStateService
from reader.services.settings import RECENT_SEARCHES
from reader.services.view_state import EntityFilter, FilterSummary, ViewState
from reader.ui.articles.delegate import ArticleDelegate
from reader.ui.articles.model import (
    COL_DATE,
    COL_SOURCE,
    COL_TITLE,
    COL_WORDS,
    ArticleRole,
    ArticleTableModel,
    IdRole,
)
from reader.ui.articles.proxy import ArticleFilterProxy
from reader.ui.articles.read_filters import STARRED_ONLY_KEYS, UNREAD_ONLY_KEYS, filter_button
from reader.ui.common.a11y import name_action_button, name_clear_button
from reader.ui.common.icons import icon

SEARCH_DELAY_MS = 180  # typing pauses longer than this run the search
SNIPPET_DELAY_MS = 60


@dataclass(frozen=True)
class SortChoice:
    name: str
    column: int
    order: Qt.SortOrder
    relevance: bool


def sort_choices() -> list[SortChoice]:
    return [
        SortChoice(QCoreApplication.translate("ArticleListPanel", "Date (récent d'abord)"), COL_DATE, Qt.SortOrder.DescendingOrder, False),
        SortChoice(QCoreApplication.translate("ArticleListPanel", "Date (ancien d'abord)"), COL_DATE, Qt.SortOrder.AscendingOrder, False),
        SortChoice(QCoreApplication.translate("ArticleListPanel", "Titre"), COL_TITLE, Qt.SortOrder.AscendingOrder, False),
        SortChoice(QCoreApplication.translate("ArticleListPanel", "Source"), COL_SOURCE, Qt.SortOrder.AscendingOrder, False),
        SortChoice(QCoreApplication.translate("ArticleListPanel", "Pertinence"), COL_TITLE, Qt.SortOrder.AscendingOrder, True),
    ]


class ArticleListPanel(QWidget):
    sig_article_chosen = Signal(ArticleRow)  # the current row moved to another article
    sig_search_requested = Signal(str)  # the query to run now (typing paused, or Enter)
    sig_rows_in_view = Signal(list)  # article ids in view without a match snippet
    sig_shown_rows_changed = Signal()  # the filter or the rows changed

    def __init__(self, view_state: ViewState, jobs: JobRunner | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view_state = view_state
        self.jobs = jobs
        self.sorts = sort_choices()
        self._resume_id = ""
        self._search_timer = self._timer(SEARCH_DELAY_MS, self._search_now)
        self._snippet_timer = self._timer(SNIPPET_DELAY_MS, self._emit_rows_in_view)
        self._shown_timer = self._timer(250, self.sig_shown_rows_changed.emit)
        # after the current row moved: the article kept under "Non lus" may go (deferred,
        # so the layout change does not happen inside the selection model's signal)
        self._release_timer = self._timer(0, self._release_kept)
        self.read_state: ReadStateService | None = None
        self._build()
        view_state.sig_query_changed.connect(self._show_query)
        view_state.sig_terms_changed.connect(self._show_terms)
        view_state.sig_entity_changed.connect(self._filter_entity)
        view_state.sig_period_changed.connect(self._filter_period)
        view_state.sig_unread_only_changed.connect(self._filter_unread)
        view_state.sig_starred_only_changed.connect(self._filter_starred)
        view_state.sig_changed.connect(self._show_summary)

    def _timer(self, ms: int, slot: object) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(slot)
        return timer

    # -- construction ------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 0)
        layout.setSpacing(4)
        top = QHBoxLayout()
        self.search_edit = edit = QLineEdit(self)
        edit.setObjectName("filterEdit")
        edit.setPlaceholderText(self.tr("Rechercher : mots, \"expression\", ukrain*, OR, NOT…"))
        edit.setClearButtonEnabled(True)
        name_clear_button(edit)
        search_icon = edit.addAction(icon("filter"), QLineEdit.ActionPosition.LeadingPosition)
        name_action_button(edit, search_icon, self.tr("Rechercher"))  # in the a11y tree
        edit.setAccessibleName(self.tr("Rechercher dans la bibliothèque"))
        edit.textChanged.connect(self._on_edited)
        edit.returnPressed.connect(self._search_now)
        self.recent = QStringListModel(self)  # recent searches, offered as the user types
        completer = QCompleter(self.recent, edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        edit.setCompleter(completer)
        edit.editingFinished.connect(self._remember_search)
        escape = QAction(edit)
        escape.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        escape.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        escape.triggered.connect(self.view_state.clear)
        edit.addAction(escape)
        self.sort_label = QLabel(self.tr("&Trier :"), self)
        self.sort_combo = QComboBox(self)
        self.sort_combo.setObjectName("sortCombo")
        self.sort_combo.setAccessibleName(self.tr("Trier par"))
        # as wide as its longest choice when there is room, down to a few characters on a
        # small screen (the popup shows whole names), so the filter buttons fit beside it
        self.sort_combo.setMinimumWidth(self.sort_combo.fontMetrics().averageCharWidth() * 3
                                        + 36)
        self.sort_label.setBuddy(self.sort_combo)
        for choice in self.sorts:
            self.sort_combo.addItem(choice.name)
        self.sort_combo.currentIndexChanged.connect(self._apply_sort)
        top.addWidget(edit, 1)
        self.unread_action, self.unread_button = filter_button(
            self, self.tr("Non lus"), self.tr("Afficher seulement les articles non lus"),
            UNREAD_ONLY_KEYS, "unreadOnlyButton", self.view_state.set_unread_only)
        self.starred_action, self.starred_button = filter_button(
            self, self.tr("Suivis"), self.tr("Afficher seulement les articles suivis"),
            STARRED_ONLY_KEYS, "starredOnlyButton", self.view_state.set_starred_only)
        controls = QHBoxLayout()  # below the search box, which gets a row of its own
        controls.setSpacing(0)  # the two filters side by side like a segmented control
        controls.addWidget(self.unread_button)
        controls.addWidget(self.starred_button)
        controls.addStretch(1)
        controls.addWidget(self.sort_label)
        controls.addWidget(self.sort_combo)
        layout.addLayout(top)
        layout.addLayout(controls)

        self.filter_info = QLabel("", self)
        self.filter_info.setObjectName("filterInfo")
        self.filter_info.setTextFormat(Qt.TextFormat.PlainText)
        self.filter_info.setVisible(False)
        self.clear_button = QToolButton(self)
        self.clear_button.setIcon(icon("clear"))
        self.clear_button.setText(self.tr("Tout afficher"))
        self.clear_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.clear_button.clicked.connect(self.view_state.clear)
        self.clear_button.setVisible(False)
        info_row = QHBoxLayout()
        info_row.addWidget(self.filter_info, 1)
        info_row.addWidget(self.clear_button)
        layout.addLayout(info_row)

        self.model = ArticleTableModel(self)
        if self.jobs is not None:
            self.model.sort_runner = self._run_sort
        self.proxy = ArticleFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = table = QTableView(self)
        table.setObjectName("articleList")
        table.setAccessibleName(self.tr("Articles"))
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)  # Tab leaves the list instead of walking its cells
        table.setSortingEnabled(True)
        table.setShowGrid(False)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        self.delegate = ArticleDelegate(table)
        table.setItemDelegateForColumn(COL_TITLE, self.delegate)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(self.delegate.row_height(table.font()))
        header = table.horizontalHeader()
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        # fixed, font-based widths: ResizeToContents measures rows (seconds at 100,000)
        metrics = table.fontMetrics()
        header.setSectionResizeMode(COL_DATE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_SOURCE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COL_DATE, metrics.horizontalAdvance("28 septembre 2024") + 28)
        header.resizeSection(COL_SOURCE, metrics.horizontalAdvance("France Info") + 28)
        header.setMinimumSectionSize(metrics.horizontalAdvance("Mots") + 16)
        table.setColumnHidden(COL_WORDS, True)
        header.setSortIndicatorShown(True)
        table.sortByColumn(COL_DATE, Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self._sync_sort_box)
        table.setMinimumWidth(metrics.averageCharWidth() * 28)
        table.selectionModel().currentRowChanged.connect(self._on_current_row)
        for sig in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset,
                    self.proxy.layoutChanged):
            sig.connect(self._shown_timer.start)
            sig.connect(self._snippet_timer.start)
        table.verticalScrollBar().valueChanged.connect(self._snippet_timer.start)
        layout.addWidget(table, 1)
        self.setFocusProxy(table)

    # -- read and starred --------------------------------------------------------------------
    def bind_read_state(self, service: ReadStateService) -> None:
        """Show ``service``'s states (bold unread titles, stars, accessible text) and let
        "Non lus" and "Suivis" filter with them; rows repaint when the states change."""
        if self.read_state is service:
            return
        if self.read_state is not None:
            self.read_state.sig_changed.disconnect(self._on_read_changed)
            self.read_state.sig_reset.disconnect(self._on_read_reset)
        self.read_state = service
        self.model.set_read_state(service)
        self.proxy.set_read_state(service)
        service.sig_changed.connect(self._on_read_changed)
        service.sig_reset.connect(self._on_read_reset)
        self.unread_action.setEnabled(True)
        self.starred_action.setEnabled(True)
        self.table.viewport().update()

    def _on_read_changed(self, change: ReadStateChange) -> None:
        self.model.read_states_changed(change.article_ids)
        if self.proxy.unread_only or self.proxy.starred_only:
            self.proxy.read_states_changed(self.current_article_id())
            self.ensure_current()
            self.refresh_summary()

    def _on_read_reset(self) -> None:
        self.model.read_states_reset()
        if self.proxy.unread_only or self.proxy.starred_only:
            self.proxy.read_states_reset()
            self.ensure_current()
            self.refresh_summary()

    def _release_kept(self) -> None:
        if self.proxy.kept_id is not None:
            self.proxy.current_changed(self.current_article_id())

    def _filter_unread(self, on: bool) -> None:
        self.unread_action.setChecked(on)
        self.proxy.set_unread_only(on)
        self.ensure_current()

    def _filter_starred(self, on: bool) -> None:
        self.starred_action.setChecked(on)
        self.proxy.set_starred_only(on)
        self.ensure_current()

    def shown_ids(self) -> list[str]:
        """Ids of the articles the list shows, in order: what "Tout marquer comme lu"
        passes to :meth:`ReadStateService.mark_all_read`."""
        return self.model.ids_of(self.model.shown_rows())

    # -- rows ----------------------------------------------------------------------------
    def set_rows(self, rows: list[ArticleRow]) -> None:
        self.model.set_rows(rows)
        self.ensure_current()

    def add_rows(self, rows: list[ArticleRow]) -> None:
        self.model.add_rows(rows)
        self.ensure_current()

    def resume_at(self, article_id: str) -> None:
        """The article to make current first when rows arrive (read last time)."""
        self._resume_id = article_id

    def ensure_current(self) -> None:
        """Make an article current when none is: the one read last, else the first row
        (the newest, in the default order) with the list scrolled to the top."""
        if not self.proxy.rowCount() or self.table.currentIndex().isValid():
            return
        row = self.model.row_for_id(self._resume_id) if self._resume_id else -1
        if row >= 0:  # back where the reader was when the library was last closed
            index = self.proxy.mapFromSource(self.model.index(row, COL_TITLE))
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        else:
            self.table.setCurrentIndex(self.proxy.index(0, COL_TITLE))
            self.table.scrollToTop()

    def current_article_id(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(IdRole) if index.isValid() else None

    def select_article(self, article_id: str) -> bool:
        """Make this article current; clears the filters if they hide it."""
        row = self.model.row_for_id(article_id)
        if row < 0:
            if not self.model.has_article(article_id):
                return False
            self.view_state.clear()  # it is filtered out
            row = self.model.row_for_id(article_id)
        self._make_current(self.proxy.mapFromSource(self.model.index(row, COL_TITLE)),
                           QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    def step(self, step: int) -> None:
        current = self.table.currentIndex()
        row = current.row() + step if current.isValid() else 0
        if 0 <= row < self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(row, COL_TITLE))

    def keep_current(self, shown_id: str | None) -> None:
        """After a filter change: keep the open article current and in sight if it is
        still listed, else open the first listed article."""
        row = self.model.row_for_id(shown_id) if shown_id else -1
        index = (self.proxy.mapFromSource(self.model.index(row, COL_TITLE)) if row >= 0
                 else QModelIndex())
        if not index.isValid():
            if self.proxy.rowCount() == 0:
                return
            index = self.proxy.index(0, COL_TITLE)
        self._make_current(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def _make_current(self, index: QModelIndex, hint: QAbstractItemView.ScrollHint) -> None:
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index, hint)

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.proxy.kept_id is not None:
            self._release_timer.start()
        row = current.data(ArticleRole) if current.isValid() else None
        if isinstance(row, ArticleRow):
            self.sig_article_chosen.emit(row)

    def shown_rows(self) -> list[ArticleRow]:
        return self.proxy.accepted_rows()

    # -- search and filters -----------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def search_for(self, text: str) -> None:
        """Search the library for this text (a phrase when it has spaces), at once."""
        self.search_edit.setText(f'"{text}"' if " " in text else text)
        self._search_now()

    def _on_edited(self, text: str) -> None:
        self.view_state.set_query(text)
        self._search_timer.start()

    def _search_now(self) -> None:
        self._search_timer.stop()
        self.view_state.set_query(self.search_edit.text())
        self.sig_search_requested.emit(self.search_edit.text())

    @property
    def ranked(self) -> bool:
        return self.proxy.sorts_by_relevance

    def show_search(self, hits: SearchHits | None) -> None:
        """The search's hits filter the list (None: no search)."""
        if self.view_state.terms != list(self.delegate.terms):
            self.model.clear_match_snippets()
        self.proxy.set_search(hits)
        self.table.viewport().update()
        self.ensure_current()
        self._snippet_timer.start()

    def set_snippets(self, found: dict[str, str]) -> None:
        self.model.set_match_snippets(found)

    def _show_query(self, query: str) -> None:
        if query != self.search_edit.text():
            self.search_edit.blockSignals(True)  # not an edit: no search to schedule
            self.search_edit.setText(query)
            self.search_edit.blockSignals(False)
            if not query:
                self.sig_search_requested.emit("")

    def _show_terms(self, terms: list[str]) -> None:
        if not terms:
            self.model.clear_match_snippets()
        self.delegate.set_terms(terms)
        self.table.viewport().update()

    def _filter_entity(self, entity: EntityFilter | None) -> None:
        if entity is None:
            self.proxy.set_entity_ids(None)
        else:
            self.proxy.set_entity_ids(set(entity.article_ids), entity.rowid_table)
        self.ensure_current()

    def _filter_period(self, period: str | None) -> None:
        self.proxy.set_month(period)
        self.ensure_current()

    def _show_summary(self, summary: FilterSummary) -> None:
        parts = []
        if summary.query and self.view_state.terms:
            parts.append(self.tr("%n résultat(s)", "", self.proxy.rowCount()))
        if summary.entity:
            parts.append(self.tr("entité : %1").replace("%1", summary.entity))
        if summary.period:
            parts.append(self.tr("période : %1").replace("%1", summary.period))
        if summary.unread_only:
            parts.append(self.tr("non lus"))
        if summary.starred_only:
            parts.append(self.tr("suivis"))
        if (summary.unread_only or summary.starred_only) and not (
                summary.query and self.view_state.terms):
            parts.append(self.tr("%n article(s)", "", self.proxy.rowCount()))
        self.filter_info.setText(" · ".join(parts))
        self.filter_info.setVisible(bool(parts))
        self.clear_button.setVisible(summary.active)

    def refresh_summary(self) -> None:
        self._show_summary(self.view_state.summary())

    def _emit_rows_in_view(self) -> None:
        if not self.view_state.terms or self.proxy.rowCount() == 0:
            return
        first = max(self.table.rowAt(0), 0)
        last = self.table.rowAt(self.table.viewport().height() - 1)
        last = self.proxy.rowCount() - 1 if last < 0 else last
        ids = [aid for row in range(first, min(last, first + 100) + 1)
               if (aid := self.proxy.index(row, COL_TITLE).data(IdRole))
               and not self.model.has_match_snippet(aid)]
        if ids:
            self.sig_rows_in_view.emit(ids)

    # -- recent searches ----------------------------------------------------------------
    def recent_searches(self) -> list[str]:
        return self.recent.stringList()

    def set_recent_searches(self, queries: list[str]) -> None:
        self.recent.setStringList(queries[:RECENT_SEARCHES])

    def _remember_search(self) -> None:
        """Enter or leaving the box: the query was meant, not a prefix being typed."""
        query = " ".join(self.search_edit.text().split())
        if query:
            recent = [query] + [q for q in self.recent_searches() if q != query]
            self.recent.setStringList(recent[:RECENT_SEARCHES])

    # -- sorting ---------------------------------------------------------------------------
    def _run_sort(self, compute: Callable[[], list[ArticleRow]],
                  apply: Callable[[list[ArticleRow]], None]) -> None:
        """Sorting a big list by title or source runs off the GUI thread."""
        assert self.jobs is not None
        messages.info(self.tr("Tri de la liste…"))
        (self.jobs.op("sort", lambda _ctx: compute()).success(apply)
         .failure(lambda f: messages.warning(self.tr("Tri impossible"), str(f))).run())

    # -- sorting (box and header) ---------------------------------------------------------------------------
    def _apply_sort(self, which: int) -> None:
        choice = self.sorts[which]
        self.proxy.set_sort_by_relevance(choice.relevance)
        self.table.sortByColumn(choice.column, choice.order)

    def _sync_sort_box(self, column: int, order: Qt.SortOrder) -> None:
        """A click on a column header sorts too: the sort box says so."""
        current = self.sorts[self.sort_combo.currentIndex()]
        if current.column == column and current.order == order:
            return
        for i, choice in enumerate(self.sorts):
            if choice.column == column and choice.order == order and not choice.relevance:
                self.sort_combo.blockSignals(True)
                self.sort_combo.setCurrentIndex(i)
                self.sort_combo.blockSignals(False)
                self.proxy.set_sort_by_relevance(False)
                return
