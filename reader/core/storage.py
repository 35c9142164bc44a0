"""SQLite helpers shared by every store: WAL, transactions, versioned migrations.

Known failures become typed :class:`StorageError` subclasses (see
:mod:`reader.core.storage_errors`), classified by SQLite's result code; anything else is a
bug and propagates.  Only damage (``SQLITE_CORRUPT``/``SQLITE_NOTADB``) ever sets a file
aside, and a damaged file is never overwritten: it is renamed aside and, for user data
(``salvage=True``), every readable row is copied into a fresh store first
(:mod:`reader.core.salvage`); ``Database.salvage`` says what happened.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.core.storage_errors import (
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
    from_os_error,
    translate_error,
)

__all__ = ["Busy", "Damaged", "Database", "DiskFull", "NewerSchema", "ReadOnly",
           "SalvageReport", "StorageError", "StorageIOError", "Unavailable", "WrongSchema",
           "classify", "open_database", "translate_error", "write_transaction"]

Migration = str | Callable[[sqlite3.Connection], None]
# a store's own check of its schema once migrated (missing tables or columns): raise
# WrongSchema, or return normally
SchemaCheck = Callable[[sqlite3.Connection], None]
BUSY_TIMEOUT_MS = 10_000


@dataclass(frozen=True)
class SalvageReport:
    """What was done with a damaged (or foreign-schema) store of user data.

    ``outcome``: ``"repaired"`` (a REINDEX on a copy fixed it: every row kept) or
    ``"salvaged"`` (the readable rows were copied into a fresh store).  ``recovered`` counts
    the rows now in the store (per table in ``tables``), ``unreadable`` the rowid ranges
    that could not be read; ``original`` is the damaged file, kept byte for byte."""

    outcome: str
    cause: str  # the StorageError kind that led here: "damaged" or "wrong_schema"
    original: Path
    recovered: int
    unreadable: int = 0
    tables: dict[str, int] = field(default_factory=dict)


@dataclass
class Database:
    conn: sqlite3.Connection
    path: Path
    notice: str = ""  # for logs (English); the UI words ``moved_aside``/``salvage`` itself
    moved_aside: Path | None = None
    backups: list[Path] = field(default_factory=list)
    salvage: SalvageReport | None = None
    rebuilt: str = ""  # a regenerable store started afresh: the kind of what was wrong

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One committed transaction (BEGIN IMMEDIATE so writers queue, never deadlock)."""
        with write_transaction(self.conn, path=self.path) as conn:
            yield conn

    def close(self) -> None:
        self.conn.close()


_BUSY_CODES = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


@contextlib.contextmanager
def write_transaction(conn: sqlite3.Connection, retries: int = 5,
                      path: Path | None = None) -> Iterator[sqlite3.Connection]:
    for attempt in range(retries):
        try:
            conn.execute("BEGIN IMMEDIATE")
            break
        except sqlite3.Error as exc:
            code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
            if code not in _BUSY_CODES or attempt == retries - 1:
                raise translate_error(exc, path) from exc
            time.sleep(0.05 * (attempt + 1))
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as exc:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            raise translate_error(exc, path) from exc
        raise


