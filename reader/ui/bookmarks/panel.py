"""The Bookmarks dock: every bookmark of the library, filterable, editable, undoable.

The main window owns the undo stack and the reading pane; it connects
``sig_bookmark_activated`` (open the article, select the passage) and sets
``selection_provider`` (the current article and selected range) for "re-attach".
Storage failures are shown in the panel's message line, never raised from a slot.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import qtawesome as qta
from PySide6.QtCore import QModelIndex, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPixmap, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.bookmarks.export import ImportFormatError, export, parse_import
from reader.core.bookmarks.store import COLOURS, ORPHANED, Bookmark, BookmarkStore, normalise_tags
from reader.core.library.parser import Article
from reader.core.storage import StorageError
from reader.ui.bookmarks.commands import add_command, delete_command, edit_command
from reader.ui.bookmarks.model import (
    COL_DATE,
    COL_NOTE,
    COL_QUOTE,
    COL_TAGS,
    COL_TITLE,
    COLOUR_NAMES_FR,
    BookmarkFilterProxy,
    BookmarkModel,
    BookmarkRole,
)
from reader.ui.reading.pane import BOOKMARK_COLOURS

SelectionProvider = Callable[[], "tuple[Article, int, int] | None"]
EXPORT_FILTERS = {
    "md": "Markdown (*.md)",
    "json": "JSON Reader (*.json)",
    "w3c": "W3C Web Annotation (*.jsonld *.json)",
}


def _icon(name: str) -> QIcon:
    try:
        return qta.icon(name)
    except Exception:  # noqa: BLE001 - an unknown glyph must never break the panel
        return QIcon()


def swatch(colour: str, size: int = 14) -> QIcon:
    pix = QPixmap(size, size)
    pix.fill(QColor(BOOKMARK_COLOURS.get(colour, colour)))
    return QIcon(pix)


class BookmarksPanel(QDockWidget):
    """Lists bookmarks; ``sig_bookmark_activated(Bookmark)`` asks to show one."""

    sig_bookmark_activated = Signal(object)
    sig_bookmarks_changed = Signal()  # any add/edit/delete/undo: overlays may need a refresh

    def __init__(self, store: BookmarkStore, undo_stack: QUndoStack,
                 parent: QWidget | None = None) -> None:
        super().__init__("Marque-pages", parent)
        self.setObjectName("bookmarksDock")
        self.store = store
        self.undo_stack = undo_stack
        self.selection_provider: SelectionProvider | None = None
        self.current_article_id: str | None = None
        self.model = BookmarkModel(self)
        self.proxy = BookmarkFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        self.reload()
        self.proxy.set_sort(BookmarkFilterProxy.SORT_DATE)
        if store.notice:
            self.show_message(store.notice)

    # -- construction ------------------------------------------------------------------------
    def _build(self) -> None:
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        self.toolbar = QToolBar(body)
        self.toolbar.setIconSize(self.toolbar.iconSize() * 0.8)
        self.act_edit_note = self._action("Modifier la note…", "mdi6.note-edit-outline",
                                          self.edit_note_dialog)
        self.act_edit_note.setShortcut("F2")
        self.act_edit_note.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.act_tags = self._action("Étiquettes…", "mdi6.tag-outline", self.edit_tags_dialog)
        self.colour_menu = QMenu("Couleur", self)
        for colour in COLOURS:
            act = self.colour_menu.addAction(swatch(colour),
                                             COLOUR_NAMES_FR.get(colour, colour).capitalize())
            act.triggered.connect(lambda _c=False, c=colour: self.set_colour_selected(c))
        self.act_colour = self._action("Couleur", "mdi6.palette-outline", None)
        self.act_colour.setMenu(self.colour_menu)
        self.act_delete = self._action("Supprimer", "mdi6.bookmark-remove-outline",
                                       self.delete_selected)
        self.act_delete.setShortcut("Del")
        self.act_delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.act_reattach = self._action("Rattacher à la sélection", "mdi6.link-variant",
                                         self.reattach_selected)
        self.act_export = self._action("Exporter…", "mdi6.export", self.export_dialog)
        self.act_export.setToolTip("Exporter les marque-pages affichés (le filtre s'applique) "
                                   "en Markdown, JSON ou annotations W3C")
        self.act_import = self._action("Importer…", "mdi6.import", self.import_dialog)
        self.act_import.setToolTip("Importer un export JSON ou W3C (les marque-pages déjà "
                                   "présents ne sont pas dupliqués)")
        self.act_reload = self._action("Recharger", "mdi6.refresh", self.reload)
        self.act_reload.setToolTip("Relire les marque-pages (écrits par une autre fenêtre)")
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

        self.filter_edit = QLineEdit(body)
        self.filter_edit.setPlaceholderText("Filtrer (passage, note, titre)…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filtrer les marque-pages")
        self.filter_edit.textChanged.connect(self.proxy.set_text)

        self.tag_combo = QComboBox(body)
        self.tag_combo.setAccessibleName("Filtrer par étiquette")
        self.tag_combo.currentIndexChanged.connect(
            lambda _i: self.proxy.set_tag(self.tag_combo.currentData()))
        self.colour_combo = QComboBox(body)
        self.colour_combo.setAccessibleName("Filtrer par couleur")
        self.colour_combo.addItem("Toutes couleurs", None)
        for colour in COLOURS:
            self.colour_combo.addItem(swatch(colour),
                                      COLOUR_NAMES_FR.get(colour, colour).capitalize(), colour)
        self.colour_combo.currentIndexChanged.connect(
            lambda _i: self.proxy.set_colour(self.colour_combo.currentData()))
        self.this_article = QCheckBox("Cet article", body)
        self.this_article.setToolTip("Seulement les marque-pages de l'article affiché")
        self.this_article.toggled.connect(lambda _on: self._apply_article_filter())
        self.sort_combo = QComboBox(body)
        self.sort_combo.setAccessibleName("Trier les marque-pages")
        self.sort_combo.addItem("Plus récents", BookmarkFilterProxy.SORT_DATE)
        self.sort_combo.addItem("Ordre de lecture", BookmarkFilterProxy.SORT_POSITION)
        self.sort_combo.currentIndexChanged.connect(
            lambda _i: self.proxy.set_sort(self.sort_combo.currentData()))
        filters = QHBoxLayout()
        filters.setSpacing(4)
        for w in (self.tag_combo, self.colour_combo, self.this_article, self.sort_combo):
            filters.addWidget(w)
        filters.addStretch(1)

        self.message = QLabel("", body)
        self.message.setObjectName("bookmarksMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b71c1c;")
        self.message.setVisible(False)
        self.empty_label = QLabel("Aucun marque-page. Sélectionnez un passage et choisissez "
                                  "« Marquer le passage » (Ctrl+D).", body)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: #757575;")

        self.view = QTableView(body)
        self.view.setModel(self.proxy)
        self.view.setAccessibleName("Marque-pages")
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

    def _action(self, text: str, icon_name: str, slot: Callable[[], Any] | None) -> QAction:
        act = QAction(_icon(icon_name), text, self)
        act.setToolTip(text.rstrip("…"))
        if slot is not None:
            act.triggered.connect(lambda _checked=False: slot())
        return act

    # -- API for the main window -------------------------------------------------------------
    def reload(self) -> None:
        """Re-read everything from the store (another window may have written)."""
        try:
            bookmarks = self.store.all()
        except StorageError as exc:
            self.show_message(f"Impossible de lire les marque-pages : {exc}")
            return
        self.model.set_bookmarks(bookmarks)
        self._refresh_tags()

    def add_bookmark(self, article: Article, start: int, end: int, note: str = "",
                     colour: str = "yellow", tags: Any = ()) -> Bookmark:
        """Save a bookmark (undoable).  Raises StorageError: the caller says it failed."""
        try:
            bookmark = self.store.add(article, start, end, note, colour, tags)
        except StorageError as exc:
            self.show_message(f"Marque-page non enregistré : {exc}")
            raise
        self.model.upsert(bookmark)
        self._refresh_tags()
        self.undo_stack.push(add_command(self, bookmark))
        self.show_message("")
        self.sig_bookmarks_changed.emit()
        return bookmark

    def set_current_article(self, article_id: str | None) -> None:
        self.current_article_id = article_id
        self.model.set_current_article(article_id)
        self._apply_article_filter()
        self._update_actions()

    def reanchor_article(self, article: Article) -> list[Bookmark]:
        """Re-anchor the article's bookmarks if its text changed; returns those that moved."""
        changed = self.store.reanchor(article)
        for b in changed:
            self.model.upsert(b)
        orphans = sum(1 for b in changed if b.status == ORPHANED)
        if orphans:
            self.show_message(
                f"{orphans} passage(s) marqué(s) introuvable(s) dans la nouvelle version de "
                f"« {article.title} » : sélectionnez le passage et choisissez « Rattacher à "
                "la sélection », ou supprimez le marque-page.")
        if changed:
            self.sig_bookmarks_changed.emit()
        return changed

    def relink_library(self, hashes_to_ids: dict[str, str]) -> int:
        """After a library (re)load: bookmarks whose file was renamed or moved follow it,
        recognised by its content hash (``{row.content_hash: row.id for row in rows}``)."""
        try:
            moved = self.store.relink_by_hash(hashes_to_ids)
        except StorageError as exc:
            self.show_message(f"Marque-pages non rattachés : {exc}")
            return 0
        if moved:
            self.reload()
            self.sig_bookmarks_changed.emit()
        return moved

    def show_message(self, text: str, *, error: bool = True) -> None:
        """One line above the list: failures (red) or the result of an import (green)."""
        self.message.setStyleSheet("color: #b71c1c;" if error else "color: #1b5e20;")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -- selection helpers -------------------------------------------------------------------
    def selected_bookmarks(self) -> list[Bookmark]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        out = []
        for row in rows:
            b = self.proxy.index(row, 0).data(BookmarkRole)
            if b is not None:
                out.append(b)
        return out

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

    # -- edits (each one undoable) -----------------------------------------------------------
    def apply_state(self, bookmark_id: str, state: Bookmark | None,
                    leaving: Bookmark | None = None) -> None:
        """Undo/redo: go from ``leaving`` to ``state`` (None = absent), writing only the
        fields that differ.  Failures go to the message line (they cannot propagate
        out of QUndoStack)."""
        try:
            if state is None:
                if self.store.get(bookmark_id) is not None:
                    self.store.delete(bookmark_id)
                self.model.remove(bookmark_id)
            elif leaving is None:
                self.store.restore(state)
                self.model.upsert(state)
            else:
                changes = {name: getattr(state, name) for name in state.__dataclass_fields__
                           if name != "modified"
                           and getattr(state, name) != getattr(leaving, name)}
                self.model.upsert(self.store.patch(bookmark_id, changes))
        except StorageError as exc:
            self.show_message(f"Annulation impossible : {exc}")
            return
        except KeyError:
            self.show_message("Ce marque-page a été supprimé entre-temps (autre fenêtre ?).")
            self.reload()
            return
        self._refresh_tags()
        self.sig_bookmarks_changed.emit()

    def _edit(self, bookmark: Bookmark, text: str, **changes: Any) -> Bookmark | None:
        try:
            after = self.store.update(bookmark.id, **changes)
        except StorageError as exc:
            self.show_message(f"Modification non enregistrée : {exc}")
            return None
        except KeyError:
            self.show_message("Ce marque-page a été supprimé entre-temps (autre fenêtre ?).")
            self.reload()
            return None
        self.model.upsert(after)
        self._refresh_tags()
        self.undo_stack.push(edit_command(self, text, bookmark, after))
        self.show_message("")
        self.sig_bookmarks_changed.emit()
        return after

    def set_note(self, bookmark: Bookmark, note: str) -> Bookmark | None:
        return self._edit(bookmark, "Modifier la note", note=note)

    def set_colour(self, bookmark: Bookmark, colour: str) -> Bookmark | None:
        return self._edit(bookmark, "Changer la couleur", colour=colour)

    def set_tags(self, bookmark: Bookmark, tags: Any) -> Bookmark | None:
        return self._edit(bookmark, "Modifier les étiquettes", tags=normalise_tags(tags))

    def delete_bookmark(self, bookmark: Bookmark) -> bool:
        try:
            before = self.store.delete(bookmark.id)
        except StorageError as exc:
            self.show_message(f"Suppression impossible : {exc}")
            return False
        except KeyError:
            before = bookmark  # already gone (another window)
        self.model.remove(bookmark.id)
        self._refresh_tags()
        self.undo_stack.push(delete_command(self, before))
        self.sig_bookmarks_changed.emit()
        return True

    def reattach(self, bookmark: Bookmark, article: Article, start: int, end: int
                 ) -> Bookmark | None:
        try:
            after = self.store.reattach(bookmark.id, article, start, end)
        except StorageError as exc:
            self.show_message(f"Rattachement non enregistré : {exc}")
            return None
        except KeyError:
            self.show_message("Ce marque-page a été supprimé entre-temps (autre fenêtre ?).")
            self.reload()
            return None
        except ValueError as exc:  # an empty or out-of-range selection
            self.show_message(f"Sélection inutilisable : {exc}")
            return None
        self.model.upsert(after)
        self.undo_stack.push(edit_command(self, "Rattacher le marque-page", bookmark, after))
        self.show_message("")
        self.sig_bookmarks_changed.emit()
        return after

    # -- actions on the selection ------------------------------------------------------------
    def edit_note_dialog(self) -> None:
        chosen = self.selected_bookmarks()
        if not chosen:
            return
        b = chosen[0]
        text, ok = QInputDialog.getMultiLineText(self, "Note du marque-page",
                                                 f"« {_short(b.quote)} »\n\nNote :", b.note)
        if ok and text != b.note:
            self.set_note(b, text)

    def edit_tags_dialog(self) -> None:
        chosen = self.selected_bookmarks()
        if not chosen:
            return
        b = chosen[0]
        text, ok = QInputDialog.getText(self, "Étiquettes",
                                        "Étiquettes (séparées par des espaces ou des virgules) :",
                                        QLineEdit.EchoMode.Normal, " ".join(b.tags))
        if ok:
            tags = normalise_tags(text)
            if tags != b.tags:
                self.set_tags(b, tags)

    def set_colour_selected(self, colour: str) -> None:
        chosen = [b for b in self.selected_bookmarks() if b.colour != colour]
        if len(chosen) > 1:
            self.undo_stack.beginMacro("Changer la couleur")
        for b in chosen:
            self.set_colour(b, colour)
        if len(chosen) > 1:
            self.undo_stack.endMacro()

    def delete_selected(self) -> None:
        chosen = self.selected_bookmarks()
        if len(chosen) > 1:
            self.undo_stack.beginMacro(f"Supprimer {len(chosen)} marque-pages")
        for b in chosen:
            self.delete_bookmark(b)
        if len(chosen) > 1:
            self.undo_stack.endMacro()

    def reattach_selected(self) -> None:
        chosen = self.selected_bookmarks()
        selection = self.selection_provider() if self.selection_provider else None
        if not chosen:
            return
        if selection is None:
            self.show_message("Sélectionnez d'abord, dans l'article, le passage auquel "
                              "rattacher ce marque-page.")
            return
        article, start, end = selection
        self.reattach(chosen[0], article, start, end)

    def export_dialog(self) -> None:
        path, chosen_filter = QFileDialog.getSaveFileName(
            self, "Exporter les marque-pages", "marque-pages.md", ";;".join(EXPORT_FILTERS.values()))
        if not path:
            return
        fmt = next((k for k, v in EXPORT_FILTERS.items() if v == chosen_filter), "md")
        self.export_to(Path(path), format_for(Path(path), fmt))

    def export_to(self, path: Path, fmt: str) -> bool:
        """Write the visible bookmarks (the current filter applies) to ``path``."""
        bookmarks = [self.proxy.index(r, 0).data(BookmarkRole)
                     for r in range(self.proxy.rowCount())]
        tmp = path.with_name(path.name + ".tmp")
        try:
            tmp.write_text(export(bookmarks, fmt), encoding="utf-8")
            tmp.replace(path)
        except OSError as exc:
            self.show_message(f"Export impossible vers {path} : {exc.strerror or exc}")
            return False
        self.show_message("")
        return True

    def import_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Importer des marque-pages", "",
            "Marque-pages (*.json *.jsonld);;Tous les fichiers (*)")
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> tuple[int, int, int] | None:
        """Merge a JSON / Web Annotation file (not undoable: importing twice is harmless)."""
        try:
            bookmarks = parse_import(path.read_text(encoding="utf-8"))
            counts = self.store.merge(bookmarks)
        except (OSError, UnicodeDecodeError) as exc:
            self.show_message(f"Lecture impossible de {path.name} : {exc}")
            return None
        except (ImportFormatError, StorageError) as exc:
            self.show_message(f"Import impossible de {path.name} : {exc}")
            return None
        self.reload()
        added, updated, unchanged = counts
        self.show_message(f"{path.name} : {added} ajouté(s), {updated} mis à jour, "
                          f"{unchanged} déjà présent(s).", error=False)
        self.sig_bookmarks_changed.emit()
        return counts

    # -- internals ---------------------------------------------------------------------------
    def _on_activated(self, index: QModelIndex) -> None:
        b = index.data(BookmarkRole)
        if b is not None:
            self.sig_bookmark_activated.emit(b)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        if index.column() == COL_NOTE:
            self.view.setCurrentIndex(index)
            self.edit_note_dialog()
        # other columns: ``activated`` already fired on double-click

    def _context_menu(self, pos: Any) -> None:
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
        self.proxy.set_article(self.current_article_id if self.this_article.isChecked()
                               else None)
        if self.this_article.isChecked() and self.current_article_id is None:
            self.proxy.set_article("\0none")

    def _refresh_tags(self) -> None:
        current = self.tag_combo.currentData()
        tags = sorted({t for b in self.model.bookmarks() for t in b.tags}, key=str.casefold)
        with QSignalBlocker(self.tag_combo):
            self.tag_combo.clear()
            self.tag_combo.addItem("Toutes étiquettes", None)
            for t in tags:
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
        chosen = self.selected_bookmarks() if hasattr(self, "view") else []
        for act in (self.act_edit_note, self.act_tags, self.act_colour, self.act_delete):
            act.setEnabled(bool(chosen))
        self.act_reattach.setEnabled(len(chosen) == 1)


def format_for(path: Path, chosen: str) -> str:
    """The file name wins over the dialog's filter when they disagree."""
    suffix = path.suffix.lower()
    if suffix == ".md":
        return "md"
    if suffix == ".jsonld":
        return "w3c"
    if suffix == ".json" and chosen == "md":
        return "json"
    return chosen


def _short(text: str, n: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
