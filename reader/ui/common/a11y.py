"""Small accessibility helpers shared by the panels.

Why: Qt builds some buttons itself (the clear button of a line edit, the button of an
icon action added to it), and those reach the accessibility tree (AT-SPI) without a name,
so a screen reader says only "button".  The name goes on the button, not on the action:
an action's text would change the line edit's size hint.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit, QToolButton

CLEAR_ACTION = "_q_qlineeditclearaction"  # the object name Qt gives the clear action


def name_action_button(edit: QLineEdit, action: QAction | None, name: str) -> None:
    """Give the tool button Qt made for ``action`` inside ``edit`` an accessible name."""
    for button in edit.findChildren(QToolButton):
        if action is not None and button.defaultAction() is action:
            button.setAccessibleName(name)


def name_clear_button(edit: QLineEdit) -> None:
    """Name the clear button of ``edit``."""
    name_action_button(edit, edit.findChild(QAction, CLEAR_ACTION),
                       QCoreApplication.translate("a11y", "Effacer le texte"))
