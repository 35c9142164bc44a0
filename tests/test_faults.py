"""Fault injection on the stores (issue 10): a bookmark is never hidden or lost, only
damage ever sets a file aside, and every fault gives a typed error, never a traceback.

Full disk (``max_page_count``, ``ENOSPC`` at the write), I/O errors, torn writes, damaged
pages of each table and index of each store, wrong and newer ``user_version``, a directory
or a FIFO in place of each file, read-only stores, two processes on one new store.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from faults_helpers import (  # noqa: E402
    article,
    btree_roots,
    damage,
    damage_page,
    failing,
    make_store,
    readable_ids,
    real_error,
)

import reader.core.storage as storage  # noqa: E402
from reader.core.bookmarks.store import DB_NAME, BookmarkStore, damaged_copies  # noqa: E402
from reader.core.entities.aliases import EntityAliases  # noqa: E402
from reader.core.entities.cache import EntityCache  # noqa: E402
from reader.core.library.index import LibraryIndex  # noqa: E402
from reader.core.storage import (  # noqa: E402
    Busy,
    Damaged,
    DiskFull,
    NewerSchema,
    ReadOnly,
    StorageError,
    StorageIOError,
    Unavailable,
    WrongSchema,
    classify,
    open_database,
)
from reader.core.storage_errors import word_storage_error  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def _aside(data: Path) -> list[Path]:
    return [p for p in data.iterdir() if ".damaged-" in p.name]


# -- classification ------------------------------------------------------------------------

def test_errors_are_classified_by_code_not_by_message() -> None:
    assert isinstance(classify(real_error("full")), DiskFull)
    assert isinstance(classify(real_error("readonly")), ReadOnly)
    # message text alone means nothing: no code, no classification
    assert classify(sqlite3.OperationalError("database disk image is malformed")) is None
    fake = sqlite3.OperationalError("anything at all")
    fake.sqlite_errorcode = sqlite3.SQLITE_CORRUPT  # type: ignore[attr-defined]
    assert isinstance(classify(fake), Damaged)
    fake.sqlite_errorcode = sqlite3.SQLITE_IOERR | (3 << 8)  # type: ignore[attr-defined]
    assert isinstance(classify(fake), StorageIOError)
    fake.sqlite_errorcode = sqlite3.SQLITE_BUSY  # type: ignore[attr-defined]
    err = classify(fake, "/x/bookmarks.sqlite3")
    assert isinstance(err, Busy) and err.kind == "busy" and err.path == Path("/x/bookmarks.sqlite3")
    assert "occupé" in word_storage_error(err) and "bookmarks.sqlite3" in str(err)
    assert classify(real_error("notadb")) is None  # a plain SQL error is a bug: propagates


# -- full disk -----------------------------------------------------------------------------

def test_full_disk_at_startup_moves_nothing_and_shows_the_bookmarks(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 10 #1: a full disk at start-up was taken for damage and the healthy store
    renamed aside.  Now: read-only mode, reason DiskFull, nothing moved, retry works."""
    data = tmp_path / "data"
    ids = make_store(data, 20)
    before = (data / DB_NAME).read_bytes()
    monkeypatch.setattr(storage, "_connect", failing(real_error("full")))
    store = BookmarkStore(data)
    assert store.read_only and isinstance(store.read_only_reason, DiskFull)
    assert {b.id for b in store.all()} == ids
    with pytest.raises(StorageError):
        store.add(article(), 0, 10)
    store.close()
    assert _aside(data) == [] and (data / DB_NAME).read_bytes() == before
    monkeypatch.undo()  # space freed: everything is back, writable
    again = BookmarkStore(data)
    assert not again.read_only and {b.id for b in again.all()} == ids
    again.add(article(), 0, 10)
    again.close()


