"""The reading column keeps its minimum width whatever the window size and docks, and F6
walks the window's regions."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from ui_helpers import make_library, open_window


@pytest.fixture
def window(qtbot, tmp_path: Path):
    win = open_window(qtbot, make_library(tmp_path, broken=False), tmp_path / "data",
                      tmp_path / "cache")
    yield win
    win.shutdown()


@pytest.mark.parametrize("size", [(1280, 800), (1600, 1000), (900, 700)])
def test_reading_column_keeps_its_minimum_with_every_dock_open(qtbot, window, size) -> None:
    window.library_entities.show()
    if window.bookmarks_panel is not None:
        window.bookmarks_panel.show()
    window.entities_panel.show()
    window.resize(*size)
    window.resizeDocks([window.library_entities], [700], Qt.Orientation.Horizontal)
    window.protect_reading_column()
    need = window.pane.minimumSizeHint().width()
    qtbot.waitUntil(lambda: window.pane.width() >= need, timeout=5000)
    assert window.pane.width() >= need


def test_a_fresh_window_fits_the_screen(qtbot, window) -> None:
    area = window.screen().availableGeometry()
    qtbot.waitUntil(lambda: window.width() <= area.width() and window.height() <= area.height())
    assert window.pane.width() >= window.pane.minimumSizeHint().width()


def test_f6_cycles_through_the_regions(qtbot, window) -> None:
    window.activateWindow()
    window.articles.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.articles.table)
    seen = []
    for _ in range(len(window.focus_cycle.visible_regions())):
        window.focus_cycle.next_action.trigger()
        seen.append(window.focus_cycle.current())
    regions = window.focus_cycle.visible_regions()
    assert sorted(seen) == list(range(len(regions)))  # every region once
    assert window.focus_cycle.current() == 0  # back to the list


def test_tab_from_the_last_dock_comes_back_to_the_search_box(qtbot, window) -> None:
    from reader.ui.common.focus_cycle import _next_tab_stop

    window.activateWindow()
    regions = window.focus_cycle.visible_regions()
    last_dock = regions[-2]
    stops = [w for w in last_dock.findChildren(QWidget)
             if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    last = next(w for w in stops if not last_dock.isAncestorOf(_next_tab_stop(w) or window))
    last.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is last)
    qtbot.keyClick(last, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.articles.search_edit
