"""Salvage of a damaged store of user data: repair it, or copy every readable row out.

Why: one damaged page (often of an index, which holds no data of its own) must not hide
every bookmark.  Order of attempts, none of which writes to the damaged file:

1. the file gets a second name aside (``<name>.damaged-<time>``, a hard link: kept byte
   for byte, and still in place should the salvage be interrupted);
2. a copy of it gets ``REINDEX`` and an integrity check: if that passes, the copy becomes
   the store (``outcome="repaired"``, nothing lost);
3. otherwise a fresh store is made and every row that can still be read is copied into it,
   by ranges of rowids, halving a range that fails until single unreadable rows are skipped
   (``outcome="salvaged"``).

If the salvage itself fails for a reason other than damage (full disk, I/O error), the
damaged file is left (or put back) in place and that error is raised: retry later.
:func:`read_rows` reads the rows of any such file, for "Récupérer depuis…".
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.core.storage import (
    Database,
    Migration,
    SalvageReport,
    SchemaCheck,
    _move_aside,
    _open_checked,
    aside_name,
    move_back,
)
from reader.core.storage_errors import (
    Damaged,
    StorageError,
    WrongSchema,
    classify,
    from_os_error,
)

log = logging.getLogger("reader.storage")
# what reading a damaged file raises: SQLite's errors, and UnicodeDecodeError when the
# message of one quotes garbled bytes (a damaged schema's names)
UNREADABLE = (sqlite3.DatabaseError, UnicodeDecodeError)
RANGE = 512  # rowids per read; a failing range is halved down to single rows
ROWS_PER_PAGE = 64  # rowids probed one by one per page of the file, beyond max(rowid)
# (table, row read) → the row to write (possibly repaired), or None to leave it out
Accept = Callable[[str, dict[str, Any]], dict[str, Any] | None]


@dataclass
class ReadStats:
    rows: int = 0
    unreadable: int = 0  # rowids (or whole tables without rowid) that could not be read


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            os.remove(str(path) + suffix)


def tolerant_text(value: bytes) -> str:
    """Text of a damaged page may not be UTF-8: keep it, with U+FFFD for bad bytes."""
    return value.decode("utf-8", "replace")


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write to ``path`` (``immutable`` if even the WAL index
    cannot be used: it may then miss changes still in the WAL)."""
    last: sqlite3.Error | None = None
    for query in ("mode=ro", "immutable=1"):
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True,
                                   isolation_level=None, check_same_thread=False)
            conn.text_factory = tolerant_text  # a garbled note still saves the bookmark
            # a file cut short (torn write) says it has more pages than it has: SQLite then
            # refuses every page, unless writable_schema (harmless on a read-only
            # connection) makes it read the pages that are there
            conn.execute("PRAGMA writable_schema=ON")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.Error as exc:
            last = exc
            with contextlib.suppress(UnboundLocalError):
                conn.close()
    assert last is not None
    raise classify(last, path) or last


def _tables(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]


