"""Read and starred states: the store (restart, rename, export/import) and the service
(dwell, M/S toggles, mark all shown as read with undo, counts, view-state filters)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack

from reader.core.library.read_state import (
    SECTION,
    ReadState,
    ReadStateStore,
    from_section,
    library_key,
    to_section,
)
from reader.services.read_state import ReadCounts, ReadStateChange, ReadStateService
from reader.services.settings import Settings
from reader.services.view_state import ViewState

ARTICLES = [("a", "h-a"), ("b", "h-b"), ("c", "h-c")]


@pytest.fixture
def store(tmp_path: Path) -> ReadStateStore:
    s = ReadStateStore(tmp_path / "data")
    yield s
    s.close()


def test_states_survive_a_restart(tmp_path: Path) -> None:
    lib = library_key(tmp_path / "lib")
    with ReadStateStore(tmp_path / "data") as store:
        store.set_flags(lib, [("a", "h-a"), ("b", "h-b")], read=True)
        store.set_flags(lib, [("b", "h-b")], starred=True)
        store.set_flags(lib, [("a", "h-a")], read=False)
    with ReadStateStore(tmp_path / "data") as store:
        states = store.states(lib, ARTICLES)
        assert store.db.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert set(states) == {"a", "b"}
    assert not states["a"].read and states["b"].read and states["b"].starred
    assert states["b"].read_at


def test_renamed_file_keeps_its_state_by_content_hash(store: ReadStateStore, tmp_path: Path) -> None:
    lib = library_key(tmp_path / "lib")
    store.set_flags(lib, [("a", "h-a")], read=True, starred=True)
    # "a" renamed to "a2" (same text), "c" edited in place (new hash), "b" untouched
    states = store.states(lib, [("a2", "h-a"), ("b", "h-b"), ("c", "h-c2")])
    assert states["a2"].read and states["a2"].starred
    assert store.get(lib, "a") is None and store.get(lib, "a2") is not None
    # a copy of a file whose original is still there does not inherit its state
    store.set_flags(lib, [("b", "h-b")], read=True)
    states = store.states(lib, [("a2", "h-a"), ("b", "h-b"), ("b-copy", "h-b")])
    assert "b-copy" not in states


def test_edited_then_renamed_file_keeps_its_state(store: ReadStateStore, tmp_path: Path) -> None:
    lib = library_key(tmp_path / "lib")
    store.set_flags(lib, [("a", "v1")], read=True)
    assert store.states(lib, [("a", "v2")])["a"].read  # edited: the new hash is recorded
    assert store.states(lib, [("renamed", "v2")])["renamed"].read


def test_states_are_per_library(store: ReadStateStore, tmp_path: Path) -> None:
    for name in ("one", "two"):  # both present (a gone library's states are taken over)
        (tmp_path / name).mkdir()
    one, two = library_key(tmp_path / "one"), library_key(tmp_path / "two")
    store.set_flags(one, [("a", "h-a")], read=True)
    assert store.states(two, ARTICLES) == {}


def test_export_import_round_trip(tmp_path: Path) -> None:
    lib = library_key(tmp_path / "lib")
    with ReadStateStore(tmp_path / "one") as first:
        first.set_flags(lib, [("a", "h-a"), ("c", "h-c")], read=True)
        first.set_flags(lib, [("b", "h-b")], starred=True)
        exported = json.dumps({SECTION: to_section(first.all())})
        original = first.all()
    with ReadStateStore(tmp_path / "two") as second:
        assert second.merge(from_section(json.loads(exported)[SECTION])) == (3, 0, 0)
        assert second.all() == original
        assert second.merge(from_section(json.loads(exported)[SECTION])) == (0, 0, 3)
        # a newer change on this side is not overwritten by the older export
        second.set_flags(lib, [("a", "h-a")], read=False)
        assert second.merge(from_section(json.loads(exported)[SECTION])) == (0, 0, 3)
        assert not second.states(lib, ARTICLES)["a"].read


@pytest.mark.parametrize("bad", [{}, [{"library": "x"}], [{"library": "x", "article_id": "a",
                                                              "read": "maybe"}], [3]])
def test_import_rejects_bad_sections(bad: object) -> None:
    with pytest.raises(ValueError):
        from_section(bad)


def test_state_from_dict_round_trip() -> None:
    state = ReadState("/lib", "a", "h", True, False, "2026-01-01", "2026-01-02")
    assert ReadState.from_dict(state.to_dict()) == state


# -- the service ------------------------------------------------------------------------------
def _service(store: ReadStateStore | None, tmp_path: Path, dwell: int = 0,
             stack: QUndoStack | None = None) -> ReadStateService:
    service = ReadStateService(store, stack, dwell_ms=dwell)
    service.set_library(tmp_path / "lib", ARTICLES)
    return service


def test_service_toggles_and_counts(qapp: object, store: ReadStateStore, tmp_path: Path) -> None:
    service = _service(store, tmp_path, dwell=-1)
    changes: list[ReadStateChange] = []
    counts: list[ReadCounts] = []
    service.sig_changed.connect(changes.append)
    service.sig_counts_changed.connect(counts.append)
    assert service.counts() == ReadCounts(3, 3, 0)
    service.toggle_read("a")
    service.toggle_star("b")
    assert service.is_read("a") and service.is_starred("b")
    assert changes == [ReadStateChange(("a",), True, None), ReadStateChange(("b",), None, True)]
    assert counts[-1] == ReadCounts(3, 2, 1)
    service.toggle_read("a")
    assert not service.is_read("a")
    service.undo_stack.undo()
    assert service.is_read("a")
    # a new service on the same store (a restart) sees the same
    again = _service(store, tmp_path, dwell=-1)
    assert again.read_ids() == {"a"} and again.starred_ids() == {"b"}


def test_dwell_marks_read_after_the_delay(qapp: object, qtbot: object, store: ReadStateStore,
                                          tmp_path: Path) -> None:
    service = _service(store, tmp_path, dwell=50)
    service.article_opened("a")
    assert not service.is_read("a")
    service.article_opened("b")  # moved on before the dwell: "a" stays unread
    with qtbot.waitSignal(service.sig_changed, timeout=5000) as blocker:  # type: ignore[attr-defined]
        pass
    assert blocker.args == [ReadStateChange(("b",), True, None)]
    assert not service.is_read("a") and service.is_read("b")
    assert service.undo_stack.count() == 0  # automatic marking is not an undo step


def test_dwell_is_remembered(qapp: object, store: ReadStateStore, tmp_path: Path) -> None:
    settings = Settings(tmp_path / "s.ini")
    settings.set_read_dwell_ms(3000)
    assert ReadStateService(store, dwell_ms=settings.read_dwell_ms()).dwell_ms == 3000


def test_mark_all_shown_as_read_is_one_undo_step(qapp: object, store: ReadStateStore,
                                                 tmp_path: Path) -> None:
    stack = QUndoStack()
    service = _service(store, tmp_path, dwell=-1, stack=stack)
    service.toggle_read("c")
    assert service.mark_all_read(["a", "b", "c"]) == 2
    assert service.counts().unread == 0
    assert stack.count() == 2
    stack.undo()
    assert service.read_ids() == {"c"}
    assert {i for i, s in store.states(service.library, ARTICLES).items() if s.read} == {"c"}
    stack.redo()
    assert service.read_ids() == {"a", "b", "c"}


def test_marking_a_big_library_read_leaves_the_gui_thread(qtbot, store: ReadStateStore,  # type: ignore[no-untyped-def]
                                                          tmp_path: Path) -> None:
    """Over SYNC_LIMIT articles the list changes at once and the writer thread writes; a
    toggle made meanwhile is written after it (order kept); undo restores the stored
    states, dates included; closing the service lets queued writes land."""
    import threading

    from reader.services import read_state as service_module

    many = [(f"n{i:05d}", f"h{i:05d}") for i in range(service_module.SYNC_LIMIT + 500)]
    stack = QUndoStack()
    service = ReadStateService(store, stack, dwell_ms=-1)
    service.set_library(tmp_path / "lib", many)  # read by the writer thread
    service.toggle_read("n00000")  # read before: its read_at must come back on undo
    qtbot.waitUntil(lambda: service._writer.pending_count == 0, timeout=10_000)
    first_read_at = store.get(service.library, "n00000").read_at  # type: ignore[union-attr]
    writers: list[bool] = []
    original = store.set_flags

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        writers.append(threading.current_thread() is threading.main_thread())
        return original(*args, **kwargs)

    store.set_flags = spy  # type: ignore[method-assign]
    ids = [i for i, _h in many]
    assert service.mark_all_read(ids) == len(many) - 1
    assert service.counts().unread == 0  # shown at once
    service.toggle_read("n00001")  # while the big write may still be queued
    qtbot.waitUntil(lambda: service._writer.pending_count == 0, timeout=10_000)
    assert writers[0] is False  # the big write did not run on the GUI thread
    stored = store.states(service.library, many)
    assert sum(s.read for s in stored.values()) == len(many) - 1  # n00001 unread: in order
    assert not stored["n00001"].read
    stack.undo()  # the toggle of n00001
    stack.undo()  # mark all read
    qtbot.waitUntil(lambda: service._writer.pending_count == 0, timeout=10_000)
    stored = store.states(service.library, many)
    assert {i for i, s in stored.items() if s.read} == {"n00000"} == service.read_ids()
    assert stored["n00000"].read_at == first_read_at
    stack.redo()
    service.close()  # waits for the queued write
    with ReadStateStore(tmp_path / "data") as again:
        assert sum(s.read for s in again.states(service.library, many).values()) == len(many)


def test_service_without_a_store_works_in_memory(qapp: object, tmp_path: Path) -> None:
    service = _service(None, tmp_path, dwell=0)
    service.article_opened("a")
    assert service.is_read("a")


def test_view_state_unread_and_starred_filters(qapp: object) -> None:
    view = ViewState()
    seen: list[tuple[str, bool]] = []
    view.sig_unread_only_changed.connect(lambda on: seen.append(("unread", on)))
    view.sig_starred_only_changed.connect(lambda on: seen.append(("starred", on)))
    view.set_unread_only(True)
    view.set_unread_only(True)
    view.set_starred_only(True)
    assert view.summary().active and view.summary().unread_only
    view.clear()
    assert seen == [("unread", True), ("starred", True), ("unread", False), ("starred", False)]
    assert not view.summary().active


def test_bookmarks_cli_exports_and_imports_read_states(tmp_path: Path) -> None:
    from reader.bookmarks_cli import main as bookmarks_main
    from reader.core.bookmarks.store import BookmarkStore

    lib = library_key(tmp_path / "lib")
    BookmarkStore(tmp_path / "one").close()
    with ReadStateStore(tmp_path / "one") as first:
        first.set_flags(lib, [("a", "h-a")], read=True, starred=True)
        original = first.all()
    out = tmp_path / "export.json"
    assert bookmarks_main(["--data-dir", str(tmp_path / "one"), "export", "--format", "json",
                           "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))[SECTION]
    assert bookmarks_main(["--data-dir", str(tmp_path / "two"), "import", str(out)]) == 0
    with ReadStateStore(tmp_path / "two") as second:
        assert second.all() == original


def test_a_moved_library_keeps_its_states(store: ReadStateStore, tmp_path: Path) -> None:
    """Renaming a library's folder used to lose every read and star (states are kept per
    folder): a library opened for the first time takes over, by content hash, the states
    of libraries whose folder is gone; a library still present keeps its own."""
    old, new, other = tmp_path / "old", tmp_path / "new", tmp_path / "other"
    for folder in (old, other):
        folder.mkdir()
    store.set_flags(library_key(old), [("a", "h-a"), ("b", "h-b")], read=True)
    store.set_flags(library_key(old), [("b", "h-b")], starred=True)
    store.set_flags(library_key(other), [("c", "h-c")], read=True)
    old.rename(new)  # the user renamed the folder
    new_articles = [("a2", "h-a"), ("b", "h-b"), ("c", "h-c"), ("d", "h-d")]
    read, starred = store.flags(library_key(new), new_articles)
    assert read == {"a2", "b"} and starred == {"b"}  # "c": its library is still there
    assert store.get(library_key(old), "a") is not None  # copied, not moved: kept
    assert store.flags(library_key(other), [("c", "h-c")])[0] == {"c"}


def test_a_big_library_is_read_off_the_gui_thread(qtbot, store: ReadStateStore,  # type: ignore[no-untyped-def]
                                                  tmp_path: Path) -> None:
    """Over SYNC_LIMIT articles the states are read by the writer thread; a change made
    before they arrive is kept, and the list is told once they are in."""
    from reader.services import read_state as service_module

    lib = tmp_path / "lib"
    lib.mkdir()
    many = [(f"n{i:05d}", f"h{i:05d}") for i in range(service_module.SYNC_LIMIT + 500)]
    store.set_flags(library_key(lib), many[:100], read=True)
    store.set_flags(library_key(lib), many[:3], starred=True)
    service = ReadStateService(store, dwell_ms=-1)
    with qtbot.waitSignals([service.sig_reset, service.sig_reset], timeout=10_000):
        service.set_library(lib, many)  # told at once (rows unread), then with the states
        assert service.counts().unread == len(many)  # not read yet
        service.toggle_read("n00000")  # read -> unread? not known yet: marked read
        service.toggle_star("n00500")
    assert service.counts().unread == len(many) - 100
    assert service.is_read("n00000") and service.starred_ids() == {"n00000", "n00001",
                                                                   "n00002", "n00500"}
    service.close()
