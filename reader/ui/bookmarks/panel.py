"""The Bookmarks dock: a view of :class:`BookmarkService`'s bookmarks, filterable and sortable.

It shows what the service holds (following ``sig_changed``), filters and sorts it (model +
proxy), and turns the user's actions into service calls; it never writes the store and
never keeps an undo stack.  The window connects ``sig_bookmark_activated`` (open the
article at the passage) and sets ``selection_provider`` (the passage selected in the
reading pane) for "re-attach".  Notes, titles and messages come from files and are shown
as plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPoint, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.bookmarks.palette import COLOURS
from reader.core.bookmarks.store import Bookmark
from reader.services.bookmark_types import BookmarkChange, ChangeKind, Notice, Passage, StoreState
from reader.services.bookmarks import BookmarkService
from reader.ui.bookmarks.dialogs import ask_export_path, ask_import_path, ask_tags
from reader.ui.bookmarks.model import (
    COL_DATE,
    COL_NOTE,
    COL_QUOTE,
    COL_TAGS,
    COL_TITLE,
    BookmarkFilterProxy,
    BookmarkModel,
    BookmarkRole,
)
from reader.ui.bookmarks.note_dialog import ask_bookmark
from reader.ui.common.a11y import name_clear_button
from reader.ui.common.bookmark_palette import colour_label, swatch
from reader.ui.common.icons import icon

SelectionProvider = Callable[[], Passage | None]
_NO_ARTICLE = "\0none"  # "this article" with no article open: show nothing


class BookmarksPanel(QDockWidget):
    """Lists bookmarks; ``sig_bookmark_activated(Bookmark)`` asks to show one."""

    sig_bookmark_activated = Signal(Bookmark)

    def __init__(self, service: BookmarkService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Marque-pages"))
        self.setObjectName("bookmarksDock")
        self.service = service
        self.selection_provider: SelectionProvider | None = None
        self.current_article_id: str | None = None
        self.model = BookmarkModel(self)
        self.proxy = BookmarkFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        service.sig_changed.connect(self._on_changed)
        service.sig_notice.connect(self.show_notice)
        service.sig_state_changed.connect(self._on_state)
        self.model.set_bookmarks(service.bookmarks())
        self._refresh_tags()
        self.proxy.set_sort(BookmarkFilterProxy.SORT_DATE)
        self._on_state(service.state)
        self.show_notice(service.notice)  # e.g. why the store is unavailable

    # -- construction ------------------------------------------------------------------------
    def _build(self) -> None:
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        self._build_actions(body)

        self.filter_edit = QLineEdit(body)
        self.filter_edit.setPlaceholderText(self.tr("Filtrer (passage, note, titre)…"))
        self.filter_edit.setClearButtonEnabled(True)
        name_clear_button(self.filter_edit)
        self.filter_edit.setAccessibleName(self.tr("Filtrer les marque-pages"))
        self.filter_edit.textChanged.connect(self.proxy.set_text)

        self.tag_combo = QComboBox(body)
        self.tag_combo.setAccessibleName(self.tr("Filtrer par étiquette"))
        self.tag_combo.currentIndexChanged.connect(
            lambda _i: self.proxy.set_tag(self.tag_combo.currentData()))
        self.colour_combo = QComboBox(body)
        self.colour_combo.setAccessibleName(self.tr("Filtrer par couleur"))
        self.colour_combo.addItem(self.tr("Toutes couleurs"), None)
        for colour in COLOURS:
            self.colour_combo.addItem(swatch(colour), colour_label(colour).capitalize(), colour)
        self.colour_combo.currentIndexChanged.connect(
            lambda _i: self.proxy.set_colour(self.colour_combo.currentData()))
        self.this_article = QCheckBox(self.tr("Cet article"), body)
        self.this_article.setToolTip(self.tr("Seulement les marque-pages de l'article affiché"))
        self.this_article.toggled.connect(lambda _on: self._apply_article_filter())
        self.sort_combo = QComboBox(body)
        self.sort_combo.setAccessibleName(self.tr("Trier les marque-pages"))
        self.sort_combo.addItem(self.tr("Plus récents"), BookmarkFilterProxy.SORT_DATE)
        self.sort_combo.addItem(self.tr("Ordre de lecture"), BookmarkFilterProxy.SORT_POSITION)
        self.sort_combo.currentIndexChanged.connect(
            lambda _i: self.proxy.set_sort(self.sort_combo.currentData()))
        # two by two: the dock stays narrow enough to leave the reading column its width
        # each combo has a visible label as its buddy: on Linux a screen reader reads a combo
        # by its labelled-by relation (Qt gives AT-SPI the current value as the name); the
        # label sits above its combo so the dock keeps its narrow width
        filters = QGridLayout()
        filters.setSpacing(4)
        filters.setVerticalSpacing(1)
        self.filter_labels = [self._buddy(self.tr("Étiquette"), self.tag_combo, body),
                              self._buddy(self.tr("Couleur"), self.colour_combo, body),
                              self._buddy(self.tr("Ordre"), self.sort_combo, body)]
        filters.addWidget(self.filter_labels[0], 0, 0)
        filters.addWidget(self.filter_labels[1], 0, 1)
        filters.addWidget(self.tag_combo, 1, 0)
        filters.addWidget(self.colour_combo, 1, 1)
        filters.addWidget(self.filter_labels[2], 2, 1)
        filters.addWidget(self.this_article, 3, 0)
        filters.addWidget(self.sort_combo, 3, 1)
        for combo in (self.tag_combo, self.colour_combo, self.sort_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)

        self.message = QLabel("", body)
        self.message.setObjectName("bookmarksMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.empty_label = QLabel(self.tr("Aucun marque-page. Sélectionnez un passage et "
                                          "choisissez « Marquer le passage » (Ctrl+D)."), body)
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: #757575;")

        self.view = QTableView(body)
        self.view.setTabKeyNavigation(False)  # Tab leaves the table (cells are arrows' job)
        self.view.setModel(self.proxy)
        self.view.setAccessibleName(self.tr("Marque-pages"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(COL_QUOTE, QHeaderView.ResizeMode.Stretch)
        for col, width in ((COL_TITLE, 160), (COL_DATE, 80), (COL_NOTE, 140), (COL_TAGS, 90)):
            header.resizeSection(col, width)
        self.view.activated.connect(self._on_activated)
        self.view.doubleClicked.connect(self._on_double_clicked)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        for act in (self.act_delete, self.act_edit_note):
            self.view.addAction(act)

        layout.addWidget(self.toolbar)
        layout.addWidget(self.filter_edit)
        layout.addLayout(filters)
        layout.addWidget(self.message)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.view, 1)
        self.setWidget(body)
        self.model.rowsInserted.connect(lambda *_: self._update_empty())
        self.model.rowsRemoved.connect(lambda *_: self._update_empty())
        self.model.modelReset.connect(self._update_empty)
        self._update_actions()

    @staticmethod
    def _buddy(text: str, combo: QComboBox, body: QWidget) -> QLabel:
        label = QLabel(text, body)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setBuddy(combo)
        return label

    def _build_actions(self, body: QWidget) -> None:
        self.toolbar = QToolBar(body)
        self.toolbar.setAccessibleName(self.tr("Actions des marque-pages"))
        extension = self.toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
        if extension is not None:  # Qt's » button, shown when the dock is narrow
            extension.setAccessibleName(self.tr("Autres actions"))
        self.toolbar.setIconSize(self.toolbar.iconSize() * 0.8)
        self.act_edit_note = self._action(self.tr("Modifier la note…"), icon("bookmark_note"),
                                          self.edit_note_dialog)
        self.act_edit_note.setShortcut("F2")
        self.act_edit_note.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.act_tags = self._action(self.tr("Étiquettes…"), icon("bookmark_tags"),
                                     self.edit_tags_dialog)
        self.colour_menu = QMenu(self.tr("Couleur"), self)
        for colour in COLOURS:
            act = self.colour_menu.addAction(swatch(colour), colour_label(colour).capitalize())
            act.triggered.connect(lambda _c=False, c=colour: self.set_colour_selected(c))
        self.act_colour = self._action(self.tr("Couleur"), icon("bookmark_colour"), None)
        self.act_colour.setMenu(self.colour_menu)
        self.act_delete = self._action(self.tr("Supprimer"), icon("bookmark_delete"),
                                       self.delete_selected)
        self.act_delete.setShortcut("Del")
        self.act_delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.act_reattach = self._action(self.tr("Rattacher à la sélection"),
                                         icon("bookmark_reattach"), self.reattach_selected)
        self.act_export = self._action(self.tr("Exporter les marque-pages…"), icon("export"),
                                       self.export_dialog)
        self.act_export.setToolTip(self.tr("Exporter les marque-pages affichés (le filtre "
                                           "s'applique) en Markdown, JSON ou annotations W3C"))
        self.act_import = self._action(self.tr("Importer des marque-pages…"), icon("import"),
                                       self.import_dialog)
        self.act_import.setToolTip(self.tr("Importer un export JSON ou W3C (les marque-pages "
                                           "déjà présents ne sont pas dupliqués)"))
        self.act_recover = self._action(self.tr("Récupérer des marque-pages depuis…"),
                                        icon("import"), self.recover_dialog)
        self.act_recover.setToolTip(self.tr("Récupérer les marque-pages lisibles d'un fichier "
                                            "endommagé mis de côté (*.damaged-*)"))
        self.act_retry = self._action(self.tr("Réessayer d'enregistrer"), icon("reload"),
                                      self.service.retry)
        self.act_retry.setToolTip(self.tr("Rouvrir les marque-pages (disque plein, dossier en "
                                          "lecture seule…) : rien n'a été déplacé"))
        self.act_reload = self._action(self.tr("Recharger"), icon("reload"),
                                       self.service.reload)
        self.act_reload.setToolTip(self.tr("Relire les marque-pages (écrits par une autre "
                                           "fenêtre)"))
        for act in (self.act_edit_note, self.act_colour, self.act_tags, self.act_delete,
                    self.act_reattach):
            self.toolbar.addAction(act)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.act_export)
        self.toolbar.addAction(self.act_import)
        self.toolbar.addAction(self.act_reload)
        colour_button = self.toolbar.widgetForAction(self.act_colour)
        if isinstance(colour_button, QToolButton):  # the menu opens on a plain click
            colour_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)

    def _action(self, text: str, glyph: QIcon, slot: Callable[[], object] | None) -> QAction:
        act = QAction(glyph, text, self)
        act.setToolTip(text.rstrip("…"))
        if slot is not None:
            act.triggered.connect(lambda _checked=False: slot())
        return act

    # -- API for the main window -------------------------------------------------------------
    def set_current_article(self, article_id: str | None) -> None:
        """The article shown in the reading pane: its rows in bold, "Cet article" filter."""
        self.current_article_id = article_id
        self.model.set_current_article(article_id)
        self._apply_article_filter()
        self._update_actions()

    def show_notice(self, notice: Notice) -> None:
        """One line above the list: failures (red) or the result of an import (green)."""
        self.message.setStyleSheet("color: #b71c1c;" if notice.error else "color: #1b5e20;")
        self.message.setText(notice.text)
        self.message.setVisible(bool(notice.text))

    def visible_bookmarks(self) -> list[Bookmark]:
        """The rows the filters let through, in the shown order (what "Exporter" writes)."""
        found = (self.proxy.index(r, 0).data(BookmarkRole) for r in range(self.proxy.rowCount()))
        return [b for b in found if isinstance(b, Bookmark)]

    def selected_bookmarks(self) -> list[Bookmark]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        found = (self.proxy.index(row, 0).data(BookmarkRole) for row in rows)
        return [b for b in found if isinstance(b, Bookmark)]

    def select_bookmark(self, bookmark_id: str) -> bool:
        row = self.model.row_for_id(bookmark_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.view.setCurrentIndex(index)
        self.view.selectRow(index.row())
        return True

    # -- actions on the selection ------------------------------------------------------------
    def edit_note_dialog(self) -> None:
        chosen = self.selected_bookmarks()
        if not chosen:
            return
        b = chosen[0]
        choice = ask_bookmark(self, b.quote, note=b.note, last_colour=b.colour,
                              last_tags=b.tags, known_tags=self.service.tags(),
                              title=self.tr("Modifier le marque-page"))
        if choice is None:
            return
        note = choice.note if choice.note != b.note else None
        colour = choice.colour if choice.colour != b.colour else None
        tags = choice.tags if choice.tags != b.tags else None
        if note is not None or colour is not None or tags is not None:
            self.service.edit(b, note=note, colour=colour, tags=tags)

    def edit_tags_dialog(self) -> None:
        chosen = self.selected_bookmarks()
        if not chosen:
            return
        b = chosen[0]
        tags = ask_tags(self, b.tags)
        if tags is not None and tags != b.tags:
            self.service.set_tags(b, tags)

    def set_colour_selected(self, colour: str) -> None:
        self.service.set_colour_many(self.selected_bookmarks(), colour)

    def delete_selected(self) -> None:
        self.service.delete_many(self.selected_bookmarks())

    def reattach_selected(self) -> None:
        chosen = self.selected_bookmarks()
        if not chosen:
            return
        passage = self.selection_provider() if self.selection_provider else None
        if passage is None:
            self.show_notice(Notice(self.tr("Sélectionnez d'abord, dans l'article, le passage "
                                            "auquel rattacher ce marque-page.")))
            return
        self.service.reattach(chosen[0], passage.article, passage.start, passage.end)

    def export_dialog(self) -> None:
        chosen = ask_export_path(self)
        if chosen is not None:
            self.export_visible(*chosen)

    def export_visible(self, path: Path, fmt: str) -> int:
        """Export the visible bookmarks (the filters apply); the service reports the
        outcome (``sig_exported``).  Returns the job's request id."""
        return self.service.export(self.visible_bookmarks(), path, fmt)

    def import_dialog(self) -> None:
        path = ask_import_path(self)
        if path is not None:
            self.service.import_file(path)

    def recover_dialog(self) -> None:
        copies = self.service.damaged_copies()
        start = str(copies[0]) if copies else str(self.service.data_dir)
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Récupérer des marque-pages depuis…"), start,
            self.tr("Marque-pages mis de côté (*.damaged-* *.sqlite3);;Tous les fichiers (*)"))
        if path:
            self.service.recover_from(Path(path))

    # -- internals ---------------------------------------------------------------------------
    def _on_changed(self, change: BookmarkChange) -> None:
        if change.kind == ChangeKind.RELOADED:
            self.model.set_bookmarks(self.service.bookmarks())
        elif change.kind == ChangeKind.DELETED:
            for bookmark_id in change.removed:
                self.model.remove(bookmark_id)
        else:
            for b in change.bookmarks:
                self.model.upsert(b)
        self._refresh_tags()

    def _on_state(self, state: StoreState) -> None:
        self.act_import.setEnabled(state == StoreState.READY)
        self.act_recover.setEnabled(state == StoreState.READY)
        self.act_retry.setEnabled(state != StoreState.READY)  # nothing to retry otherwise
        self.act_reload.setEnabled(state != StoreState.UNAVAILABLE)
        self._update_actions()

    def _on_activated(self, index: QModelIndex) -> None:
        b = index.data(BookmarkRole)
        if isinstance(b, Bookmark):
            self.sig_bookmark_activated.emit(b)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        if index.column() == COL_NOTE:
            self.view.setCurrentIndex(index)
            self.edit_note_dialog()
        # other columns: ``activated`` already fired on double-click

    def _context_menu(self, pos: QPoint) -> None:
        if not self.selected_bookmarks():
            return
        menu = QMenu(self)
        menu.addAction(self.act_edit_note)
        menu.addMenu(self.colour_menu)
        menu.addAction(self.act_tags)
        menu.addAction(self.act_reattach)
        menu.addSeparator()
        menu.addAction(self.act_delete)
        menu.exec(self.view.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _apply_article_filter(self) -> None:
        if not self.this_article.isChecked():
            self.proxy.set_article(None)
        else:
            self.proxy.set_article(self.current_article_id or _NO_ARTICLE)

    def _refresh_tags(self) -> None:
        current = self.tag_combo.currentData()
        with QSignalBlocker(self.tag_combo):
            self.tag_combo.clear()
            self.tag_combo.addItem(self.tr("Toutes étiquettes"), None)
            for t in self.service.tags():
                self.tag_combo.addItem(f"#{t}", t)
            index = self.tag_combo.findData(current) if current else 0
            self.tag_combo.setCurrentIndex(max(0, index))
        if current and index < 0:
            self.proxy.set_tag(None)
        self._update_actions()

    def _update_empty(self) -> None:
        self.empty_label.setVisible(self.model.rowCount() == 0)
        self._update_actions()

    def _update_actions(self) -> None:
        chosen = self.selected_bookmarks()
        writable = self.service.writable
        for act in (self.act_edit_note, self.act_tags, self.act_colour, self.act_delete):
            act.setEnabled(writable and bool(chosen))
        self.act_reattach.setEnabled(writable and len(chosen) == 1)
