"""SQLite cache of extracted entities, keyed by (content hash, extractor version).

Extraction costs tens of milliseconds per article; a library of 100,000 articles is opened
again and again, so results are kept in the cache directory.  The extractor version (model
name, model version, rules version) is part of the key: a new model or new rules never serve
stale entities.  The cache is regenerable, so it is written with ``durable=False``.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

from reader.core.entities import CACHE_FILE
from reader.core.entities.spans import ArticleEntities, Entity
from reader.core.storage import Database, NewerSchema, WrongSchema, open_database

_MIGRATIONS = [
    """
    CREATE TABLE entities (
        content_hash TEXT NOT NULL,
        version TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (content_hash, version)
    ) WITHOUT ROWID;
    """,
]


def _encode(ents: ArticleEntities) -> str:
    def rows(items: tuple[Entity, ...]) -> list[list[object]]:
        return [[e.start, e.end, e.label, e.text, e.key] for e in items]

    return json.dumps({"body": rows(ents.body), "caption": rows(ents.caption),
                       "source": rows(ents.source)}, ensure_ascii=False, separators=(",", ":"))


def _decode(data: str) -> ArticleEntities:
    raw = json.loads(data)

    def items(rows: list[list[object]]) -> tuple[Entity, ...]:
        return tuple(Entity(int(s), int(e), str(lab), str(t), str(k))  # type: ignore[call-overload]
                     for s, e, lab, t, k in rows)

    return ArticleEntities(items(raw["body"]), items(raw["caption"]), items(raw.get("source", [])))


class EntityCache:
    """Thread-safe: one connection per thread, all opened on the same file."""

    def __init__(self, path: Path) -> None:
        path = Path(path)
        self.path = path / CACHE_FILE if path.suffix == "" or path.is_dir() else path
        self._local = threading.local()
        self._all: list[Database] = []
        self._lock = threading.Lock()
        self.notice = self._db().notice  # open (and migrate) now, so errors show early

    def _db(self) -> Database:
        db = getattr(self._local, "db", None)
        if db is None:
            try:
                db = open_database(self.path, _MIGRATIONS, durable=False,
                                   backup_before_migration=False, label="entity cache",
                                   integrity_check=False)
            except (NewerSchema, WrongSchema):  # regenerable: rebuild rather than refuse
                for suffix in ("", "-wal", "-shm"):
                    Path(str(self.path) + suffix).unlink(missing_ok=True)
                db = open_database(self.path, _MIGRATIONS, durable=False,
                                   backup_before_migration=False, label="entity cache",
                                   integrity_check=False)
            self._local.db = db
            with self._lock:
                self._all.append(db)
        return db

    def get(self, content_hash: str, version: str) -> ArticleEntities | None:
        row = self._db().conn.execute(
            "SELECT data FROM entities WHERE content_hash = ? AND version = ?",
            (content_hash, version),
        ).fetchone()
        if row is None:
            return None
        try:
            return _decode(row[0])
        except (ValueError, KeyError, TypeError):
            return None  # an unreadable row is a cache miss; it will be rewritten

    def has_version(self, version: str) -> bool:
        """Whether anything was cached by this extractor version: when not (a fresh machine,
        a new model), the first articles will need the model."""
        row = self._db().conn.execute(
            "SELECT 1 FROM entities WHERE version = ? LIMIT 1", (version,)).fetchone()
        return row is not None

    def put(self, content_hash: str, version: str, ents: ArticleEntities) -> None:
        with self._db().transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO entities (content_hash, version, data) VALUES (?, ?, ?)",
                (content_hash, version, _encode(ents)),
            )

    def close(self) -> None:
        with self._lock:
            for db in self._all:
                db.close()
            self._all.clear()
        self._local = threading.local()
