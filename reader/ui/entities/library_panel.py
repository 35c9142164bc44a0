"""The Library Entities dock: who and what the whole library talks about.

Most mentioned entities by type with article counts, a filter box (accent-insensitive),
manual Merge/Split (remembered in the data directory), the entities most often mentioned
together with the chosen one, and a timeline of the listed articles.  Extraction for the
whole library runs in a child process (:mod:`reader.ui.entities.batch_process`); every index query
runs on this panel's own one-thread job runner, never on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.core.entities.aliases import EntityAliases
from reader.core.entities.batch import Item, pending, quick_version, write_jobs
from reader.core.entities.extractor import DEFAULT_MODEL
from reader.core.entities.index import EntityIndex, EntitySummary
from reader.core.storage import StorageError
from reader.core.text import fold
from reader.services.jobs import JobFailure, JobRunner
from reader.ui.articles.model import rowid_bitmap
from reader.ui.common.entity_style import style_for
from reader.ui.common.icons import icon
from reader.ui.entities.batch_process import EntityBatchProcess
from reader.ui.entities.timeline import TimelineChart, bucket_rows

SummaryRole = Qt.ItemDataRole.UserRole + 1
KeyRole = Qt.ItemDataRole.UserRole + 2
LabelRole = Qt.ItemDataRole.UserRole + 3
ArticleCountRole = Qt.ItemDataRole.UserRole + 4
FoldRole = Qt.ItemDataRole.UserRole + 5
SortRole = Qt.ItemDataRole.UserRole + 6

TYPE_CHOICES = (("Tous les types", ""), ("Personnes (PER)", "PER"), ("Lieux (LOC)", "LOC"),
                ("Organisations (ORG)", "ORG"), ("Dates (DATE)", "DATE"),
                ("Divers (MISC)", "MISC"))
TOP_LIMIT = 300
CO_LIMIT = 20
REFRESH_MS = 3000  # while extraction runs, the list is refreshed at most this often
SEARCH_DELAY_MS = 250


class EntityListModel(QAbstractTableModel):
    """Grouped entities: name, type (as text, not only colour), articles, mentions."""

    HEADERS = ("Entité", "Type", "Articles", "Mentions")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[EntitySummary] = []
        self._folds: list[str] = []

    def set_items(self, items: Sequence[EntitySummary]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._folds = [fold(e.display) + "\n" + e.key for e in self._items]
        self.endResetModel()

    def items(self) -> list[EntitySummary]:
        return list(self._items)

    def row_of(self, key: str, label: str) -> int:
        for i, e in enumerate(self._items):
            if e.key == key and e.label == label:
                return i
        return -1

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.HEADERS)):
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        e = self._items[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (e.display or e.key, e.label, str(e.article_count), str(e.mention_count))[col]
        if role == SortRole:
            return (self._folds[index.row()], e.label, e.article_count, e.mention_count)[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            name = style_for(e.label).name
            return (f"{e.display} — {name} ({e.label}) : {e.article_count} article(s), "
                    f"{e.mention_count} mention(s)")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return (f"{e.display}, {style_for(e.label).name}, {e.article_count} articles, "
                    f"{e.mention_count} mentions")
        if role == Qt.ItemDataRole.DecorationRole and col == 1:
            return QColor(style_for(e.label).colour)
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SummaryRole:
            return e
        if role == KeyRole:
            return e.key
        if role == LabelRole:
            return e.label
        if role == ArticleCountRole:
            return e.article_count
        if role == FoldRole:
            return self._folds[index.row()]
        return None


class EntityFilterProxy(QSortFilterProxyModel):
    """Sorts numerically and filters on the folded name (accents and case ignored)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        self._needle = ""

    def set_text(self, text: str) -> None:
        needle = fold(" ".join(text.split()))
        if needle == self._needle:
            return
        self.beginFilterChange()
        self._needle = needle
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int,
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self._needle:
            return True
        value = self.sourceModel().index(source_row, 0, source_parent).data(FoldRole)
        return bool(value) and self._needle in value


