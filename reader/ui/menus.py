"""The window's actions, menus and toolbar, built in one place.

Why apart from the window: the window only connects these actions to what they do (in
``MainWindow._connect_signals``); their texts, icons, shortcuts and where they appear are
here.  Every action is in a menu with its shortcut shown, so every command is reachable
from the keyboard and discoverable; the shortcuts window lists the same actions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu

from reader.ui.common.icons import icon

Shortcut = QKeySequence | QKeySequence.StandardKey | str


class Actions(QObject):
    """Every window-level command, without its slot."""

    def __init__(self, window: QMainWindow, undo_stack: QUndoStack,
                 say: Callable[[str], None] | None = None) -> None:
        """``say`` tells what undo and redo did (the status bar)."""
        super().__init__(window)
        self._window = window
        make = self._make
        self.open = make(self.tr("&Ouvrir un dossier…"), "open_folder", [QKeySequence.StandardKey.Open])
        self.reload = make(self.tr("&Actualiser la bibliothèque"), "reload",
                           [QKeySequence.StandardKey.Refresh])
        self.problems = make(self.tr("Fichiers illisi&bles…"), "problems")
        self.quit = make(self.tr("&Quitter"), "quit", [QKeySequence.StandardKey.Quit])
        self.find = make(self.tr("Rec&hercher dans la bibliothèque"), "find",
                         [QKeySequence.StandardKey.Find])
        self.next_article = make(self.tr("Article &suivant"), "next_article", ["J", "Alt+Down"])
        self.prev_article = make(self.tr("Article &précédent"), "previous_article", ["K", "Alt+Up"])
        self.find_in_article = make(self.tr("Chercher dans l'&article"), "find",
                                    ["Ctrl+Shift+F", "/"])
        self.next_match = make(self.tr("Occurrence suivante"), "next_match",
                               [QKeySequence.StandardKey.FindNext])
        self.prev_match = make(self.tr("Occurrence précédente"), "previous_match",
                               [QKeySequence.StandardKey.FindPrevious])
        # F4 first: the menu shows the first shortcut, and F4 is the documented one
        self.next_mention = make(self.tr("Mention suivante de l'entité"), "next_mention",
                                 ["F4", "Ctrl+Alt+Down"])
        self.prev_mention = make(self.tr("Mention précédente de l'entité"), "previous_mention",
                                 ["Shift+F4", "Ctrl+Alt+Up"])
        self.bookmark = make(self.tr("&Marquer le passage…"), "bookmark", ["Ctrl+D"],
                             self.tr("Ajouter un marque-page sur le passage sélectionné"))
        self.bookmark.setEnabled(False)
        self.zoom_in = make(self.tr("Agrandir le texte"), "zoom_in",
                            [QKeySequence.StandardKey.ZoomIn, "Ctrl+="])
        self.zoom_out = make(self.tr("Réduire le texte"), "zoom_out", [QKeySequence.StandardKey.ZoomOut])
        self.zoom_reset = make(self.tr("Taille normale"), "zoom_reset", ["Ctrl+0"])
        self.about = make(self.tr("À &propos de Reader"), "about")
        self.shortcuts = make(self.tr("&Raccourcis clavier"), "keyboard", ["?", "F1"])
        self.print = make(self.tr("&Imprimer l'article…"), "print", [QKeySequence.StandardKey.Print])
        self.export_pdf = make(self.tr("Exporter l'article en &PDF…"), "pdf", ["Ctrl+Shift+E"])
        self.copy_citation = make(self.tr("Copier avec la &référence"), "copy", ["Ctrl+Shift+C"],
                                  self.tr("Copier le passage avec son titre, sa source et sa date "
                                     "(texte et Markdown)"))
        self.copy_link = make(self.tr("Copier le &lien du passage"), "link", ["Ctrl+Shift+L"],
                              self.tr("Copier un lien reader:// qui rouvre ce passage"))
        self.toggle_read = make(self.tr("Marquer comme l&u / non lu"), "read", ["M"])
        self.toggle_star = make(self.tr("&Suivre / ne plus suivre"), "star", ["S", "*"])
        self.mark_all_read = make(self.tr("Tout marquer comme lu"), "read_all", ["Ctrl+Shift+M"],
                                  self.tr("Marquer comme lus les articles affichés (annulable)"))
        self.justify = make(self.tr("&Justifier le texte"), "justify")
        self.justify.setCheckable(True)
        self.undo = undo_stack.createUndoAction(window, self.tr("Annuler"))
        self.undo.setIcon(icon("undo"))
        self.undo.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo = undo_stack.createRedoAction(window, self.tr("Rétablir"))
        self.redo.setIcon(icon("redo"))
        self.redo.setShortcuts(QKeySequence.StandardKey.Redo)
        if say is not None:  # after the stack moved: the undone step is now the redo text
            self.undo.triggered.connect(lambda: say(self.tr("Annulé : %1").replace(
                "%1", undo_stack.redoText())))
            self.redo.triggered.connect(lambda: say(self.tr("Rétabli : %1").replace(
                "%1", undo_stack.undoText())))

    def _make(self, text: str, icon_name: str, shortcuts: list[Shortcut] | None = None,
              tip: str = "") -> QAction:
        action = QAction(icon(icon_name), text, self._window)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setStatusTip(tip or text.replace("…", "").replace("&", ""))
        self._window.addAction(action)
        return action

    def all(self) -> list[QAction]:
        return [a for a in vars(self).values() if isinstance(a, QAction)]


@dataclass
class MenuParts:
    """What other objects contribute to the menus (docks, submenus, their actions)."""

    docks: list[tuple[QDockWidget, str]]  # each dock with its icon name
    entity_types: list[QAction]
    view: list[QAction] = field(default_factory=list)  # caret browsing…
    file: list[QAction] = field(default_factory=list)  # bookmarks export/import…
    themes: list[QAction] = field(default_factory=list)
    languages: list[QAction] = field(default_factory=list)
    recent: QMenu | None = None
    go: list[QAction] = field(default_factory=list)  # F6 / Shift+F6


def build_menus(window: QMainWindow, actions: Actions, parts: MenuParts) -> dict[str, QMenu]:
    """The menu bar: every command with its shortcut shown."""
    bar = window.menuBar()
    menus: dict[str, QMenu] = {}
    file_menu = menus["file"] = bar.addMenu(QCoreApplication.translate("Actions", "&Fichier"))
    file_menu.addAction(actions.open)
    if parts.recent is not None:
        file_menu.addMenu(parts.recent)
    file_menu.addActions([actions.reload, actions.problems])
    file_menu.addSeparator()
    file_menu.addActions([actions.print, actions.export_pdf])
    file_menu.addSeparator()
    file_menu.addActions(parts.file)
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)
    edit = menus["edit"] = bar.addMenu(QCoreApplication.translate("Actions", "É&dition"))
    edit.addActions([actions.undo, actions.redo])
    edit.addSeparator()
    edit.addActions([actions.bookmark, actions.copy_citation, actions.copy_link])
    edit.addSeparator()
    edit.addActions([actions.toggle_read, actions.toggle_star, actions.mark_all_read])
    edit.addSeparator()
    edit.addActions([actions.find, actions.find_in_article, actions.next_match,
                     actions.prev_match])
    view = menus["view"] = bar.addMenu(QCoreApplication.translate("Actions", "Affic&hage"))
    view.addActions([actions.zoom_in, actions.zoom_out, actions.zoom_reset, actions.justify])
    view.addActions(parts.view)
    view.addSeparator()
    for dock, icon_name in parts.docks:
        toggle = dock.toggleViewAction()
        toggle.setIcon(icon(icon_name))
        view.addAction(toggle)
    view.addSeparator()
    types = view.addMenu(icon("entities"), QCoreApplication.translate("Actions", "Types d'&entités"))
    types.addActions(parts.entity_types)
    if parts.themes:
        view.addMenu(QCoreApplication.translate("Actions", "&Thème")).addActions(parts.themes)
    if parts.languages:
        view.addMenu(QCoreApplication.translate("Actions", "&Langue")).addActions(parts.languages)
    go = menus["go"] = bar.addMenu(QCoreApplication.translate("Actions", "A&ller"))
    go.addActions([actions.next_article, actions.prev_article])
    go.addSeparator()
    go.addActions([actions.next_mention, actions.prev_mention])
    go.addSeparator()
    go.addActions(parts.go)
    help_menu = menus["help"] = bar.addMenu(QCoreApplication.translate("Actions", "&Aide"))
    help_menu.addActions([actions.shortcuts, actions.about])
    return menus


def build_toolbar(window: QMainWindow, actions: Actions, extra: QAction | None) -> None:
    toolbar = window.addToolBar(QCoreApplication.translate("Actions", "Principal"))
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.addActions([actions.open, actions.prev_article, actions.next_article])
    toolbar.addSeparator()
    toolbar.addActions([actions.bookmark, actions.undo, actions.redo])
    toolbar.addSeparator()
    toolbar.addActions([actions.zoom_out, actions.zoom_in])
    toolbar.addSeparator()
    toolbar.addActions([actions.prev_match, actions.next_match])
    if extra is not None:
        toolbar.addSeparator()
        toolbar.addAction(extra)
