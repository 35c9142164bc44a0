"""SQLite helpers shared by every store: WAL, transactions, versioned migrations.

Known failures (damaged file, read-only directory, full disk) become :class:`StorageError`
with a message meant for the user; anything else is a bug and propagates.  A damaged
database is never overwritten: it is renamed aside and a fresh one is created, and the
caller is told through ``Database.notice``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

Migration = str | Callable[[sqlite3.Connection], None]
BUSY_TIMEOUT_MS = 10_000


class StorageError(Exception):
    """A known storage failure, with a message that can be shown to the user."""


@dataclass
class Database:
    conn: sqlite3.Connection
    path: Path
    notice: str = ""  # set when something had to be done the user should know about
    moved_aside: Path | None = None
    backups: list[Path] = field(default_factory=list)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One committed transaction (BEGIN IMMEDIATE so writers queue, never deadlock)."""
        with write_transaction(self.conn) as conn:
            yield conn

    def close(self) -> None:
        self.conn.close()


@contextlib.contextmanager
def write_transaction(conn: sqlite3.Connection, retries: int = 5) -> Iterator[sqlite3.Connection]:
    for attempt in range(retries):
        try:
            conn.execute("BEGIN IMMEDIATE")
            break
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc) or attempt == retries - 1:
                raise translate_error(exc) from exc
            time.sleep(0.05 * (attempt + 1))
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as exc:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            raise translate_error(exc) from exc
        raise


def translate_error(exc: sqlite3.Error) -> Exception:
    msg = str(exc).lower()
    if "readonly" in msg or "read-only" in msg:
        return StorageError("the data directory is read-only: changes cannot be saved")
    if "disk is full" in msg or "database or disk is full" in msg:
        return StorageError("the disk is full: the change was not saved (nothing was lost)")
    if "not a database" in msg or "malformed" in msg or "corrupt" in msg:
        return StorageError(f"the database is damaged ({exc})")
    if "locked" in msg or "busy" in msg:
        return StorageError("the database is busy in another window; try again")
    if "unable to open" in msg:
        return StorageError(f"cannot open the database ({exc})")
    return exc


def _connect(path: Path, durable: bool) -> sqlite3.Connection:
    conn = sqlite3.connect(
        str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(f"PRAGMA synchronous={'FULL' if durable else 'NORMAL'}")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


def _move_aside(path: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
        n += 1
    os.replace(path, target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    return target


def _check(conn: sqlite3.Connection) -> None:
    row = conn.execute("PRAGMA quick_check").fetchone()
    if row is None or row[0] != "ok":
        raise sqlite3.DatabaseError(f"integrity check failed: {row[0] if row else 'no answer'}")


def open_database(
    path: str | Path,
    migrations: Sequence[Migration],
    *,
    durable: bool = True,
    backup_before_migration: bool = True,
    label: str = "database",
    integrity_check: bool = True,
) -> Database:
    """Open (creating if needed) and migrate a database to ``len(migrations)``.

    ``PRAGMA user_version`` counts the applied migrations.  Before migrating an existing,
    non-empty database a readable copy is taken next to it.  ``integrity_check=False``
    skips ``PRAGMA quick_check`` (it reads the whole file: ~0.4 s for a 250 MB cache that
    can detect damage later and rebuild itself); a file that is not a database at all is
    still detected.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"cannot create {path.parent}: {exc.strerror or exc}") from None
    notice = ""
    moved: Path | None = None
    conn: sqlite3.Connection | None = None
    try:
        conn = _connect(path, durable)
        if integrity_check:
            _check(conn)
        else:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        if conn is not None:
            conn.close()
        msg = str(exc).lower()
        if "readonly" in msg or "unable to open" in msg:
            raise translate_error(exc) from exc
        if not path.exists():
            raise StorageError(f"cannot open the {label} at {path}: {exc}") from exc
        try:
            moved = _move_aside(path)
        except OSError as move_exc:
            raise StorageError(
                f"the {label} at {path} is damaged and could not be moved aside "
                f"({move_exc}); it was left untouched"
            ) from exc
        notice = (f"The {label} was damaged ({exc}); it was kept as {moved.name} "
                  f"and a new one was started.")
        conn = _connect(path, durable)
    db = Database(conn, path, notice=notice, moved_aside=moved)
    try:
        _migrate(db, migrations, backup_before_migration)
    except sqlite3.Error as exc:
        conn.close()
        raise translate_error(exc) from exc
    return db


def _migrate(db: Database, migrations: Sequence[Migration], backup: bool) -> None:
    conn = db.conn
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > len(migrations):
        raise StorageError(
            f"{db.path.name} was written by a newer version of Reader "
            f"(schema {version}, this version knows {len(migrations)}); it was left untouched"
        )
    if version == len(migrations):
        return
    has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    if backup and has_tables:
        target = db.path.with_name(f"{db.path.name}.bak-v{version}")
        dest = sqlite3.connect(str(target))
        try:
            conn.backup(dest)
        finally:
            dest.close()
        db.backups.append(target)
    for number in range(version, len(migrations)):
        step = migrations[number]
        with write_transaction(conn):
            if callable(step):
                step(conn)
            else:
                for statement in _split_sql(step):
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version={number + 1}")


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


def copy_if_exists(src: Path, dst: Path) -> None:
    if src.exists():
        shutil.copy2(src, dst)