def read_rows(src: sqlite3.Connection, table: str, columns: Sequence[str],
              stats: ReadStats) -> Iterator[dict[str, Any]]:
    """Every readable row of ``table`` (only ``columns`` that exist in it): by rowid
    ranges, unreadable ranges halved down to single rowids; then every rowid up to a
    bound, one at a time (column by column if need be), yielding what the ranges missed
    or read differently.  A row may thus come twice: the caller's unique keys sort it."""
    try:
        present = set(_columns(src, table))
    except UNREADABLE:
        stats.unreadable += 1
        return
    cols = [c for c in columns if c in present]
    if not cols:
        return
    names = ", ".join(f'"{c}"' for c in cols)
    try:
        low, high = src.execute(f'SELECT min(rowid), max(rowid) FROM "{table}"').fetchone()
    except sqlite3.OperationalError:  # a WITHOUT ROWID table: all or nothing
        try:
            rows = src.execute(f'SELECT {names} FROM "{table}"').fetchall()
        except UNREADABLE:
            stats.unreadable += 1
            return
        for row in rows:
            stats.rows += 1
            yield dict(zip(cols, row, strict=True))
        return
    except UNREADABLE:  # the b-tree's edges are damaged
        low, high = None, None
    # a damaged interior page can make a range scan skip rows silently, and max(rowid)
    # come out too low: probe every rowid up to a generous bound one at a time after the
    # ranges (point lookups take other paths down the b-tree)
    low = min(low if low is not None else 1, 1)
    high = max(high if high is not None else 0, _page_count(src) * ROWS_PER_PAGE)
    seen: dict[int, tuple[Any, ...]] = {}
    stack = [(a, min(a + RANGE - 1, high)) for a in range(low, high + 1, RANGE)]
    stack.reverse()
    sql = f'SELECT rowid, {names} FROM "{table}" WHERE rowid BETWEEN ? AND ? ORDER BY rowid'
    while stack:
        a, b = stack.pop()
        try:
            rows = src.execute(sql, (a, b)).fetchall()
        except UNREADABLE:
            if a == b:  # left to the point lookups below, column by column
                continue
            middle = (a + b) // 2
            stack.append((middle + 1, b))
            stack.append((a, middle))
            continue
        for row in rows:
            if row[0] in seen:
                continue
            seen[row[0]] = row
            stats.rows += 1
            yield dict(zip(cols, row[1:], strict=True))
    point = f'SELECT rowid, {names} FROM "{table}" WHERE rowid = ?'
    for rowid in range(low, high + 1):
        try:
            row = src.execute(point, (rowid,)).fetchone()
        except UNREADABLE:
            partial = _row_by_columns(src, table, cols, rowid)
            if partial is None:
                stats.unreadable += 1
            else:
                stats.rows += 1
                yield partial
            continue
        # a range scan through a damaged page may have returned garbage under this rowid
        # (the real row is reached by the point lookup): keep both, let the caller judge
        if row is not None and seen.get(rowid) != row:
            stats.rows += 1
            yield dict(zip(cols, row[1:], strict=True))


def _row_by_columns(src: sqlite3.Connection, table: str, cols: Sequence[str],
                    rowid: int) -> dict[str, Any] | None:
    """The readable columns of one row whose whole read fails (a damaged overflow page
    holding a long note): the others are None.  None if no column can be read."""
    row: dict[str, Any] = {}
    for col in cols:
        try:
            found = src.execute(f'SELECT "{col}" FROM "{table}" WHERE rowid = ?',
                                (rowid,)).fetchone()
        except UNREADABLE:
            row[col] = None
            continue
        if found is None:
            return None
        row[col] = found[0]
    return row if any(v is not None for v in row.values()) else None


def _page_count(conn: sqlite3.Connection) -> int:
    try:
        return int(conn.execute("PRAGMA page_count").fetchone()[0])
    except UNREADABLE:
        return 10_000


