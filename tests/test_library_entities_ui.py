"""Library Entities dock: model checked by qtmodeltester, choosing an entity gives its
articles, merge/split, co-mentions, the timeline, and the background worker process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.entities.batch import quick_version
from reader.core.entities.cache import EntityCache
from reader.core.entities.extractor import ArticleEntities, Entity
from reader.core.entities.index import EntityIndex
from reader.core.entities.postprocess import entity_key
from reader.core.library.index import ArticleRow
from reader.ui.entities.library_panel import KeyRole, LibraryEntitiesPanel
from reader.ui.entities.timeline import TimelineChart, bucket_rows

VERSION = quick_version()


def ents(*mentions: tuple[str, str]) -> ArticleEntities:
    return ArticleEntities(tuple(Entity(i, i + len(t), lab, t, entity_key(t, lab))
                                 for i, (t, lab) in enumerate(mentions)), ())


LIBRARY = {
    "a1": ("2024-05-02", 3, ents(("Antony Blinken", "PER"), ("Kiev", "LOC"), ("OTAN", "ORG"))),
    "a2": ("2024-05-20", 3, ents(("Blinken", "PER"), ("Kiev", "LOC"))),
    "a3": ("2024-07-01", 2, ents(("Antony Blinken", "PER"), ("Moscou", "LOC"))),
    "a4": ("", 0, ents(("Kiev", "LOC"), ("Moscou", "LOC"), ("Médecins sans frontières", "ORG"))),
}


def rows(folder: Path) -> list[ArticleRow]:
    return [ArticleRow(i, aid, str(folder / f"{aid}.txt"), f"Titre {aid}", date, prec, "AFP",
                       "", 10, f"h-{aid}") for i, (aid, (date, prec, _e)) in
            enumerate(LIBRARY.items(), 1)]


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path, Path]:
    return tmp_path / "cache", tmp_path / "data", tmp_path / "lib"


@pytest.fixture
def indexed(dirs: tuple[Path, Path, Path]) -> tuple[Path, Path, Path]:
    assert VERSION is not None
    index = EntityIndex(dirs[0])
    index.add_many((f"h-{aid}", VERSION, e) for aid, (_d, _p, e) in LIBRARY.items())
    index.close()
    return dirs


@pytest.fixture
def panel(qtbot, indexed: tuple[Path, Path, Path]) -> Iterator[LibraryEntitiesPanel]:  # type: ignore[no-untyped-def]
    cache, data, lib = indexed
    p = LibraryEntitiesPanel(cache, data)
    qtbot.addWidget(p)
    p.resize(420, 760)
    p.show()
    with qtbot.waitSignal(p.sig_refreshed, timeout=10_000):
        p.set_library(lib, None, rows(lib))
    yield p
    p.stop()
    assert not p.is_extracting()


def keys(p: LibraryEntitiesPanel) -> list[str]:
    return [p.proxy.index(i, 0).data(KeyRole) for i in range(p.proxy.rowCount())]


def test_model_passes_qtmodeltester(qtmodeltester, panel: LibraryEntitiesPanel) -> None:  # type: ignore[no-untyped-def]
    assert panel.objectName() == "libraryEntitiesDock"
    assert panel.windowTitle() == "Entités de la bibliothèque"
    assert panel.model.rowCount() > 0
    qtmodeltester.check(panel.model)
    qtmodeltester.check(panel.proxy)
    assert not panel.is_extracting()  # everything indexed: no process was started


def test_list_groups_and_filters(qtbot, panel: LibraryEntitiesPanel) -> None:  # type: ignore[no-untyped-def]
    assert set(keys(panel)[:2]) == {"kiev", "antony blinken"}  # 3 articles each
    assert "blinken" not in keys(panel) and "antony blinken" in keys(panel)
    panel.search_edit.setText("MEDECINS")  # accents and case ignored
    assert keys(panel) == ["medecins sans frontieres"]
    panel.search_edit.clear()
    with qtbot.waitSignal(panel.sig_refreshed, timeout=10_000):
        panel.type_combo.setCurrentIndex(panel.type_combo.findData("PER"))
    assert keys(panel) == ["antony blinken"]
    type_index = panel.proxy.index(0, 1)
    assert type_index.data() == "PER"  # the type as text, not only a colour


def test_choosing_an_entity_emits_its_articles(qtbot, panel: LibraryEntitiesPanel) -> None:  # type: ignore[no-untyped-def]
    row = keys(panel).index("antony blinken")
    chosen: list[object] = []
    panel.sig_entity_chosen.connect(chosen.append)
    with qtbot.waitSignals([panel.sig_entity_chosen, panel.sig_co_mentions], timeout=10_000):
        panel.view.activated.emit(panel.proxy.index(row, 0))
    key, label, display, ids, bitmap = chosen[0]  # type: ignore[misc]
    assert (key, label, display, ids) == ("antony blinken", "PER", "Antony Blinken",
                                          {"a1", "a2", "a3"})
    # the list filter's table, by row id, built in the worker with the ids
    assert {rid for rid, on in enumerate(bitmap) if on} == {
        r.rowid for r in panel.rows if r.id in ids}
    assert panel.member_keys == {"antony blinken", "blinken"}
    co = [panel.co_model.index(i, 0).data(KeyRole) for i in range(panel.co_model.rowCount())]
    assert co[0] == "kiev"
    with qtbot.waitSignal(panel.sig_entity_chosen, timeout=10_000) as blocker:
        panel.co_view.activated.emit(panel.co_proxy.index(0, 0))
    assert blocker.args[0][0] == "kiev" and blocker.args[0][3] == {"a1", "a2", "a4"}
    with qtbot.waitSignal(panel.sig_entity_chosen, timeout=1000) as blocker:
        panel.clear_button.click()
    assert blocker.args == [None]


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
    with qtbot.waitSignal(panel.sig_refreshed, timeout=10_000):
        panel.merge_button.click()
    assert "moscou" not in keys(panel)
    select(panel, "antony blinken")
    with qtbot.waitSignal(panel.sig_refreshed, timeout=10_000):
        panel.split_button.click()
    assert "blinken" in keys(panel)
    panel.stop()

    cache, data, lib = indexed
    again = LibraryEntitiesPanel(cache, data)
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.sig_refreshed, timeout=10_000):
        again.set_library(lib, None, rows(lib))
    assert "moscou" not in keys(again) and "blinken" in keys(again)
    with qtbot.waitSignal(again.sig_entity_chosen, timeout=10_000) as blocker:
        again.choose("moscou", "LOC")
    assert blocker.args[0][0] == "kiev" and blocker.args[0][3] == {"a1", "a2", "a3", "a4"}
    again.stop()


def test_timeline_counts_months_apart_from_undated(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    chart = TimelineChart()
    qtbot.addWidget(chart)
    chart.set_rows(rows(tmp_path))
    b = chart.buckets
    assert b.keys == ["2024-05", "2024-06", "2024-07"] and b.counts == [2, 0, 1]
    assert (b.undated, b.year_only, b.by_year) == (1, 0, False)
    assert "1 sans date" in chart.info.text()
    with qtbot.waitSignal(chart.sig_month_chosen) as blocker:
        chart.choose_index(0)
    assert blocker.args == ["2024-05"]
    with qtbot.waitSignal(chart.sig_month_chosen) as blocker:
        chart.choose_index(0)  # again: cleared
    assert blocker.args == [None]


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
    p = LibraryEntitiesPanel(cache_dir, data)
    qtbot.addWidget(p)
    progress: list[tuple[int, int]] = []
    p.sig_progress.connect(lambda d, t: progress.append((d, t)))
    with qtbot.waitSignal(p.batch.sig_finished, timeout=60_000) as blocker:
        p.set_library(lib, None, rows(lib))
    summary = blocker.args[0]
    assert summary["from_cache"] == 4 and summary["extracted"] == 0
    assert summary["spacy_imported"] is False
    qtbot.waitUntil(lambda: "kiev" in keys(p), timeout=10_000)
    assert progress[-1] == (4, 4)
    p.stop()
    assert not p.is_extracting()


def test_stopping_the_worker_leaves_nothing_running(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication

    from reader.ui.entities.batch_process import EntityBatchProcess

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
