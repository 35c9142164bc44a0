"""The window's actions, menus and toolbar, built in one place.

Why apart from the window: the window only connects these actions to what they do (in
``MainWindow._connect_signals``); their texts, icons, shortcuts and where they appear are
here.  Every action is in a menu with its shortcut shown, so every command is reachable
from the keyboard and discoverable; the shortcuts window lists the same actions.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu

from reader.ui.common.icons import icon

Shortcut = QKeySequence | QKeySequence.StandardKey | str


class Actions(QObject):
    """Every window-level command, without its slot."""

    def __init__(self, window: QMainWindow, undo_stack: QUndoStack) -> None:
        super().__init__(window)
        self._window = window
        make = self._make
        tr = self.tr
        self.open = make(tr("&Ouvrir un dossier…"), "open_folder", [QKeySequence.StandardKey.Open])
        self.reload = make(tr("&Actualiser la bibliothèque"), "reload",
                           [QKeySequence.StandardKey.Refresh])
        self.problems = make(tr("Fichiers &illisibles…"), "problems")
        self.quit = make(tr("&Quitter"), "quit", [QKeySequence.StandardKey.Quit])
        self.find = make(tr("&Rechercher dans la bibliothèque"), "find",
                         [QKeySequence.StandardKey.Find])
        self.next_article = make(tr("Article &suivant"), "next_article", ["J", "Alt+Down"])
        self.prev_article = make(tr("Article &précédent"), "previous_article", ["K", "Alt+Up"])
        self.next_match = make(tr("Occurrence suivante"), "next_match",
                               [QKeySequence.StandardKey.FindNext])
        self.prev_match = make(tr("Occurrence précédente"), "previous_match",
                               [QKeySequence.StandardKey.FindPrevious])
        # F4 first: the menu shows the first shortcut, and F4 is the documented one
        self.next_mention = make(tr("Mention suivante de l'entité"), "next_mention",
                                 ["F4", "Ctrl+Alt+Down"])
        self.prev_mention = make(tr("Mention précédente de l'entité"), "previous_mention",
                                 ["Shift+F4", "Ctrl+Alt+Up"])
        self.bookmark = make(tr("&Marquer le passage…"), "bookmark", ["Ctrl+D"],
                             tr("Ajouter un marque-page sur le passage sélectionné"))
        self.bookmark.setEnabled(False)
        self.zoom_in = make(tr("Agrandir le texte"), "zoom_in",
                            [QKeySequence.StandardKey.ZoomIn, "Ctrl+="])
        self.zoom_out = make(tr("Réduire le texte"), "zoom_out", [QKeySequence.StandardKey.ZoomOut])
        self.zoom_reset = make(tr("Taille normale"), "zoom_reset", ["Ctrl+0"])
        self.about = make(tr("À &propos de Reader"), "about")
        self.undo = undo_stack.createUndoAction(window, tr("Annuler"))
        self.undo.setIcon(icon("undo"))
        self.undo.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo = undo_stack.createRedoAction(window, tr("Rétablir"))
        self.redo.setIcon(icon("redo"))
        self.redo.setShortcuts(QKeySequence.StandardKey.Redo)

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


def build_menus(window: QMainWindow, actions: Actions, docks: list[tuple[QDockWidget, str]],
                entity_types: list[QAction]) -> dict[str, QMenu]:
    """The menu bar; ``docks`` pairs each dock with its icon name."""
    tr = actions.tr
    bar = window.menuBar()
    menus: dict[str, QMenu] = {}
    file_menu = menus["file"] = bar.addMenu(tr("&Fichier"))
    file_menu.addActions([actions.open, actions.reload, actions.problems])
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)
    edit = menus["edit"] = bar.addMenu(tr("É&dition"))
    edit.addActions([actions.undo, actions.redo])
    edit.addSeparator()
    edit.addActions([actions.bookmark, actions.find, actions.next_match, actions.prev_match])
    view = menus["view"] = bar.addMenu(tr("Affic&hage"))
    view.addActions([actions.zoom_in, actions.zoom_out, actions.zoom_reset])
    view.addSeparator()
    for dock, icon_name in docks:
        toggle = dock.toggleViewAction()
        toggle.setIcon(icon(icon_name))
        view.addAction(toggle)
    view.addSeparator()
    types = view.addMenu(icon("entities"), tr("Types d'entités"))
    types.addActions(entity_types)
    go = menus["go"] = bar.addMenu(tr("A&ller"))
    go.addActions([actions.next_article, actions.prev_article])
    go.addSeparator()
    go.addActions([actions.next_mention, actions.prev_mention])
    help_menu = menus["help"] = bar.addMenu(tr("&Aide"))
    help_menu.addAction(actions.about)
    return menus


def build_toolbar(window: QMainWindow, actions: Actions, extra: QAction | None) -> None:
    toolbar = window.addToolBar(actions.tr("Principal"))
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
