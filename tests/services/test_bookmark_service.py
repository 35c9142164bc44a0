"""BookmarkService without any window: changes, undo, typed signals, failures as states and
messages, export/import in the background, re-anchoring, relinking, and the filter."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.bookmarks.store import ORPHANED, Bookmark
from reader.core.library.parser import Article, parse_text
from reader.services import messages
from reader.services.bookmark_types import BookmarkChange, ChangeKind, StoreState
from reader.services.bookmarks import BookmarkService
from reader.services.jobs import JobRunner
from reader.ui.bookmarks.model import BookmarkFilterProxy, BookmarkModel, BookmarkRole

TEXT = (" date 12 mars 2024 Sommet à Bruxelles - OTAN (AFP)\n\n"
        "Les ministres se sont réunis jeudi à Bruxelles pour préparer le sommet de l'alliance.\n\n"
        "Le secrétaire général a rappelé l'importance du soutien à l'Ukraine face à la Russie.\n")


def make_article(text: str = TEXT, name: str = "sommet") -> Article:
    return parse_text(text, Path(f"/library/{name}.txt"))


def span(article: Article, phrase: str) -> tuple[int, int]:
    start = article.text.index(phrase)
    return start, start + len(phrase)


@pytest.fixture
def runner(qtbot) -> Iterator[JobRunner]:
    r = JobRunner()
    yield r
    r.shutdown()


@pytest.fixture
def service(runner: JobRunner, tmp_path: Path) -> Iterator[BookmarkService]:
    s = BookmarkService(tmp_path / "data", runner)
    yield s
    s.close()


class Recorder:
    """Every BookmarkChange the service sends."""

    def __init__(self, service: BookmarkService) -> None:
        self.changes: list[BookmarkChange] = []
        service.sig_changed.connect(self.changes.append)

    def kinds(self) -> list[ChangeKind]:
        return [c.kind for c in self.changes]


def messages_since(start: int) -> list[messages.Message]:
    return messages.bus.history[start:]


def test_add_undo_redo_send_typed_changes(service: BookmarkService) -> None:
    seen = Recorder(service)
    article = make_article()
    b = service.add(article, *span(article, "soutien à l'Ukraine"), note="à citer",
                    colour="green", tags="otan, #ukraine")
    assert b is not None and (b.colour, b.tags) == ("green", ("otan", "ukraine"))
    assert service.get(b.id) == b and service.tags() == ["otan", "ukraine"]
    added = seen.changes[-1]
    assert isinstance(added, BookmarkChange)
    assert (added.kind, added.bookmarks, added.article_ids) == (
        ChangeKind.ADDED, (b,), frozenset({article.id}))
    assert added.affects(article.id) and not added.affects("autre")
    service.undo()
    assert seen.changes[-1].kind == ChangeKind.DELETED and seen.changes[-1].removed == (b.id,)
    assert service.bookmarks() == [] and service.store is not None and service.store.all() == []
    service.redo()
    assert seen.kinds()[-1] == ChangeKind.ADDED and service.get(b.id) == b
    assert service.store.get(b.id) == b


def test_edit_is_one_undo_step_and_keeps_other_fields(service: BookmarkService) -> None:
    article = make_article()
    b = service.add(article, *span(article, "préparer le sommet"))
    assert b is not None
    after = service.edit(b, note="réunion", colour="blue", tags=["otan"])
    assert after is not None and (after.note, after.colour, after.tags) == (
        "réunion", "blue", ("otan",))
    assert service.undo_stack.count() == 2
    service.undo()
    again = service.get(b.id)
    assert again is not None and (again.note, again.colour, again.tags) == ("", "yellow", ())


def test_several_deletions_and_colours_are_one_undo_step(service: BookmarkService) -> None:
    article = make_article()
    made = [service.add(article, *span(article, phrase))
            for phrase in ("ministres", "Bruxelles", "Ukraine")]
    chosen = [b for b in made if b is not None]
    assert service.set_colour_many(chosen, "pink") == 3
    service.undo()
    assert {b.colour for b in service.bookmarks()} == {"yellow"}
    service.redo()
    assert service.delete_many([b for b in service.bookmarks()]) == 3
    assert service.bookmarks() == []
    service.undo()
    assert len(service.bookmarks()) == 3


def test_accent_insensitive_filter(qtmodeltester, service: BookmarkService) -> None:
    """The bookmark filter ignores accents and case (it used to ignore case only), on the
    quote, the note, the title and the tags; ligatures match their two letters."""
    article = make_article()
    b1 = service.add(article, *span(article, "secrétaire général"), note="Élève de l'École")
    b2 = service.add(article, *span(article, "ministres"), note="le cœur du sujet",
                     tags=["Défense"])
    assert b1 is not None and b2 is not None
    model = BookmarkModel()
    proxy = BookmarkFilterProxy()
    proxy.setSourceModel(model)
    model.set_bookmarks(service.bookmarks())
    service.sig_changed.connect(lambda change: model.set_bookmarks(service.bookmarks()))
    qtmodeltester.check(proxy, force_py=True)

    def shown(text: str) -> set[str]:
        proxy.set_text(text)
        return {proxy.index(r, 0).data(BookmarkRole).id for r in range(proxy.rowCount())}

    assert shown("SECRETAIRE") == {b1.id}  # quote, no accent typed
    assert shown("eleve ecole") == {b1.id}  # note, folded both ways
    assert shown("ÉLÈVE") == {b1.id}
    assert shown("coeur") == {b2.id}  # œ
    assert shown("defense") == {b2.id}  # tag
    assert shown("bruxelles sommet") == {b1.id, b2.id}  # the title, for both
    assert shown("e\u0301le\u0300ve") == {b1.id}  # typed decomposed (NFD)
    proxy.set_text("")
    proxy.set_tag("defense")
    assert proxy.rowCount() == 1


def test_unopenable_store_is_a_state_and_a_message(runner: JobRunner, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x", encoding="utf-8")
    start = len(messages.bus.history)
    service = BookmarkService(blocker / "data", runner)  # must not raise
    assert service.state == StoreState.UNAVAILABLE and not service.writable
    assert service.store is None and service.bookmarks() == []
    told = messages_since(start)
    assert told and told[-1].level == messages.Level.ERROR and told[-1].sticky
    assert "indisponibles" in told[-1].text and service.notice.text
    article = make_article()
    assert service.add(article, *span(article, "Bruxelles")) is None
    assert service.for_article(article.id) == []


def test_damaged_store_is_moved_aside_and_said(runner: JobRunner, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "bookmarks.sqlite3").write_bytes(b"this is not a database" * 100)
    start = len(messages.bus.history)
    service = BookmarkService(data, runner)
    assert service.state == StoreState.READY
    warned = [m for m in messages_since(start) if m.level == messages.Level.WARNING]
    assert warned and warned[-1].sticky and "endommagé" in warned[-1].text
    assert list(data.glob("bookmarks.sqlite3.damaged-*"))
    service.close()


def test_failed_write_is_reported_not_raised(service: BookmarkService) -> None:
    article = make_article()
    b = service.add(article, *span(article, "Bruxelles"))
    assert b is not None and service.store is not None
    notices = []
    service.sig_notice.connect(notices.append)
    service.store.db.conn.execute("PRAGMA query_only=ON")
    start = len(messages.bus.history)
    assert service.set_note(b, "perdue") is None
    assert notices[-1].error and "non enregistrée" in notices[-1].text
    assert messages_since(start)[-1].level == messages.Level.ERROR
    service.undo()  # the add cannot be undone either: said, no exception
    assert "Annulation impossible" in notices[-1].text
    service.store.db.conn.execute("PRAGMA query_only=OFF")
    assert service.get(b.id) is not None  # still shown: it is still stored


def test_export_and_import_run_in_the_background(qtbot, service: BookmarkService,
                                                 runner: JobRunner, tmp_path: Path) -> None:
    article = make_article()
    for phrase in ("Bruxelles", "ministres"):
        service.add(article, *span(article, phrase), note=phrase)
    out = tmp_path / "export.json"
    start = len(messages.bus.history)
    with qtbot.waitSignal(service.sig_exported, timeout=10_000) as done:
        service.export(service.bookmarks(), out, "json")
    assert done.args[0].ok and done.args[0].count == 2 and out.exists()
    info = messages_since(start)[-1]
    assert info.level == messages.Level.INFO and "2 marque-pages exportés vers" in info.text  # reader_fr plural
    # into another data directory: both are added, and the change is announced
    other = BookmarkService(tmp_path / "other", runner)
    seen = Recorder(other)
    with qtbot.waitSignal(other.sig_imported, timeout=10_000) as done:
        other.import_file(out)
    result = done.args[0]
    assert (result.added, result.updated, result.unchanged) == (2, 0, 0)
    assert seen.kinds()[-1] == ChangeKind.RELOADED and len(other.bookmarks()) == 2
    assert "2 ajouté(s)" in messages.bus.history[-1].text
    with qtbot.waitSignal(other.sig_imported, timeout=10_000) as done:
        other.import_file(tmp_path / "absent.json")
    assert not done.args[0].ok and messages.bus.history[-1].level == messages.Level.ERROR
    other.close()


def test_export_failure_is_reported(qtbot, service: BookmarkService, tmp_path: Path) -> None:
    with qtbot.waitSignal(service.sig_exported, timeout=10_000) as done:
        service.export([], tmp_path / "missing-dir" / "x.md", "md")
    assert not done.args[0].ok and service.notice.error
    assert "Export impossible" in service.notice.text


def test_reanchor_reports_orphans(service: BookmarkService) -> None:
    article = make_article()
    b = service.add(article, *span(article, "soutien à l'Ukraine face à la Russie"))
    kept = service.add(article, *span(article, "Les ministres"))
    assert b is not None and kept is not None
    seen = Recorder(service)
    rewritten = make_article(TEXT.replace(
        "Le secrétaire général a rappelé l'importance du soutien à l'Ukraine face à la Russie.",
        "La réunion s'est achevée tard dans la soirée."))
    start = len(messages.bus.history)
    changed = service.reanchor(rewritten)
    orphan = service.get(b.id)
    assert orphan is not None and orphan.status == ORPHANED
    assert {c.id for c in changed} >= {b.id}
    assert seen.changes[-1].kind == ChangeKind.EDITED and seen.changes[-1].affects(article.id)
    assert any(m.level == messages.Level.WARNING and "introuvable" in m.text
               for m in messages_since(start))
    assert service.reanchor(rewritten) == []  # not retried on every opening
    # re-attach the orphan to a passage the user chose: undoable
    fixed = service.reattach(orphan, rewritten, *span(rewritten, "tard dans la soirée"))
    assert fixed is not None and fixed.status == "anchored"
    service.undo()
    again = service.get(b.id)
    assert again is not None and again.status == ORPHANED


def test_relink_follows_a_renamed_file_and_reloads(service: BookmarkService) -> None:
    article = make_article()
    b = service.add(article, *span(article, "Bruxelles"))
    assert b is not None
    seen = Recorder(service)
    assert service.relink_library({article.content_hash: "sommet-renomme"}) == 1
    assert seen.kinds()[-1] == ChangeKind.RELOADED
    moved = service.get(b.id)
    assert moved is not None and moved.article_id == "sommet-renomme"
    assert [x.id for x in service.for_article("sommet-renomme")] == [b.id]
    assert service.relink_library({}) == 0  # nothing to move: still re-read


def test_reload_sees_another_window(service: BookmarkService, tmp_path: Path) -> None:
    from reader.core.bookmarks.store import BookmarkStore

    article = make_article()
    with BookmarkStore(tmp_path / "data") as other:
        theirs = other.add(article, *span(article, "Bruxelles"))
    assert service.get(theirs.id) is None
    assert [x.id for x in service.for_article(article.id)] == [theirs.id]  # read fresh
    service.reload()
    found = service.get(theirs.id)
    assert isinstance(found, Bookmark) and found.quote == "Bruxelles"


def test_deleted_elsewhere_is_said_on_undo(service: BookmarkService, tmp_path: Path) -> None:
    from reader.core.bookmarks.store import BookmarkStore

    article = make_article()
    b = service.add(article, *span(article, "Bruxelles"))
    assert b is not None and service.set_note(b, "ma note") is not None
    with BookmarkStore(tmp_path / "data") as other:
        other.delete(b.id)
    service.undo()  # the note edit: the bookmark is gone
    assert "supprimé" in service.notice.text and service.get(b.id) is None


def test_bookmarks_at_an_offset_for_hover(service: BookmarkService) -> None:
    article = make_article()
    start, end = span(article, "Bruxelles pour préparer")
    b = service.add(article, start, end, note="lieu")
    assert b is not None
    assert service.at(article.id, start) == [b] and service.at(article.id, end - 1) == [b]
    assert service.at(article.id, end) == [] and service.at("autre", start) == []
