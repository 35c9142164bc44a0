"""Affichage → Langue: system, Français, English.

Why the choice applies at the next start: every widget would have to re-read its texts
(a ``retranslate`` in each), and a half-switched window is worse than a restart.  The
choice is saved in :class:`reader.services.settings.Settings` and ``--lang`` still wins.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QActionGroup

from reader.services.settings import Settings


def language_actions(settings: Settings, parent: QObject,
                     notify: Callable[[str], None] | None = None) -> list[QAction]:
    """Exclusive actions; ``notify`` receives the sentence to show (status bar)."""
    saved = settings.language() or "system"
    texts = {"system": QCoreApplication.translate("LanguageMenu", "Comme le &système"),
             # each language is named in itself, so a reader lost in the other finds it
             "fr": "&Français", "en": "&English"}
    group = QActionGroup(parent)
    group.setExclusive(True)
    actions = []
    for lang, text in texts.items():
        action = QAction(text, parent)
        action.setCheckable(True)
        action.setChecked(lang == saved)
        group.addAction(action)

        def choose(on: bool, chosen: str = lang) -> None:
            if not on:
                return
            settings.set_language("" if chosen == "system" else chosen)
            if notify is not None:
                notify(QCoreApplication.translate(
                    "LanguageMenu", "La langue choisie s'appliquera au prochain démarrage."))

        action.toggled.connect(choose)
        actions.append(action)
    return actions
