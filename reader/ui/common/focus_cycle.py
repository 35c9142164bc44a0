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
from PySide6.QtWidgets import QApplication, QWidget


class FocusCycle(QObject):
    def __init__(self, window: QWidget, regions: Callable[[], list[QWidget]]) -> None:
        """``regions`` in F6 order, the search box last: Tab out of the region before it
        (the last open dock) also goes to the search box, so the Tab ring closes too."""
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


    def tab_out_of_last_dock(self, forward: bool) -> bool:
        """Tab out of the last open dock goes to the search box (the window calls this from
        ``focusNextPrevChild``, where every Tab of its children ends up); True if done."""
        focus = QApplication.focusWidget()
        regions = self.visible_regions()
        if (not forward or focus is None or len(regions) < 2
                or not _inside(regions[-2], focus)
                or _inside(regions[-2], _next_tab_stop(focus))):
            return False
        _focusable(regions[-1]).setFocus(Qt.FocusReason.TabFocusReason)
        return True


def _inside(region: QWidget, widget: QWidget | None) -> bool:
    return widget is not None and (widget is region or region.isAncestorOf(widget))


def _next_tab_stop(widget: QWidget) -> QWidget | None:
    """Where Tab would go from ``widget`` (Qt's focus chain, visible tab stops only)."""
    candidate = widget.nextInFocusChain()
    for _ in range(2000):
        if candidate is None or candidate is widget:
            return None
        if (candidate.isVisible() and candidate.isEnabled()
                and candidate.focusPolicy() & Qt.FocusPolicy.TabFocus
                and candidate.focusProxy() is None):
            return candidate
        candidate = candidate.nextInFocusChain()
    return None


def _focusable(region: QWidget) -> QWidget:
    """The region itself (or its focus proxy) if it takes the focus, else its first
    visible child that does (a dock: its search field or list)."""
    if region.focusProxy() is not None or region.focusPolicy() & Qt.FocusPolicy.TabFocus:
        return region
    for child in region.findChildren(QWidget):
        if child.isVisible() and child.isEnabled() and child.focusPolicy() & Qt.FocusPolicy.TabFocus:
            return child
    return region
