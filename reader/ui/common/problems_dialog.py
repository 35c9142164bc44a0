"""The Problems list: files of the library that could not be read, and why."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.services.wording import problem_text


class ProblemsDialog(QDialog):
    def __init__(self, problems: Sequence[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Fichiers illisibles")
        self.resize(760, 420)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(
            f"{len(problems)} fichier(s) n'ont pas pu être lus ; le reste de la bibliothèque "
            "est ouvert."))
        table = QTableWidget(len(problems), 2, self)
        table.setHorizontalHeaderLabels(["Fichier", "Problème"])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, problem in enumerate(problems):
            table.setItem(row, 0, QTableWidgetItem(str(problem.path)))
            table.setItem(row, 1, QTableWidgetItem(problem_text(problem)))
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        self.table = table
        layout.addWidget(table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
