"""Fichier → Récents: the last libraries opened, the missing ones shown disabled with why.

Rebuilt from :class:`reader.services.recent.RecentLibraries` whenever it changes; a folder
name that is not valid UTF-8 or holds ``&`` is shown as text (``&`` doubled: no mnemonic).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMenu, QWidget

from reader.services.recent import RecentLibraries


class RecentMenu(QMenu):
    sig_open = Signal(Path)

    def __init__(self, recent: RecentLibraries, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("&Récents"))
        self.recent = recent
        recent.sig_changed.connect(self.rebuild)
        self.aboutToShow.connect(self.rebuild)  # a folder may have come back or gone
        self.rebuild()

    def rebuild(self) -> None:
        self.clear()
        entries = self.recent.entries()
        for i, entry in enumerate(entries):
            shown = str(entry.path).encode("utf-8", "replace").decode("utf-8").replace("&", "&&")
            prefix = f"&{i + 1} " if i < 9 else ""
            action = self.addAction(prefix + shown)
            action.setEnabled(entry.available)
            action.setToolTip(entry.reason or str(entry.path))
            action.setStatusTip(entry.reason or str(entry.path))
            action.triggered.connect(lambda _c=False, p=entry.path: self.sig_open.emit(p))
        if not entries:
            empty = self.addAction(self.tr("Aucune bibliothèque récente"))
            empty.setEnabled(False)
        else:
            self.addSeparator()
            self.addAction(self.tr("Effacer la liste"), self.recent.clear)
        self.setToolTipsVisible(True)
