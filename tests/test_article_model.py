"""The article table model and its proxy, checked with pytest-qt's qtmodeltester."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from ui_helpers import make_library

from reader.core.library.index import ArticleRow, LibraryIndex
from reader.ui.articles.model import (
    COL_DATE,
    COL_TITLE,
    ArticleTableModel,
    IdRole,
)
from reader.ui.articles.proxy import ArticleFilterProxy


def _model(tmp_path: Path) -> tuple[LibraryIndex, Path, ArticleTableModel]:
    lib = make_library(tmp_path)
    index = LibraryIndex(tmp_path / "cache" / "library.sqlite3")
    index.scan(lib)
    model = ArticleTableModel()
    model.set_rows(index.rows(lib))
    return index, lib, model


def _checked_proxy(model: ArticleTableModel, qtmodeltester) -> ArticleFilterProxy:
    """A filter proxy over ``model``, checked by the model tester (which stays attached and
    checks every later change)."""
    proxy = ArticleFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    return proxy


def _shown(view: ArticleFilterProxy | ArticleTableModel) -> list[str]:
    """Article ids in the order the rows show."""
    return [view.index(r, 0).data(IdRole) for r in range(view.rowCount())]


def test_model_passes_modeltester(qtmodeltester, tmp_path: Path) -> None:
    index, _lib, model = _model(tmp_path)
    assert model.rowCount() == 3
    qtmodeltester.check(model)
    titles = {model.index(r, COL_TITLE).data() for r in range(3)}
    assert "Jens Stoltenberg - OTAN" in titles
    dates = {model.index(r, COL_DATE).data() for r in range(3)}
    assert {"mai 2024", "28 mai 2024", "1937"} <= dates
    assert model.data(model.index(99, 0)) is None  # never raises
    index.close()


def test_proxy_sorts_and_filters(qtmodeltester, tmp_path: Path) -> None:
    index, lib, model = _model(tmp_path)
    proxy = _checked_proxy(model, qtmodeltester)
    proxy.sort(COL_DATE, Qt.SortOrder.DescendingOrder)
    order = _shown(proxy)
    assert order == ["sommet", model.index(model.row_for_id(order[1]), 0).data(IdRole), "expo"]
    # accent-insensitive search through the index: "eleve" finds "élève"
    proxy.set_search(index.search(lib, "eleve"))
    assert _shown(proxy) == ["sommet"]
    proxy.set_search(None)
    proxy.set_month("2024-05")
    assert proxy.rowCount() == 2
    proxy.set_month("1937")
    assert _shown(proxy) == ["expo"]
    proxy.set_month(None)
    proxy.set_entity_ids({"expo", "sommet"})
    assert proxy.rowCount() == 2
    qtmodeltester.check(proxy)
    index.close()


def test_add_rows_updates_in_place(qtmodeltester, tmp_path: Path) -> None:
    index, lib, model = _model(tmp_path)
    rows = index.rows(lib)
    model.set_rows(rows[:1])
    model.add_rows(rows)
    assert model.rowCount() == 3
    qtmodeltester.check(model)
    index.close()


def test_filters_keep_the_current_article_and_apply_to_new_rows(qtmodeltester,
                                                                tmp_path: Path) -> None:
    from PySide6.QtCore import QPersistentModelIndex

    index, lib, model = _model(tmp_path)
    rows = index.rows(lib)
    proxy = _checked_proxy(model, qtmodeltester)
    current = QPersistentModelIndex(
        proxy.mapFromSource(model.index(model.row_for_id("sommet"), COL_TITLE)))
    proxy.set_month("2024-05")
    assert current.isValid() and current.data(IdRole) == "sommet"  # still shown: kept
    proxy.set_month("1937")
    assert not current.isValid()  # hidden: invalid, not pointing at another article
    assert model.row_for_id("sommet") == -1 and model.has_article("sommet")
    assert [r.id for r in proxy.accepted_rows()] == ["expo"]
    # while indexing, new rows pass through the active filter
    model.set_rows([r for r in rows if r.id == "sommet"])
    assert proxy.rowCount() == 0
    model.add_rows(rows)
    assert _shown(proxy) == ["expo"]
    proxy.set_month(None)
    assert proxy.rowCount() == 3 and len(model.rows()) == 3
    index.close()


def test_search_filter_and_relevance_order(qtmodeltester, tmp_path: Path) -> None:
    index, lib, model = _model(tmp_path)
    proxy = _checked_proxy(model, qtmodeltester)
    hits = index.search(lib, "européenne")
    proxy.set_search(hits)
    shown = set(_shown(proxy))
    assert shown == set(hits.ids) and len(shown) == 2
    proxy.set_sort_by_relevance(True)
    assert _shown(proxy) == hits.ids
    # a file indexed after the search (a row id beyond the hits' table) is not a hit
    later = index.rows(lib)[0]._replace(rowid=10**6, id="later")
    model.add_rows([later])
    assert proxy.rowCount() == 2 and model.has_article("later")
    proxy.set_search(None)
    assert proxy.rowCount() == 4
    index.close()


def test_big_title_sorts_run_through_the_runner(qtmodeltester, tmp_path: Path,
                                                monkeypatch) -> None:
    from reader.ui.articles import model as article_model

    monkeypatch.setattr(article_model, "ASYNC_SORT_MIN", 1)
    index, lib, model = _model(tmp_path)
    rows = index.rows(lib)
    pending: list = []
    model.sort_runner = lambda compute, apply: pending.append((compute, apply))
    proxy = _checked_proxy(model, qtmodeltester)
    proxy.sort(COL_DATE, Qt.SortOrder.AscendingOrder)  # a C-level key: at once
    assert not pending and model.index(0, 0).data(IdRole) == "expo"
    proxy.sort(COL_TITLE, Qt.SortOrder.AscendingOrder)
    assert len(pending) == 1 and model.index(0, 0).data(IdRole) == "expo"  # not yet
    compute, apply = pending.pop()
    model.add_rows([rows[0]._replace(rowid=10**6, id="zz", title="Zèbres")])  # meanwhile
    apply(compute())  # stale rows: sorted again with the new one
    assert len(pending) == 1
    compute, apply = pending.pop()
    apply(compute())
    titles = [model.index(r, COL_TITLE).data() for r in range(model.rowCount())]
    assert titles == sorted(titles, key=article_model.fold) and titles[-1] == "Zèbres"
    # a newer order wins over one still being computed
    proxy.sort(COL_TITLE, Qt.SortOrder.DescendingOrder)
    proxy.sort(COL_DATE, Qt.SortOrder.DescendingOrder)  # at once
    by_date = _shown(model)
    compute, apply = pending.pop()
    apply(compute())  # the title order arrives late: dropped
    assert _shown(model) == by_date
    assert by_date[-1] == "expo"
    index.close()


def test_period_filter_follows_the_date_precision() -> None:
    from reader.core.library.rows import period_mask, row_month, row_year

    def row(iso: str, precision: int) -> ArticleRow:
        return ArticleRow(1, "a", "/a.txt", "T", iso, precision, "AFP", "", 1, "h")

    rows = [row("1937-05-28", 3), row("1937-05-01", 2), row("1937-01-01", 1),
            row("", 0), row("2024-05-01", 2), row("1937-11-02", 3)]
    for period in ("1937", "1937-05", "1937-01", "2024-05", "2024"):
        expected = [(row_year(r) if len(period) == 4 else row_month(r)) == period
                    for r in rows]
        isos, precisions = [r.date_iso for r in rows], [r.precision for r in rows]
        assert list(period_mask(isos, precisions, period)) == expected, period


def test_entity_filter_by_row_id_table(qtmodeltester, tmp_path: Path) -> None:
    from reader.core.library.rows import rowid_bitmap

    index, lib, model = _model(tmp_path)
    proxy = _checked_proxy(model, qtmodeltester)
    rows = index.rows(lib)
    proxy.set_entity_ids({"expo", "sommet"}, rowid_bitmap(rows, {"expo", "sommet"}))
    assert set(_shown(proxy)) == {"expo", "sommet"}
    proxy.set_month("1937")  # combined with the other filters
    assert _shown(proxy) == ["expo"]
    proxy.set_entity_ids(None)
    proxy.set_month(None)
    assert proxy.rowCount() == 3
    index.close()
