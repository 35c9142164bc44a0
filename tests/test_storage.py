"""The shared SQLite layer: migrations, backups, damaged files moved aside."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.core.storage import StorageError, open_database

MIGRATIONS = ["CREATE TABLE t(x INTEGER);", "ALTER TABLE t ADD COLUMN y TEXT;"]


def test_wal_and_migrations(tmp_path: Path) -> None:
    db = open_database(tmp_path / "a.sqlite3", MIGRATIONS[:1])
    assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with db.transaction() as conn:
        conn.execute("INSERT INTO t(x) VALUES (1)")
    db.close()
    db = open_database(tmp_path / "a.sqlite3", MIGRATIONS)
    assert db.conn.execute("PRAGMA user_version").fetchone()[0] == 2
    assert db.backups and db.backups[0].exists()  # readable copy before migrating
    backup = sqlite3.connect(db.backups[0])
    assert backup.execute("SELECT x FROM t").fetchall() == [(1,)]
    backup.close()
    db.close()


def test_failed_transaction_rolls_back(tmp_path: Path) -> None:
    db = open_database(tmp_path / "a.sqlite3", MIGRATIONS)
    with pytest.raises(RuntimeError), db.transaction() as conn:
        conn.execute("INSERT INTO t(x) VALUES (1)")
        raise RuntimeError("boom")
    assert db.conn.execute("SELECT count(*) FROM t").fetchone()[0] == 0
    db.close()


def test_damaged_database_is_moved_aside_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "b.sqlite3"
    garbage = b"this is not a database" * 100
    path.write_bytes(garbage)
    db = open_database(path, MIGRATIONS, label="bookmarks database")
    assert db.moved_aside is not None and db.moved_aside.read_bytes() == garbage
    assert "damaged" in db.notice and db.moved_aside.name in db.notice
    with db.transaction() as conn:
        conn.execute("INSERT INTO t(x) VALUES (2)")
    db.close()


def test_newer_schema_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version=99")
    conn.close()
    with pytest.raises(StorageError, match="newer version"):
        open_database(path, MIGRATIONS)