def test_max_page_count_full_disk_then_reopen(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ids = make_store(data, 10)
    store = BookmarkStore(data)
    pages = store.db.conn.execute("PRAGMA page_count").fetchone()[0]
    store.db.conn.execute(f"PRAGMA max_page_count={pages}")
    with pytest.raises(DiskFull) as info:
        for _ in range(100):
            store.add(article(), 0, 10, note="x" * 4000)
    assert info.value.kind == "disk_full" and info.value.path == data / DB_NAME
    store.close()
    again = BookmarkStore(data)
    assert ids <= {b.id for b in again.all()} and _aside(data) == []
    again.close()


def test_enospc_injected_at_the_write_moves_nothing(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The salvage of a damaged store copies it: ENOSPC there puts the file back."""
    data = tmp_path / "data"
    make_store(data, 50)
    path = data / DB_NAME
    damage_page(path, btree_roots(path)["bookmarks_hash"])
    damaged = path.read_bytes()
    import reader.core.salvage as salvage

    monkeypatch.setattr(salvage.shutil, "copyfile",
                        failing(OSError(errno.ENOSPC, "No space left on device")))
    try:
        store = BookmarkStore(data)  # read-only view of what can be read
        assert store.read_only and isinstance(store.read_only_reason, DiskFull)
        store.close()
    except DiskFull:
        pass
    assert path.read_bytes() == damaged and _aside(data) == []
    monkeypatch.undo()
    healed = BookmarkStore(data)
    assert healed.count() == 50 and healed.salvage_report is not None
    healed.close()


def test_enospc_creating_the_data_dir_is_disk_full(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Path, "mkdir", failing(OSError(errno.ENOSPC, "No space left")))
    with pytest.raises(DiskFull):
        BookmarkStore(tmp_path / "new")


# -- I/O errors, busy ------------------------------------------------------------------------

def _io_error() -> sqlite3.Error:
    exc = sqlite3.OperationalError("disk I/O error")
    exc.sqlite_errorcode = sqlite3.SQLITE_IOERR | (4 << 8)  # type: ignore[attr-defined]
    return exc


def test_io_error_at_open_moves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    ids = make_store(data, 5)
    monkeypatch.setattr(storage, "_connect", failing(_io_error()))
    store = BookmarkStore(data)  # I/O error on writing: still shown, read-only
    assert store.read_only and isinstance(store.read_only_reason, StorageIOError)
    assert {b.id for b in store.all()} == ids
    store.close()
    assert _aside(data) == []
    with pytest.raises(StorageIOError):
        LibraryIndex(tmp_path / "cache" / "library.sqlite3")


def test_busy_is_typed_and_retried(tmp_path: Path) -> None:
    data = tmp_path / "data"
    make_store(data, 1)
    holder = sqlite3.connect(data / DB_NAME, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    store = BookmarkStore(data)
    store.db.conn.execute("PRAGMA busy_timeout=50")
    with pytest.raises(Busy):
        store.add(article(), 0, 5)
    holder.execute("ROLLBACK")
    holder.close()
    store.add(article(), 0, 5)
    assert store.count() == 2
    store.close()


# -- damaged pages ---------------------------------------------------------------------------

def test_issue_offset_on_a_50_bookmark_store_keeps_all_50(tmp_path: Path) -> None:
    """Issue 10 #2: 300 bytes at 4×4096+100 (a secondary index's page)."""
    data = tmp_path / "data"
    ids = make_store(data, 50)
    damage(data / DB_NAME, 4 * 4096 + 100)
    store = BookmarkStore(data)
    assert {b.id for b in store.all()} == ids
    report = store.salvage_report
    assert report is not None and report.recovered == 50 and report.original.exists()
    assert report.original in damaged_copies(data)
    assert store.integrity() == "ok"
    store.close()


@pytest.mark.parametrize("btree", ["bookmarks", "sqlite_autoindex_bookmarks_1",
                                   "bookmarks_article", "bookmarks_hash", "leaf"])
def test_damaged_page_of_each_btree_loses_nothing_readable(tmp_path: Path, btree: str) -> None:
    data = tmp_path / "data"
    ids = make_store(data, 120, note_size=20)  # several table pages
    path = data / DB_NAME
    roots = btree_roots(path)
    page = roots["bookmarks"] + 1 if btree == "leaf" else roots[btree]
    if btree == "leaf":  # a leaf of the table: find one that holds rows
        conn = sqlite3.connect(path)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.close()
        page = max(set(range(2, pages + 1)) - set(roots.values()))
    damage_page(path, page)
    readable = readable_ids(path)
    store = BookmarkStore(data)
    shown = {b.id for b in store.all()}
    assert readable <= shown <= ids, f"{len(readable - shown)} readable bookmarks hidden"
    if btree != "bookmarks" and btree != "leaf":
        assert shown == ids  # an index holds no data of its own
    assert store.integrity() == "ok"
    store.close()


def test_recover_from_a_damaged_copy(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ids = make_store(data, 30)
    path = data / DB_NAME
    kept = tmp_path / "copy.sqlite3"
    shutil.copyfile(path, kept)
    damage_page(kept, btree_roots(kept)["bookmarks_article"])
    path.unlink()
    store = BookmarkStore(data)
    assert store.count() == 0
    result = store.recover_from(kept)
    assert result.added == 30 and result.rejected == 0
    assert {b.id for b in store.all()} == ids
    assert store.recover_from(kept).unchanged == 30  # twice is harmless
    store.close()


def test_garbage_store_is_kept_and_a_new_one_started(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / DB_NAME).write_bytes(b"not a database at all " * 300)
    store = BookmarkStore(data)
    assert store.count() == 0 and store.salvage_report is not None
    assert store.salvage_report.original.read_bytes().startswith(b"not a database")
    store.close()


def test_torn_writes(tmp_path: Path) -> None:
    """A file cut short (power cut mid-write) or a garbled WAL tail: opens, keeps what
    can be read, raises nothing."""
    for cut in (4096 * 3, 4096 * 3 + 1000, 4096 * 6 - 17):
        data = tmp_path / f"cut{cut}"
        make_store(data, 80)
        path = data / DB_NAME
        readable = readable_ids(path)
        with path.open("r+b") as fh:
            fh.truncate(cut)
        readable = readable_ids(path)
        store = BookmarkStore(data)
        assert readable <= {b.id for b in store.all()}
        store.close()
    data = tmp_path / "wal"
    ids = make_store(data, 5)
    store = BookmarkStore(data)
    store.add(article(), 0, 10)  # in the WAL
    store.db.conn.close()
    wal = data / (DB_NAME + "-wal")
    if wal.exists():
        with wal.open("ab") as fh:
            fh.write(b"\x99" * 3000)  # a torn frame after the last commit
    again = BookmarkStore(data)
    assert ids < {b.id for b in again.all()}
    again.close()


def test_damaged_library_index_pages_are_rebuilt(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    for i in range(30):
        (lib / f"a{i}.txt").write_text(f"date 2024 Titre {i} (S)\n\nTexte numéro {i}.\n" * 5)
    db = tmp_path / "cache" / "library.sqlite3"
    ix = LibraryIndex(db, workers=0)
    ix.scan(lib)
    ix.close()
    for name, root in btree_roots(db).items():
        if "fts" in name and "_data" not in name and "_idx" not in name:
            continue
        copy = tmp_path / "c" / name / "library.sqlite3"
        copy.parent.mkdir(parents=True)
        shutil.copyfile(db, copy)
        damage_page(copy, root, 2000)
        try:
            ix = LibraryIndex(copy, workers=0)
        except StorageError as exc:  # typed, never a traceback of sqlite3
            pytest.fail(f"{name}: {exc!r}")
        ix.scan(lib)
        assert len(ix.rows(lib)) == 30, name
        ix.close()


def test_damaged_entity_aliases_are_salvaged(tmp_path: Path) -> None:
    path = tmp_path / "entity_aliases.sqlite3"
    aliases = EntityAliases(path)
    aliases.merge(("a", "PER"), [("b", "PER")])
    aliases.close() if hasattr(aliases, "close") else aliases._db.close()
    path.write_bytes(b"garbage" * 1000)
    again = EntityAliases(path)
    assert again._db.moved_aside is not None and again._db.salvage is not None


# -- schema versions -------------------------------------------------------------------------

def _set_version(path: Path, version: int) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version={version}")
    conn.commit()
    conn.close()


def test_wrong_user_version_on_bookmarks_salvages_every_bookmark(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ids = make_store(data, 25)
    _set_version(data / DB_NAME, 0)
    store = BookmarkStore(data)
    assert {b.id for b in store.all()} == ids
    assert store.salvage_report is not None and store.salvage_report.cause == "wrong_schema"
    assert store.salvage_report.original.exists()
    store.close()


def test_newer_user_version_on_bookmarks_is_left_untouched(tmp_path: Path) -> None:
    data = tmp_path / "data"
    make_store(data, 3)
    _set_version(data / DB_NAME, 99)
    before = (data / DB_NAME).read_bytes()
    with pytest.raises(NewerSchema) as info:
        BookmarkStore(data)
    assert info.value.kind == "newer_schema"
    assert (data / DB_NAME).read_bytes() == before and _aside(data) == []


def test_foreign_bookmarks_table_is_a_worded_error(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    conn = sqlite3.connect(data / DB_NAME)
    conn.execute("CREATE TABLE bookmarks(x)")
    conn.execute("INSERT INTO bookmarks VALUES (1)")
    conn.execute("PRAGMA user_version=1")
    conn.commit()
    conn.close()
    with pytest.raises(WrongSchema):
        BookmarkStore(data)
    conn = sqlite3.connect(data / DB_NAME)  # user data: never dropped
    assert conn.execute("SELECT x FROM bookmarks").fetchall() == [(1,)]
    conn.close()
    assert _aside(data) == []
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-m", "reader", "bookmarks", "--data-dir", str(data),
                          "list"], capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode != 0 and "Traceback" not in out.stderr


@pytest.mark.parametrize("version", [0, 99])
def test_wrong_user_version_on_the_library_cache_rebuilds(tmp_path: Path, version: int) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "a.txt").write_text("date 2024 Titre (S)\n\nTexte.\n")
    db = tmp_path / "library.sqlite3"
    ix = LibraryIndex(db, workers=0)
    ix.scan(lib)
    ix.close()
    _set_version(db, version)
    ix = LibraryIndex(db, workers=0)
    assert ix._db.rebuilt in ("wrong_schema", "newer_schema")
    ix.scan(lib)
    assert [r.id for r in ix.rows(lib)] == ["a"]
    ix.close()


def test_wrong_user_version_on_the_entity_cache_rebuilds(tmp_path: Path) -> None:
    path = tmp_path / "entities.sqlite3"
    EntityCache(path).close()
    _set_version(path, 0)
    EntityCache(path).close()
    _set_version(path, 77)
    EntityCache(path).close()


# -- something else in place of a file -------------------------------------------------------

@pytest.mark.parametrize("what", ["dir", "fifo"])
@pytest.mark.parametrize("name", [DB_NAME, DB_NAME + "-wal"])
def test_directory_or_fifo_in_place_of_the_bookmarks(tmp_path: Path, what: str,
                                                    name: str) -> None:
    data = tmp_path / "data"
    if name != DB_NAME:
        make_store(data, 2)
    data.mkdir(exist_ok=True)
    target = data / name
    os.mkdir(target) if what == "dir" else os.mkfifo(target)
    code = ("import sys; from reader.core.bookmarks.store import BookmarkStore\n"
            "from reader.core.storage import StorageError\n"
            "try:\n    s = BookmarkStore(sys.argv[1])\n"
            "    print('read-only', s.read_only_reason.kind, s.count())\n"
            "except StorageError as exc:\n    print(exc.kind)\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code, str(data)], capture_output=True,
                         text=True, env=env, timeout=60)  # a FIFO must not block
    # nothing to show: a typed error; bookmarks there: shown read-only
    expected = "unavailable" if name == DB_NAME else "read-only unavailable 2"
    assert out.returncode == 0 and out.stdout.strip() == expected, out.stderr
    assert _aside(data) == []


@pytest.mark.parametrize("what", ["dir", "fifo", "file-as-dir"])
def test_unusable_cache_falls_back_to_a_temporary_cache(tmp_path: Path, what: str) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "a.txt").write_text("date 2024 Titre (S)\n\nTexte.\n")
    cache = tmp_path / "cache"
    cache.mkdir()
    if what == "dir":
        (cache / "library.sqlite3").mkdir()
        db = cache / "library.sqlite3"
    elif what == "fifo":
        os.mkfifo(cache / "library.sqlite3")
        db = cache / "library.sqlite3"
    else:
        (cache / "blocker").write_text("a file where a directory should be")
        db = cache / "blocker" / "library.sqlite3"
    ix = LibraryIndex.open_or_temporary(db, workers=0)
    assert ix.temporary_reason is not None and ix.temporary_reason.kind == "unavailable"
    assert ix.db_path != db
    ix.scan(lib)
    assert [r.id for r in ix.rows(lib)] == ["a"]
    ix.close()


def test_read_only_cache_falls_back_to_a_temporary_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = storage._connect
    ro = tmp_path / "ro"

    def connect(path: Path, durable: bool) -> sqlite3.Connection:
        if ro in path.parents:
            raise real_error("readonly")
        return real(path, durable)

    monkeypatch.setattr(storage, "_connect", connect)
    ix = LibraryIndex.open_or_temporary(ro / "library.sqlite3", workers=0)
    assert isinstance(ix.temporary_reason, ReadOnly)
    ix.close()


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_data_dir_real_permissions(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ids = make_store(data, 4)
    data.chmod(0o500)
    try:
        store = BookmarkStore(data)
        assert store.read_only and {b.id for b in store.all()} == ids
        store.close()
    finally:
        data.chmod(0o700)


# -- two processes on one new store -----------------------------------------------------------

def test_two_processes_open_the_same_new_library(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    for i in range(20):
        (lib / f"a{i}.txt").write_text(f"date 2024 Titre {i} (S)\n\nTexte {i}.\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for round_ in range(3):
        cache = tmp_path / f"cache{round_}"
        procs = [subprocess.Popen([sys.executable, "-m", "reader", "scan", str(lib),
                                   "--cache-dir", str(cache), "--format", "jsonl"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  env=env) for _ in range(2)]
        for proc in procs:
            out, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err
            assert out.count('"type": "article"') == 20


def test_two_connections_create_the_same_store(tmp_path: Path) -> None:
    """The migration re-reads the version under the write lock."""
    path = tmp_path / "s.sqlite3"
    first = storage._connect(path, True)
    migrations = ["CREATE TABLE t(x);"]
    db = open_database(path, migrations)
    first.close()
    again = open_database(path, migrations)  # already migrated: nothing re-run
    db.close()
    again.close()
    assert isinstance(Unavailable("x", path=path), StorageError)
