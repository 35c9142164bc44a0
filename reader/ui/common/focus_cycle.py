"""F6 / Shift+F6 move the focus between the window's regions, as in browsers and mail
readers: article list → reading pane → open docks → search box → article list…

Why: Tab moves between the controls of one region (the list no longer traps it cell by
cell); F6 jumps between regions, skipping the hidden ones, so every part of the window is
reachable from the keyboard alone.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


class FocusCycle(QObject):
    def __init__(self, window: QWidget, regions: Callable[[], list[QWidget]]) -> None:
        super().__init__(window)
        self._window = window
        self._regions = regions
        self.next_action = self._action(self.tr("Zone suivante"), "F6", 1)
        self.prev_action = self._action(self.tr("Zone précédente"), "Shift+F6", -1)

    def _action(self, text: str, key: str, step: int) -> QAction:
        action = QAction(text, self._window)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda: self.move(step))
        self._window.addAction(action)
        return action

    def visible_regions(self) -> list[QWidget]:
        return [w for w in self._regions() if w.isVisible() and w.isEnabled()]

    def current(self) -> int:
        """Index of the region holding the focus, or -1."""
        focus = self._window.focusWidget()
        for i, region in enumerate(self.visible_regions()):
            if focus is not None and (focus is region or region.isAncestorOf(focus)):
                return i
        return -1

    def move(self, step: int) -> None:
        regions = self.visible_regions()
        if not regions:
            return
        target = _focusable(regions[(self.current() + step) % len(regions)])
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)


def _focusable(region: QWidget) -> QWidget:
    """The region itself (or its focus proxy) if it takes the focus, else its first
    visible child that does (a dock: its search field or list)."""
    if region.focusProxy() is not None or region.focusPolicy() & Qt.FocusPolicy.TabFocus:
        return region
    for child in region.findChildren(QWidget):
        if child.isVisible() and child.isEnabled() and child.focusPolicy() & Qt.FocusPolicy.TabFocus:
            return child
    return region
