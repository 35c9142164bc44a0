"""Library Entities dock: model checked by qtmodeltester, choosing an entity gives its
articles, merge/split, co-mentions, the timeline, and the background worker process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from library_entities_data import LIBRARY, VERSION, index_library, rows
from PySide6.QtCore import Qt

from reader.core.entities.cache import EntityCache
from reader.core.entities.index import EntitySummary
from reader.core.library.index import ArticleRow
from reader.core.library.rows import bucket_rows
from reader.services.library_entities import LibraryEntityService
from reader.services.view_state import ViewState
from reader.ui.entities.library_panel import LibraryEntitiesPanel
from reader.ui.entities.models import EntityListModel, KeyRole
from reader.ui.entities.timeline import TimelineChart


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path, Path]:
    return tmp_path / "cache", tmp_path / "data", tmp_path / "lib"


@pytest.fixture
def indexed(dirs: tuple[Path, Path, Path]) -> tuple[Path, Path, Path]:
    index_library(dirs[0])
    return dirs


def make_panel(qtbot, cache: Path, data: Path, *, built: bool = True) -> LibraryEntitiesPanel:  # type: ignore[no-untyped-def]
    state = ViewState()
    p = LibraryEntitiesPanel(LibraryEntityService(cache, data, state), state)
    qtbot.addWidget(p)
    if built:
        p.ensure_built()  # as the first show does
    return p


@pytest.fixture
def panel(qtbot, indexed: tuple[Path, Path, Path]) -> Iterator[LibraryEntitiesPanel]:  # type: ignore[no-untyped-def]
    cache, data, lib = indexed
    p = make_panel(qtbot, cache, data)
    p.resize(420, 760)
    p.show()
    with qtbot.waitSignal(p.service.sig_top, timeout=10_000):
        p.service.set_library(lib, rows(lib))
    yield p
    p.service.stop()
    assert not p.is_extracting()


def keys(p: LibraryEntitiesPanel) -> list[str]:
    return [p.proxy.index(i, 0).data(KeyRole) for i in range(p.proxy.rowCount())]


def test_model_passes_qtmodeltester(qtbot, qtmodeltester, panel: LibraryEntitiesPanel) -> None:  # type: ignore[no-untyped-def]
    assert panel.objectName() == "libraryEntitiesDock"
    assert panel.windowTitle() == "Entités de la bibliothèque"
    assert panel.model.rowCount() > 0
    qtmodeltester.check(panel.model)
    qtmodeltester.check(panel.proxy)
    with qtbot.waitSignal(panel.service.sig_co_mentions, timeout=10_000):
        panel.choose("kiev", "LOC")
    assert panel.co_model.rowCount() > 0
    qtmodeltester.check(panel.co_model)
    qtmodeltester.check(panel.co_proxy)
    assert not panel.is_extracting()  # everything indexed: no process was started


def test_one_cell_one_value(panel: LibraryEntitiesPanel) -> None:
    row = keys(panel).index("medecins sans frontieres")
    cells = [panel.proxy.index(row, c) for c in range(4)]
    assert [c.data() for c in cells] == ["Médecins sans frontières", "ORG", "1", "1"]
    spoken = [c.data(Qt.ItemDataRole.AccessibleTextRole) for c in cells]
    assert spoken == ["Médecins sans frontières", "Organisation (ORG)", "1", "1"]
    assert cells[0].data(Qt.ItemDataRole.ToolTipRole) == "Médecins sans frontières"
    markup = EntityListModel()
    markup.set_items([EntitySummary("at&t", "ORG", "<b>AT&T</b>", 1, 1)])
    assert markup.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == "&lt;b&gt;AT&amp;T&lt;/b&gt;"


def test_list_groups_and_filters(qtbot, panel: LibraryEntitiesPanel) -> None:  # type: ignore[no-untyped-def]
    assert set(keys(panel)[:2]) == {"kiev", "antony blinken"}  # 3 articles each
    assert keys(panel)[:2] == ["antony blinken", "kiev"]  # equal counts: by key
    assert "blinken" not in keys(panel) and "antony blinken" in keys(panel)
    panel.search_edit.setText("MEDECINS")  # accents and case ignored
    assert keys(panel) == ["medecins sans frontieres"]
    panel.search_edit.clear()
    with qtbot.waitSignal(panel.service.sig_top, timeout=10_000):
        panel.type_combo.setCurrentIndex(panel.type_combo.findData("PER"))
    assert keys(panel) == ["antony blinken"]
    type_index = panel.proxy.index(0, 1)
    assert type_index.data() == "PER"  # the type as text, not only a colour


def test_choosing_an_entity_sets_the_view_state(qtbot, panel: LibraryEntitiesPanel) -> None:  # type: ignore[no-untyped-def]
    state = panel.view_state
    row = keys(panel).index("antony blinken")
    with qtbot.waitSignals([state.sig_entity_changed, panel.service.sig_co_mentions],
                           timeout=10_000):
        panel.view.activated.emit(panel.proxy.index(row, 0))
    chosen = state.entity
    assert chosen is not None
    assert (chosen.key, chosen.label, chosen.display, chosen.article_ids) == (
        "antony blinken", "PER", "Antony Blinken", {"a1", "a2", "a3"})
    # the list filter's table, by row id, built in the worker with the ids
    assert chosen.rowid_table is not None
    assert {rid for rid, on in enumerate(chosen.rowid_table) if on} == {
        r.rowid for r in panel.service.rows if r.id in chosen.article_ids}
    assert set(chosen.members) == {"antony blinken", "blinken"}
    assert "Antony Blinken" in panel.chosen_label.text()
    assert "blinken" in panel.chosen_label.text()
    co = [panel.co_model.index(i, 0).data(KeyRole) for i in range(panel.co_model.rowCount())]
    assert co[0] == "kiev"
    with qtbot.waitSignal(state.sig_entity_changed, timeout=10_000) as blocker:
        panel.co_view.activated.emit(panel.co_proxy.index(0, 0))
    assert blocker.args[0].key == "kiev" and blocker.args[0].article_ids == {"a1", "a2", "a4"}
    with qtbot.waitSignal(state.sig_entity_changed, timeout=1000) as blocker:
        panel.clear_button.click()
    assert blocker.args == [None]
    assert panel.chosen_label.text() == "Aucune entité choisie"


def test_clearing_filters_elsewhere_clears_the_dock(qtbot, panel: LibraryEntitiesPanel) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(panel.service.sig_co_mentions, timeout=10_000):
        panel.choose("kiev", "LOC")
    assert panel.clear_button.isEnabled() and panel.co_model.rowCount()
    panel.view_state.clear()  # "show all" in the list
    assert panel.chosen_label.text() == "Aucune entité choisie"
    assert panel.co_model.rowCount() == 0 and not panel.clear_button.isEnabled()
    panel.view_state.set_period("2024-05")
    panel.close()  # a closed dock stops filtering
    assert panel.view_state.period is None and panel.view_state.entity is None
    panel.show()
    panel.view_state.set_period("2024-05")
    panel.toggleViewAction().trigger()  # hidden from the View menu: the same
    assert not panel.isVisible() and panel.view_state.period is None


def select(panel: LibraryEntitiesPanel, *wanted: str) -> None:
    selection = panel.view.selectionModel()
    selection.clearSelection()
    for i, k in enumerate(keys(panel)):
        if k in wanted:
            selection.select(panel.proxy.index(i, 0), selection.SelectionFlag.Select
                             | selection.SelectionFlag.Rows)


def test_merge_and_split_are_remembered(qtbot, panel: LibraryEntitiesPanel,  # type: ignore[no-untyped-def]
                                        indexed: tuple[Path, Path, Path]) -> None:
    select(panel, "kiev", "moscou")
    assert panel.merge_button.isEnabled()
    with qtbot.waitSignals([panel.service.sig_aliases_changed, panel.service.sig_top],
                           timeout=10_000, order="strict"):
        panel.merge_button.click()
    assert "moscou" not in keys(panel)
    select(panel, "antony blinken")
    with qtbot.waitSignals([panel.service.sig_aliases_changed, panel.service.sig_top],
                           timeout=10_000, order="strict"):
        panel.split_button.click()
    assert "blinken" in keys(panel)
    panel.service.stop()

    cache, data, lib = indexed
    again = make_panel(qtbot, cache, data)
    with qtbot.waitSignal(again.service.sig_top, timeout=10_000):
        again.service.set_library(lib, rows(lib))
    assert "moscou" not in keys(again) and "blinken" in keys(again)
    with qtbot.waitSignal(again.view_state.sig_entity_changed, timeout=10_000) as blocker:
        again.choose("moscou", "LOC")
    assert blocker.args[0].key == "kiev"
    assert blocker.args[0].article_ids == {"a1", "a2", "a3", "a4"}
    again.service.stop()


def test_timeline_counts_months_apart_from_undated(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    state = ViewState()
    chart = TimelineChart(state)
    qtbot.addWidget(chart)
    chart.set_buckets(bucket_rows(rows(tmp_path)))
    b = chart.buckets
    assert b.keys == ("2024-05", "2024-06", "2024-07") and b.counts == (2, 0, 1)
    assert (b.undated, b.year_only, b.by_year) == (1, 0, False)
    assert "1 sans date" in chart.info.text()
    with qtbot.waitSignal(state.sig_period_changed) as blocker:
        chart.choose_index(0)
    assert blocker.args == ["2024-05"]
    assert chart.clear_button.isVisible() or not chart.isVisible()
    with qtbot.waitSignal(state.sig_period_changed) as blocker:
        chart.choose_index(0)  # again: cleared
    assert blocker.args == [None]
    state.set_period("2024-07")  # chosen elsewhere: shown here
    assert chart.chosen == "2024-07" and "juil. 24" in chart.info.text()
    state.clear()
    assert chart.chosen is None


def test_timeline_is_keyboard_operable(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    state = ViewState()
    chart = TimelineChart(state)
    qtbot.addWidget(chart)
    chart.show()
    chart.set_buckets(bucket_rows(rows(tmp_path)))
    chart.view.setFocus()
    qtbot.waitUntil(chart.view.hasFocus)
    qtbot.keyClick(chart.view, Qt.Key.Key_Right)
    qtbot.keyClick(chart.view, Qt.Key.Key_Right)
    assert chart.current == 2 and "juil. 24, 1 article(s)" in chart.info.text()
    qtbot.keyClick(chart.view, Qt.Key.Key_Right)  # stays on the last bar
    assert chart.current == 2
    qtbot.keyClick(chart.view, Qt.Key.Key_Return)
    assert state.period == "2024-07"
    qtbot.keyClick(chart.view, Qt.Key.Key_Home)
    assert chart.current == 0
    qtbot.keyClick(chart.view, Qt.Key.Key_Escape)
    assert state.period is None
    chart.grab()  # paints the frame around the current bar


def test_timeline_aggregates_long_spans_by_year(tmp_path: Path) -> None:
    many = [ArticleRow(i, str(i), "", "", f"{2000 + i // 12}-{i % 12 + 1:02d}-01", 3, "", "", 1,
                       "") for i in range(0, 120, 5)]
    many.append(ArticleRow(999, "y", "", "", "2003-01-01", 1, "", "", 1, ""))
    b = bucket_rows(many)
    assert b.by_year and b.keys[0] == "2000" and b.keys[-1] == "2009"
    assert sum(b.counts) == len(many)


def test_worker_process_indexes_cached_articles(qtbot, dirs: tuple[Path, Path, Path]) -> None:  # type: ignore[no-untyped-def]
    """Articles not yet indexed go to the worker process; their entities come from the
    cache here, so the process needs no model and the test stays fast."""
    cache_dir, data, lib = dirs
    lib.mkdir(parents=True)
    assert VERSION is not None
    cache = EntityCache(cache_dir)
    for aid, (_d, _p, e) in LIBRARY.items():
        cache.put(f"h-{aid}", VERSION, e)
    cache.close()
    p = make_panel(qtbot, cache_dir, data)
    progress: list[tuple[int, int]] = []
    p.service.sig_progress.connect(lambda d, t: progress.append((d, t)))
    with qtbot.waitSignal(p.service.sig_batch_finished, timeout=60_000) as blocker:
        p.service.set_library(lib, rows(lib))
    summary = blocker.args[0]
    assert summary.from_cache == 4 and summary.extracted == 0
    assert summary.spacy_imported is False
    qtbot.waitUntil(lambda: "kiev" in keys(p), timeout=10_000)
    assert not p.model.provisional and not p.progress.isVisible()
    assert progress[-1] == (4, 4)
    p.service.stop()
    assert not p.is_extracting()


def test_stopping_the_worker_leaves_nothing_running(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication

    from reader.services.entity_batch import EntityBatchProcess

    article = tmp_path / "x.txt"
    article.write_text(" date 2024-05 Essai (AFP)\n\nUn texte écrit par le test.\n",
                       encoding="utf-8")
    job = EntityBatchProcess(tmp_path / "cache")
    finished: list[object] = []
    job.sig_finished.connect(finished.append)
    job.sig_failed.connect(finished.append)
    job.start([(str(article), "h-x")])
    assert job.is_running()
    job.stop()
    assert not job.is_running()
    QCoreApplication.processEvents()  # deliver anything queued: nothing must come
    assert finished == []


def test_a_hidden_dock_is_built_when_shown_with_what_it_missed(  # type: ignore[no-untyped-def]
        qtbot, indexed: tuple[Path, Path, Path]) -> None:
    """Not built at start (hidden in the default layout); shown later, it lists the same
    entities and status as a dock built at once."""
    cache, data, lib = indexed
    p = make_panel(qtbot, cache, data, built=False)
    try:
        with qtbot.waitSignal(p.service.sig_top, timeout=10_000):
            p.service.set_library(lib, rows(lib))
        qtbot.wait(50)  # the buckets' job
        assert not p.__dict__["_built"] and p.widget() is None
        p.resize(420, 760)
        p.show()
        assert p.__dict__["_built"]
        assert keys(p)[:2] == ["antony blinken", "kiev"]
        assert p.timeline.buckets == p.service.buckets
        assert not p.status.isVisible() or p.status.text() == p.service.status
    finally:
        p.service.stop()


def test_an_operation_on_a_hidden_dock_builds_it(  # type: ignore[no-untyped-def]
        qtbot, indexed: tuple[Path, Path, Path]) -> None:
    """Merging or splitting (menu shortcuts) work before the dock was ever shown."""
    cache, data, _lib = indexed
    p = make_panel(qtbot, cache, data, built=False)
    try:
        assert not p.__dict__["_built"]
        p.split_selected()  # nothing selected, nothing chosen: nothing to split
        assert p.__dict__["_built"] and isinstance(p.timeline, TimelineChart)
    finally:
        p.service.stop()


def test_the_timeline_follows_the_colour_scheme(qtbot) -> None:  # type: ignore[no-untyped-def]
    """QtCharts paints a white chart whatever the scheme: a bright block in the dark one.
    The chart takes the scheme's list colours, and is redrawn when the scheme changes."""
    from PySide6.QtGui import QColor

    from reader.ui.common import theme

    chart = TimelineChart(ViewState())
    qtbot.addWidget(chart)
    chart.set_buckets(bucket_rows([]))
    try:
        theme.set_scheme("dark")
        assert chart.chart.backgroundBrush().color() == QColor(theme.DARK.base)
        labels = chart.chart.axes()[0].labelsBrush().color()
        assert labels == QColor(theme.DARK.text)
    finally:
        theme.set_scheme("light")
    assert chart.chart.backgroundBrush().color() == QColor(theme.LIGHT.base)
