"""Fixtures for the fault-injection tests and benchmark, all built on the spot.

Real SQLite errors (with their ``sqlite_errorcode``) are obtained by provoking them, not by
constructing exceptions from message text; pages are damaged by overwriting bytes of a
store's own b-trees, found through ``sqlite_master``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reader.core.bookmarks.store import BookmarkStore
from reader.core.library.parser import Article, parse_text

PAGE = 4096
TEXT = ("date 28 mai 2024 Essai de pannes (Reader)\n\n"
        + "\n\n".join(f"Paragraphe {i} : un texte écrit pour les tests de pannes, assez long "
                      f"pour y marquer plusieurs passages différents ({i})." for i in range(60))
        + "\n")


def article() -> Article:
    return parse_text(TEXT, "/lib/pannes.txt")


def make_store(data: Path, count: int = 50, note_size: int = 10) -> set[str]:
    """A bookmark store with ``count`` bookmarks, checkpointed (everything in the main
    file); returns their ids."""
    a = article()
    store = BookmarkStore(data)
    ids = set()
    n = len(a.text)
    for i in range(count):
        start = (i * 37) % (n - 40)
        ids.add(store.add(a, start, start + 25, note=f"note {i} " * note_size, tags=["t"]).id)
    store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return ids


def btree_roots(path: Path) -> dict[str, int]:
    """``name → root page`` of every table and index of a database file."""
    conn = sqlite3.connect(path)
    try:
        return {name: root for name, root in conn.execute(
            "SELECT name, rootpage FROM sqlite_master WHERE rootpage > 0")}
    finally:
        conn.close()


def damage(path: Path, offset: int, size: int = 300, byte: int = 0xA5) -> None:
    raw = bytearray(path.read_bytes())
    raw[offset:offset + size] = bytes([byte]) * min(size, max(0, len(raw) - offset))
    path.write_bytes(bytes(raw))


def damage_page(path: Path, page: int, size: int = 300) -> None:
    """Overwrite ``size`` bytes in the middle of page ``page`` (1-based)."""
    damage(path, (page - 1) * PAGE + 100, size)


def readable_ids(path: Path) -> set[str]:
    """Bookmark ids that any reader could still get out of a (damaged) file: by rowid,
    one at a time, skipping errors — what Reader must not lose."""
    ids: set[str] = set()
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        conn.text_factory = lambda b: b.decode("utf-8", "replace")
        conn.execute("PRAGMA writable_schema=ON")  # reads a file cut short, too
    except (sqlite3.Error, UnicodeDecodeError):
        return ids
    try:
        for rowid in range(0, 5000):
            try:
                row = conn.execute("SELECT id FROM bookmarks WHERE rowid=?", (rowid,)).fetchone()
            except (sqlite3.Error, UnicodeDecodeError):
                continue
            if row is not None and isinstance(row[0], str):
                ids.add(row[0])
    finally:
        conn.close()
    return ids


def real_error(kind: str) -> sqlite3.Error:
    """A genuine SQLite error of the given kind, as SQLite itself raises it."""
    conn = sqlite3.connect(":memory:")
    try:
        if kind == "full":
            conn.execute("CREATE TABLE t(x)")
            conn.execute("PRAGMA max_page_count=2")
            for _ in range(100):
                conn.execute("INSERT INTO t VALUES (randomblob(2000))")
        elif kind == "readonly":
            conn.close()
            conn = sqlite3.connect("file::memory:?mode=ro", uri=True)
            conn.execute("CREATE TABLE t(x)")
        elif kind == "notadb":
            conn.execute("SELECT 1 FROM nonexistent")
    except sqlite3.Error as exc:
        return exc
    finally:
        conn.close()
    raise AssertionError(f"could not provoke {kind}")


def failing(exc: BaseException) -> Callable[..., Any]:
    def fail(*_args: object, **_kw: object) -> Any:
        raise exc

    return fail
