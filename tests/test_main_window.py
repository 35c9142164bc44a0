"""The main window end to end: open a library, read, highlight, bookmark, search."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from ui_helpers import make_library, open_window

from reader.services.library_session import LibraryOpened
from reader.ui.articles.list_panel import sort_choices
from reader.ui.articles.model import IdRole, SnippetRole
from reader.ui.main_window import MainWindow

MODEL_TIMEOUT = 120_000


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:
    win = open_window(qtbot, make_library(tmp_path), tmp_path / "data", tmp_path / "cache")
    yield win
    win.shutdown()
    assert win.jobs.pending_count == 0 or win.jobs.shutdown()


def _open(qtbot, win: MainWindow, article_id: str) -> None:
    if win.pane.article is not None and win.pane.article.id == article_id:
        return
    with qtbot.waitSignal(win.sig_article_shown, timeout=60_000):
        assert win.select_article(article_id)


def test_library_opens_and_lists_problems(window: MainWindow) -> None:
    assert window.articles.model.rowCount() == 3
    reasons = {Path(p.path).name: p.reason for p in window.session.problems}
    assert set(reasons) == {"vide.txt", "binaire.txt", "latin1.txt"}
    assert "empty" in reasons["vide.txt"] and "UTF-8" in reasons["latin1.txt"]
    assert window.status.problems_button.isVisible()
    assert window.status.problems_button.text() == "3 problèmes"


def test_article_is_highlighted(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.sig_entities_applied, timeout=MODEL_TIMEOUT):
        _open(qtbot, window, "000_bc9dcdd3549268f8")
    labels = {(e.text, e.label) for e in window.pane.entities}
    assert ("Antony Blinken", "PER") in labels
    assert ("Kiev", "LOC") in labels
    assert not any("qu’" in e.text or "qu'" in e.text for e in window.pane.entities)
    assert window.entities_panel.tree.topLevelItemCount() >= 3
    # toggling a type removes its formats; the legend button is the toggle
    before = window.pane.entity_count_in_document()
    window.pane.set_label_enabled("LOC", False)
    assert window.pane.entity_count_in_document() < before
    window.pane.set_label_enabled("LOC", True)
    assert window.pane.entity_count_in_document() == before


def test_markup_in_files_is_shown_as_text(qtbot, window: MainWindow) -> None:
    _open(qtbot, window, "sommet")
    shown = window.pane.view.toPlainText()
    assert "<b>la défense</b> européenne &amp; le budget" in shown
    assert window.pane.view.document().toHtml().count("<b>la") == 0


def test_navigation_and_search(qtbot, window: MainWindow) -> None:
    first = window.current_article_id()
    window.commands.next_article.trigger()
    qtbot.waitUntil(lambda: window.current_article_id() != first)
    window.commands.prev_article.trigger()
    qtbot.waitUntil(lambda: window.current_article_id() == first)
    with qtbot.waitSignal(window.sig_search_done, timeout=60_000):
        window.articles.search_edit.setText("eleve")
    ids = [window.articles.proxy.index(r, 0).data(IdRole) for r in range(window.articles.proxy.rowCount())]
    assert ids == ["sommet"]
    _open(qtbot, window, "sommet")
    qtbot.waitUntil(lambda: window.pane.match_count == 1)
    assert window.pane.step_match()
    assert window.pane.selected_text().lower() == "élève"
    window.clear_filters()
    assert window.articles.proxy.rowCount() == 3
    # Esc in the search box clears the search
    with qtbot.waitSignal(window.sig_search_done, timeout=60_000):
        window.articles.search_edit.setText("eleve")
    window.articles.search_edit.setFocus()
    qtbot.keyClick(window.articles.search_edit, Qt.Key.Key_Escape)
    assert window.articles.search_edit.text() == "" and window.articles.proxy.rowCount() == 3


def test_bookmark_a_selection(qtbot, window: MainWindow, tmp_path: Path) -> None:
    _open(qtbot, window, "000_bc9dcdd3549268f8")
    article = window.pane.article
    assert article is not None
    start = article.text.index("Antony Blinken")
    window.pane.select_range(start, start + len("Antony Blinken, secrétaire"))
    assert window.commands.bookmark.isEnabled()
    bookmark = window.bookmark_selection(note="à vérifier")
    assert bookmark is not None
    assert bookmark.quote == "Antony Blinken, secrétaire"
    panel = window.bookmarks_panel
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1 if hasattr(panel, "model") else True)
    assert [b.quote for b in window.bookmarks.bookmarks()] == ["Antony Blinken, secrétaire"]
    assert window.pane.view.extraSelections()  # shown in the text
    # move away, then activate the bookmark: the article opens with the passage selected
    _open(qtbot, window, "expo")
    with qtbot.waitSignal(window.sig_article_shown, timeout=60_000):
        window.open_bookmark(bookmark)
    qtbot.waitUntil(lambda: window.pane.selected_text() == "Antony Blinken, secrétaire")
    window.undo_stack.undo()
    assert window.bookmarks.bookmarks() == []
    window.undo_stack.redo()
    assert len(window.bookmarks.bookmarks()) == 1


def test_zoom_changes_font(window: MainWindow) -> None:
    size = window.pane.point_size
    window.commands.zoom_in.trigger()
    assert window.pane.point_size > size
    window.commands.zoom_out.trigger()
    assert window.pane.point_size == size
    cursor = window.pane.view.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)


def test_library_entity_filters_the_list(qtbot, window: MainWindow) -> None:
    """Library-wide extraction runs in a worker process; choosing an entity filters."""
    panel = window.library_entities
    assert panel is not None
    panel.show()
    qtbot.waitUntil(lambda: any(i.key == "kiev" for i in panel.model.items()),
                    timeout=MODEL_TIMEOUT)
    with qtbot.waitSignal(window.view_state.sig_entity_changed, timeout=30_000):
        panel.choose("kiev", "LOC")
    ids = {window.articles.proxy.index(r, 0).data(IdRole) for r in range(window.articles.proxy.rowCount())}
    assert ids == {"000_bc9dcdd3549268f8"}
    assert "Kiev" in window.articles.filter_info.text()
    _open(qtbot, window, "000_bc9dcdd3549268f8")
    qtbot.waitUntil(lambda: window.pane.mention_count == 2, timeout=MODEL_TIMEOUT)
    window.commands.next_mention.trigger()
    assert window.pane.selected_text() == "Kiev"
    window.clear_filters()
    assert window.articles.proxy.rowCount() == 3


def _new_window(qtbot, lib: Path, data: Path, cache: Path, *,
                remember: bool = False) -> MainWindow:
    return open_window(qtbot, lib, data, cache, remember=remember, size=(1200, 800))


def test_bookmark_survives_restart_and_damaged_store_is_kept(qtbot, tmp_path: Path) -> None:
    lib = make_library(tmp_path, broken=False)
    data, cache = tmp_path / "data", tmp_path / "cache"
    win = _new_window(qtbot, lib, data, cache)
    _open(qtbot, win, "sommet")
    article = win.pane.article
    assert article is not None
    start = article.text.index("Olaf Scholz")
    win.pane.select_range(start, start + len("Olaf Scholz"))
    assert win.bookmark_selection(note="chancelier") is not None
    win.close()
    win = _new_window(qtbot, lib, data, cache)  # restart
    assert [(b.quote, b.note) for b in win.bookmarks.bookmarks()] == [("Olaf Scholz", "chancelier")]
    assert win.bookmarks_panel.model.rowCount() == 1
    win.close()
    store_file = data / "bookmarks.sqlite3"
    for side in (data / "bookmarks.sqlite3-wal", data / "bookmarks.sqlite3-shm"):
        side.unlink(missing_ok=True)
    garbage = b"\x13garbage, not SQLite" * 64
    store_file.write_bytes(garbage)
    win = _new_window(qtbot, lib, data, cache)
    kept = list(data.glob("bookmarks.sqlite3.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == garbage  # moved aside, not overwritten
    assert any("damaged" in n or "endommag" in n for n in win.status.notices)
    assert win.status.notice_label.isVisible() and win.status.notice_label.text().startswith("⚠")
    assert win.bookmarks.bookmarks() == []  # a fresh store, and the app still runs
    win.close()


def test_relevance_sort_follows_the_index_ranking(qtbot, window: MainWindow) -> None:
    def shown() -> list[str]:
        return [window.articles.proxy.index(r, 0).data(IdRole) for r in range(window.articles.proxy.rowCount())]

    folder = window.folder
    assert folder is not None
    expected = window.session.index.search(folder, "européenne").ids
    assert expected == ["sommet", "000_bc9dcdd3549268f8"]
    window.articles.sort_combo.setCurrentIndex(1)  # oldest first: the other way round
    with qtbot.waitSignal(window.sig_search_done, timeout=60_000):
        window.articles.search_edit.setText("européenne ")
    assert shown() == expected[::-1]
    window.articles.sort_combo.setCurrentIndex(len(sort_choices()) - 1)  # relevance: ranks fetched on demand
    assert shown() == expected
    with qtbot.waitSignal(window.sig_search_done, timeout=60_000):
        window.articles.search_edit.setText("européennes OR européenne ")  # ranked in the search job
    assert shown() == expected


def test_indexing_ends_while_a_search_hides_everything(qtbot, window: MainWindow) -> None:
    """The library's size, not the filtered list's, says whether it is empty (a search
    typed while the first index runs is still on when the index is done)."""
    _open(qtbot, window, "sommet")
    with qtbot.waitSignal(window.sig_search_done, timeout=60_000):
        window.articles.search_edit.setText("introuvablexyz ")
    assert window.articles.proxy.rowCount() == 0
    folder = window.folder
    assert folder is not None
    result = window.session.index.scan(folder)  # what the library job returns when it ends
    rows = window.session.index.rows(folder)
    with qtbot.waitSignal(window.sig_library_loaded, timeout=30_000):
        window.session.sig_opened.emit(LibraryOpened(
            folder, result, rows, window.session.index.problems(folder),
            {r.content_hash: r.id for r in rows}))
    assert window.articles.model.total() == 3
    assert "3 articles" in window.statusBar().currentMessage()
    assert window.pane.article is not None and window.pane.article.id == "sommet"


def test_search_shows_each_match_in_context(qtbot, tmp_path: Path) -> None:
    """The list shows the text around each result's first match (read from the file off
    the GUI thread), and an article opened from a search shows its first match."""
    lib = make_library(tmp_path, broken=False)
    filler = "\n\n".join(f"Paragraphe {i} sans rapport avec la recherche, rempli de mots."
                         for i in range(80))
    (lib / "long.txt").write_text(
        f" date 2024-05 Un long article (AFP)\n\nLe début de l'article.\n\n{filler}\n\n"
        "Plus loin, la délégation est arrivée à Vladivostok hier soir. Vladivostok est "
        "calme.\n", encoding="utf-8")
    win = _new_window(qtbot, lib, tmp_path / "data", tmp_path / "cache")
    try:
        title = win.articles.model.index(win.articles.model.row_for_id("long"), 0)
        assert title.data(SnippetRole) == "Le début de l'article."
        with qtbot.waitSignal(win.sig_snippets_done, timeout=60_000):
            win.articles.search_edit.setText("vladivostok")
        row = win.articles.model.row_for_id("long")
        snippet = win.articles.model.index(row, 0).data(SnippetRole)
        assert snippet.startswith("…") and "Vladivostok hier soir." in snippet
        _open(qtbot, win, "long")
        qtbot.waitUntil(lambda: win.pane.selected_text() == "Vladivostok")
        view = win.pane.view
        assert view.viewport().rect().contains(view.cursorRect())
        assert view.verticalScrollBar().value() > 0
        matches = win.pane.legend.matches
        assert matches.isVisible() and matches.text() == "1 / 2"
        assert matches.accessibleName() == "Occurrence 1 sur 2 de la recherche"
        win.commands.next_match.trigger()
        assert matches.text() == "2 / 2"
        win.clear_filters()
        assert not matches.isVisible()
        assert win.articles.model.index(win.articles.model.row_for_id("long"), 0).data(SnippetRole) == (
            "Le début de l'article.")
    finally:
        win.shutdown()
        assert win.jobs.pending_count == 0 or win.jobs.shutdown()


def test_reopening_a_library_resumes_the_article_and_the_place(qtbot, tmp_path: Path) -> None:
    """Closing the window remembers the article read and the line at the top of the pane;
    opening the same library again shows them (settings in the tests' own config dir)."""
    lib = make_library(tmp_path, broken=False)
    paragraphs = [f"Paragraphe {i} : une phrase assez longue pour occuper une ligne entière "
                  f"du volet de lecture, puis une autre." for i in range(150)]
    text = "\n\n".join(paragraphs)
    (lib / "long.txt").write_text(f" date 2024-05 Un long article (AFP)\n\n{text}\n",
                                  encoding="utf-8")

    def open_window() -> MainWindow:
        return _new_window(qtbot, lib, tmp_path / "data", tmp_path / "cache", remember=True)

    first = open_window()
    assert first.current_article_id() != "long"  # date order: another article comes first
    _open(qtbot, first, "long")
    article = first.pane.article
    assert article is not None
    first.pane.restore_position(article.text.index("Paragraphe 97 "))
    position = first.pane.reading_position()
    assert position > 0
    first.close()  # saves the settings, stops the workers

    second = open_window()
    try:
        qtbot.waitUntil(lambda: second.pane.article is not None
                        and second.pane.article.id == "long", timeout=60_000)
        assert second.current_article_id() == "long"
        shown = second.pane.article.text  # type: ignore[union-attr]
        resumed = second.pane.reading_position()
        # the same paragraph is at the top of the pane
        assert shown.rfind("\n", 0, resumed) == shown.rfind("\n", 0, position)
        assert "Paragraphe 97 " in shown[resumed - 80:resumed + 80]
    finally:
        second.close()


def test_recent_searches_are_offered_and_kept(qtbot, tmp_path: Path) -> None:
    lib = make_library(tmp_path, broken=False)

    def open_window() -> MainWindow:
        return _new_window(qtbot, lib, tmp_path / "data", tmp_path / "cache", remember=True)

    first = open_window()
    for query in ("eleve", "paris  OR berlin", "eleve"):
        with qtbot.waitSignal(first.sig_search_done, timeout=60_000):
            first.articles.search_edit.setText(query)
        qtbot.keyClick(first.articles.search_edit, Qt.Key.Key_Return)  # the query was meant
    first.articles.search_edit.setText("elev")  # typed, never confirmed: not kept
    assert first.articles.recent_searches() == ["eleve", "paris OR berlin"]
    completer = first.articles.search_edit.completer()
    assert completer is not None and completer.model().rowCount() == 2
    first.close()
    second = open_window()
    try:
        assert second.articles.recent_searches() == ["eleve", "paris OR berlin"]
    finally:
        second.close()


def test_first_start_shows_the_text_before_the_gazetteer_is_built(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, monkeypatch) -> None:
    """On a first start the gazetteer is still to be built (0.5 s and more, beside the
    model's load): the article's text is shown at once, its model-free marks painted onto
    it when found, and the model's entities after them."""
    from reader.core.entities import gazetteer as gazetteer_module

    monkeypatch.setattr(gazetteer_module, "_cached", None)
    for table in window.options.cache_dir.glob("gazetteer-*"):
        table.unlink()
    loaded: list[object] = []
    session = window.reading.session
    session.sig_article_loaded.connect(loaded.append)
    with qtbot.waitSignal(session.sig_article_marks, timeout=MODEL_TIMEOUT) as marks:
        _open(qtbot, window, "sommet")
    first = loaded[-1]
    assert first.marks_pending and first.entities is None  # type: ignore[attr-defined]
    assert "Emmanuel Macron a reçu mardi à Paris" in window.pane.view.toPlainText()
    assert "LOC" in {e.label for e in marks.args[0].entities.body}  # Paris, from the gazetteer
    if window.reading.entities is None:  # the model had not answered: the marks are shown
        assert "LOC" in {e.label for e in window.pane.entities or []}


def test_marks_without_the_model_show_before_it(qtbot, window: MainWindow) -> None:
    """Before the model answers, the article already shows what needs no model (places of
    the gazetteer in context, dates, quantities); the model's entities then replace them."""
    seen: list[set[str]] = []
    window.reading.session.sig_article_loaded.connect(
        lambda loaded: seen.append({e.label for e in loaded.entities.body})
        if loaded.provisional and loaded.entities else None)
    with qtbot.waitSignal(window.sig_entities_applied, timeout=MODEL_TIMEOUT):
        _open(qtbot, window, "000_bc9dcdd3549268f8")
    if seen:  # the model was slower than the article (the usual case on a fresh cache)
        assert seen[0] <= {"LOC", "DATE", "QUANTITY", "ORG"} and seen[0]
    assert "PER" in {e.label for e in window.pane.entities}  # the model's, once it answered
