"""The main window: a composition root.  It builds the views, hands them the services, and
connects signals (``_connect_signals``); the control flow lives in ``reader/services``.

Data flows one way: files → :class:`LibrarySession` (background operations) → the article
list and the reading pane; the filters have one owner (:class:`ViewState`) that the list,
the pane and the docks observe; messages go through :mod:`reader.services.messages` to the
status bar.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QResizeEvent,
    QShowEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QWidget,
)

from reader import __version__
from reader.core.bookmarks.store import Bookmark
from reader.core.library.parser import Article
from reader.services import messages
from reader.services.bookmark_types import BookmarkChange, Passage
from reader.services.bookmarks import BookmarkService
from reader.services.jobs import JobRunner
from reader.services.library_entities import LibraryEntityService
from reader.services.library_session import (
    LibraryOpened,
    LibrarySession,
    RowsArrived,
    SearchDone,
)
from reader.services.recent import RecentLibraries
from reader.services.settings import Settings
from reader.services.view_state import ViewState
from reader.ui.articles.list_panel import ArticleListPanel
from reader.ui.bookmarks.note_dialog import ask_bookmark
from reader.ui.bookmarks.panel import BookmarksPanel
from reader.ui.common import layout_guard
from reader.ui.common.focus_cycle import FocusCycle
from reader.ui.common.icons import icon
from reader.ui.common.problems_dialog import ProblemsDialog
from reader.ui.common.status_bar import StatusBar
from reader.ui.common.theme import ThemeManager
from reader.ui.entities.library_panel import LibraryEntitiesPanel
from reader.ui.menus import Actions, build_menus, build_toolbar
from reader.ui.reading.entities_panel import EntitiesPanel
from reader.ui.reading.pane import ReadingPane
from reader.ui.reading.presenter import ArticlePresenter


@dataclass
class WindowOptions:
    library: Path
    data_dir: Path
    cache_dir: Path
    remember_geometry: bool = True
    settings_file: Path | None = None  # None: the platform's place (with remember_geometry)
    settings: Settings | None = None  # given by the app (it chose the language with it)
    theme: ThemeManager | None = None  # the app's light/dark manager (menu Affichage → Thème)
    recent: RecentLibraries | None = None  # Fichier → Récents (None: no such menu)
    fit_screen: bool = True  # False: an explicit size (--screenshot --size) is kept


class MainWindow(QMainWindow):
    sig_library_loaded = Signal()
    sig_article_shown = Signal(str)  # article id, once rendered (before entities)
    sig_entities_applied = Signal(str)  # article id, once highlights are on
    sig_model_ready = Signal(bool)
    sig_search_done = Signal(int)  # rows shown after a search
    sig_snippets_done = Signal()  # the rows in view show the text around their matches

    def __init__(self, options: WindowOptions, parent: QWidget | None = None) -> None:
        """Raises :class:`StorageError` when the library index cannot be opened at all."""
        super().__init__(parent)
        self.options = options
        self.setWindowTitle("Reader")
        self.setWindowIcon(icon("app"))
        self.setAcceptDrops(True)
        self.settings = options.settings or (
            Settings(options.settings_file, parent=self) if options.remember_geometry
            else Settings.in_memory(self))
        self.status = StatusBar(self)  # first: it shows what opening the stores reports
        self.setStatusBar(self.status)
        self.jobs = JobRunner(self)
        self.undo_stack = QUndoStack(self)
        self.view_state = ViewState(self)
        self.session = LibrarySession(options.cache_dir, self.jobs, self)
        self.bookmarks = BookmarkService(options.data_dir, self.jobs, self.undo_stack, self)
        self.bookmarks.creator = self.settings.creator_name()
        self._pending_selection: tuple[str, int, int] | None = None
        self._resume: tuple[str, int] | None = None  # article and position read last time
        self._closed = False

        self.articles = ArticleListPanel(self.view_state, self)
        self.articles.model.sort_runner = self._run_sort
        self.pane = ReadingPane(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.articles)
        self.splitter.addWidget(self.pane)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self.entities_panel = EntitiesPanel(self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.entities_panel)
        self.bookmarks_panel = BookmarksPanel(self.bookmarks, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.bookmarks_panel)
        self.splitDockWidget(self.entities_panel, self.bookmarks_panel, Qt.Orientation.Vertical)
        self.entity_service = LibraryEntityService(options.cache_dir, options.data_dir,
                                                   self.view_state, self)
        self.library_entities = LibraryEntitiesPanel(self.entity_service, self.view_state, self)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.library_entities)
        self.library_entities.hide()
        self.commands = Actions(self, self.undo_stack)
        docks = [(self.entities_panel, "entities"), (self.bookmarks_panel, "bookmarks"),
                 (self.library_entities, "library_entities")]
        self._docks = docks
        for dock, _icon in docks:
            dock.setMinimumWidth(dock.fontMetrics().averageCharWidth() * 24)
        self.focus_cycle = FocusCycle(self, lambda: [
            self.articles.table, self.pane, *[d for d, _icon in self._docks],
            self.articles.search_edit])
        menus = build_menus(self, self.commands, docks, self._entity_type_actions())
        menus["go"].addSeparator()
        menus["go"].addActions([self.focus_cycle.next_action, self.focus_cycle.prev_action])
        build_toolbar(self, self.commands, self.library_entities.toggleViewAction())
        self.pane.add_context_actions([self.commands.bookmark])
        self.reading = ArticlePresenter(self.session, self.view_state, self.pane,
                                        self.entities_panel, self.status, self)
        self._restore_settings()
        self._connect_signals()

    def _entity_type_actions(self) -> list[QAction]:
        """View → Entity types: one checkable action per legend toggle, kept in step."""
        actions = []
        for label, button in self.pane.legend.buttons.items():
            act = QAction(button.text(), self)
            act.setCheckable(True)
            act.setChecked(True)
            act.toggled.connect(button.setChecked)
            button.toggled.connect(act.setChecked)
            act.setData(label)
            actions.append(act)
        return actions

    def _connect_signals(self) -> None:
        a, s, vs = self.commands, self.session, self.view_state
        a.open.triggered.connect(self.choose_folder)
        a.reload.triggered.connect(self.reload_library)
        a.problems.triggered.connect(self.show_problems)
        a.quit.triggered.connect(self.close)
        a.find.triggered.connect(self.articles.focus_search)
        a.next_article.triggered.connect(lambda: self.articles.step(1))
        a.prev_article.triggered.connect(lambda: self.articles.step(-1))
        a.next_match.triggered.connect(lambda: self.pane.step_match(True))
        a.prev_match.triggered.connect(lambda: self.pane.step_match(False))
        a.next_mention.triggered.connect(lambda: self.pane.step_mention(True))
        a.prev_mention.triggered.connect(lambda: self.pane.step_mention(False))
        a.bookmark.triggered.connect(lambda: self.bookmark_selection())
        a.zoom_in.triggered.connect(lambda: self.pane.zoom(1))
        a.zoom_out.triggered.connect(lambda: self.pane.zoom(-1))
        a.zoom_reset.triggered.connect(lambda: self.pane.zoom(0))
        a.about.triggered.connect(self.about)
        self.status.sig_cancel_scan.connect(s.cancel_scan)
        self.status.sig_show_problems.connect(self.show_problems)
        s.sig_rows.connect(self._on_rows)
        s.sig_progress.connect(self.status.scanning)
        s.sig_opened.connect(self._on_library_done)
        s.sig_open_failed.connect(self._on_library_failed)
        s.sig_search_done.connect(self._on_search_done)
        s.sig_snippets.connect(self._on_snippets)
        s.sig_article_failed.connect(self._forget_resume)
        self.reading.sig_article_shown.connect(self._on_article_shown)
        self.reading.sig_entities_applied.connect(self.sig_entities_applied)
        self.reading.sig_model_ready.connect(self.sig_model_ready)
        self.articles.sig_article_chosen.connect(self.reading.show_row)
        self.articles.sig_search_requested.connect(
            lambda q: s.search(q, ranked=self.articles.ranked))
        self.articles.sig_rows_in_view.connect(s.request_snippets)
        self.articles.sig_shown_rows_changed.connect(self._update_visible_rows)
        vs.sig_entity_changed.connect(lambda _e: self._after_filter())
        vs.sig_period_changed.connect(lambda _p: self._after_filter())
        self.pane.sig_selection_changed.connect(a.bookmark.setEnabled)
        self.pane.sig_context_menu.connect(self._offer_search_of_selection)
        self.entity_service.sig_progress.connect(self.status.set_batch)
        self.entity_service.sig_status.connect(self.status.set_batch_detail)
        self.bookmarks_panel.sig_bookmark_activated.connect(self.open_bookmark)
        self.bookmarks_panel.selection_provider = self._current_passage
        self.bookmarks.sig_changed.connect(self._on_bookmarks_changed)

    # -- settings --------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        """The saved layout, repaired if it no longer fits this screen or scale factor."""
        s = self.settings
        geometry, state, splitter = s.window_geometry(), s.window_state(), s.splitter_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self._default_layout()
        if state is not None:
            self.restoreState(state)
        if splitter is not None:
            self.splitter.restoreState(splitter)

        self.pane.set_point_size(s.point_size())
        self.articles.set_recent_searches(s.recent_searches())

    def _default_layout(self) -> None:
        layout_guard.default_size(self)
        self.resizeDocks([self.entities_panel], [330], Qt.Orientation.Horizontal)
        self.resizeDocks([self.entities_panel, self.bookmarks_panel], [380, 420],
                         Qt.Orientation.Vertical)
        self.splitter.setSizes([460, 640])

    def save_settings(self) -> None:
        s, folder, article = self.settings, self.session.folder, self.pane.article
        if folder is not None and article is not None:
            s.set_reading_position(folder, article.id, self.pane.reading_position())
        s.save_window(self.saveGeometry(), self.saveState(), QByteArray(self.splitter.saveState()))
        s.set_point_size(self.pane.point_size)
        s.set_recent_searches(self.articles.recent_searches())
        s.sync()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._fit_layout)

    def _fit_layout(self) -> None:
        """A layout saved on another screen or at another scale factor is repaired."""
        if self._closed:
            return
        if self.options.fit_screen:
            layout_guard.close_docks_that_do_not_fit(self, [d for d, _icon in self._docks])
            layout_guard.fit_to_screen(self)
        self.protect_reading_column()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.isVisible():
            QTimer.singleShot(0, self.protect_reading_column)

    def protect_reading_column(self) -> list[str]:
        """Docks give way when they leave the reading column below its minimum width."""
        if self._closed:
            return []
        docks = [d for d, _icon in self._docks]
        return layout_guard.protect_reading_column(self, self.splitter, self.pane, docks,
                                                   [self.library_entities])

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop background work and close stores (on close and in tests)."""
        if self._closed:
            return
        self._closed = True
        self.entity_service.stop()
        self.session.close()
        self.bookmarks.close()

    # -- library ---------------------------------------------------------------------------
    @property
    def folder(self) -> Path | None:
        return self.session.folder

    @property
    def notices(self) -> list[str]:
        return self.status.notices

    def reload_library(self) -> None:
        self.session.reload()

    def choose_folder(self) -> None:
        start = str(self.folder) if self.folder else str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, self.tr("Ouvrir une bibliothèque"), start)
        if folder:
            self.open_library(Path(folder))

    def open_library(self, folder: Path) -> None:
        """Show the indexed rows at once, then rescan changed files in the background."""
        folder = Path(folder).resolve()
        if not folder.is_dir():
            messages.error(self.tr("Ce dossier n'est pas lisible"), str(folder))
            return
        self._resume = self.settings.reading_position(folder)
        self.articles.resume_at(self._resume[0] if self._resume else "")
        self.setWindowTitle(f"{folder.name} — Reader")
        self.view_state.clear()
        self.articles.set_rows([])
        self.pane.show_placeholder(self.tr("Ouverture de la bibliothèque…"))
        self.entities_panel.clear()
        self.status.scanning(-1)
        self.status.say(self.tr("Ouverture de %1…").replace("%1", str(folder)), 0)
        self.session.open(folder)

    def _on_rows(self, arrived: RowsArrived) -> None:
        (self.articles.set_rows if arrived.replace else self.articles.add_rows)(arrived.rows)

    def _on_library_done(self, opened: LibraryOpened) -> None:
        current = self.articles.current_article_id()
        result, model = opened.result, self.articles.model
        if result.added or result.updated or result.removed or model.total() != len(opened.rows):
            model.set_rows(opened.rows)
        self.status.scanning(None)
        n, problems = model.total(), len(opened.problems)
        parts = [self.tr("%n article(s)", "", n)]
        if result.cancelled:
            parts.append(self.tr("indexation interrompue (reprendra à la prochaine ouverture)"))
        if problems:
            parts.append(self.tr("%n fichier(s) illisible(s)", "", problems))
        self.status.set_problems(problems)
        self.status.say(" · ".join(parts), 15000)
        if current and model.row_for_id(current) >= 0:
            self.articles.select_article(current)
        else:
            self.articles.ensure_current()
        if model.total() == 0:
            self.pane.show_placeholder(
                self.tr("Cette bibliothèque ne contient aucun article lisible."))
        self.entity_service.set_library(opened.folder, opened.rows)
        # renamed or moved files keep their bookmarks (same content); then re-read
        self.bookmarks.relink_library(opened.hashes)
        self.sig_library_loaded.emit()

    def _on_library_failed(self, _reason: str) -> None:
        self.status.scanning(None)
        self.sig_library_loaded.emit()

    @property
    def problems(self) -> list:
        return list(self.session.problems)

    def show_problems(self) -> None:
        if not self.session.problems:
            QMessageBox.information(self, "Reader", self.tr("Tous les fichiers ont été lus."))
            return
        ProblemsDialog(self.session.problems, self).exec()

    def _run_sort(self, compute: object, apply: object) -> None:
        """Sorting a big list by title or source runs off the GUI thread."""
        assert callable(compute) and callable(apply)
        self.status.say(self.tr("Tri de la liste…"), 0)

        def done(rows: object) -> None:
            self.status.clearMessage()
            apply(rows)

        (self.jobs.op("sort", lambda _ctx: compute()).success(done)
         .failure(lambda f: messages.warning(self.tr("Tri impossible"), str(f))).run())

    # -- search and filters ----------------------------------------------------------------
    def clear_filters(self) -> None:
        self.view_state.clear()

    def _on_search_done(self, done: SearchDone) -> None:
        self.view_state.set_terms(done.terms)
        self.articles.show_search(done.hits)
        self._after_filter()
        self.sig_search_done.emit(self.articles.proxy.rowCount())

    def _on_snippets(self, found: dict[str, str]) -> None:
        self.articles.set_snippets(found)
        self.sig_snippets_done.emit()

    def _after_filter(self) -> None:
        self.articles.refresh_summary()
        self.articles.keep_current(self.pane.article.id if self.pane.article else None)

    def show_library_entities_view(self) -> None:
        """Library Entities and its timeline beside the list, the other docks closed (the
        README's second screenshot)."""
        self.library_entities.show()
        self.library_entities.raise_()
        self.entities_panel.hide()
        self.bookmarks_panel.hide()
        self.resizeDocks([self.library_entities], [480], Qt.Orientation.Horizontal)
        self.splitter.setSizes([430, 530])

    def _offer_search_of_selection(self, menu: QMenu) -> None:
        selected = self.pane.selected_text()
        if selected and len(selected) < 80:
            search = menu.addAction(icon("find"), self.tr("Rechercher « %1 » dans la bibliothèque")
                                    .replace("%1", selected[:40]))
            search.triggered.connect(lambda: self.articles.search_for(selected))

    def _forget_resume(self, _reason: str) -> None:
        self._resume = None

    def _update_visible_rows(self) -> None:
        if self.library_entities.isVisible():
            self.entity_service.set_visible_rows(self.articles.shown_rows())

    # -- article ---------------------------------------------------------------------------
    def current_article_id(self) -> str | None:
        return self.articles.current_article_id()

    def select_article(self, article_id: str) -> bool:
        return self.articles.select_article(article_id)

    def _on_article_shown(self, article: Article) -> None:
        """Reanchor its bookmarks, then place a pending selection, the remembered reading
        position or the first search match."""
        self.bookmarks.reanchor(article)
        self.bookmarks_panel.set_current_article(article.id)
        self._refresh_bookmark_overlay()
        pending, self._pending_selection = self._pending_selection, None
        if pending and pending[0] == article.id:
            self.pane.select_range(pending[1], pending[2])
        elif self._resume is not None and self._resume[0] == article.id:
            self.pane.restore_position(self._resume[1])
        elif self.pane.match_count:
            self.pane.step_match(True)  # opened from a search: show its first match
        self._resume = None  # only the first article shown resumes
        self.sig_article_shown.emit(article.id)

    @property
    def model_error(self) -> str:
        return self.session.model.detail if self.session.model.state == "failed" else ""

    # -- bookmarks -------------------------------------------------------------------------
    def _current_passage(self) -> Passage | None:
        rng = self.pane.selection_range()
        if rng is None or self.pane.article is None:
            return None
        return Passage(self.pane.article, rng[0], rng[1])

    def bookmark_selection(self, note: str | None = None) -> Bookmark | None:
        """Bookmark the selected passage; asks for a note, colour and tags (the Ctrl+D
        dialog, last choices remembered) when ``note`` is None."""
        passage = self._current_passage()
        if passage is None:
            self.status.say(self.tr("Sélectionnez d'abord un passage à marquer."))
            return None
        s = self.settings
        colour, tags = s.last_bookmark_colour() or "yellow", s.last_bookmark_tags()
        if note is None:
            choice = ask_bookmark(self, passage.article.text[passage.start:passage.end],
                                  last_colour=colour, last_tags=tuple(tags),
                                  known_tags=self.bookmarks.tags())
            if choice is None:
                return None
            note, colour, tags = choice.note, choice.colour, list(choice.tags)
            s.set_last_bookmark_colour(colour)
            s.set_last_bookmark_tags(tags)
        bookmark = self.bookmarks.add(passage.article, passage.start, passage.end, note,
                                      colour, tags)
        if bookmark is not None:
            self.status.say(self.tr("Passage marqué."), 4000)
        return bookmark

    def _on_bookmarks_changed(self, change: BookmarkChange) -> None:
        if self.pane.article is not None and change.affects(self.pane.article.id):
            self._refresh_bookmark_overlay()

    def _refresh_bookmark_overlay(self) -> None:
        if self._closed or self.pane.article is None:
            return
        self.pane.set_bookmarks((b.start, b.end, b.colour)
                                for b in self.bookmarks.for_article(self.pane.article.id)
                                if not b.orphaned)

    def open_bookmark(self, bookmark: Bookmark) -> None:
        if self.pane.article is not None and self.pane.article.id == bookmark.article_id:
            self.pane.select_range(bookmark.start, bookmark.end)
            self.pane.focus_text()
            return
        self._pending_selection = (bookmark.article_id, bookmark.start, bookmark.end)
        if not self.select_article(bookmark.article_id):
            self._pending_selection = None
            self.status.say(self.tr("L'article « %1 » n'est pas dans cette bibliothèque.")
                            .replace("%1", bookmark.article_title or bookmark.article_id), 8000)

    # -- misc --------------------------------------------------------------------------------
    def about(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("À propos de Reader"),
                          self.tr("Reader %1\nUn lecteur de bibliothèques d'articles de presse.\n"
                                  "Données : %2\nCache : %3").replace("%1", __version__)
                          .replace("%2", str(self.options.data_dir))
                          .replace("%3", str(self.options.cache_dir)), parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

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
