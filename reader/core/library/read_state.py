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

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

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
_UPSERT = (f"INSERT OR REPLACE INTO read_state({', '.join(_COLUMNS)}) "
           f"VALUES ({', '.join('?' * len(_COLUMNS))})")


def now_iso() -> str:
    """UTC with microseconds: sortable as text, so the later of two changes wins an import."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def library_key(folder: str | Path) -> str:
    """How a library is named in the store: its resolved folder (as the library index)."""
    return str(Path(folder).resolve())


@dataclass(frozen=True, slots=True)
class ReadState:
    """One article's state; ``read_at`` is when it was last marked read ("" if unread)."""

    library: str
    article_id: str
    content_hash: str = ""
    read: bool = False
    starred: bool = False
    read_at: str = ""
    modified: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _COLUMNS}

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


class ReadStateStore:
    """Read/starred states in ``<data_dir>/read_state.sqlite3``.

    Every mutating method is one committed transaction (durable when it returns) and raises
    :class:`StorageError` on a known failure (read-only directory, full disk) with nothing lost.
    """

    def __init__(self, data_dir: str | Path) -> None:
        self.path = Path(data_dir) / DB_NAME
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

    def all(self, library: str | None = None) -> list[ReadState]:
        if library is None:
            return self._query(_SELECT + " ORDER BY library, article_id")
        return self._query(_SELECT + " WHERE library = ? ORDER BY article_id", (library,))

    def get(self, library: str, article_id: str) -> ReadState | None:
        found = self._query(_SELECT + " WHERE library = ? AND article_id = ?",
                            (library, article_id))
        return found[0] if found else None

    def states(self, library: str, articles: Iterable[tuple[str, str]]) -> dict[str, ReadState]:
        """The states of a library's articles, given as ``(article id, content hash)``:
        article id → state, for the articles that have one.

        A stored state whose article id is gone from the library but whose content hash is
        that of an article without a state (the file was renamed or moved) is moved to the
        new id, in one transaction.  A known id whose file changed gets the new hash, so a
        later rename of the edited file is still recognised.
        """
        current = dict(articles)
        stored = self.all(library)
        by_id = {s.article_id: s for s in stored}
        orphans_by_hash: dict[str, ReadState] = {}
        for s in stored:
            if s.article_id not in current and s.content_hash:
                orphans_by_hash.setdefault(s.content_hash, s)
        result: dict[str, ReadState] = {}
        relinked: list[tuple[ReadState, ReadState]] = []  # (old, new)
        for article_id, digest in current.items():
            state = by_id.get(article_id)
            if state is None:
                old = orphans_by_hash.pop(digest, None) if digest else None
                if old is None:
                    continue
                state = replace(old, article_id=article_id)
                relinked.append((old, state))
            elif digest and state.content_hash != digest:
                updated = replace(state, content_hash=digest)
                relinked.append((state, updated))
                state = updated
            result[article_id] = state
        if relinked:
            with self.db.transaction() as conn:
                for old, new in relinked:
                    conn.execute("UPDATE read_state SET article_id = ?, content_hash = ? "
                                 "WHERE library = ? AND article_id = ?",
                                 (new.article_id, new.content_hash, old.library, old.article_id))
        return result

    # -- writing -----------------------------------------------------------------------------
    def set_flags(self, library: str, articles: Sequence[tuple[str, str]], *,
                  read: bool | None = None, starred: bool | None = None) -> list[ReadState]:
        """Set read and/or starred on ``(article id, content hash)`` pairs, in one
        transaction; returns the previous states (unread, unstarred when there was none),
        which :meth:`restore` writes back to undo."""
        stamp = now_iso()
        previous: list[ReadState] = []
        with self.db.transaction() as conn:
            for article_id, digest in articles:
                row = conn.execute(_SELECT + " WHERE library = ? AND article_id = ?",
                                   (library, article_id)).fetchone()
                old = (_from_row(tuple(row)) if row is not None
                       else ReadState(library, article_id, digest))
                previous.append(old)
                new = replace(old, content_hash=digest or old.content_hash, modified=stamp)
                if read is not None:
                    new = replace(new, read=read,
                                  read_at=(old.read_at if old.read else stamp) if read else "")
                if starred is not None:
                    new = replace(new, starred=starred)
                conn.execute(_UPSERT, _values(new))
        return previous

    def restore(self, states: Iterable[ReadState]) -> None:
        """Write states back as they were (undo), stamped now so an import sees the undo."""
        stamp = now_iso()
        with self.db.transaction() as conn:
            for s in states:
                conn.execute(_UPSERT, _values(replace(s, modified=stamp)))

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

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> ReadStateStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
