"""Read and starred articles: user data, kept as durably as bookmarks.

SQLite in the data directory (``read_state.sqlite3``, WAL, ``synchronous=FULL``), one
committed transaction per change, opened and migrated by :mod:`reader.core.storage` like
the bookmark store.  States are kept per library (its resolved folder) and keyed by article
id; each row also holds the content hash of the file, so a file renamed or moved inside the
library (a new id, the same text) keeps its state: :meth:`ReadStateStore.states` relinks it.

A row is kept when an article is marked unread again: its ``modified`` stamp lets an import
from another machine know which side changed last.
"""

from __future__ import annotations

import functools
import json
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple, TypeVar, cast

from reader.core.storage import Database, StorageError, open_database, translate_error

DB_NAME = "read_state.sqlite3"
SECTION = "read_state"  # key of the list in a bookmarks JSON export
__all__ = ["DB_NAME", "SECTION", "ReadState", "ReadStateStore", "StorageError", "add_to_export",
           "from_section", "library_key", "states_in_export", "to_section"]

MIGRATIONS = [
    """
    CREATE TABLE read_state (
        library TEXT NOT NULL,
        article_id TEXT NOT NULL,
        content_hash TEXT NOT NULL DEFAULT '',
        read INTEGER NOT NULL DEFAULT 0,
        starred INTEGER NOT NULL DEFAULT 0,
        read_at TEXT NOT NULL DEFAULT '',
        modified TEXT NOT NULL,
        PRIMARY KEY (library, article_id)
    ) WITHOUT ROWID;
    CREATE INDEX read_state_hash ON read_state(library, content_hash);
    """,
]
_COLUMNS = ("library", "article_id", "content_hash", "read", "starred", "read_at", "modified")
_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM read_state"
_SELECT_LIB = ("SELECT article_id, content_hash, read, starred, read_at, modified FROM read_state "
               "WHERE library = ?")
BULK = 200  # above this many articles, set_flags reads the library's rows in one query
_UPSERT = (f"INSERT OR REPLACE INTO read_state({', '.join(_COLUMNS)}) "
           f"VALUES ({', '.join('?' * len(_COLUMNS))})")


