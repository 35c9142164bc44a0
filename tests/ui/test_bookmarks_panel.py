"""The Bookmarks dock: model, undo/redo, persistence, filters, activation, errors.

The dock is a view of a :class:`BookmarkService`: changes go through the service, the dock
follows them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reader.core.bookmarks.store import ORPHANED, BookmarkStore
from reader.core.library.parser import Article, parse_text
from reader.services.bookmark_types import Passage
from reader.services.bookmarks import BookmarkService
from reader.services.jobs import JobRunner
from reader.ui.bookmarks.model import BookmarkFilterProxy, BookmarkRole
from reader.ui.bookmarks.panel import BookmarksPanel

TEXT = (" date 12 mars 2024 Sommet à Bruxelles - OTAN (AFP)\n\n"
        "Les ministres se sont réunis jeudi à Bruxelles pour préparer le sommet de l'alliance.\n\n"
        "Le secrétaire général a rappelé l'importance du soutien à l'Ukraine face à la Russie.\n")


def make_article(text: str = TEXT, name: str = "sommet") -> Article:
    return parse_text(text, Path(f"/library/{name}.txt"))


def span(article: Article, phrase: str) -> tuple[int, int]:
    start = article.text.index(phrase)
    return start, start + len(phrase)


@pytest.fixture
def service(qtbot, tmp_path: Path) -> Iterator[BookmarkService]:
    runner = JobRunner()
    s = BookmarkService(tmp_path / "data", runner)
    yield s
    runner.shutdown()
    s.close()


@pytest.fixture
def store(service: BookmarkService) -> BookmarkStore:
    assert service.store is not None
    return service.store


@pytest.fixture
def panel(qtbot, service: BookmarkService) -> BookmarksPanel:
    p = BookmarksPanel(service)
    qtbot.addWidget(p)
    return p


@pytest.mark.parametrize("which", ["model", "proxy"])
def test_models_pass_qtmodeltester(qtmodeltester, panel: BookmarksPanel, service: BookmarkService, which: str) -> None:
    """One tester per model: a tester follows one model's signals at a time."""
    article = make_article()
    service.add(article, *span(article, "ministres se sont réunis"), note="n1")
    service.add(article, *span(article, "soutien à l'Ukraine"))
    qtmodeltester.check(panel.model if which == "model" else panel.proxy, force_py=True)
    # the tester keeps watching: re-sorting, moving, filtering and removing rows
    panel.proxy.set_sort(BookmarkFilterProxy.SORT_POSITION)
    third = service.add(article, *span(article, "Les ministres"))
    assert panel.model.bookmark_at(0).id == third.id  # first in reading order
    service.set_note(third, "changée")
    panel.proxy.set_sort(BookmarkFilterProxy.SORT_DATE)
    assert panel.model.bookmark_at(0).id == third.id  # newest
    panel.filter_edit.setText("changée")
    assert panel.proxy.rowCount() == 1
    panel.filter_edit.clear()
    service.undo_stack.undo()
    service.undo_stack.undo()
    assert panel.model.rowCount() == 2
    service.reload()


def test_add_undo_redo(panel: BookmarksPanel, service: BookmarkService, store: BookmarkStore) -> None:
    article = make_article()
    b = service.add(article, *span(article, "soutien à l'Ukraine"), note="à citer")
    assert b.quote == "soutien à l'Ukraine"
    assert panel.model.rowCount() == 1
    assert panel.proxy.index(0, 0).data(BookmarkRole).id == b.id
    service.undo_stack.undo()
    assert panel.model.rowCount() == 0 and store.all() == []
    service.undo_stack.redo()
    assert panel.model.rowCount() == 1 and [x.id for x in store.all()] == [b.id]
    assert store.get(b.id).note == "à citer"


def test_note_colour_tags_are_undoable_and_persist(panel: BookmarksPanel, service: BookmarkService, store: BookmarkStore,
                                                   tmp_path: Path) -> None:
    article = make_article()
    b = service.add(article, *span(article, "préparer le sommet"))
    service.set_note(b, "première note")
    service.set_colour(store.get(b.id), "green")
    service.set_tags(store.get(b.id), "otan, sommet #otan")
    after = store.get(b.id)
    assert (after.note, after.colour, after.tags) == ("première note", "green", ("otan", "sommet"))
    service.undo_stack.undo()  # tags
    assert store.get(b.id).tags == ()
    service.undo_stack.undo()  # colour
    assert store.get(b.id).colour == "yellow"
    service.undo_stack.redo()
    service.undo_stack.redo()
    store.close()
    reopened = BookmarkStore(tmp_path / "data")
    again = reopened.get(b.id)
    assert (again.note, again.colour, again.tags) == ("première note", "green", ("otan", "sommet"))
    reopened.close()


