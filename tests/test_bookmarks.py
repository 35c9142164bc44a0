"""The bookmark store: CRUD, re-anchoring, relinking, merging, storage failures."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.bookmarks.store import ANCHORED, MOVED, ORPHANED, BookmarkStore
from reader.core.library.parser import Article, parse_text
from reader.core.storage import ReadOnly, StorageError

HEADER = " date 2024-05-28 Budget 2025 - France (AFP)"
PARAS = [
    "Le gouvernement a présenté mardi son projet de budget pour l’année prochaine.",
    "Selon le ministre, le déficit public devrait être ramené à 4,4 % du produit intérieur "
    "brut d’ici la fin de l’année.",
    "L’opposition a aussitôt dénoncé un budget d’austérité qui pénalise les ménages.",
]
PASSAGE = "le déficit public devrait être ramené"


def article(paras: list[str] = PARAS, name: str = "budget") -> Article:
    return parse_text(HEADER + "\n\n" + "\n\n".join(paras) + "\n", Path(f"/lib/{name}.txt"))


def span(a: Article, phrase: str = PASSAGE) -> tuple[int, int]:
    start = a.text.index(phrase)
    return start, start + len(phrase)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[BookmarkStore]:
    s = BookmarkStore(tmp_path / "data")
    yield s
    s.close()


def test_add_and_read_back(store: BookmarkStore, tmp_path: Path) -> None:
    a = article()
    b = store.add(a, *span(a), note="chiffre clé", colour="blue", tags=["budget", "#déficit"])
    assert len(b.id) == 32 and b.status == ANCHORED
    assert (b.quote, b.note, b.colour, b.tags) == (PASSAGE, "chiffre clé", "blue",
                                                  ("budget", "déficit"))
    assert a.text[b.start - len(b.prefix):b.start] == b.prefix and len(b.prefix) == 32
    assert (b.article_title, b.article_date, b.article_source) == ("Budget 2025 - France",
                                                                   "2024-05-28", "AFP")
    assert b.content_hash == a.content_hash and b.created == b.modified
    store.close()
    again = BookmarkStore(tmp_path / "data")
    assert again.all() == [b] and again.get(b.id) == b and again.for_article("budget") == [b]
    assert again.for_article("other") == [] and again.get("nope") is None
    again.close()


def test_durable_settings(store: BookmarkStore) -> None:
    conn = store.db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert store.notice == ""


def test_invalid_input_is_refused(store: BookmarkStore) -> None:
    a = article()
    with pytest.raises(ValueError, match="colour"):
        store.add(a, 0, 5, colour="orange")
    with pytest.raises(ValueError, match="range"):
        store.add(a, 10, 5)
    with pytest.raises(ValueError, match="range"):
        store.add(a, 0, len(a.text) + 1)
    assert store.all() == []


def test_update_delete_restore(store: BookmarkStore) -> None:
    a = article()
    b = store.add(a, *span(a))
    u = store.update(b.id, note="n", colour="pink", tags=("x", "X", " y "))
    assert (u.note, u.colour, u.tags) == ("n", "pink", ("x", "y"))
    assert u.modified >= b.modified and u.created == b.created
    gone = store.delete(b.id)
    assert gone == u and store.all() == []
    store.restore(gone)
    assert store.get(b.id) == u
    with pytest.raises(KeyError):
        store.update("missing", note="x")
    with pytest.raises(KeyError):
        store.delete("missing")


def test_reanchor_after_paragraph_inserted(store: BookmarkStore) -> None:
    a = article()
    b = store.add(a, *span(a), note="garder")
    assert store.reanchor(a) == []  # same version: nothing to do
    changed_article = article(["Un paragraphe ajouté au début."] + PARAS)
    [moved] = store.reanchor(changed_article)
    assert moved.status == ANCHORED and moved.note == "garder"
    assert (moved.start, moved.end) == span(changed_article)
    assert store.get(b.id) == moved and moved.content_hash == changed_article.content_hash
    assert store.reanchor(changed_article) == []


def test_reanchor_edited_and_removed(store: BookmarkStore) -> None:
    a = article()
    edited = store.add(a, *span(a))
    removed = store.add(a, *span(a, "pénalise les ménages"))
    new_paras = [PARAS[0], PARAS[1].replace("devrait être ramené", "sera ramené"),
                 PARAS[2].replace(" qui pénalise les ménages", "")]
    new = article(new_paras)
    result = {b.id: b for b in store.reanchor(new)}
    assert result[edited.id].status == MOVED
    assert result[edited.id].quote == "le déficit public sera ramené"
    assert new.text[result[edited.id].start:result[edited.id].end] == "le déficit public sera ramené"
    orphan = store.get(removed.id)
    assert orphan is not None and orphan.status == ORPHANED  # never deleted
    assert orphan.quote == "pénalise les ménages"  # kept, to re-attach by hand
    fixed = store.reattach(removed.id, new, *span(new, "budget d’austérité"))
    assert (fixed.status, fixed.quote) == (ANCHORED, "budget d’austérité")


def test_reanchor_keeps_a_note_edited_meanwhile(tmp_path: Path) -> None:
    a = article()
    one = BookmarkStore(tmp_path / "d")
    two = BookmarkStore(tmp_path / "d")
    b = one.add(a, *span(a))
    two.update(b.id, note="écrit par l'autre fenêtre")
    one.reanchor(article(["Ajout."] + PARAS))
    assert one.get(b.id).note == "écrit par l'autre fenêtre"
    one.close()
    two.close()


def test_relink_renamed_file(store: BookmarkStore) -> None:
    a = article()
    b = store.add(a, *span(a))
    renamed = article(name="budget-2025")
    [moved] = store.relink("budget", renamed)
    assert moved.id == b.id and moved.article_id == "budget-2025"
    assert (moved.start, moved.end) == (b.start, b.end)
    assert store.for_article("budget") == []


def test_relink_by_hash(store: BookmarkStore) -> None:
    a = article()
    b = store.add(a, *span(a))
    other = store.add(article(["Autre texte, autre article."], "autre"), 0, 5)
    assert store.relink_by_hash({a.content_hash: "renamed"}) == 1
    assert store.get(b.id).article_id == "renamed"
    assert store.get(other.id).article_id == "autre"
    assert store.relink_by_hash({a.content_hash: "renamed"}) == 0


def test_merge_is_idempotent_and_keeps_the_newest(store: BookmarkStore, tmp_path: Path) -> None:
    a = article()
    b = store.add(a, *span(a), note="ancienne")
    other = BookmarkStore(tmp_path / "other")
    assert other.merge([b]) == (1, 0, 0)
    assert other.merge([b]) == (0, 0, 1)
    newer = store.update(b.id, note="nouvelle")
    assert other.merge([newer]) == (0, 1, 0)
    assert other.merge([b]) == (0, 0, 1)  # an older copy never wins
    assert other.get(b.id).note == "nouvelle" and len(other.all()) == 1
    other.close()


def test_disk_full_is_a_clear_error_and_loses_nothing(store: BookmarkStore,
                                                       tmp_path: Path) -> None:
    a = article()
    kept = [store.add(a, *span(a), note=f"n{i}") for i in range(3)]
    pages = store.db.conn.execute("PRAGMA page_count").fetchone()[0]
    store.db.conn.execute(f"PRAGMA max_page_count={pages}")
    with pytest.raises(StorageError, match="disk is full"):
        for _ in range(50):
            store.add(a, *span(a), note="x" * 4000)
    with pytest.raises(StorageError, match="disk is full"):
        store.update(kept[0].id, note="y" * 20000)
    store.close()
    again = BookmarkStore(tmp_path / "data")
    assert {b.id for b in kept} <= {b.id for b in again.all()}
    assert again.get(kept[0].id).note == "n0"
    assert again.integrity() == "ok"
    again.close()


def test_read_only_store_is_a_clear_error(store: BookmarkStore, tmp_path: Path) -> None:
    a = article()
    b = store.add(a, *span(a))
    # what a read-only data directory looks like to SQLite (the tests may run as root,
    # for whom chmod does not forbid anything)
    uri = f"file:{store.path}?mode=ro"
    store.db.conn.close()
    store.db.conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    store.db.conn.row_factory = sqlite3.Row
    assert store.get(b.id) == b
    with pytest.raises(StorageError, match="read-only"):
        store.add(a, *span(a))
    with pytest.raises(StorageError, match="read-only"):
        store.delete(b.id)
    store.db.conn.close()
    again = BookmarkStore(tmp_path / "data")
    assert again.all() == [b]
    again.close()


def test_uncreatable_data_dir(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    with pytest.raises(StorageError, match="cannot create"):
        BookmarkStore(blocker / "data")


def test_read_only_data_dir_still_shows_bookmarks(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    a = article()
    store = BookmarkStore(tmp_path / "data")
    b = store.add(a, *span(a))
    store.close()
    import reader.core.bookmarks.store as module

    def refuse(*_args: object, **_kw: object) -> None:
        raise ReadOnly("the data directory is read-only: changes cannot be saved")

    monkeypatch.setattr(module, "open_database", refuse)
    ro = BookmarkStore(tmp_path / "data")
    assert ro.read_only and "lecture seule" in ro.notice
    assert ro.all() == [b]
    with pytest.raises(StorageError, match="read-only"):
        ro.add(a, *span(a))
    ro.close()
    with pytest.raises(StorageError, match="read-only"):
        BookmarkStore(tmp_path / "elsewhere")  # nothing to show: the error stands


def test_a_schema_migration_keeps_a_readable_backup(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    a = article()
    store = BookmarkStore(tmp_path / "data")
    b = store.add(a, *span(a))
    store.close()
    import reader.core.bookmarks.store as module

    future = [*module.MIGRATIONS, "ALTER TABLE bookmarks ADD COLUMN extra TEXT;"]
    monkeypatch.setattr(module, "MIGRATIONS", future)
    migrated = BookmarkStore(tmp_path / "data")
    assert migrated.get(b.id) == b
    [backup] = migrated.db.backups
    conn = sqlite3.connect(backup)
    assert conn.execute("SELECT id FROM bookmarks").fetchall() == [(b.id,)]
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(future) - 1
    conn.close()
    migrated.close()


def test_reanchor_when_the_parser_changed_but_the_file_did_not(store: BookmarkStore) -> None:
    a = article()
    b = store.add(a, *span(a))
    shifted = article()
    shifted.text = "Intertitre ajouté par un autre découpage\n" + shifted.text  # same hash
    [moved] = store.reanchor(shifted)
    assert moved.status == ANCHORED and shifted.text[moved.start:moved.end] == PASSAGE
    assert moved.start == b.start + len("Intertitre ajouté par un autre découpage\n")
    assert store.reanchor(shifted) == []
