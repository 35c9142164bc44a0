"""The whole window in one language at a time: every menu, submenu, dock title, toolbar
tip and the Ctrl+D dialog in English when English is chosen, in French when French is."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QLabel, QMenu
from ui_helpers import make_library

from reader.services import i18n
from reader.ui.bookmarks.note_dialog import NoteDialog
from reader.ui.main_window import MainWindow, WindowOptions

FRENCH_MARKS = set("éèàùçêâîôûÉÀ«»")
FRENCH_WORDS = {"le", "la", "les", "des", "du", "de", "un", "une", "et", "ou", "fichier",
                "affichage", "aller", "aide", "quitter", "ouvrir", "annuler", "rétablir",
                "suivant", "précédent", "marquer", "texte", "taille", "entités",
                "bibliothèque", "marque-pages", "rechercher", "occurrence", "copier",
                "lien", "lu", "suivre", "thème", "langue", "récents", "raccourcis"}
ENGLISH_WORDS = {"the", "file", "view", "go", "help", "quit", "open", "undo", "redo", "next",
                 "previous", "bookmark", "bookmarks", "library", "search", "copy", "link",
                 "read", "star", "theme", "language", "recent", "shortcuts", "entities"}


@pytest.fixture
def window_in(qtbot, qapp, qm_dir: Path, tmp_path: Path) -> Iterator[object]:
    saved = QLocale()
    made: list[MainWindow] = []

    def make(lang: str) -> MainWindow:
        assert not i18n.install(lang, qm_dir).missing
        (tmp_path / lang).mkdir()
        lib = make_library(tmp_path / lang, broken=False)
        win = MainWindow(WindowOptions(lib, tmp_path / lang / "data", tmp_path / lang / "cache",
                                       remember_geometry=False))
        qtbot.addWidget(win)
        made.append(win)
        return win

    yield make
    for win in made:
        win.shutdown()
    i18n.uninstall()
    i18n.install("fr", qm_dir)  # the tests' default, as conftest installs it
    QLocale.setDefault(saved)


def _menu_texts(menu: QMenu) -> list[str]:
    texts = [menu.title()]
    for action in menu.actions():
        if action.isSeparator():
            continue
        if action.menu() is not None:
            texts += _menu_texts(action.menu())
        elif action.text():
            texts.append(action.text())
    return texts


def _texts(win: MainWindow) -> list[str]:
    texts: list[str] = []
    for action in win.menuBar().actions():
        if action.menu() is not None:
            texts += _menu_texts(action.menu())
    texts += [d.windowTitle() for d in win.findChildren(QDockWidget)]
    texts += [a.toolTip() for a in win.findChildren(QAction) if a.toolTip()]
    texts += [w.text() for w in win.findChildren(QLabel) if w.text() and w.isVisibleTo(win)]
    texts.append(win.articles.search_edit.placeholderText())
    dialog = NoteDialog("Une citation", parent=win)
    texts += [w.text() for w in dialog.findChildren(QLabel) if w.text()
              and "citation" not in w.text()]
    texts.append(dialog.windowTitle())
    dialog.deleteLater()
    # names that are not words: languages named in themselves, paths, numbers, shortcuts
    return [t.replace("&", "") for t in texts
            if t.replace("&", "") not in {"Français", "English", "Reader"}]


def _words(text: str) -> set[str]:
    return {w.strip(".,:;()…«»!?").lower() for w in text.replace("’", " ").replace("'", " ")
            .split()}


def test_english_window_has_no_french(window_in) -> None:
    texts = _texts(window_in("en"))
    french = [t for t in texts if FRENCH_MARKS & set(t) or FRENCH_WORDS & _words(t)]
    assert not french, "\n".join(french)


def test_french_window_has_no_english(window_in) -> None:
    texts = _texts(window_in("fr"))
    english = [t for t in texts if ENGLISH_WORDS & _words(t) - FRENCH_WORDS]
    assert not english, "\n".join(english)
