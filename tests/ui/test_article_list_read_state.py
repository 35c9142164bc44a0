"""The article list over the read-state service: ReadRole/StarredRole, bold and star, the
accessible title, the "Non lus" and "Suivis" filters (through the view state, combined with
search, entity and period), and the article being read staying listed (as NetNewsWire)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem

from reader.core.library.index import ArticleRow, SearchHits
from reader.core.library.read_state import ReadStateStore
from reader.services.read_state import ReadStateService
from reader.services.view_state import EntityFilter, ViewState
from reader.ui.articles import delegate as delegate_module
from reader.ui.articles.list_panel import ArticleListPanel
from reader.ui.articles.model import (
    COL_TITLE,
    ArticleTableModel,
    IdRole,
    ReadRole,
    StarredRole,
)
from reader.ui.articles.proxy import ArticleFilterProxy

IDS = ["a", "b", "c", "d", "e"]


def make_rows(folder: Path) -> list[ArticleRow]:
    """Five articles, one a month of 2024 (``a`` the oldest), each with its content hash."""
    return [ArticleRow(i + 1, aid, str(folder / f"{aid}.txt"), f"Titre {aid}",
                       f"2024-0{i + 1}-15", 3, "AFP", f"Début de {aid}", 100, f"h-{aid}")
            for i, aid in enumerate(IDS)]


@pytest.fixture
def service(tmp_path: Path) -> Iterator[ReadStateService]:
    store = ReadStateStore(tmp_path / "data")
    svc = ReadStateService(store, dwell_ms=-1)
    svc.set_library(tmp_path / "lib", [(r.id, r.content_hash) for r in make_rows(tmp_path)])
    yield svc
    store.close()


@pytest.fixture
def panel(qtbot, tmp_path: Path, service: ReadStateService) -> ArticleListPanel:
    view_state = ViewState()
    widget = ArticleListPanel(view_state)
    widget._test_view_state = view_state  # kept alive with the panel
    qtbot.addWidget(widget)
    widget.resize(600, 400)
    widget.set_rows(make_rows(tmp_path))
    widget.bind_read_state(service)
    return widget


def shown(panel: ArticleListPanel) -> list[str]:
    return sorted(panel.proxy.index(r, COL_TITLE).data(IdRole)
                  for r in range(panel.proxy.rowCount()))


def title_index(panel: ArticleListPanel, article_id: str) -> QModelIndex:
    return panel.proxy.mapFromSource(panel.model.index(panel.model.row_for_id(article_id),
                                                       COL_TITLE))


def test_roles_follow_the_service(qtmodeltester, tmp_path: Path,
                                  service: ReadStateService) -> None:
    model = ArticleTableModel()
    model.set_rows(make_rows(tmp_path))
    proxy = ArticleFilterProxy()
    proxy.setSourceModel(model)
    index = model.index(model.row_for_id("b"), COL_TITLE)
    assert index.data(ReadRole) is None and index.data(StarredRole) is None  # not bound
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == "Titre b"
    model.set_read_state(service)
    proxy.set_read_state(service)
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)
    assert index.data(ReadRole) is False and index.data(StarredRole) is False
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == "Titre b, non lu"
    service.toggle_read("b")
    service.toggle_star("b")
    model.read_states_changed(["b"])
    assert index.data(ReadRole) is True and index.data(StarredRole) is True
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == "Titre b, suivi"
    # the unrelated roles keep their early return; bad indexes never raise
    assert model.data(index, Qt.ItemDataRole.DecorationRole) is None
    assert model.data(model.index(99, 0), ReadRole) is None
    # unread and starred filters pass the model tester too
    proxy.set_unread_only(True)
    proxy.set_starred_only(True)
    assert proxy.rowCount() == 0
    proxy.set_unread_only(False)
    assert [proxy.index(r, 0).data(IdRole) for r in range(proxy.rowCount())] == ["b"]


def test_changed_rows_only_are_repainted(qtbot, panel: ArticleListPanel,
                                         service: ReadStateService) -> None:
    changed: list[tuple[int, int, list[int]]] = []
    panel.model.dataChanged.connect(
        lambda top, bottom, roles: changed.append((top.row(), bottom.row(), list(roles))))
    service.toggle_read("c")
    row = panel.model.row_for_id("c")
    assert changed == [(row, row, [ReadRole, StarredRole,
                                   Qt.ItemDataRole.AccessibleTextRole])]
    changed.clear()
    service.set_library(service.library, [(r, f"h-{r}") for r in IDS])  # a reset
    assert changed and (changed[0][0], changed[0][1]) == (0, len(IDS) - 1)


def test_filters_through_the_view_state_and_buttons(panel: ArticleListPanel,
                                                    service: ReadStateService) -> None:
    view_state = panel.view_state
    assert panel.unread_button.isEnabled() and panel.starred_button.isEnabled()
    assert panel.unread_button.accessibleName()
    assert "Ctrl" in panel.unread_button.toolTip() and "Ctrl" in panel.starred_button.toolTip()
    service.mark_read(["a", "b"])
    panel.unread_button.click()  # button → view state → proxy
    assert view_state.unread_only and panel.unread_action.isChecked()
    assert shown(panel) == ["c", "d", "e"]
    assert "non lus" in panel.filter_info.text() and panel.clear_button.isVisibleTo(panel)
    view_state.set_starred_only(True)  # view state → button
    assert panel.starred_action.isChecked()
    assert shown(panel) == []
    service.toggle_star("d")  # the sets changed: the filter follows
    assert shown(panel) == ["d"]
    assert "suivis" in panel.filter_info.text()
    panel.clear_button.click()  # "Tout afficher" clears them
    assert not view_state.unread_only and not view_state.starred_only
    assert not panel.unread_action.isChecked() and not panel.starred_action.isChecked()
    assert shown(panel) == IDS


def test_filters_combine_with_search_entity_and_period(panel: ArticleListPanel,
                                                       service: ReadStateService) -> None:
    service.mark_read(["a"])
    service.toggle_star("b")
    service.toggle_star("c")
    # the search finds a, b and d (rowids 1, 2, 4)
    hits = SearchHits([1, 2, 4], [(1, -2.0), (2, -1.0), (4, -0.5)], {1: "a", 2: "b", 4: "d"})
    panel.view_state.set_query("titre")
    panel.show_search(hits)
    assert shown(panel) == ["a", "b", "d"]
    panel.view_state.set_unread_only(True)
    assert shown(panel) == ["b", "d"]
    panel.view_state.set_starred_only(True)
    assert shown(panel) == ["b"]
    panel.show_search(None)
    assert shown(panel) == ["b", "c"]
    panel.view_state.set_entity(EntityFilter("k", "PER", "Quelqu'un",
                                             article_ids=frozenset({"c", "d"})))
    assert shown(panel) == ["c"]
    panel.view_state.set_entity(None)
    panel.view_state.set_period("2024-02")
    assert shown(panel) == ["b"]
    panel.view_state.set_starred_only(False)
    panel.view_state.set_period("2024-01")
    assert shown(panel) == []  # a is read
    panel.view_state.clear()
    assert shown(panel) == IDS


def test_the_article_read_stays_listed_until_the_user_moves_on(
        qtbot, panel: ArticleListPanel, service: ReadStateService) -> None:
    panel.view_state.set_unread_only(True)
    panel.select_article("b")
    assert panel.current_article_id() == "b"
    service.toggle_read("b")  # M on the article being read
    assert "b" in shown(panel) and panel.current_article_id() == "b"
    assert title_index(panel, "b").data(ReadRole) is True
    service.mark_read(["d"])  # another article read meanwhile: it goes
    assert shown(panel) == ["a", "b", "c", "e"]
    panel.select_article("c")  # the user moves on: b goes (once the event loop runs)
    qtbot.waitUntil(lambda: "b" not in shown(panel))
    assert shown(panel) == ["a", "c", "e"] and panel.current_article_id() == "c"
    service.toggle_read("c")
    assert "c" in shown(panel)
    panel.view_state.set_period("2024-03")  # a filter change: c goes too
    assert shown(panel) == []
    panel.view_state.set_period(None)
    assert shown(panel) == ["a", "e"]
    service.undo_stack.undo()  # c unread again: listed again
    assert shown(panel) == ["a", "c", "e"]


def test_mark_all_shown_read_and_undo(panel: ArticleListPanel,
                                      service: ReadStateService) -> None:
    panel.view_state.set_period("2024-02")
    assert panel.shown_ids() == ["b"]
    panel.view_state.set_period(None)
    panel.view_state.set_unread_only(True)
    assert service.mark_all_read(panel.shown_ids()) == len(IDS)
    current = panel.current_article_id()
    assert shown(panel) == [current]  # only the article being read stays
    service.undo_stack.undo()
    assert shown(panel) == IDS


def paint_title(panel: ArticleListPanel, article_id: str,
                monkeypatch: pytest.MonkeyPatch) -> tuple[list[bool], list[str]]:
    """What the delegate draws for the title: the bold flag of each text and the texts."""
    bolds: list[bool] = []
    texts: list[str] = []
    real_draw = QPainter.drawText

    def spy(painter: QPainter, *args: object) -> None:
        bolds.append(painter.font().bold())
        texts.append(str(args[-1]))
        real_draw(painter, *args)

    monkeypatch.setattr(delegate_module.QPainter, "drawText", spy, raising=False)
    image = QImage(400, 60, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    option = QStyleOptionViewItem()
    option.initFrom(panel.table)
    option.rect = image.rect()
    option.font = panel.table.font()
    try:
        panel.delegate.paint(painter, option, title_index(panel, article_id))
    finally:
        painter.end()
        monkeypatch.undo()
    return bolds, texts


def test_delegate_paints_unread_bold_and_a_star(panel: ArticleListPanel,
                                                service: ReadStateService,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    bolds, texts = paint_title(panel, "a", monkeypatch)
    assert bolds[0] is True and texts[0] == "Titre a"  # unread: bold
    service.toggle_read("a")
    service.toggle_star("a")
    bolds, texts = paint_title(panel, "a", monkeypatch)
    assert texts[0].startswith("★") and texts[1] == "Titre a"
    assert bolds[1] is False  # read: normal weight