def test_delete_is_undoable(panel: BookmarksPanel, service: BookmarkService, store: BookmarkStore) -> None:
    article = make_article()
    b = service.add(article, *span(article, "Bruxelles"), note="x")
    panel.select_bookmark(b.id)
    panel.delete_selected()
    assert store.all() == [] and panel.model.rowCount() == 0
    service.undo_stack.undo()
    assert store.get(b.id) == b and panel.model.rowCount() == 1


def test_activation_emits_the_bookmark(qtbot, panel: BookmarksPanel, service: BookmarkService) -> None:
    article = make_article()
    b = service.add(article, *span(article, "Bruxelles"))
    index = panel.proxy.index(0, 2)
    with qtbot.waitSignal(panel.sig_bookmark_activated, timeout=2000) as blocker:
        panel.view.activated.emit(index)
    assert blocker.args[0].id == b.id


def test_filters_and_sort(panel: BookmarksPanel, service: BookmarkService) -> None:
    a1 = make_article()
    a2 = make_article(TEXT.replace("Bruxelles", "Vilnius"), "vilnius")
    b1 = service.add(a1, *span(a1, "ministres"), note="réunion")
    b2 = service.add(a2, *span(a2, "Vilnius"))
    service.set_tags(b2, ["balte"])
    service.set_colour(service.get(b1.id), "pink")

    def visible() -> set[str]:
        return {panel.proxy.index(r, 0).data(BookmarkRole).id
                for r in range(panel.proxy.rowCount())}

    assert visible() == {b1.id, b2.id}
    panel.filter_edit.setText("RÉUNION")
    assert visible() == {b1.id}
    panel.filter_edit.clear()
    panel.tag_combo.setCurrentIndex(panel.tag_combo.findData("balte"))
    assert visible() == {b2.id}
    panel.tag_combo.setCurrentIndex(0)
    panel.colour_combo.setCurrentIndex(panel.colour_combo.findData("pink"))
    assert visible() == {b1.id}
    panel.colour_combo.setCurrentIndex(0)
    panel.set_current_article("vilnius")
    row = panel.model.row_for_id(b2.id)
    assert panel.model.index(row, 0).data(Qt.ItemDataRole.FontRole).bold()  # open article
    panel.this_article.setChecked(True)
    assert visible() == {b2.id}
    panel.this_article.setChecked(False)
    panel.sort_combo.setCurrentIndex(panel.sort_combo.findData(BookmarkFilterProxy.SORT_DATE))
    assert panel.proxy.index(0, 0).data(BookmarkRole).id == b2.id  # newest first
    panel.sort_combo.setCurrentIndex(
        panel.sort_combo.findData(BookmarkFilterProxy.SORT_POSITION))
    assert panel.proxy.index(0, 0).data(BookmarkRole).id == b1.id  # "sommet" < "vilnius"


def test_orphan_is_marked_and_reattached(panel: BookmarksPanel, service: BookmarkService, store: BookmarkStore) -> None:
    article = make_article()
    b = service.add(article, *span(article, "soutien à l'Ukraine face à la Russie"))
    rewritten = make_article(TEXT.replace(
        "Le secrétaire général a rappelé l'importance du soutien à l'Ukraine face à la Russie.",
        "La réunion s'est achevée tard dans la soirée sans déclaration commune."))
    changed = service.reanchor(rewritten)
    assert [c.status for c in changed] == [ORPHANED]
    assert panel.message.text()
    title = panel.proxy.index(0, 0).data()
    assert title.startswith("⚠")
    start, end = span(rewritten, "sans déclaration commune")
    panel.selection_provider = lambda: Passage(rewritten, start, end)
    panel.select_bookmark(b.id)
    panel.reattach_selected()
    fixed = store.get(b.id)
    assert (fixed.status, fixed.quote) == ("anchored", "sans déclaration commune")
    service.undo_stack.undo()
    assert store.get(b.id).status == ORPHANED


