"""Small dialogs of the window: About.  Their text is plain (paths may hold any bytes)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from reader import __version__


def show_about(parent: QWidget, data_dir: Path, cache_dir: Path) -> None:
    text = (QCoreApplication.translate("About", "Reader %1\nUn lecteur de bibliothèques d'articles de presse.\n"
               "Données : %2\nCache : %3").replace("%1", __version__)
            .replace("%2", str(data_dir)).replace("%3", str(cache_dir)))
    box = QMessageBox(QMessageBox.Icon.Information,
                      QCoreApplication.translate("About", "À propos de Reader"), text,
                      parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()