class LibraryEntitiesPanel(QDockWidget):
    """See the module docstring; the main window's API is documented on each method."""

    sig_entity_chosen = Signal(object)  # (key, label, display, set of article ids) or None
    sig_month_chosen = Signal(object)  # "YYYY-MM", "YYYY" or None
    sig_progress = Signal(int, int)
    sig_status = Signal(str)
    sig_refreshed = Signal()  # the entity list was (re)loaded; for tests
    sig_co_mentions = Signal()  # the chosen entity's co-mentions are shown; for tests

    def __init__(self, cache_dir: Path, data_dir: Path, parent: QWidget | None = None,
                 model: str = DEFAULT_MODEL) -> None:
        super().__init__("Entités de la bibliothèque", parent)
        self.setObjectName("libraryEntitiesDock")
        self.setAccessibleName("Entités de la bibliothèque")
        self.cache_dir, self.data_dir, self.model_name = Path(cache_dir), Path(data_dir), model
        self.folder: Path | None = None
        self.rows: list[Any] = []
        self.chosen: EntitySummary | None = None
        self.member_keys: set[str] = set()  # every key grouped with the chosen entity
        self.version = quick_version(model)
        self.index: EntityIndex | None = None  # opened by the first query, off the GUI thread
        self.aliases: EntityAliases | None = None
        self.error = ""
        try:
            self.aliases = EntityAliases(self.data_dir)
        except StorageError as exc:
            self.error = f"Entités de la bibliothèque indisponibles : {exc}"
        self.jobs = JobRunner(self, max_threads=1)
        self.batch = EntityBatchProcess(self.cache_dir, self)
        self.batch.sig_progress.connect(self._on_batch_progress)
        self.batch.sig_finished.connect(self._on_batch_finished)
        self.batch.sig_failed.connect(self._on_batch_failed)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_MS)
        self._refresh_timer.timeout.connect(self._periodic_refresh)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self._build()
        if self.error:
            self._set_status(self.error)

    # -- widgets ---------------------------------------------------------------------------
    def _build(self) -> None:
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        self.type_combo = QComboBox(body)
        for text, label in TYPE_CHOICES:
            self.type_combo.addItem(text, label)
        self.type_combo.setAccessibleName("Type d'entité")
        self.type_combo.setAccessibleDescription("Limiter la liste à un type d'entité")
        self.type_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.search_edit = QLineEdit(body)
        self.search_edit.setPlaceholderText("Filtrer les entités…")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName("Filtrer les entités")
        self.search_edit.setAccessibleDescription(
            "Filtre sur le nom, sans tenir compte des accents ni des majuscules")
        self.search_edit.textChanged.connect(self._on_search_text)
        top.addWidget(self.type_combo)
        top.addWidget(self.search_edit, 1)
        layout.addLayout(top)

        progress_row = QHBoxLayout()
        self.progress = QProgressBar(body)
        self.progress.setAccessibleName("Progression de l'extraction des entités")
        self.progress.setFormat("Analyse : %v / %m articles")
        self.progress.setVisible(False)
        self.stop_button = QToolButton(body)
        self.stop_button.setIcon(icon("cancel"))
        self.stop_button.setToolTip("Arrêter l'analyse (elle reprendra à la prochaine ouverture)")
        self.stop_button.setAccessibleName("Arrêter l'analyse des entités")
        self.stop_button.clicked.connect(self.stop_extraction)
        self.stop_button.setVisible(False)
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.stop_button)
        layout.addLayout(progress_row)
        self.status = QLabel(body)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("État des entités de la bibliothèque")
        self.status.setVisible(False)
        layout.addWidget(self.status)

        self.model = EntityListModel(self)
        self.proxy = EntityFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = self._table(body, self.proxy, "Entités les plus citées")
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        self.view.activated.connect(self._on_activated)
        self.view.clicked.connect(self._on_clicked)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        buttons = QHBoxLayout()
        self.merge_button = QPushButton(icon("entities"), "Fusionner", body)
        self.merge_button.setToolTip("Regrouper les entités sélectionnées sous la plus citée")
        self.merge_button.setAccessibleName("Fusionner les entités sélectionnées")
        self.merge_button.clicked.connect(self.merge_selected)
        self.split_button = QPushButton(icon("undo"), "Séparer", body)
        self.split_button.setToolTip("Défaire le regroupement de l'entité sélectionnée")
        self.split_button.setAccessibleName("Séparer l'entité sélectionnée")
        self.split_button.clicked.connect(self.split_selected)
        self.clear_button = QPushButton(icon("clear"), "Effacer", body)
        self.clear_button.setToolTip("Ne plus filtrer les articles sur une entité")
        self.clear_button.setAccessibleName("Effacer le choix d'entité")
        self.clear_button.clicked.connect(self.clear_choice)
        for b in (self.merge_button, self.split_button, self.clear_button):
            buttons.addWidget(b)
        buttons.addStretch(1)

        self.chosen_label = QLabel("Aucune entité choisie", body)
        self.chosen_label.setWordWrap(True)
        self.chosen_label.setAccessibleName("Entité choisie")
        self.co_model = EntityListModel(self)
        self.co_proxy = QSortFilterProxyModel(self)
        self.co_proxy.setSortRole(SortRole)
        self.co_proxy.setSourceModel(self.co_model)
        co_box = QWidget(body)
        co_layout = QVBoxLayout(co_box)
        co_layout.setContentsMargins(0, 0, 0, 0)
        self.co_title = QLabel("Cités avec l'entité choisie", co_box)
        self.co_view = self._table(co_box, self.co_proxy, "Entités citées dans les mêmes articles")
        self.co_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.co_view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        self.co_view.activated.connect(self._on_co_activated)
        co_layout.addWidget(self.co_title)
        co_layout.addWidget(self.co_view, 1)

        self.timeline = TimelineChart(body)
        self.timeline.sig_month_chosen.connect(self.sig_month_chosen)

        list_box = QWidget(body)
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.view, 1)
        list_layout.addLayout(buttons)
        list_layout.addWidget(self.chosen_label)
        self.splitter = QSplitter(Qt.Orientation.Vertical, body)
        self.splitter.addWidget(list_box)
        self.splitter.addWidget(co_box)
        self.splitter.addWidget(self.timeline)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 2)
        layout.addWidget(self.splitter, 1)
        self.setWidget(body)
        self._update_buttons()

    @staticmethod
    def _table(parent: QWidget, model: QSortFilterProxyModel, name: str) -> QTreeView:
        view = QTreeView(parent)
        view.setModel(model)
        view.setRootIsDecorated(False)
        view.setUniformRowHeights(True)
        view.setAlternatingRowColors(True)
        view.setAllColumnsShowFocus(True)
        view.setAccessibleName(name)
        view.setAccessibleDescription("Nom, type (PER, LOC, ORG…), nombre d'articles et de "
                                      "mentions ; Entrée choisit l'entité")
        header = view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # fixed widths: ResizeToContents asks every row for its size at each reload
        metrics = view.fontMetrics()
        for col, sample in ((1, "MISC"), (2, "Articles"), (3, "Mentions")):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, metrics.horizontalAdvance(sample) + 40)
        view.setSortingEnabled(True)
        return view

    def _set_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
        if text:
            self.sig_status.emit(text)

    def _update_buttons(self) -> None:
        selected = self._selected()
        busy = self.aliases is None
        self.merge_button.setEnabled(not busy and len(selected) >= 2)
        self.split_button.setEnabled(not busy and len(selected) == 1)
        self.clear_button.setEnabled(self.chosen is not None)

    def _selected(self) -> list[EntitySummary]:
        rows = self.view.selectionModel().selectedRows(0)
        return [r.data(SummaryRole) for r in rows if r.data(SummaryRole) is not None]

    # -- main window API -------------------------------------------------------------------
    def set_library(self, folder: Path, index: Any, rows: Sequence[Any]) -> None:
        """A library was (re)loaded: scope the queries to ``rows`` and extract what is
        missing in the background (nothing is started, and spaCy never loaded, when every
        article is already indexed)."""
        del index  # article paths come with the rows; the library index is not needed
        if self.folder is not None and Path(folder) != self.folder:
            self.clear_choice()
            self.timeline.clear_choice()
        self.folder = Path(folder)
        self.rows = list(rows)
        self.set_visible_rows(self.rows)
        if self.aliases is None:
            return
        if self.version is None:
            self._set_status(f"Modèle d'entités {self.model_name} introuvable : "
                             "entités de la bibliothèque indisponibles.")
            return
        version, snapshot = self.version, list(self.rows)
        query = self._query()

        jobs_file, model = self.batch.jobs_file, self.model_name

        def work(_ctx: Any) -> tuple[list[Item], list[EntitySummary]]:
            entity_index = self._open_index()
            entity_index.set_scope(snapshot, version)
            entity_index.refresh()
            todo = pending(((r.path, r.content_hash) for r in snapshot if r.content_hash),
                           entity_index, version)
            if todo:  # 100,000 items: half a second of JSON, kept off the GUI thread
                write_jobs(jobs_file, todo, model)
            return todo, entity_index.top_entities(**query)

        self.jobs.submit("scope", work, self._on_scoped, self._on_query_failed)

    def _open_index(self) -> EntityIndex:
        """The mention index, opened on first use by a job (its integrity check reads the
        whole file: seconds on a large library, so never on the GUI thread)."""
        if self.index is None:
            if self.aliases is None:
                raise StorageError("the entity stores are closed")
            self.index = EntityIndex(self.cache_dir, self.aliases)
        return self.index

    def set_visible_rows(self, rows: Sequence[Any]) -> None:
        """The articles currently listed (text filter, entity...): the timeline follows.
        Bucketing 100,000 dates takes ~0.3 s, so it runs in the background."""
        if self.timeline.chosen is not None:
            return
        snapshot = list(rows)
        self.jobs.submit("buckets", lambda _ctx: bucket_rows(snapshot),
                         self.timeline.set_buckets, self._on_query_failed)

    def stop(self) -> None:
        """Stop the worker process, background queries and timers; close the stores."""
        self._refresh_timer.stop()
        self._search_timer.stop()
        self.batch.stop()
        self.jobs.shutdown()
        if self.index is not None:
            self.index.close()
            self.index = None
        if self.aliases is not None:
            self.aliases.close()
            self.aliases = None

    # -- extraction ------------------------------------------------------------------------
    def _on_scoped(self, payload: tuple[list[Item], list[EntitySummary]]) -> None:
        todo, top = payload
        self._show(top)
        self._rechoose()
        if not todo:
            total = len(self.rows)
            self.progress.setVisible(False)
            self.stop_button.setVisible(False)
            self.sig_progress.emit(total, total)
            return
        self.progress.setRange(0, len(todo))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.stop_button.setVisible(True)
        self._set_status(f"Analyse des entités de {len(todo)} article(s) en arrière-plan…")
        self.batch.start(todo, self.model_name, jobs_written=True)

    def _on_batch_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.sig_progress.emit(done, total)
        if done and not self._refresh_timer.isActive():
            self._refresh_timer.start()

    def _on_batch_finished(self, summary: dict[str, Any]) -> None:
        self.progress.setVisible(False)
        self.stop_button.setVisible(False)
        self._refresh_timer.stop()
        problems = summary.get("problems") or []
        text = (f"Entités de la bibliothèque à jour ({summary.get('extracted', 0)} analysé(s), "
                f"{summary.get('from_cache', 0)} depuis le cache)")
        if problems:
            text += f" ; {len(problems)} fichier(s) illisible(s)"
        self._set_status(text)
        total = int(summary.get("total", 0))
        self.sig_progress.emit(total, total)
        self.refresh()
        self._rechoose()

    def _on_batch_failed(self, message: str) -> None:
        self.progress.setVisible(False)
        self.stop_button.setVisible(False)
        self._set_status(f"Analyse interrompue : {message}")
        self.refresh()

    def stop_extraction(self) -> None:
        """Stop the background analysis; it resumes where it stopped next time."""
        self.batch.stop()
        self._refresh_timer.stop()
        self.progress.setVisible(False)
        self.stop_button.setVisible(False)
        self._set_status("Analyse arrêtée ; elle reprendra à la prochaine ouverture.")
        self.refresh()

    def is_extracting(self) -> bool:
        return self.batch.is_running()

    # -- queries ---------------------------------------------------------------------------
    def _query(self) -> dict[str, Any]:
        return {"label": self.type_combo.currentData() or None,
                "search": self.search_edit.text(), "limit": TOP_LIMIT}

    def refresh(self) -> None:
        """Reload the list (after new mentions, a merge, a type or search change)."""
        if self.aliases is None or self.folder is None:
            return
        query = self._query()

        def work(_ctx: Any) -> list[EntitySummary]:
            entity_index = self._open_index()
            entity_index.invalidate()
            return entity_index.top_entities(**query)

        self.jobs.submit("top", work, self._show, self._on_query_failed)

    def _periodic_refresh(self) -> None:
        """While extraction runs: reload, but never queue a rebuild behind a running one
        (on 100,000 articles a rebuild takes seconds)."""
        if self.jobs.is_running("top") or self.jobs.is_running("scope"):
            self._refresh_timer.start()
            return
        self.refresh()

    def _rechoose(self) -> None:
        """The library or its mentions changed: send the chosen entity's articles again."""
        if self.chosen is not None:
            self.choose(self.chosen.key, self.chosen.label)

    def _show(self, top: list[EntitySummary]) -> None:
        keep = {(e.key, e.label) for e in self._selected()}
        self.model.set_items(top)
        selection = self.view.selectionModel()
        for i in range(self.proxy.rowCount()):
            idx = self.proxy.index(i, 0)
            if (idx.data(KeyRole), idx.data(LabelRole)) in keep:
                selection.select(idx, selection.SelectionFlag.Select
                                 | selection.SelectionFlag.Rows)
        self._update_buttons()
        if not self.status.text() or self.status.text().startswith("Aucune entité"):
            self._set_status("" if top or self.batch.is_running() else
                             "Aucune entité pour ce filtre.")
        self.sig_refreshed.emit()

    def _on_query_failed(self, failure: JobFailure) -> None:
        self._set_status(f"Requête sur les entités impossible : {failure}")

    def _on_search_text(self, text: str) -> None:
        self.proxy.set_text(text)  # instant, on what is loaded
        self._search_timer.start()  # then the index, for entities beyond the top list

    # -- choosing --------------------------------------------------------------------------
    def _on_clicked(self, index: QModelIndex) -> None:
        if len(self.view.selectionModel().selectedRows(0)) == 1:
            self._on_activated(index)

    def _on_activated(self, index: QModelIndex) -> None:
        summary = index.siblingAtColumn(0).data(SummaryRole)
        if summary is not None:
            self.choose(summary.key, summary.label)

    def _on_co_activated(self, index: QModelIndex) -> None:
        summary = index.siblingAtColumn(0).data(SummaryRole)
        if summary is None:
            return
        row = self.model.row_of(summary.key, summary.label)
        if row >= 0:
            proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
            self.view.setCurrentIndex(proxy_index)
        self.choose(summary.key, summary.label)

    def choose(self, key: str, label: str | None = None) -> None:
        """Choose an entity: emits ``sig_entity_chosen`` with its articles as soon as they
        are known; the co-mentions (slower for very frequent entities) follow."""
        if self.aliases is None:
            return
        rows = self.rows

        def work(ctx: Any) -> Any:
            entity_index = self._open_index()
            summary = entity_index.summary(key, label)
            if summary is None:
                return None
            ids = entity_index.articles_for(summary.key, summary.label)
            members = entity_index.members(summary.key, summary.label)
            # the list filter's table, built here: probing 100,000 ids on the GUI thread
            # cost 82 ms for an entity found in most articles
            ctx.partial((summary, ids, members, rowid_bitmap(rows, ids)))
            if ctx.cancelled:
                return None
            return summary, entity_index.co_mentions(summary.key, summary.label, CO_LIMIT)

        self.co_model.set_items([])
        self.co_title.setText("Cités avec… (calcul en cours)")
        self.jobs.submit("choose", work, self._on_co_mentions, self._on_query_failed,
                         on_partial=self._on_chosen)

    def _on_chosen(self, payload: Any) -> None:
        summary, ids, members, bitmap = payload
        self.chosen = summary
        self.member_keys = {k for k, _label in members}
        others = [k for k, _l in members if k != summary.key]
        text = (f"<b>{_escape(summary.display)}</b> ({style_for(summary.label).name}, "
                f"{summary.label}) : {len(ids)} article(s), {summary.mention_count} mention(s)")
        if others:
            text += "<br>regroupe aussi : " + ", ".join(_escape(k) for k in others[:8])
            if len(others) > 8:
                text += f" et {len(others) - 8} autre(s)"
        self.chosen_label.setText(text)
        self._update_buttons()
        self.sig_entity_chosen.emit((summary.key, summary.label, summary.display, set(ids),
                                     bitmap))

    def _on_co_mentions(self, payload: Any) -> None:
        if payload is None:
            if self.chosen is None:
                self._set_status("Cette entité n'est plus dans la bibliothèque.")
            return
        summary, co = payload
        self.co_title.setText(f"Cités avec {summary.display}")
        self.co_model.set_items(co)
        self.sig_co_mentions.emit()

    def clear_choice(self) -> None:
        """Stop filtering on an entity."""
        self.jobs.cancel("choose")
        was = self.chosen is not None
        self.chosen = None
        self.member_keys = set()
        self.chosen_label.setText("Aucune entité choisie")
        self.co_title.setText("Cités avec l'entité choisie")
        self.co_model.set_items([])
        self.view.clearSelection()
        self._update_buttons()
        if was:
            self.sig_entity_chosen.emit(None)

    # -- merge / split ---------------------------------------------------------------------
    def merge_selected(self) -> None:
        """Group the selected entities under the most cited one (remembered)."""
        selected = self._selected()
        if len(selected) < 2 or self.aliases is None:
            return
        target = max(selected, key=lambda e: (e.article_count, e.mention_count))
        try:
            self.aliases.merge((target.key, target.label),
                               [(e.key, e.label) for e in selected])
        except StorageError as exc:
            self._set_status(f"Fusion impossible : {exc}")
            return
        self._set_status(f"{len(selected)} entités regroupées sous « {target.display} ».")
        self._after_alias_change(target)

    def split_selected(self) -> None:
        """Undo the grouping (manual or automatic) of the selected entity (remembered)."""
        selected = self._selected()
        if len(selected) != 1 and self.chosen is None:
            return
        target = selected[0] if len(selected) == 1 else self.chosen
        assert target is not None
        aliases = self.aliases
        if aliases is None:
            return

        def work(_ctx: Any) -> list[tuple[str, str]]:
            members = self._open_index().members(target.key, target.label)
            return [m for m in members if m != (target.key, target.label)]

        def done(others: list[tuple[str, str]]) -> None:
            if not others:
                self._set_status(f"« {target.display} » ne regroupe aucune autre forme.")
                return
            try:
                aliases.split(others)
            except StorageError as exc:
                self._set_status(f"Séparation impossible : {exc}")
                return
            self._set_status(f"« {target.display} » séparé de : "
                             + ", ".join(k for k, _l in others))
            self._after_alias_change(target)

        self.jobs.submit("split", work, done, self._on_query_failed)

    def _after_alias_change(self, target: EntitySummary) -> None:
        self.refresh()
        if self.chosen is not None:
            self.choose(target.key, target.label)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

