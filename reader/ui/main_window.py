"""The main window: article list beside the reading pane, with entity and bookmark docks.

Data flows one way: files → parser → library index (background) → table model → view.
Every slow step (scan, search, article load, NER) goes through :class:`JobRunner`.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QItemSelectionModel,
    QModelIndex,
    QSettings,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader import __version__
from reader.core.entities.cache import EntityCache
from reader.core.entities.extractor import ArticleEntities, EntityExtractor
from reader.core.entities.process import ProcessExtractor
from reader.core.library.index import LibraryIndex, Problem
from reader.core.library.parser import Article, ParseError
from reader.core.library.search_query import match_snippet
from reader.core.storage import StorageError
from reader.services.jobs import JobFailure, JobRunner
from reader.ui.articles.delegate import ArticleDelegate
from reader.ui.articles.model import (
    COL_DATE,
    COL_SOURCE,
    COL_TITLE,
    COL_WORDS,
    ArticleFilterProxy,
    ArticleRole,
    ArticleTableModel,
    IdRole,
)
from reader.ui.common.entity_style import style_for
from reader.ui.common.icons import icon
from reader.ui.common.problems_dialog import ProblemsDialog
from reader.ui.reading.entities_panel import EntitiesPanel
from reader.ui.reading.pane import ReadingPane, build_document, by_position


@dataclass
class WindowOptions:
    library: Path
    data_dir: Path
    cache_dir: Path
    remember_geometry: bool = True


RECENT_SEARCHES = 30  # queries kept for the search box's completion

SORTS = [
    ("Date (récent d'abord)", COL_DATE, Qt.SortOrder.DescendingOrder, False),
    ("Date (ancien d'abord)", COL_DATE, Qt.SortOrder.AscendingOrder, False),
    ("Titre", COL_TITLE, Qt.SortOrder.AscendingOrder, False),
    ("Source", COL_SOURCE, Qt.SortOrder.AscendingOrder, False),
    ("Pertinence", COL_TITLE, Qt.SortOrder.AscendingOrder, True),
]


class MainWindow(QMainWindow):
    sig_library_loaded = Signal()
    sig_article_shown = Signal(str)  # article id, once rendered (before entities)
    sig_entities_applied = Signal(str)  # article id, once highlights are on
    sig_model_ready = Signal(bool)
    sig_search_done = Signal(int)
    sig_snippets_done = Signal()  # the rows in view show the text around their matches

    def __init__(self, options: WindowOptions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.options = options
        self.setWindowTitle("Reader")
        self.setWindowIcon(icon("app"))
        self.setAcceptDrops(True)
        self.jobs = JobRunner(self)
        self.undo_stack = QUndoStack(self)
        self.folder: Path | None = None
        self.problems: list[Problem] = []
        self.model_ready = False
        self._model_requested = False
        self.model_error = ""
        self._pending_selection: tuple[str, int, int] | None = None
        self._resume: tuple[str, int] | None = None  # article and position read last time
        self._current_entities: ArticleEntities | None = None
        self._search_terms: list[str] = []
        self._closed = False
        self._notices: list[str] = []
        self._focus_entity: tuple[str, str, tuple[str, ...]] | None = None
        self._entity_filter_text = ""
        self.library_entities: Any = None

        cache = options.cache_dir
        self.index = LibraryIndex(cache / "library.sqlite3")  # StorageError: caller reports
        if getattr(self.index, "notice", ""):
            self._startup_notice(self.index.notice)
        self.extractor = EntityExtractor()  # the cache key; the model runs in self.ner
        self.ner = ProcessExtractor(self.extractor.model_name)
        self.entity_cache: EntityCache | None
        try:
            self.entity_cache = EntityCache(cache / "entities.sqlite3")
        except StorageError as exc:
            self.entity_cache = None
            self._startup_notice(f"Cache des entités indisponible : {exc}")

        self._build_list()
        self.pane = ReadingPane(self)
        self.pane.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.pane.view.customContextMenuRequested.connect(self._pane_context_menu)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.list_panel)
        self.splitter.addWidget(self.pane)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([460, 760])
        self.setCentralWidget(self.splitter)

        self.entities_panel = EntitiesPanel(self)
        self.entities_panel.sig_entity_activated.connect(self._on_article_entity_activated)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.entities_panel)
        self._build_bookmarks()
        self._build_library_entities()
        self._build_status_bar()
        self._build_actions()
        self._restore_settings()

        self.pane.sig_selection_changed.connect(self.act_bookmark.setEnabled)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(180)
        self._search_timer.timeout.connect(self._run_search)
        self._visible_timer = QTimer(self)
        self._visible_timer.setSingleShot(True)
        self._visible_timer.setInterval(250)
        self._visible_timer.timeout.connect(self._update_visible_rows)
        # during a search the rows in view show the text around their first match
        self._snippet_timer = QTimer(self)
        self._snippet_timer.setSingleShot(True)
        self._snippet_timer.setInterval(60)
        self._snippet_timer.timeout.connect(self._request_match_snippets)
        self.table.verticalScrollBar().valueChanged.connect(self._snippet_timer.start)
        self.proxy.layoutChanged.connect(self._snippet_timer.start)
        self.proxy.modelReset.connect(self._snippet_timer.start)
        self.proxy.rowsInserted.connect(self._snippet_timer.start)
        # the NER model loads on the first article without cached entities: loading it
        # takes seconds of CPU and holds the GIL in long stretches (GUI stalls up to 1.5 s),
        # and a library whose entities are cached never needs it

    # -- construction ------------------------------------------------------------------
    def _build_list(self) -> None:
        self.list_panel = QWidget(self)
        layout = QVBoxLayout(self.list_panel)
        layout.setContentsMargins(6, 6, 0, 0)
        layout.setSpacing(4)
        top = QHBoxLayout()
        self.filter_edit = QLineEdit(self.list_panel)
        self.filter_edit.setObjectName("filterEdit")
        self.filter_edit.setPlaceholderText("Rechercher : mots, \"expression\", ukrain*, OR, NOT…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.addAction(icon("filter"), QLineEdit.ActionPosition.LeadingPosition)
        self.filter_edit.setAccessibleName("Rechercher dans la bibliothèque")
        self.filter_edit.textChanged.connect(lambda _t: self._search_timer.start())
        self.filter_edit.returnPressed.connect(self._run_search)
        # recent searches, offered as the user types (kept with the window settings)
        self._recent_searches = QStringListModel(self)
        completer = QCompleter(self._recent_searches, self.filter_edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.filter_edit.setCompleter(completer)
        self.filter_edit.editingFinished.connect(self._remember_search)
        clear_search = QAction(self.filter_edit)
        clear_search.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        clear_search.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        clear_search.triggered.connect(self.clear_filters)
        self.filter_edit.addAction(clear_search)
        self.sort_combo = QComboBox(self.list_panel)
        self.sort_combo.setObjectName("sortCombo")
        self.sort_combo.setAccessibleName("Trier par")
        for name, *_ in SORTS:
            self.sort_combo.addItem(name)
        self.sort_combo.currentIndexChanged.connect(self._apply_sort)
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.sort_combo)
        layout.addLayout(top)
        self.filter_info = QLabel("", self.list_panel)
        self.filter_info.setObjectName("filterInfo")
        self.filter_info.setVisible(False)
        self.clear_filters_button = QToolButton(self.list_panel)
        self.clear_filters_button.setIcon(icon("clear"))
        self.clear_filters_button.setText("Tout afficher")
        self.clear_filters_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.clear_filters_button.clicked.connect(self.clear_filters)
        self.clear_filters_button.setVisible(False)
        info_row = QHBoxLayout()
        info_row.addWidget(self.filter_info, 1)
        info_row.addWidget(self.clear_filters_button)
        layout.addLayout(info_row)

        self.model = ArticleTableModel(self)
        self.model.sort_runner = self._run_sort
        self.proxy = ArticleFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self.list_panel)
        self.table.setObjectName("articleList")
        self.table.setAccessibleName("Articles")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.delegate = ArticleDelegate(self.table)
        self.table.setItemDelegateForColumn(COL_TITLE, self.delegate)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.delegate.row_height(self.table.font()))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        # fixed, font-based widths: ResizeToContents measures rows (seconds at 100,000)
        metrics = self.table.fontMetrics()
        header.setSectionResizeMode(COL_DATE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_SOURCE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COL_DATE, metrics.horizontalAdvance("28 septembre 2024") + 28)
        header.resizeSection(COL_SOURCE, metrics.horizontalAdvance("France Info") + 28)
        self.table.setColumnHidden(COL_WORDS, True)
        header.setSortIndicatorShown(True)
        self.table.sortByColumn(COL_DATE, Qt.SortOrder.DescendingOrder)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.proxy.rowsInserted.connect(lambda *_: self._visible_timer.start())
        self.proxy.rowsRemoved.connect(lambda *_: self._visible_timer.start())
        self.proxy.modelReset.connect(lambda *_: self._visible_timer.start())
        self.proxy.layoutChanged.connect(lambda *_: self._visible_timer.start())
        layout.addWidget(self.table, 1)

    def _build_bookmarks(self) -> None:
        from reader.core.bookmarks.store import BookmarkStore
        from reader.ui.bookmarks.panel import BookmarksPanel

        self.store: Any = None
        try:
            self.store = BookmarkStore(self.options.data_dir)
        except StorageError as exc:
            self._startup_notice(f"Marque-pages indisponibles : {exc}")
        if self.store is not None and self.store.notice:
            self._startup_notice(self.store.notice)
        self.bookmarks_panel: Any = None
        if self.store is not None:
            self.bookmarks_panel = BookmarksPanel(self.store, self.undo_stack, self)
            self.bookmarks_panel.sig_bookmark_activated.connect(self.open_bookmark)
            self.bookmarks_panel.selection_provider = self._current_selection
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.bookmarks_panel)
            self.splitDockWidget(self.entities_panel, self.bookmarks_panel,
                                 Qt.Orientation.Vertical)
            # emitted for every add, edit, delete, undo and redo
            self.bookmarks_panel.sig_bookmarks_changed.connect(self._refresh_bookmark_overlay)

    def _build_library_entities(self) -> None:
        from reader.ui.entities.library_panel import LibraryEntitiesPanel

        panel = LibraryEntitiesPanel(self.options.cache_dir, self.options.data_dir, self)
        panel.sig_entity_chosen.connect(self._on_library_entity_chosen)
        panel.sig_month_chosen.connect(self._on_month_chosen)
        panel.sig_progress.connect(self._on_entity_batch_progress)
        panel.sig_status.connect(self._on_entity_batch_status)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, panel)
        panel.hide()
        self.library_entities = panel

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.progress.setVisible(False)
        self.cancel_button = QToolButton(self)
        self.cancel_button.setIcon(icon("cancel"))
        self.cancel_button.setToolTip("Arrêter l'indexation")
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(lambda: self.jobs.cancel("library"))
        self.model_label = QLabel("", self)
        self.model_label.setObjectName("modelStatus")
        self.batch_label = QLabel("", self)
        self.batch_label.setObjectName("batchStatus")
        self.batch_label.setVisible(False)
        self.problems_button = QToolButton(self)
        self.problems_button.setIcon(icon("problems"))
        self.problems_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.problems_button.setAutoRaise(True)
        self.problems_button.setVisible(False)
        self.problems_button.clicked.connect(self.show_problems)
        self.notice_label = QLabel("", self)
        self.notice_label.setObjectName("noticeLabel")
        self.notice_label.setStyleSheet("color: #b71c1c;")
        self.notice_label.setVisible(bool(self._notices))
        if self._notices:
            self.notice_label.setText("⚠ " + self._notices[-1][:90])
            self.notice_label.setToolTip("\n".join(self._notices))
        bar.insertPermanentWidget(0, self.notice_label, 1)
        bar.addPermanentWidget(self.problems_button)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        bar.addPermanentWidget(self.batch_label)
        bar.addPermanentWidget(self.model_label)

    def _action(self, text: str, icon_name: str, slot: Any,
                shortcuts: list[QKeySequence | QKeySequence.StandardKey | str] | None = None,
                tip: str = "") -> QAction:
        action = QAction(icon(icon_name), text, self)
        action.triggered.connect(slot)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setStatusTip(tip or text.replace("…", "").replace("&", ""))
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.act_open = self._action("&Ouvrir un dossier…", "open_folder", self.choose_folder,
                                     [QKeySequence.StandardKey.Open])
        self.act_reload = self._action("&Actualiser la bibliothèque", "reload",
                                       self.reload_library,
                                       [QKeySequence.StandardKey.Refresh])
        self.act_problems = self._action("Fichiers &illisibles…", "problems", self.show_problems)
        self.act_quit = self._action("&Quitter", "quit", self.close, [QKeySequence.StandardKey.Quit])
        self.act_filter = self._action("&Rechercher dans la bibliothèque", "find",
                                       self.focus_filter, [QKeySequence.StandardKey.Find])
        self.act_next = self._action("Article &suivant", "next_article",
                                     lambda: self.step_article(1), ["J", "Alt+Down"])
        self.act_prev = self._action("Article &précédent", "previous_article",
                                     lambda: self.step_article(-1), ["K", "Alt+Up"])
        self.act_next_match = self._action("Occurrence suivante", "next_match",
                                           lambda: self.pane.step_match(True),
                                           [QKeySequence.StandardKey.FindNext])
        self.act_prev_match = self._action("Occurrence précédente", "previous_match",
                                           lambda: self.pane.step_match(False),
                                           [QKeySequence.StandardKey.FindPrevious])
        self.act_next_mention = self._action("Mention suivante de l'entité", "next_mention",
                                             lambda: self.pane.step_mention(True), ["Ctrl+Alt+Down", "F4"])
        self.act_prev_mention = self._action("Mention précédente de l'entité", "previous_mention",
                                             lambda: self.pane.step_mention(False), ["Ctrl+Alt+Up", "Shift+F4"])
        self.act_bookmark = self._action("&Marquer le passage…", "bookmark",
                                         lambda: self.bookmark_selection(), ["Ctrl+D"],
                                         "Ajouter un marque-page sur le passage sélectionné")
        self.act_bookmark.setEnabled(False)
        self.act_zoom_in = self._action("Agrandir le texte", "zoom_in", lambda: self.zoom(1),
                                        [QKeySequence.StandardKey.ZoomIn, "Ctrl+="])
        self.act_zoom_out = self._action("Réduire le texte", "zoom_out", lambda: self.zoom(-1),
                                         [QKeySequence.StandardKey.ZoomOut])
        self.act_zoom_reset = self._action("Taille normale", "zoom_reset", lambda: self.zoom(0),
                                           ["Ctrl+0"])
        self.act_about = self._action("À &propos de Reader", "about", self.about)
        undo = self.undo_stack.createUndoAction(self, "Annuler")
        undo.setIcon(icon("undo"))
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "Rétablir")
        redo.setIcon(icon("redo"))
        redo.setShortcuts(QKeySequence.StandardKey.Redo)
        self.act_undo, self.act_redo = undo, redo

        menu = self.menuBar()
        file_menu = menu.addMenu("&Fichier")
        file_menu.addActions([self.act_open, self.act_reload, self.act_problems])
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        edit = menu.addMenu("É&dition")
        edit.addActions([undo, redo])
        edit.addSeparator()
        edit.addActions([self.act_bookmark, self.act_filter, self.act_next_match,
                         self.act_prev_match])
        view = menu.addMenu("&Affichage")
        view.addActions([self.act_zoom_in, self.act_zoom_out, self.act_zoom_reset])
        view.addSeparator()
        for dock in (self.entities_panel, self.bookmarks_panel, self.library_entities):
            if dock is not None:
                toggle = dock.toggleViewAction()
                toggle.setIcon(icon("entities" if dock is self.entities_panel else
                                    "bookmarks" if dock is self.bookmarks_panel else
                                    "library_entities"))
                view.addAction(toggle)
        view.addSeparator()
        types = view.addMenu(icon("entities"), "Types d'entités")
        for label, button in self.pane.legend.buttons.items():
            act = QAction(button.text(), self)
            act.setCheckable(True)
            act.setChecked(True)
            act.toggled.connect(button.setChecked)
            button.toggled.connect(act.setChecked)
            act.setData(label)
            types.addAction(act)
        go = menu.addMenu("&Aller")
        go.addActions([self.act_next, self.act_prev])
        go.addSeparator()
        go.addActions([self.act_next_mention, self.act_prev_mention])
        help_menu = menu.addMenu("&Aide")
        help_menu.addAction(self.act_about)

        toolbar = self.addToolBar("Principal")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.addActions([self.act_open, self.act_prev, self.act_next])
        toolbar.addSeparator()
        toolbar.addActions([self.act_bookmark, undo, redo])
        toolbar.addSeparator()
        toolbar.addActions([self.act_zoom_out, self.act_zoom_in])
        toolbar.addSeparator()
        toolbar.addActions([self.act_prev_match, self.act_next_match])
        if self.library_entities is not None:
            toolbar.addSeparator()
            toggle = self.library_entities.toggleViewAction()
            toolbar.addAction(toggle)

    # -- settings --------------------------------------------------------------------------
    def _settings(self) -> QSettings:
        return QSettings()

    def _default_layout(self) -> None:
        self.resize(1440, 900)
        docks = [d for d in (self.entities_panel, self.bookmarks_panel) if d is not None]
        self.resizeDocks(docks, [330] * len(docks), Qt.Orientation.Horizontal)
        if self.bookmarks_panel is not None:
            self.resizeDocks([self.entities_panel, self.bookmarks_panel], [380, 420],
                             Qt.Orientation.Vertical)
        self.splitter.setSizes([460, 640])

    def _restore_settings(self) -> None:
        if not self.options.remember_geometry:
            self._default_layout()
            return
        s = self._settings()
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self._default_layout()
        state = s.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        splitter = s.value("window/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        with contextlib.suppress(TypeError, ValueError):
            size = float(s.value("reader/pointSize", 13.0))  # type: ignore[arg-type]
            self.pane.set_point_size(size)
        recent = s.value("search/recent", [])
        if isinstance(recent, str):  # QSettings gives a one-item list back as a string
            recent = [recent]
        if isinstance(recent, list):
            self._recent_searches.setStringList([str(q) for q in recent][:RECENT_SEARCHES])

    @staticmethod
    def _position_key(folder: Path) -> str:
        return "positions/" + hashlib.sha1(str(folder).encode()).hexdigest()[:16]

    def _saved_position(self, folder: Path) -> tuple[str, int] | None:
        """The article read last in this library and where (see ``save_settings``)."""
        if not self.options.remember_geometry:
            return None
        offset, _tab, article_id = str(self._settings().value(
            self._position_key(folder), "") or "").partition("\t")
        try:
            return (article_id, int(offset)) if article_id else None
        except ValueError:  # written by something else: start at the top
            return None

    def save_settings(self) -> None:
        if not self.options.remember_geometry:
            return
        s = self._settings()
        if self.folder is not None and self.pane.article is not None:
            s.setValue(self._position_key(self.folder),
                       f"{self.pane.reading_position()}\t{self.pane.article.id}")
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("window/splitter", self.splitter.saveState())
        s.setValue("reader/pointSize", self.pane.point_size)
        s.setValue("search/recent", self.recent_searches())
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop background work and close stores (on close and in tests)."""
        if self._closed:
            return
        self._closed = True
        if self.library_entities is not None:
            with contextlib.suppress(Exception):
                self.library_entities.stop()
        self.ner.close()  # first: a job waiting on the child returns at once
        self.jobs.shutdown()
        self._search_timer.stop()
        self._visible_timer.stop()
        if self.store is not None:
            with contextlib.suppress(Exception):
                self.store.close()
        with contextlib.suppress(Exception):
            self.index.close()

    # -- library ---------------------------------------------------------------------------
    def _startup_notice(self, text: str) -> None:
        """Something the user must know (damaged store moved aside, bookmarks unavailable):
        kept visible in the status bar, not only flashed."""
        self._notices.append(text)
        self.statusBar().showMessage(text, 15000)
        label = getattr(self, "notice_label", None)
        if label is not None:
            label.setText("⚠ " + self._notices[-1][:90])
            label.setToolTip("\n".join(self._notices))
            label.setVisible(True)

    @property
    def notices(self) -> list[str]:
        return list(self._notices)

    def reload_library(self) -> None:
        if self.folder is not None:
            self.open_library(self.folder)

    def choose_folder(self) -> None:
        start = str(self.folder) if self.folder else str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, "Ouvrir une bibliothèque", start)
        if folder:
            self.open_library(Path(folder))

    def open_library(self, folder: Path) -> None:
        """Show the indexed rows at once, then rescan changed files in the background."""
        folder = Path(folder).resolve()
        if not folder.is_dir():
            QMessageBox.warning(self, "Reader", f"{folder} n'est pas un dossier lisible.")
            return
        self.folder = folder
        self._resume = self._saved_position(folder)
        self.setWindowTitle(f"{folder.name} — Reader")
        self.clear_filters()
        self.model.set_rows([])
        self.pane.show_placeholder("Ouverture de la bibliothèque…")
        self.entities_panel.clear()
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.statusBar().showMessage(f"Ouverture de {folder}…")
        index = self.index

        def work(ctx: Any) -> Any:
            ctx.partial(("rows", index.rows(folder)))
            result = index.scan(
                folder,
                progress=lambda done, total: ctx.progress(done, total, ""),
                cancelled=lambda: ctx.cancelled,
                on_batch=lambda rows: ctx.partial(("batch", rows)),
            )
            rows = index.rows(folder)
            # for the bookmarks' relink, built here: 100,000 rows cost 0.15 s
            hashes = {r.content_hash: r.id for r in rows}
            return result, rows, index.problems(folder), hashes

        self.jobs.submit("library", work, self._on_library_done, self._on_library_failed,
                         self._on_library_progress, self._on_library_partial)

    def _on_library_partial(self, payload: Any) -> None:
        kind, rows = payload
        if kind == "rows":
            self.model.set_rows(rows)
            _freeze_long_lived()
        else:
            self.model.add_rows(rows)
        self._ensure_current()

    def _on_library_progress(self, done: int, total: int, _message: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat("Indexation %v / %m")

    def _on_library_done(self, payload: Any) -> None:
        result, rows, problems, hashes = payload
        _freeze_long_lived()
        current = self.current_article_id()
        if result.added or result.updated or result.removed or self.model.total() != len(rows):
            self.model.set_rows(rows)
        self.problems = list(problems)
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        n = self.model.total()
        parts = [f"{n} article{'s' if n != 1 else ''}"]
        if result.cancelled:
            parts.append("indexation interrompue (reprendra à la prochaine ouverture)")
        if self.problems:
            parts.append(f"{len(self.problems)} fichier(s) illisible(s)")
            self.problems_button.setText(f"{len(self.problems)} problème(s)")
            self.problems_button.setToolTip("Voir les fichiers qui n'ont pas pu être lus")
        self.problems_button.setVisible(bool(self.problems))
        self.statusBar().showMessage(" · ".join(parts), 15000)
        if current and self.model.row_for_id(current) >= 0:
            self.select_article(current)
        else:
            self._ensure_current()
        if self.model.total() == 0:
            self.pane.show_placeholder("Cette bibliothèque ne contient aucun article lisible.")
        if self.library_entities is not None and self.folder is not None:
            self.library_entities.set_library(self.folder, self.index, rows)
        if self.bookmarks_panel is not None:
            # renamed or moved files keep their bookmarks (same content); a relink reloads
            if not self.bookmarks_panel.relink_library(hashes):
                self.bookmarks_panel.reload()  # another window may have written
        self.sig_library_loaded.emit()

    def _on_library_failed(self, failure: JobFailure) -> None:
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.statusBar().showMessage(f"Impossible d'ouvrir la bibliothèque : {failure}")
        self.sig_library_loaded.emit()

    def show_problems(self) -> None:
        if not self.problems:
            QMessageBox.information(self, "Reader", "Tous les fichiers ont été lus.")
            return
        ProblemsDialog(self.problems, self).exec()

    # -- article list ----------------------------------------------------------------------
    def _ensure_current(self) -> None:
        if self.proxy.rowCount() and not self.table.currentIndex().isValid():
            row = self.model.row_for_id(self._resume[0]) if self._resume else -1
            if row >= 0:  # back where the reader was when the library was last closed
                index = self.proxy.mapFromSource(self.model.index(row, COL_TITLE))
                self.table.setCurrentIndex(index)
                self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
            else:
                self.table.setCurrentIndex(self.proxy.index(0, COL_TITLE))

    def current_article_id(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(IdRole) if index.isValid() else None

    def select_article(self, article_id: str) -> bool:
        row = self.model.row_for_id(article_id)
        if row < 0:
            if not self.model.has_article(article_id):
                return False
            self.clear_filters()  # it is filtered out
            row = self.model.row_for_id(article_id)
        proxy_index = self.proxy.mapFromSource(self.model.index(row, COL_TITLE))
        self.table.selectionModel().setCurrentIndex(
            proxy_index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(proxy_index)
        return True

    def step_article(self, step: int) -> None:
        current = self.table.currentIndex()
        row = current.row() + step if current.isValid() else 0
        if 0 <= row < self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(row, COL_TITLE))

    def _run_sort(self, compute: Callable[[], Any], apply: Callable[[Any], None]) -> None:
        """Sorting a big list by title or source runs here, off the GUI thread."""
        self.statusBar().showMessage("Tri de la liste…")

        def done(rows: Any) -> None:
            self.statusBar().clearMessage()
            apply(rows)

        self.jobs.submit("sort", lambda _ctx: compute(), done,
                         lambda f: self.statusBar().showMessage(f"Tri impossible : {f}"))

    def _apply_sort(self, which: int) -> None:
        _name, column, order, relevance = SORTS[which]
        self.proxy.set_sort_by_relevance(relevance)
        self.table.sortByColumn(column, order)

    def focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def clear_filters(self) -> None:
        self.filter_edit.blockSignals(True)
        self.filter_edit.clear()
        self.filter_edit.blockSignals(False)
        self._search_terms = []
        self.delegate.set_terms([])
        self.model.clear_match_snippets()
        self.proxy.set_search(None)
        self.proxy.set_entity_ids(None)
        self.proxy.set_month(None)
        self._entity_filter_text = ""
        self._focus_entity = None
        self.pane.set_search_terms([])
        self.pane.set_focus_entity(None)
        panel = self.library_entities
        if panel is not None:  # the dock forgets its choice too (signals come back as None)
            panel.clear_choice()
            panel.timeline.clear_choice()
        self._update_filter_info()

    def _update_filter_info(self) -> None:
        parts = []
        if self._search_terms:
            parts.append(f"{self.proxy.rowCount()} résultat(s)")
        if self._entity_filter_text:
            parts.append(f"entité : {self._entity_filter_text}")
        if self.proxy.month:
            parts.append(f"période : {self.proxy.month}")
        self.filter_info.setText(" · ".join(parts))
        self.filter_info.setVisible(bool(parts))
        self.clear_filters_button.setVisible(bool(parts))
        self._sync_current_after_filter()

    def _sync_current_after_filter(self) -> None:
        """After a filter change: keep the open article current, selected and in sight if
        it is still listed, else open the first listed article."""
        shown = self.pane.article.id if self.pane.article is not None else None
        row = self.model.row_for_id(shown) if shown else -1
        index = (self.proxy.mapFromSource(self.model.index(row, COL_TITLE)) if row >= 0
                 else QModelIndex())
        if not index.isValid():
            if self.proxy.rowCount() == 0:
                return
            index = self.proxy.index(0, COL_TITLE)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def recent_searches(self) -> list[str]:
        return self._recent_searches.stringList()

    def _remember_search(self) -> None:
        """Enter or leaving the box: the query was meant, not a prefix being typed."""
        query = " ".join(self.filter_edit.text().split())
        if not query:
            return
        recent = [query] + [q for q in self.recent_searches() if q != query]
        self._recent_searches.setStringList(recent[:RECENT_SEARCHES])

    def _run_search(self) -> None:
        self._search_timer.stop()
        query = self.filter_edit.text().strip()
        folder = self.folder
        if not query or folder is None:
            self._search_terms = []
            self.delegate.set_terms([])
            self.model.clear_match_snippets()
            self.proxy.set_search(None)
            self.pane.set_search_terms([])
            self._update_filter_info()
            self.table.viewport().update()
            self.sig_search_done.emit(self.proxy.rowCount())
            return
        live_query = query
        last = query.split()[-1] if query.split() else ""
        if (last and not query.endswith((" ", '"', "*")) and last.upper() not in {"OR", "AND", "NOT"}
                and last.replace("-", "").isalnum()):
            live_query = query + "*"  # search as you type: the word being typed is a prefix
        index = self.index
        relevance = self.proxy.sorts_by_relevance

        def work(_ctx: Any) -> Any:
            hits = index.search(folder, live_query)
            hits.bitmap()  # built here rather than on the GUI thread
            if relevance:
                hits.rank_of  # noqa: B018 - ranked here too (bm25 costs 2-4 µs a hit)
            return hits, index.match_terms(live_query)

        def done(payload: Any) -> None:
            ranked, terms = payload
            if list(terms) != self._search_terms:
                self.model.clear_match_snippets()
            self._search_terms = list(terms)
            self.delegate.set_terms(terms)
            self.proxy.set_search(ranked)
            self.pane.set_search_terms(terms)
            self._update_filter_info()
            self.table.viewport().update()
            self._ensure_current()
            self._request_match_snippets()
            self.sig_search_done.emit(self.proxy.rowCount())

        self.jobs.submit("search", work, done,
                         lambda f: self.statusBar().showMessage(f"Recherche impossible : {f}"))

    def _request_match_snippets(self) -> None:
        """Read the rows in view from their files, off the GUI thread, and show the text
        around each one's first match instead of its first line (``sig_snippets_done``)."""
        terms, folder = list(self._search_terms), self.folder
        if not terms or folder is None or self.proxy.rowCount() == 0:
            return
        first = max(self.table.rowAt(0), 0)
        last = self.table.rowAt(self.table.viewport().height() - 1)
        last = self.proxy.rowCount() - 1 if last < 0 else last
        ids = [aid for row in range(first, min(last, first + 100) + 1)
               if (aid := self.proxy.index(row, COL_TITLE).data(IdRole))
               and not self.model.has_match_snippet(aid)]
        if not ids:
            return
        index = self.index

        def work(ctx: Any) -> Any:
            found: dict[str, str] = {}
            for aid in ids:
                if ctx.cancelled:
                    break
                try:
                    text = index.load_article(aid, folder).text
                except (KeyError, OSError, ParseError):  # gone or broken since the search
                    text = ""
                found[aid] = match_snippet(text, terms) or ""  # "": the stored first line
            return found

        def done(found: Any) -> None:
            if terms == self._search_terms and folder == self.folder:
                self.model.set_match_snippets(found)
                self.sig_snippets_done.emit()

        # a failure leaves the stored first lines, which are still right: nothing to report
        self.jobs.submit("snippets", work, done, lambda _f: None)

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        row = current.data(ArticleRole)
        if row is None:
            return
        shown = self.pane.article
        if shown is not None and shown.id == row.id and shown.content_hash == row.content_hash:
            return  # already open (the list was only re-filtered or re-sorted)
        self.load_article(row.id)

    def _update_visible_rows(self) -> None:
        if self.library_entities is None or not self.library_entities.isVisible():
            return
        self.library_entities.set_visible_rows(self.proxy.accepted_rows())

    # -- article ---------------------------------------------------------------------------
    def load_article(self, article_id: str) -> None:
        folder = self.folder
        if folder is None:
            return
        index, cache, extractor = self.index, self.entity_cache, self.extractor
        font, enabled = self.pane.default_font(), self.pane.enabled_labels()
        gui_thread = self.thread()

        def work(_ctx: Any) -> Any:
            article = index.load_article(article_id, folder)
            ents = None
            if cache is not None:  # a cached result needs no model: shown at once
                ents = cache.get(article.content_hash, extractor.version)
            # the document (text + cached highlights) is built here, off the GUI thread;
            # the GUI thread only attaches it (50,000 words: ~25 ms less on the GUI thread)
            body = by_position(ents.body) if ents else []
            built = build_document(article, body, enabled, font)
            built.document.moveToThread(gui_thread)
            return article, ents, built

        self.jobs.submit("article", work, self._on_article_loaded, self._on_article_failed)

    def _on_article_failed(self, failure: JobFailure) -> None:
        self._resume = None
        self.pane.show_placeholder(f"Impossible d'afficher cet article : {failure}")
        self.entities_panel.clear()
        self.statusBar().showMessage(f"Article illisible : {failure}", 15000)

    def _on_article_loaded(self, payload: Any) -> None:
        article, ents, built = payload
        self.pane.show_article(article, ents.body if ents is not None else None, built)
        self.pane.set_search_terms(self._search_terms)
        self._current_entities = None
        self.entities_panel.clear()
        if self.bookmarks_panel is not None:
            with contextlib.suppress(StorageError):
                self.bookmarks_panel.reanchor_article(article)
            self.bookmarks_panel.set_current_article(article.id)
            self._refresh_bookmark_overlay()
        if self._pending_selection and self._pending_selection[0] == article.id:
            _aid, start, end = self._pending_selection
            self._pending_selection = None
            self.pane.select_range(start, end)
        elif self._resume is not None and self._resume[0] == article.id:
            self.pane.restore_position(self._resume[1])
        elif self.pane.match_count:
            self.pane.step_match(True)  # opened from a search: show its first match
        self._resume = None  # only the first article shown resumes
        self.sig_article_shown.emit(article.id)
        if ents is not None:
            self._apply_entities(article, ents, already_shown=True)
        elif self.model_ready:
            self._extract_entities(article)
        else:
            if not self._model_requested:
                self.load_model()
            self.entities_panel.set_status(self.model_label.text() or "Modèle en chargement…")
            self.pane.legend.status.setText("entités : en attente du modèle…")
        focus = self._focus_entity
        if focus and ents is None:
            self.pane.set_focus_entity(*focus)

    def _extract_entities(self, article: Article) -> None:
        extractor, cache, ner = self.extractor, self.entity_cache, self.ner
        self.pane.legend.status.setText("entités : analyse…")
        self.entities_panel.set_status("Analyse des entités…")

        def work(_ctx: Any) -> Any:
            version = extractor.version
            ents = cache.get(article.content_hash, version) if cache is not None else None
            if ents is None:
                ents = ner.extract_article(article)  # in the child: the GIL stays here
                if cache is not None:
                    with contextlib.suppress(StorageError):
                        cache.put(article.content_hash, version, ents)
            return article, ents

        self.jobs.submit("entities", work, lambda p: self._apply_entities(*p),
                         self._on_entities_failed, serial=True)

    def _on_entities_failed(self, failure: JobFailure) -> None:
        self.pane.legend.status.setText("entités : échec")
        self.entities_panel.set_status(f"Analyse impossible : {failure}")

    def _apply_entities(self, article: Article, ents: ArticleEntities,
                        already_shown: bool = False) -> None:
        if self.pane.article is None or self.pane.article.content_hash != article.content_hash:
            return  # the user moved on
        self._current_entities = ents
        if not already_shown:
            self.pane.set_entities(ents.body)
        self.entities_panel.set_entities(list(ents.caption) + list(ents.body))
        n = len(ents.body)
        self.pane.legend.status.setText(f"{n} entité{'s' if n != 1 else ''}")
        counts: dict[str, int] = {}
        for ent in ents.body:
            counts[ent.label] = counts.get(ent.label, 0) + 1
        # screen readers announce what the colours and underlines show
        self.pane.view.setAccessibleDescription(
            f"{article.title}. {n} entités surlignées : " + ", ".join(
                f"{c} {style_for(label).plural.lower()}" for label, c in counts.items()))
        self.entities_panel.set_status("")
        focus = self._focus_entity
        if focus:
            self.pane.set_focus_entity(*focus)
        self.sig_entities_applied.emit(article.id)

    def load_model(self) -> None:
        self._model_requested = True
        self.model_label.setText("Chargement du modèle d'entités…")
        ner = self.ner

        def work(_ctx: Any) -> Any:
            return ner.load()  # starts the child process and loads its model

        self.jobs.submit("model", work, self._on_model_ready, self._on_model_failed, serial=True)

    def _on_model_ready(self, version: str) -> None:
        self.model_ready = True
        self.model_label.setText(f"Entités : {self.extractor.model_name} prêt")
        self.model_label.setToolTip(version)
        self.sig_model_ready.emit(True)
        if self.pane.article is not None and self._current_entities is None:
            self._extract_entities(self.pane.article)

    def _on_model_failed(self, failure: JobFailure) -> None:
        self.model_error = str(failure)
        self.model_label.setText("Entités indisponibles")
        self.model_label.setToolTip(str(failure))
        self.pane.legend.status.setText("entités indisponibles")
        self.statusBar().showMessage(f"Le modèle d'entités n'a pas pu être chargé : {failure}")
        self.sig_model_ready.emit(False)

    def _on_article_entity_activated(self, key: str, _label: str, text: str) -> None:
        if self.pane.set_focus_entity(key, text):
            self.pane.step_mention(True)

    # -- library entities ----------------------------------------------------------------
    def _on_library_entity_chosen(self, choice: Any) -> None:
        if choice is None:
            self._focus_entity = None
            self._entity_filter_text = ""
            self.proxy.set_entity_ids(None)
            self.pane.set_focus_entity(None)
        else:
            key, _label, display, ids, bitmap = choice
            members = tuple(getattr(self.library_entities, "member_keys", ()) or ())
            self._focus_entity = (key, display, members)
            self._entity_filter_text = display
            self.proxy.set_entity_ids(ids, bitmap)
            self.pane.set_focus_entity(key, display, members)
            self._ensure_current()
        self._update_filter_info()

    def _on_month_chosen(self, month: Any) -> None:
        self.proxy.set_month(month)
        self._ensure_current()
        self._update_filter_info()

    def _on_entity_batch_progress(self, done: int, total: int) -> None:
        running = bool(total) and done < total
        self.batch_label.setText(f"Entités de la bibliothèque : {done}/{total}" if running else "")
        self.batch_label.setVisible(running)

    def _on_entity_batch_status(self, text: str) -> None:
        self.batch_label.setToolTip(text)

    # -- bookmarks -------------------------------------------------------------------------
    def _current_selection(self) -> tuple[Article, int, int] | None:
        rng = self.pane.selection_range()
        if rng is None or self.pane.article is None:
            return None
        return self.pane.article, rng[0], rng[1]

    def bookmark_selection(self, note: str | None = None) -> Any:
        """Bookmark the selected passage; asks for an optional note when ``note`` is None."""
        sel = self._current_selection()
        if sel is None or self.bookmarks_panel is None:
            self.statusBar().showMessage("Sélectionnez d'abord un passage à marquer.", 5000)
            return None
        article, start, end = sel
        if note is None:
            quote = article.text[start:end]
            short = quote if len(quote) < 120 else quote[:117] + "…"
            text, ok = QInputDialog.getMultiLineText(
                self, "Marque-page", f"« {short} »\n\nNote (facultative) :")
            if not ok:
                return None
            note = text
        try:
            bookmark = self.bookmarks_panel.add_bookmark(article, start, end, note)
        except StorageError as exc:
            QMessageBox.warning(self, "Reader", f"Le marque-page n'a pas été enregistré : {exc}")
            return None
        self.statusBar().showMessage("Passage marqué.", 4000)
        return bookmark

    def _refresh_bookmark_overlay(self) -> None:
        if self._closed or self.store is None or self.pane.article is None:
            return
        try:
            marks = self.store.for_article(self.pane.article.id)
        except StorageError:
            return
        self.pane.set_bookmarks(
            (b.start, b.end, getattr(b, "colour", "yellow")) for b in marks
            if getattr(b, "status", "anchored") != "orphaned")

    def open_bookmark(self, bookmark: Any) -> None:
        if self.pane.article is not None and self.pane.article.id == bookmark.article_id:
            self.pane.select_range(bookmark.start, bookmark.end)
            self.pane.view.setFocus()
            return
        self._pending_selection = (bookmark.article_id, bookmark.start, bookmark.end)
        if not self.select_article(bookmark.article_id):
            self._pending_selection = None
            self.statusBar().showMessage(
                f"L'article « {getattr(bookmark, 'article_title', bookmark.article_id)} » "
                "n'est pas dans cette bibliothèque.", 8000)

    def _pane_context_menu(self, pos: Any) -> None:
        menu: QMenu = self.pane.view.createStandardContextMenu(pos)
        menu.addSeparator()
        menu.addAction(self.act_bookmark)
        selected = self.pane.selected_text()
        if selected and len(selected) < 80:
            search = menu.addAction(icon("find"), f"Rechercher « {selected[:40]} » dans la "
                                                  "bibliothèque")
            search.triggered.connect(lambda: self._search_for(selected))
        menu.exec(self.pane.view.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _search_for(self, text: str) -> None:
        self.filter_edit.setText(f'"{text}"' if " " in text else text)
        self._run_search()

    # -- misc --------------------------------------------------------------------------------
    def zoom(self, steps: int) -> None:
        self.pane.zoom(steps)

    def about(self) -> None:
        QMessageBox.about(
            self, "À propos de Reader",
            f"Reader {__version__}\nUn lecteur de bibliothèques d'articles de presse.\n"
            f"Données : {self.options.data_dir}\nCache : {self.options.cache_dir}")

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if any(u.isLocalFile() and Path(u.toLocalFile()).is_dir() for u in urls):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile() and Path(url.toLocalFile()).is_dir():
                event.acceptProposedAction()
                self.open_library(Path(url.toLocalFile()))
                return
        event.ignore()


def _freeze_long_lived() -> None:
    """Move every object alive now (the library's rows, the index's maps: ~10 objects per
    article) out of the cyclic garbage collector's reach.  Why: with 100,000 articles a
    full collection walks a million objects, 0.3 s holding the GIL, and allocations in any
    thread trigger one now and then: the window froze.  They are still freed by reference
    counting; only reference cycles among them would never be collected."""
    gc.freeze()