def _copy_rows(src: sqlite3.Connection, dest: sqlite3.Connection,
               accept: Accept | None) -> tuple[dict[str, int], int]:
    """Copy every readable, accepted row of each of ``dest``'s tables; returns the rows
    copied per table and the unreadable count."""
    copied: dict[str, int] = {}
    unreadable = 0
    try:
        source_tables = set(_tables(src))
    except UNREADABLE:  # the schema itself is unreadable: nothing to copy
        return copied, 1
    for table in _tables(dest):
        if table not in source_tables:
            continue
        columns = _columns(dest, table)
        stats = ReadStats()
        dest.execute("BEGIN IMMEDIATE")
        for found in read_rows(src, table, columns, stats):
            row = accept(table, found) if accept is not None else found
            if row is None:
                continue
            names = ", ".join(f'"{c}"' for c in row)
            try:  # a later copy of the same key (a point lookup) replaces a range scan's
                dest.execute(f'INSERT OR REPLACE INTO "{table}"({names}) '
                             f"VALUES ({', '.join('?' * len(row))})", tuple(row.values()))
            except sqlite3.IntegrityError:
                continue  # e.g. a NOT NULL column read back as NULL from a damaged page
        dest.execute("COMMIT")
        copied[table] = int(dest.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
        unreadable += stats.unreadable
    return copied, unreadable


def _link_aside(path: Path) -> tuple[Path, bool]:
    """Give the damaged file (and its WAL) a second name aside, by hard links: ``path``
    stays in place until the salvaged store replaces it atomically, so a crash at any
    moment of the salvage leaves the damaged store where it was (the next start retries).
    Where hard links are not possible, the file is renamed aside (``True``: moved)."""
    target = aside_name(path)
    try:
        os.link(path, target)
    except OSError:
        return _move_aside(path), True
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.link(side, target.with_name(target.name + suffix))
    return target, False


def salvage_store(path: Path, migrations: Sequence[Migration], durable: bool,
                  cause: StorageError, schema_check: SchemaCheck | None,
                  accept: Accept | None = None) -> Database:
    """Keep the damaged ``path`` aside and put a repaired or salvaged store in its place
    (see the module docstring).  Raises the typed error, with ``path`` as it was, if that
    cannot be done."""
    try:
        aside, moved = _link_aside(path)
    except OSError as exc:
        raise from_os_error(exc, path, "the database is damaged and could not be kept "
                            "aside; it was left untouched") from cause
    tmp = path.with_name(path.name + ".salvage-tmp")
    _remove(tmp)
    try:
        report = _salvage_into(tmp, aside, migrations, durable, cause, schema_check, accept)
        if report is None:  # a foreign schema with nothing of ours in it: leave it
            raise cause
        if not moved:  # the old WAL must not be applied to the new file
            for suffix in ("-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    os.remove(str(path) + suffix)
        os.replace(tmp, path)
        db = _open_checked(path, migrations, durable, False, True, schema_check)
    except BaseException as exc:
        _remove(tmp)
        with contextlib.suppress(OSError):
            if moved and not path.exists():
                move_back(aside, path)
            elif not moved and path.exists():
                _remove(aside)  # the original is still in place: no copy needed
        if isinstance(exc, OSError):
            raise from_os_error(exc, path, "the salvage of the damaged database failed; "
                                "it was left in place") from cause
        raise
    db.moved_aside = aside
    db.salvage = report
    what = "damaged" if isinstance(cause, Damaged) else "not in the expected format"
    db.notice = (f"The {path.name} database was {what}; {report.recovered} rows were "
                 f"recovered ({report.outcome}); the original was kept as {aside.name}.")
    log.warning("%s (%s; %d unreadable rowids)", db.notice, cause, report.unreadable)
    return db


def _salvage_into(tmp: Path, aside: Path, migrations: Sequence[Migration], durable: bool,
                  cause: StorageError, schema_check: SchemaCheck | None,
                  accept: Accept | None) -> SalvageReport | None:
    if isinstance(cause, Damaged):
        repaired = _try_reindex(tmp, aside, len(migrations), schema_check)
        if repaired is not None:
            return SalvageReport("repaired", cause.kind, aside, sum(repaired.values()),
                                 0, repaired)
        _remove(tmp)
    fresh = _open_checked(tmp, migrations, durable, False, False, None)
    try:
        src = connect_read_only(aside)
    except StorageError:
        src = None  # not even a header: an empty store, the original kept aside
    try:
        copied, unreadable = _copy_rows(src, fresh.conn, accept) if src else ({}, 1)
    finally:
        if src is not None:
            src.close()
        fresh.close()
    total = sum(copied.values())
    if isinstance(cause, WrongSchema) and total == 0:
        return None
    return SalvageReport("salvaged", cause.kind, aside, total, unreadable, copied)


def _try_reindex(tmp: Path, aside: Path, version: int,
                 schema_check: SchemaCheck | None) -> dict[str, int] | None:
    """REINDEX a copy of the damaged file; its table counts if it is then healthy."""
    shutil.copyfile(aside, tmp)  # OSError (full disk…) propagates: nothing is lost
    wal = aside.with_name(aside.name + "-wal")
    if wal.exists():
        shutil.copyfile(wal, tmp.with_name(tmp.name + "-wal"))
    conn = sqlite3.connect(str(tmp), isolation_level=None)
    try:
        conn.execute("REINDEX")
        row = conn.execute("PRAGMA quick_check").fetchone()
        if row is None or row[0] != "ok":
            return None
        if conn.execute("PRAGMA user_version").fetchone()[0] != version:
            return None
        if schema_check is not None:
            schema_check(conn)
        counts = {t: int(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0])
                  for t in _tables(conn)}
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return counts
    except sqlite3.Error as exc:
        typed = classify(exc, tmp)
        if typed is not None and not isinstance(typed, Damaged):
            raise typed from exc
        return None
    except WrongSchema:
        return None
    finally:
        conn.close()
