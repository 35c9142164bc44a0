"""The main window: a composition root.  It builds the views, hands them the services, and
connects signals (``_connect_signals``); the control flow lives in ``reader/services``.

Data flows one way: files → :class:`LibrarySession` (background operations) → the article
list and the reading pane; the filters have one owner (:class:`ViewState`) that the list,
the pane and the docks observe; messages go through :mod:`reader.services.messages` to the
status bar.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QResizeEvent,
    QShowEvent,
    QUndoStack,
)
from PySide6.QtWidgets import QFileDialog, QMainWindow, QWidget

from reader.core.bookmarks.store import Bookmark
from reader.core.library.parser import Article
from reader.services import messages
from reader.services.bookmarks import BookmarkService
from reader.services.jobs import JobRunner
from reader.services.library_entities import LibraryEntityService
from reader.services.library_session import LibraryOpened, LibrarySession, RowsArrived, SearchDone
from reader.services.read_state import ReadCounts, ReadStateService
from reader.services.recent import RecentLibraries
from reader.services.settings import Settings
from reader.services.view_state import ViewState
from reader.ui.articles.list_panel import ArticleListPanel
from reader.ui.bookmarks.panel import BookmarksPanel
from reader.ui.bookmarks.passages import BookmarkPassages
from reader.ui.common.focus_cycle import FocusCycle
from reader.ui.common.folder_drop import FolderDrop
from reader.ui.common.icons import icon
from reader.ui.common.language_menu import language_actions
from reader.ui.common.recent_menu import RecentMenu
from reader.ui.common.status_bar import StatusBar
from reader.ui.common.theme import ThemeManager, mode_actions
from reader.ui.common.window_layout import WindowLayout, central_splitter, place_docks
from reader.ui.entities.library_panel import LibraryEntitiesPanel
from reader.ui.menus import Actions, MenuParts, build_menus, build_toolbar
from reader.ui.reading.entities_panel import EntitiesPanel
from reader.ui.reading.pane import ReadingPane
from reader.ui.reading.passage_commands import PassageCommands
from reader.ui.reading.presenter import ArticlePresenter

if TYPE_CHECKING:
    from reader.core.entities.process import ProcessExtractor


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
    ner: ProcessExtractor | None = None  # the model's child, started at launch (app.py)


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
        self.settings = options.settings or (
            Settings(options.settings_file, parent=self) if options.remember_geometry
            else Settings.in_memory(self))
        self.status = StatusBar(self)  # first: it shows what opening the stores reports
        self.setStatusBar(self.status)
        self.jobs = JobRunner(self)
        self.undo_stack = QUndoStack(self)
        self.view_state = ViewState(self)
        self.session = LibrarySession(options.cache_dir, self.jobs, self, ner=options.ner)
        self.bookmarks = BookmarkService(options.data_dir, self.jobs, self.undo_stack, self)
        self.bookmarks.creator = self.settings.creator_name()
        self.read_state = ReadStateService.open(options.data_dir, self.undo_stack,
                                                dwell_ms=self.settings.read_dwell_ms(),
                                                parent=self)
        self.entity_service = LibraryEntityService(options.cache_dir, options.data_dir,
                                                   self.view_state, self)
        self._resume: tuple[str, int] | None = None  # article and position read last time
        self._closed = False
        self._build_views()

    def _build_views(self) -> None:
        self.articles = ArticleListPanel(self.view_state, self.jobs, self)
        self.articles.bind_read_state(self.read_state)
        self.pane = ReadingPane(self)
        self.splitter = central_splitter(self, self.articles, self.pane)
        self.entities_panel = EntitiesPanel(self)
        self.bookmarks_panel = BookmarksPanel(self.bookmarks, self)
        self.library_entities = LibraryEntitiesPanel(self.entity_service, self.view_state, self)
        docks = [self.entities_panel, self.bookmarks_panel, self.library_entities]
        place_docks(self, right=docks[:2], left=docks[2:])
        self.commands = Actions(self, self.undo_stack, self.status.say)
        self.passages = PassageCommands(self.pane, self.bookmarks, self)
        self.bookmark_passages = BookmarkPassages(self.pane, self.bookmarks, self.settings,
                                                  self.select_article, self)
        FolderDrop(self, self.open_library)
        self.reading = ArticlePresenter(self.session, self.view_state, self.pane,
                                        self.entities_panel, self.status, self)
        self.focus_cycle = FocusCycle(self, lambda: [
            self.articles.table, self.pane, *docks, self.articles.search_edit])
        recent = RecentMenu(self.options.recent, self) if self.options.recent else None
        self.recent_menu = recent
        theme = self.options.theme
        self.menus = build_menus(self, self.commands, MenuParts(
            docks=[(self.entities_panel, "entities"), (self.bookmarks_panel, "bookmarks"),
                   (self.library_entities, "library_entities")],
            entity_types=self.pane.type_actions(),
            view=[self.pane.act_caret, self.articles.unread_action, self.articles.starred_action],
            file=[self.bookmarks_panel.act_export, self.bookmarks_panel.act_import,
                  self.bookmarks_panel.act_recover, self.bookmarks_panel.act_retry],
            themes=mode_actions(theme, self, self.settings) if theme else [],
            languages=language_actions(self.settings, self, self.status.say),
            recent=recent, go=[self.focus_cycle.next_action, self.focus_cycle.prev_action]))
        build_toolbar(self, self.commands, self.library_entities.toggleViewAction())
        self.pane.add_context_actions([self.commands.bookmark, self.commands.copy_citation,
                                       self.commands.copy_link])
        self.layout_keeper = WindowLayout(self, self.settings, self.splitter, self.pane, docks,
                                          [self.library_entities],
                                          fit_screen=self.options.fit_screen)
        self.layout_keeper.restore()
        self.pane.set_point_size(self.settings.point_size())
        self.commands.justify.setChecked(self.settings.justify())
        self.articles.set_recent_searches(self.settings.recent_searches())
        self._connect_signals()

    def _connect_signals(self) -> None:
        a, s, vs, p = self.commands, self.session, self.view_state, self.passages
        for action, slot in (
            (a.open, self.choose_folder), (a.reload, s.reload), (a.problems, self.show_problems),
            (a.quit, self.close), (a.find, self.articles.focus_search), (a.about, self.about),
            (a.bookmark, self.bookmark_selection), (a.find_in_article, self.reading.find_bar.open),
            (a.next_article, lambda: self.articles.step(1)),
            (a.prev_article, lambda: self.articles.step(-1)),
            (a.next_match, lambda: self.pane.step_match(True)),
            (a.prev_match, lambda: self.pane.step_match(False)),
            (a.next_mention, lambda: self.pane.step_mention(True)),
            (a.prev_mention, lambda: self.pane.step_mention(False)),
            (a.zoom_in, lambda: self.pane.zoom(1)), (a.zoom_out, lambda: self.pane.zoom(-1)),
            (a.zoom_reset, lambda: self.pane.zoom(0)), (a.shortcuts, self.show_shortcuts),
            (a.print, p.print_article), (a.export_pdf, p.export_pdf),
            (a.copy_citation, p.copy_with_citation), (a.copy_link, p.copy_link),
            (a.toggle_read, lambda: self._on_current(self.read_state.toggle_read)),
            (a.toggle_star, lambda: self._on_current(self.read_state.toggle_star)),
            (a.mark_all_read, lambda: self.read_state.mark_all_read(self.articles.shown_ids())),
        ):
            action.triggered.connect(lambda _checked=False, f=slot: f())
        a.justify.toggled.connect(self.pane.set_justified)
        a.justify.toggled.connect(self.settings.set_justify)
        self.status.sig_cancel_scan.connect(s.cancel_scan)
        self.status.sig_show_problems.connect(self.show_problems)
        s.sig_rows.connect(self._on_rows)
        s.sig_progress.connect(self.status.scanning)
        s.sig_opened.connect(self._on_library_done)
        s.sig_open_failed.connect(lambda _reason: self._on_library_failed())
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
        self.pane.sig_context_menu.connect(p.offer_library_search)
        p.sig_search.connect(self.articles.search_for)
        self.entity_service.sig_progress.connect(self.status.set_batch)
        s.sig_model_state.connect(lambda model: self.entity_service.hold_extraction(model.busy))
        self.entity_service.sig_status.connect(self.status.set_batch_detail)
        self.bookmarks_panel.sig_bookmark_activated.connect(self.bookmark_passages.open)
        self.bookmarks_panel.selection_provider = self.bookmark_passages.current_passage
        self.read_state.sig_counts_changed.connect(self._show_counts)
        p.sig_open_link.connect(self._go_to_link)
        if self.recent_menu is not None:
            self.recent_menu.sig_open.connect(self.open_library)

    # -- window life -------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._fit_layout)

    def _fit_layout(self) -> None:
        if not self._closed:
            self.layout_keeper.fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.isVisible():
            QTimer.singleShot(0, self.protect_reading_column)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002 - Qt's name
        return self.focus_cycle.tab_out_of_last_dock(next) or super().focusNextPrevChild(next)

    def protect_reading_column(self) -> list[str]:
        """Docks give way when they leave the reading column below its minimum width."""
        return [] if self._closed else self.layout_keeper.protect()

    def save_settings(self) -> None:
        s, folder, article = self.settings, self.session.folder, self.pane.article
        if folder is not None and article is not None:
            s.set_reading_position(folder, article.id, self.pane.reading_position())
        self.layout_keeper.save()
        s.set_point_size(self.pane.point_size)
        s.set_recent_searches(self.articles.recent_searches())
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
        self.entity_service.stop()
        self.session.close()
        self.bookmarks.close()
        self.read_state.close()

    # -- library -------------------------------------------------------------------------------
    @property
    def folder(self) -> Path | None:
        return self.session.folder

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
        if self.options.recent is not None:
            self.options.recent.add(folder)
        self._resume = self.settings.reading_position(folder)
        self.articles.resume_at(self._resume[0] if self._resume else "")
        self.passages.library = folder
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
        self.status.library_opened(model.total(), len(opened.problems), result.cancelled)
        if current and model.row_for_id(current) >= 0:
            self.articles.select_article(current)
        else:
            self.articles.ensure_current()
        if model.total() == 0:
            self.pane.show_placeholder(
                self.tr("Cette bibliothèque ne contient aucun article lisible."))
        self.entity_service.set_library(opened.folder, opened.rows)
        self.read_state.set_library(opened.folder, [(r.id, r.content_hash) for r in opened.rows])
        # renamed or moved files keep their bookmarks (same content); then re-read
        self.bookmarks.relink_library(opened.hashes)
        self.sig_library_loaded.emit()

    def _on_library_failed(self) -> None:
        self.status.scanning(None)
        self.sig_library_loaded.emit()

    def show_problems(self) -> None:
        if not self.session.problems:
            messages.info(self.tr("Tous les fichiers ont été lus."))
            return
        from reader.ui.common.problems_dialog import ProblemsDialog  # dialogs: on first use

        ProblemsDialog(self.session.problems, self).exec()

    # -- articles, search and filters ------------------------------------------------------------
    def current_article_id(self) -> str | None:
        return self.articles.current_article_id()

    def select_article(self, article_id: str) -> bool:
        return self.articles.select_article(article_id)

    def clear_filters(self) -> None:
        self.view_state.clear()

    def _on_current(self, act: Callable[[str], object]) -> None:
        article_id = self.articles.current_article_id()
        if article_id:
            act(article_id)

    def _show_counts(self, counts: ReadCounts) -> None:
        folder = self.folder.name if self.folder else "Reader"
        unread = f" ({counts.unread})" if counts.unread else ""
        self.setWindowTitle(f"{folder}{unread} — Reader")
        self.status.set_read_counts(counts.unread, counts.starred)

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

    def _update_visible_rows(self) -> None:
        if self.library_entities.isVisible():
            self.entity_service.set_visible_rows(self.articles.shown_rows())

    def _forget_resume(self, _reason: str) -> None:
        self._resume = None

    def _on_article_shown(self, article: Article) -> None:
        """Reanchor its bookmarks, then place a pending selection (a bookmark or a link), the
        remembered reading position or the first search match."""
        self.bookmarks_panel.set_current_article(article.id)
        self.read_state.article_opened(article.id)
        linked = self.passages.find_passage(article)
        bookmark_selected = self.bookmark_passages.article_shown(article)
        if linked is not None:
            self.pane.select_range(*linked)
        elif bookmark_selected:
            pass  # the passage of the bookmark being opened is selected
        elif self._resume is not None and self._resume[0] == article.id:
            self.pane.restore_position(self._resume[1])
        elif self.pane.match_count:
            self.pane.step_match(True)  # opened from a search: show its first match
        self._resume = None  # only the first article shown resumes
        self.sig_article_shown.emit(article.id)

    def open_link(self, url: str) -> None:
        """A ``reader://`` link (command line, another instance): open it at its passage."""
        self.passages.open_link(url)

    def _go_to_link(self, library: Path, article_id: str) -> None:
        if library.resolve() != self.folder:
            self.open_library(library)
            if article_id:
                self.articles.resume_at(article_id)
        elif article_id and not self.select_article(article_id):
            messages.warning(self.tr("L'article du lien n'est pas dans cette bibliothèque."))

    def bookmark_selection(self, note: str | None = None) -> Bookmark | None:
        return self.bookmark_passages.bookmark_selection(note)

    def open_bookmark(self, bookmark: Bookmark) -> None:
        self.bookmark_passages.open(bookmark)

    # -- misc ----------------------------------------------------------------------------------
    def show_shortcuts(self) -> None:
        from reader.ui.common.shortcuts_dialog import ShortcutsDialog, groups_from_menus

        ShortcutsDialog(groups_from_menus(self.menus.values()), self).exec()

    def about(self) -> None:
        from reader.ui.common.dialogs import show_about

        show_about(self, self.options.data_dir, self.options.cache_dir)
