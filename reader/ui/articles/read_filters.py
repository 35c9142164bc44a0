"""The "Non lus" and "Suivis" filter buttons of the article list.

Why each is an action shown by a tool button: the action carries the check state, the
shortcut and the tooltip naming it, and the window can put the same action in a menu
(one object, so the shortcut is never bound twice).  The texts are translated by the
panel, whose ``tr()`` context they belong to.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolButton, QWidget

UNREAD_ONLY_KEYS = "Ctrl+Shift+N"  # "Non lus" (not Ctrl+Shift+U: IBus takes it in fields)
STARRED_ONLY_KEYS = "Ctrl+Shift+S"  # "Suivis" (S alone stars the article)


def filter_button(parent: QWidget, text: str, tip: str, keys: str, name: str,
                  slot: Callable[[bool], None]) -> tuple[QAction, QToolButton]:
    """A checkable filter: its action (with the shortcut, for a menu too) and its button.
    Disabled until a read-state service is bound: without one it would filter nothing."""
    action = QAction(text, parent)
    action.setCheckable(True)
    action.setShortcut(QKeySequence(keys))
    keys_text = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{tip} ({keys_text})")
    action.setStatusTip(tip)
    action.setEnabled(False)
    action.toggled.connect(slot)
    parent.addAction(action)
    button = QToolButton(parent)
    button.setObjectName(name)
    button.setDefaultAction(action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.setAccessibleName(tip)
    button.setAccessibleDescription(keys_text)
    return action, button
