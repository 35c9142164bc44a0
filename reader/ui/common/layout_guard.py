"""Keeps the reading column readable whatever the saved layout, screen or scale factor.

Why: a layout saved on a large screen, or at another scale factor, restored blindly left
the reading pane one letter wide; a fresh window at scale 2 was larger than the screen.
Here a window is fitted to the available screen geometry, and when docks leave the reading
pane narrower than its minimum (about 45 characters at its font size), the docks give way:
side-by-side docks are stacked as tabs, then the optional docks close.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QSplitter, QWidget

log = logging.getLogger("reader.layout")

DEFAULT_SIZE = (1440, 900)


def available_geometry(window: QWidget) -> QRect:
    screen = window.screen() or QApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, *DEFAULT_SIZE)


def close_docks_that_do_not_fit(window: QMainWindow, docks: list[QDockWidget]) -> list[str]:
    """On a screen narrower than the window's minimum (list + reading column + docks), close
    docks, last first, until it fits: the reading column is never squeezed."""
    area = available_geometry(window)
    closed = []
    for dock in reversed(docks):
        layout = window.layout()
        if layout is not None:
            layout.activate()
        if window.minimumSizeHint().width() <= area.width():
            break
        if dock.isVisible() or not dock.isHidden():
            dock.hide()
            closed.append(dock.objectName())
    if closed:
        log.info("screen %d px wide: docks closed to keep the reading column: %s",
                 area.width(), ", ".join(closed))
    return closed


def fit_to_screen(window: QMainWindow) -> None:
    """Shrink and move the window so that it lies on the available screen geometry."""
    layout = window.layout()
    if layout is not None:
        layout.activate()  # the minimum size after docks were closed
    area = available_geometry(window)
    width = min(window.width(), area.width())
    height = min(window.height(), area.height())
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    frame = window.frameGeometry()
    if not area.contains(frame):
        x = min(max(frame.x(), area.x()), area.right() - width + 1)
        y = min(max(frame.y(), area.y()), area.bottom() - height + 1)
        window.move(max(x, area.x()), max(y, area.y()))


def default_size(window: QMainWindow) -> None:
    """A fresh window: 1440×900 logical pixels, or 90 % of a smaller screen."""
    area = available_geometry(window)
    window.resize(min(DEFAULT_SIZE[0], int(area.width() * 0.9)),
                  min(DEFAULT_SIZE[1], int(area.height() * 0.9)))


def protect_reading_column(window: QMainWindow, splitter: QSplitter, pane: QWidget,
                           docks: list[QDockWidget], optional: list[QDockWidget]) -> list[str]:
    """Make room for the reading pane; returns what was changed (for the log and tests)."""
    changes: list[str] = []
    need = pane.minimumSizeHint().width()

    def short() -> bool:
        layout = window.layout()
        if layout is not None:
            layout.activate()  # apply the docks' and splitter's new sizes now
        return pane.width() < need

    if not short():
        return changes
    sizes = splitter.sizes()
    if len(sizes) == 2 and sum(sizes) > need:
        first = splitter.widget(0)
        floor = first.minimumSizeHint().width() if first is not None else 0
        list_width = max(floor, sum(sizes) - need)
        splitter.setSizes([min(sizes[0], list_width), sum(sizes) - min(sizes[0], list_width)])
        changes.append("splitter")
    if not short():
        return changes
    side = [d for d in docks if d.isVisible() and not d.isFloating()
            and window.dockWidgetArea(d) == Qt.DockWidgetArea.RightDockWidgetArea]
    if len(side) > 1 and not window.tabifiedDockWidgets(side[0]):
        for other in side[1:]:
            window.tabifyDockWidget(side[0], other)
        changes.append("tabified")
    for dock in optional:
        if not short():
            break
        if dock.isVisible():
            dock.close()
            changes.append(f"closed {dock.objectName()}")
    if changes:
        log.info("layout repaired to keep the reading column readable: %s", ", ".join(changes))
    return changes
