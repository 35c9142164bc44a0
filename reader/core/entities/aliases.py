"""The user's own decisions about which entity keys are one entity (merge) or not (split).

Why a separate store: the mention index is a regenerable cache, but a hand-made merge is
user work that must survive a cache wipe or a new model, so it lives in the *data*
directory (``entity_aliases.sqlite3``, durable writes).  Decisions are stored as
``(key, label)`` pairs, never as cache row ids, and applied at query time by
:class:`reader.core.entities.index.EntityIndex`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path

from reader.core.storage import Database, open_database

ALIASES_FILE = "entity_aliases.sqlite3"
Ref = tuple[str, str]  # (key, label)

_MIGRATIONS = [
    """
    CREATE TABLE merges(
        key TEXT NOT NULL, label TEXT NOT NULL,
        target_key TEXT NOT NULL, target_label TEXT NOT NULL,
        PRIMARY KEY (key, label)
    ) WITHOUT ROWID;
    CREATE TABLE no_auto(
        key TEXT NOT NULL, label TEXT NOT NULL,
        PRIMARY KEY (key, label)
    ) WITHOUT ROWID;
    """,
]


class EntityAliases:
    """Manual merges (``member → target``) and keys kept out of automatic grouping."""

    def __init__(self, path: Path) -> None:
        path = Path(path)
        self.path = path / ALIASES_FILE if path.suffix == "" or path.is_dir() else path
        self._lock = threading.RLock()
        # user data: a damaged file is salvaged (readable merges kept), never dropped
        self._db: Database = open_database(self.path, _MIGRATIONS, durable=True,
                                           label="entity merges", salvage=True)
        self.notice = self._db.notice
        self.generation = 0  # bumped at every change, so readers know to re-apply

    def merged(self) -> dict[Ref, Ref]:
        with self._lock:
            rows = self._db.conn.execute(
                "SELECT key, label, target_key, target_label FROM merges").fetchall()
        return {(r[0], r[1]): (r[2], r[3]) for r in rows}

    def no_auto(self) -> set[Ref]:
        with self._lock:
            rows = self._db.conn.execute("SELECT key, label FROM no_auto").fetchall()
        return {(r[0], r[1]) for r in rows}

    def merge(self, target: Ref, members: Iterable[Ref]) -> None:
        """Group ``members`` under ``target`` from now on (``target`` itself is never merged
        away, so choosing a member of an existing group as target breaks no cycle)."""
        with self._lock, self._db.transaction() as conn:
            conn.execute("DELETE FROM merges WHERE key=? AND label=?", target)
            for ref in members:
                if ref == target:
                    continue
                conn.execute("INSERT OR REPLACE INTO merges VALUES (?,?,?,?)", (*ref, *target))
                conn.execute("DELETE FROM no_auto WHERE key=? AND label=?", ref)
            self.generation += 1

    def split(self, members: Iterable[Ref]) -> None:
        """Make each of ``members`` stand alone: drop its manual merge and keep it out of
        automatic grouping (``Blinken`` no longer joins ``Antony Blinken``)."""
        with self._lock, self._db.transaction() as conn:
            for ref in members:
                conn.execute("DELETE FROM merges WHERE key=? AND label=?", ref)
                conn.execute("INSERT OR IGNORE INTO no_auto VALUES (?,?)", ref)
            self.generation += 1

    def forget(self) -> None:
        """Drop every decision (a "reset" command)."""
        with self._lock, self._db.transaction() as conn:
            conn.execute("DELETE FROM merges")
            conn.execute("DELETE FROM no_auto")
            self.generation += 1

    def close(self) -> None:
        with self._lock:
            self._db.close()


def resolve(ref: Ref, edges: dict[Ref, Ref]) -> Ref:
    """Follow ``edges`` from ``ref`` to its final target (stops on a cycle)."""
    seen = {ref}
    while ref in edges:
        nxt = edges[ref]
        if nxt in seen:
            break
        seen.add(nxt)
        ref = nxt
    return ref