def test_export_import_from_panel(qtbot, panel: BookmarksPanel, service: BookmarkService,
                                  tmp_path: Path) -> None:
    article = make_article()
    service.add(article, *span(article, "Bruxelles"), note="lieu")
    out = tmp_path / "export.json"
    with qtbot.waitSignal(service.sig_exported, timeout=10_000) as exported:
        panel.export_visible(out, "w3c")
    assert exported.args[0].ok
    assert json.loads(out.read_text(encoding="utf-8"))["total"] == 1
    with qtbot.waitSignal(service.sig_imported, timeout=10_000) as imported:
        service.import_file(out)
    result = imported.args[0]
    assert (result.added, result.updated, result.unchanged) == (0, 0, 1)
    assert panel.model.rowCount() == 1
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with qtbot.waitSignal(service.sig_imported, timeout=10_000) as imported:
        service.import_file(bad)
    assert not imported.args[0].ok
    assert "bad.json" in panel.message.text()


def test_storage_errors_are_shown_not_raised(panel: BookmarksPanel, service: BookmarkService,
                                             store: BookmarkStore) -> None:
    article = make_article()
    b = service.add(article, *span(article, "Bruxelles"))
    store.db.conn.execute("PRAGMA query_only=ON")  # every write now fails
    assert service.set_note(b, "ne sera pas enregistrée") is None
    assert "non enregistrée" in panel.message.text()
    service.undo_stack.undo()  # the add: cannot be undone either, but must not crash
    assert panel.message.text()
    # a failed add is reported (not raised out of a slot) and returns None
    assert service.add(article, *span(article, "ministres")) is None
    assert "non enregistré" in panel.message.text()
    store.db.conn.execute("PRAGMA query_only=OFF")
    assert store.get(b.id).note == ""


def test_relink_library_follows_a_renamed_file(panel: BookmarksPanel, service: BookmarkService,
                                               store: BookmarkStore) -> None:
    article = make_article()
    b = service.add(article, *span(article, "Bruxelles"))
    assert service.relink_library({article.content_hash: "sommet-renomme"}) == 1
    assert store.get(b.id).article_id == "sommet-renomme"
    assert panel.proxy.index(0, 0).data(BookmarkRole).article_id == "sommet-renomme"


def test_export_format_follows_the_file_name() -> None:
    from reader.ui.bookmarks.dialogs import format_for

    assert format_for(Path("a.md"), "json") == "md"
    assert format_for(Path("a.jsonld"), "md") == "w3c"
    assert format_for(Path("a.json"), "md") == "json"
    assert format_for(Path("a.json"), "w3c") == "w3c"


def test_undo_keeps_what_another_window_changed(panel: BookmarksPanel, service: BookmarkService, store: BookmarkStore,
                                                tmp_path: Path) -> None:
    article = make_article()
    b = service.add(article, *span(article, "Bruxelles"))
    service.set_note(b, "ma note")
    other = BookmarkStore(tmp_path / "data")  # a second app instance
    other.update(b.id, colour="blue", tags=["autre"])
    service.undo_stack.undo()  # my note edit only
    now = store.get(b.id)
    assert (now.note, now.colour, now.tags) == ("", "blue", ("autre",))
    service.undo_stack.redo()
    assert store.get(b.id).note == "ma note" and store.get(b.id).colour == "blue"
    other.delete(b.id)
    service.undo_stack.undo()  # gone elsewhere: said so, not resurrected, no crash
    assert store.get(b.id) is None and "supprimé" in panel.message.text()
    other.close()


def test_tooltips_and_message_are_plain_text(panel: BookmarksPanel,
                                             service: BookmarkService) -> None:
    """A note is text from the user: ``<b>`` shows as typed, in the tooltip and the line."""
    from PySide6.QtGui import QTextDocument

    from reader.services.bookmark_types import Notice

    article = make_article()
    b = service.add(article, *span(article, "Bruxelles"), note="<b>gras</b> & <i>x</i>")
    assert b is not None
    tip = panel.proxy.index(0, 3).data(Qt.ItemDataRole.ToolTipRole)
    doc = QTextDocument()
    doc.setHtml(tip)  # what QToolTip renders
    assert "<b>gras</b> & <i>x</i>" in doc.toPlainText()
    assert "« Bruxelles »" in doc.toPlainText()
    panel.show_notice(Notice("<b>échec</b>"))
    assert panel.message.textFormat() == Qt.TextFormat.PlainText
    assert panel.message.text() == "<b>échec</b>"


def test_panel_follows_the_service_and_disables_edits_when_unavailable(
        qtbot, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    runner = JobRunner()
    service = BookmarkService(blocker / "data", runner)
    panel = BookmarksPanel(service)
    qtbot.addWidget(panel)
    assert "indisponibles" in panel.message.text()  # said in the dock, not only once
    assert not panel.act_import.isEnabled() and not panel.act_delete.isEnabled()
    runner.shutdown()
