"""Small accessibility helpers shared by the panels.

Why: Qt builds some buttons itself (the clear button of a line edit), and those reach the
accessibility tree (AT-SPI) without a name, so a screen reader says only "button".
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit

CLEAR_ACTION = "_q_qlineeditclearaction"  # the object name Qt gives the clear action


def name_clear_button(edit: QLineEdit) -> None:
    """Name the clear button of ``edit`` (its tool button takes the action's text)."""
    action = edit.findChild(QAction, CLEAR_ACTION)
    if action is not None:
        action.setText(QCoreApplication.translate("a11y", "Effacer le texte"))