def _connect(path: Path, durable: bool) -> sqlite3.Connection:
    conn = sqlite3.connect(
        str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    try:
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        _set_wal(conn)
        conn.execute(f"PRAGMA synchronous={'FULL' if durable else 'NORMAL'}")
        conn.execute("PRAGMA foreign_keys=ON")
    except BaseException:
        conn.close()
        raise
    return conn


def _set_wal(conn: sqlite3.Connection, attempts: int = 100) -> None:
    """Switch to WAL.  On a new file another process may be doing the same: that change
    gets SQLITE_BUSY at once, without the busy handler, so wait and retry (two windows
    opening the same new library)."""
    for attempt in range(attempts):
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
            if code not in _BUSY_CODES or attempt == attempts - 1:
                raise
            time.sleep(0.05)


def aside_name(path: Path, tag: str = "damaged") -> Path:
    """A free ``<name>.<tag>-<time>[-n]`` next to ``path``."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{tag}-{stamp}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.{tag}-{stamp}-{n}")
        n += 1
    return target


def _move_aside(path: Path) -> Path:
    target = aside_name(path)
    os.replace(path, target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    return target


def move_back(aside: Path, path: Path) -> None:
    """Undo :func:`_move_aside` (the salvage could not finish: leave things as they were)."""
    os.replace(aside, path)
    for suffix in ("-wal", "-shm"):
        side = aside.with_name(aside.name + suffix)
        if side.exists():
            os.replace(side, path.with_name(path.name + suffix))


def _check(conn: sqlite3.Connection, path: Path) -> None:
    row = conn.execute("PRAGMA quick_check").fetchone()
    if row is None or row[0] != "ok":
        raise Damaged("the database is damaged", path=path, code=sqlite3.SQLITE_CORRUPT,
                      detail=f"integrity check: {row[0] if row else 'no answer'}")


def check_file(path: Path) -> None:
    """Refuse a directory, FIFO or device where the database file should be (SQLite would
    fail obscurely, or block for ever on a FIFO).  Nothing is moved."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise from_os_error(exc, path, "cannot open the database") from None
    if not stat.S_ISREG(mode):
        what = "a directory" if stat.S_ISDIR(mode) else "not a regular file"
        raise Unavailable("cannot open the database: something else is in its place",
                          path=path, detail=what)


def open_database(
    path: str | Path,
    migrations: Sequence[Migration],
    *,
    durable: bool = True,
    backup_before_migration: bool = True,
    label: str = "database",
    integrity_check: bool = True,
    salvage: bool = False,
    schema_check: SchemaCheck | None = None,
    accept_row: Callable[[str, dict[str, Any]], dict[str, Any] | None] | None = None,
) -> Database:
    """Open (creating if needed) and migrate a database to ``len(migrations)``.

    ``PRAGMA user_version`` counts the applied migrations.  Before migrating an existing,
    non-empty database a readable copy is taken next to it.  ``integrity_check=False``
    skips ``PRAGMA quick_check`` (it reads the whole file: ~0.4 s for a 250 MB cache that
    can detect damage later and rebuild itself); a file that is not a database at all is
    still detected.

    Damage sets the file aside (renamed, never overwritten); with ``salvage`` (user data)
    its readable rows are first copied into a fresh store.  A foreign schema
    (``user_version`` 0 with tables, or ``schema_check`` failing) raises
    :class:`WrongSchema`, or is salvaged the same way with ``salvage`` (``accept_row``
    checks the rows copied: ``(table, {column: value}) →`` the row to write, possibly
    repaired, or None to leave it out).  Every other
    failure raises its typed error and leaves the files untouched.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise from_os_error(exc, path.parent, f"cannot create {path.parent}") from None
    check_file(path)
    for side in ("-wal", "-shm"):
        check_file(path.with_name(path.name + side))
    try:
        return _open_checked(path, migrations, durable, backup_before_migration,
                             integrity_check, schema_check)
    except (Damaged, WrongSchema) as exc:
        if not path.exists():
            raise
        if isinstance(exc, WrongSchema) and not salvage:
            raise
        cause = exc
    if salvage:
        from reader.core.salvage import salvage_store

        return salvage_store(path, migrations, durable, cause, schema_check, accept_row)
    try:
        moved = _move_aside(path)
    except OSError as move_exc:
        raise from_os_error(move_exc, path, f"the {label} is damaged and could not be "
                            "moved aside; it was left untouched") from cause
    try:
        db = _open_checked(path, migrations, durable, False, False, schema_check)
    except StorageError:
        with contextlib.suppress(OSError):
            move_back(moved, path)
        raise
    db.moved_aside = moved
    db.rebuilt = cause.kind
    db.notice = (f"The {label} was damaged ({cause.detail or cause}); it was kept as "
                 f"{moved.name} and a new one was started.")
    return db


def _open_checked(path: Path, migrations: Sequence[Migration], durable: bool,
                  backup: bool, integrity_check: bool,
                  schema_check: SchemaCheck | None) -> Database:
    """Connect, check, migrate; every failure typed, the connection closed on failure."""
    conn: sqlite3.Connection | None = None
    try:
        conn = _connect(path, durable)
        if integrity_check:
            _check(conn, path)
        else:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        db = Database(conn, path)
        _migrate(db, migrations, backup)
        if schema_check is not None:
            try:
                schema_check(conn)
            except WrongSchema as exc:
                exc.path = exc.path or path
                raise
        return db
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        typed = classify(exc, path)
        if typed is None:
            raise
        raise typed from exc
    except UnicodeDecodeError as exc:  # an error message quoting garbled schema bytes
        if conn is not None:
            conn.close()
        raise Damaged("the database is damaged", path=path, code=sqlite3.SQLITE_CORRUPT,
                      detail=f"unreadable schema ({exc})") from exc
    except BaseException:
        if conn is not None:
            conn.close()
        raise


def _migrate(db: Database, migrations: Sequence[Migration], backup: bool) -> None:
    conn = db.conn
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > len(migrations):
        raise NewerSchema(
            f"{db.path.name} was written by a newer version of Reader "
            f"(schema {version}, this version knows {len(migrations)}); it was left untouched",
            path=db.path, detail=f"user_version {version}")
    if version == len(migrations):
        return
    has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    if version == 0 and has_tables:
        raise WrongSchema(f"{db.path.name} holds tables but no schema version: not written "
                          "by Reader, or its version was reset",
                          path=db.path, detail="user_version 0 with tables")
    if backup and has_tables:
        target = db.path.with_name(f"{db.path.name}.bak-v{version}")
        try:
            dest = sqlite3.connect(str(target))
            try:
                conn.backup(dest)
            finally:
                dest.close()
        except sqlite3.Error as exc:
            with contextlib.suppress(OSError):
                os.remove(target)
            raise translate_error(exc, target) from exc
        db.backups.append(target)
    for number in range(version, len(migrations)):
        step = migrations[number]
        with write_transaction(conn, path=db.path):
            # another process may have applied it since we read the version (two windows
            # opening the same new store): re-read under the write lock
            if conn.execute("PRAGMA user_version").fetchone()[0] > number:
                continue
            if callable(step):
                step(conn)
            else:
                for statement in _split_sql(step):
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version={number + 1}")


def require_columns(table: str, columns: Sequence[str]) -> SchemaCheck:
    """A :data:`SchemaCheck`: ``table`` exists with at least ``columns``."""

    def check(conn: sqlite3.Connection) -> None:
        found = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        missing = [c for c in columns if c not in found]
        if missing:
            raise WrongSchema(f"the table {table} is not the one Reader expects",
                              detail=f"missing {', '.join(missing) if found else 'the table'}")

    return check


def _split_sql(script: str) -> list[str]:
    parts, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                parts.append(current.strip())
            current = ""
    if current.strip():
        parts.append(current.strip())
    return parts
