"""The window's geometry and dock layout across sessions: restored from the settings,
repaired when it no longer fits, saved on close.

Why apart from the window: restoring blindly left the reading pane one letter wide on
another screen or scale factor; the rules that keep it readable
(:mod:`reader.ui.common.layout_guard`) run here at the right moments (first show, resize).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QObject, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter, QWidget

from reader.services.settings import Settings
from reader.ui.common import layout_guard


class WindowLayout(QObject):
    def __init__(self, window: QMainWindow, settings: Settings, splitter: QSplitter,
                 pane: QWidget, docks: list[QDockWidget], optional: list[QDockWidget],
                 *, fit_screen: bool = True) -> None:
        super().__init__(window)
        self.window, self.settings, self.splitter, self.pane = window, settings, splitter, pane
        self.docks, self.optional, self.fit_screen = docks, optional, fit_screen

    def restore(self) -> None:
        s, w = self.settings, self.window
        geometry, state, splitter = s.window_geometry(), s.window_state(), s.splitter_state()
        if geometry is not None:
            w.restoreGeometry(geometry)
        else:
            self.default()
        if state is not None:
            w.restoreState(state)
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def default(self) -> None:
        layout_guard.default_size(self.window)
        right = [d for d in self.docks if self.window.dockWidgetArea(d)
                 == Qt.DockWidgetArea.RightDockWidgetArea]
        if right:
            self.window.resizeDocks(right[:1], [330], Qt.Orientation.Horizontal)
            self.window.resizeDocks(right, [400] * len(right), Qt.Orientation.Vertical)
        self.splitter.setSizes([460, 640])

    def save(self) -> None:
        w = self.window
        self.settings.save_window(w.saveGeometry(), w.saveState(),
                                  QByteArray(self.splitter.saveState()))

    def fit(self) -> None:
        """On first show: docks that do not fit the screen close, the window fits it, and
        the reading column gets its minimum."""
        if self.fit_screen:
            layout_guard.close_docks_that_do_not_fit(self.window, self.docks)
            layout_guard.fit_to_screen(self.window)
        self.protect()

    def show_only(self, dock: QDockWidget, width: int = 480) -> None:
        """This dock beside the list, the other docks closed (the README's screenshot of
        Library Entities and its timeline)."""
        for other in self.docks:
            other.setVisible(other is dock)
        dock.raise_()
        self.window.resizeDocks([dock], [width], Qt.Orientation.Horizontal)
        self.splitter.setSizes([430, 530])

    def protect(self) -> list[str]:
        return layout_guard.protect_reading_column(self.window, self.splitter, self.pane,
                                                   self.docks, self.optional)


def central_splitter(window: QMainWindow, left: QWidget, right: QWidget) -> QSplitter:
    """The list beside the reading pane (2:3), neither collapsible to nothing."""
    splitter = QSplitter(Qt.Orientation.Horizontal, window)
    splitter.setObjectName("mainSplitter")
    splitter.addWidget(left)
    splitter.addWidget(right)
    splitter.setStretchFactor(0, 2)
    splitter.setStretchFactor(1, 3)
    splitter.setChildrenCollapsible(False)
    window.setCentralWidget(splitter)
    return splitter


def place_docks(window: QMainWindow, right: list[QDockWidget], left: list[QDockWidget]) -> None:
    """The right docks stacked, the left ones hidden until asked for; each at least 24
    average characters wide (names stay readable, the reading column keeps the rest)."""
    for dock in right:
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    for above, below in zip(right, right[1:], strict=False):
        window.splitDockWidget(above, below, Qt.Orientation.Vertical)
    for dock in left:
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        dock.hide()
    for dock in right + left:
        dock.setMinimumWidth(dock.fontMetrics().averageCharWidth() * 24)