def now_iso() -> str:
    """UTC with microseconds: sortable as text, so the later of two changes wins an import."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def library_key(folder: str | Path) -> str:
    """How a library is named in the store: its resolved folder (as the library index)."""
    return str(Path(folder).resolve())


class ReadState(NamedTuple):
    """One article's state; ``read_at`` is when it was last marked read ("" if unread).

    A NamedTuple, as ``ArticleRow``: immutable, and "mark all read" on 100,000 articles
    keeps one per article for undo (a frozen dataclass costs 4x more to build)."""

    library: str
    article_id: str
    content_hash: str = ""
    read: bool = False
    starred: bool = False
    read_at: str = ""
    modified: str = ""

    def to_dict(self) -> dict[str, Any]:
        return dict(self._asdict())

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ReadState:
        """From an export; raise ValueError naming what is wrong."""
        try:
            state = cls(library=str(data["library"]), article_id=str(data["article_id"]),
                        content_hash=str(data.get("content_hash", "")),
                        read=_flag(data.get("read", False)),
                        starred=_flag(data.get("starred", False)),
                        read_at=str(data.get("read_at", "")),
                        modified=str(data.get("modified", "")))
        except (KeyError, TypeError) as exc:
            raise ValueError(f"not a read state: missing {exc}") from None
        if not state.library or not state.article_id:
            raise ValueError("a read state needs a library and an article id")
        return state


def _flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if value in (0, 1):
        return bool(value)
    raise ValueError(f"expected true or false, got {value!r}")


def _from_row(row: Sequence[Any]) -> ReadState:
    return ReadState(row[0], row[1], row[2], bool(row[3]), bool(row[4]), row[5], row[6])


def _flags_of(row: Sequence[Any]) -> tuple[str, bool, bool, str, str]:
    """(content_hash, read, starred, read_at, modified) of a ``_SELECT_LIB`` row."""
    return row[1], bool(row[2]), bool(row[3]), row[4], row[5]


def _values(s: ReadState) -> tuple[Any, ...]:
    return (s.library, s.article_id, s.content_hash, int(s.read), int(s.starred), s.read_at,
            s.modified)


def to_section(states: Iterable[ReadState]) -> list[dict[str, Any]]:
    """The ``read_state`` list written beside the bookmarks in a JSON export."""
    return [s.to_dict() for s in states]


def from_section(items: object) -> list[ReadState]:
    """Parse a ``read_state`` list from an export; raise ValueError naming the bad entry."""
    if not isinstance(items, list):
        raise ValueError("the read_state section is not a list")
    states = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, Mapping):
            raise ValueError(f"read_state entry {number} is not an object")
        try:
            states.append(ReadState.from_dict(item))
        except ValueError as exc:
            raise ValueError(f"read_state entry {number}: {exc}") from None
    return states


def add_to_export(json_text: str, states: Iterable[ReadState]) -> str:
    """A bookmarks JSON export (``export(..., "json")``) with the ``read_state`` section
    added: read states travel with the bookmarks, and older Readers ignore the key."""
    doc = json.loads(json_text)
    doc[SECTION] = to_section(states)
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def states_in_export(json_text: str) -> list[ReadState]:
    """The read states of a bookmarks JSON export; [] when it has none (a W3C export, an
    export by an older Reader).  Raise ValueError on a damaged section."""
    try:
        doc = json.loads(json_text)
    except json.JSONDecodeError:
        return []
    if not isinstance(doc, dict) or SECTION not in doc:
        return []
    return from_section(doc[SECTION])


log = logging.getLogger("reader.read_state")
_M = TypeVar("_M", bound=Callable[..., Any])


def _locked(method: _M) -> _M:
    """Run the store's method under its lock (see ``ReadStateStore.__init__``)."""
    @functools.wraps(method)
    def run(self: ReadStateStore, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            return method(self, *args, **kwargs)

    return cast(_M, run)


class ReadStateStore:
    """Read/starred states in ``<data_dir>/read_state.sqlite3``.

    Every mutating method is one committed transaction (durable when it returns) and raises
    :class:`StorageError` on a known failure (read-only directory, full disk) with nothing lost.
    """

    def __init__(self, data_dir: str | Path) -> None:
        self.path = Path(data_dir) / DB_NAME
        # one connection, used by the GUI thread and by the service's writer thread: one
        # caller at a time, so a transaction is never entered from two threads
        self._lock = threading.RLock()
        self.db: Database = open_database(self.path, MIGRATIONS, durable=True,
                                          label="read-state database")
        self.notice: str = self.db.notice

    # -- reading -----------------------------------------------------------------------------
    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[ReadState]:
        try:
            cursor = self.db.conn.cursor()
            cursor.row_factory = None
            return [_from_row(r) for r in cursor.execute(sql, params).fetchall()]
        except sqlite3.Error as exc:
            raise translate_error(exc) from exc

    @_locked
    def all(self, library: str | None = None) -> list[ReadState]:
        if library is None:
            return self._query(_SELECT + " ORDER BY library, article_id")
        return self._query(_SELECT + " WHERE library = ? ORDER BY article_id", (library,))

    @_locked
    def get(self, library: str, article_id: str) -> ReadState | None:
        found = self._query(_SELECT + " WHERE library = ? AND article_id = ?",
                            (library, article_id))
        return found[0] if found else None

    @_locked
    def states(self, library: str, articles: Iterable[tuple[str, str]]) -> dict[str, ReadState]:
        """The states of a library's articles, given as ``(article id, content hash)``:
        article id → state, for the articles that have one.

        A stored state whose article id is gone from the library but whose content hash is
        that of an article without a state (the file was renamed or moved) is moved to the
        new id, in one transaction.  A known id whose file changed gets the new hash, so a
        later rename of the edited file is still recognised.
        """
        return {i: ReadState(library, i, *_flags_of(row))
                for i, row in self._rows(library, articles).items()}

    @_locked
    def flags(self, library: str, articles: Iterable[tuple[str, str]] | Mapping[str, str],
              ) -> tuple[set[str], set[str]]:
        """(read ids, starred ids) among ``articles``: what the list needs, without making
        one object per article (relinks like :meth:`states`)."""
        rows = self._rows(library, articles)
        return ({i for i, r in rows.items() if r[2]}, {i for i, r in rows.items() if r[3]})

    def _rows(self, library: str, articles: Iterable[tuple[str, str]] | Mapping[str, str],
              ) -> dict[str, tuple]:  # type: ignore[type-arg]
        """article id → (article_id, content_hash, read, starred, read_at, modified);
        ``articles``: (id, hash) pairs or an id → hash mapping."""
        current = articles if isinstance(articles, Mapping) else dict(articles)
        try:
            cursor = self.db.conn.cursor()
            cursor.row_factory = None
            stored = cursor.execute(_SELECT_LIB, (library,)).fetchall()
            if not stored:  # a library never opened here, or a library folder moved
                stored = self._adopt_moved(library, current)
        except sqlite3.Error as exc:
            raise translate_error(exc) from exc
        result: dict[str, tuple] = {}  # type: ignore[type-arg]
        orphans_by_hash: dict[str, tuple] = {}  # type: ignore[type-arg]
        for row in stored:
            if row[0] in current:
                result[row[0]] = row
            elif row[1]:
                orphans_by_hash.setdefault(row[1], row)
        relinked: list[tuple[str, str, str]] = []  # (old id, new id, new hash)
        for article_id, row in result.items():
            digest = current[article_id]
            if digest and row[1] != digest:  # edited in place: remember the new text
                result[article_id] = (article_id, digest, *row[2:])
                relinked.append((article_id, article_id, digest))
        if orphans_by_hash:  # states whose file is gone: renamed or moved?
            for article_id, digest in current.items():
                if article_id in result or not digest:
                    continue
                old = orphans_by_hash.pop(digest, None)
                if old is not None:
                    result[article_id] = (article_id, digest, *old[2:])
                    relinked.append((old[0], article_id, digest))
        if relinked:
            with self.db.transaction() as conn:
                conn.executemany("UPDATE read_state SET article_id = ?, content_hash = ? "
                                 "WHERE library = ? AND article_id = ?",
                                 [(new, digest, library, old) for old, new, digest in relinked])
        return result

    def _adopt_moved(self, library: str, current: Mapping[str, str]) -> list[tuple]:  # type: ignore[type-arg]
        """The states of libraries whose folder is gone from this machine (moved, renamed,
        or on a drive not mounted) whose articles are here by content hash: copied to
        ``library`` in one transaction (the old rows stay, for that drive's return) and
        returned as its rows.  Without this, renaming a library's folder lost every read
        and star.  Libraries still present keep theirs to themselves (a copy is another
        library)."""
        by_hash = {digest: article_id for article_id, digest in current.items() if digest}
        if not by_hash:
            return []
        gone = [key for (key,) in self.db.conn.execute(
            "SELECT DISTINCT library FROM read_state WHERE library != ?", (library,))
            if not Path(key).is_dir()]
        copies: dict[str, tuple] = {}  # type: ignore[type-arg]  # new article id -> row
        for key in gone:
            for row in self.db.conn.execute(_SELECT + " WHERE library = ?", (key,)):
                state = _from_row(row)
                new_id = by_hash.get(state.content_hash)
                if new_id is not None and new_id not in copies:
                    copies[new_id] = _values(state._replace(library=library,
                                                            article_id=new_id))
        if not copies:
            return []
        with self.db.transaction() as conn:
            conn.executemany(_UPSERT, list(copies.values()))
        log.info("read states of %d article(s) taken over by %s", len(copies), library)
        return self.db.conn.execute(_SELECT_LIB, (library,)).fetchall()

    # -- writing -----------------------------------------------------------------------------
    @_locked
    def set_flags(self, library: str, articles: Sequence[tuple[str, str]], *,
                  read: bool | None = None, starred: bool | None = None) -> list[ReadState]:
        """Set read and/or starred on ``(article id, content hash)`` pairs, in one
        transaction; returns the previous states (unread, unstarred when there was none),
        which :meth:`restore` writes back to undo."""
        stamp = now_iso()
        previous: list[ReadState] = []
        values = []
        with self.db.transaction() as conn:
            if len(articles) > BULK:  # "mark all read": one read of the library's rows
                known = {r[0]: r for r in conn.execute(_SELECT_LIB, (library,)).fetchall()}
            else:
                known = {}
                for article_id, _digest in articles:
                    row = conn.execute(_SELECT_LIB + " AND article_id = ?",
                                       (library, article_id)).fetchone()
                    if row is not None:
                        known[article_id] = tuple(row)
            for article_id, digest in articles:
                row = known.get(article_id)
                if row is None:
                    old = ReadState(library, article_id, digest)
                else:
                    old = ReadState(library, article_id, *_flags_of(row))
                previous.append(old)
                new_read = old.read if read is None else read
                read_at = (old.read_at if old.read else stamp) if new_read else ""
                values.append((library, article_id, digest or old.content_hash, int(new_read),
                               int(old.starred if starred is None else starred), read_at,
                               stamp))
            conn.executemany(_UPSERT, values)
        return previous

    @_locked
    def restore(self, states: Iterable[ReadState]) -> None:
        """Write states back as they were (undo), stamped now so an import sees the undo."""
        stamp = now_iso()
        with self.db.transaction() as conn:
            for s in states:
                conn.execute(_UPSERT, _values(s._replace(modified=stamp)))

    @_locked
    def merge(self, states: Iterable[ReadState]) -> tuple[int, int, int]:
        """Import: unknown articles are added, known ones replaced only when the imported
        state is newer (``modified``).  One transaction.  Returns (added, updated, unchanged)."""
        added = updated = unchanged = 0
        with self.db.transaction() as conn:
            for s in states:
                row = conn.execute("SELECT modified FROM read_state WHERE library = ? AND "
                                   "article_id = ?", (s.library, s.article_id)).fetchone()
                if row is None:
                    added += 1
                elif s.modified > row[0]:
                    updated += 1
                else:
                    unchanged += 1
                    continue
                conn.execute(_UPSERT, _values(s))
        return added, updated, unchanged

    @_locked
    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> ReadStateStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
