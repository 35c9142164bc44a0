"""The bookmark store: user data that must never be lost.

SQLite in the data directory (WAL, ``synchronous=FULL``), one committed transaction per
change, so a bookmark acknowledged by :meth:`BookmarkStore.add` survives a crash or a power
cut.  Several app instances may write the same store: writers queue on ``BEGIN IMMEDIATE``
with a busy timeout and retries, and every read-modify-write happens inside its transaction.
A damaged file is set aside (never overwritten) after its readable bookmarks were copied
into a fresh store; ``store.salvage_report`` says how many and where the original is.

Bookmarks are immutable values; the store hands out fresh copies, and undo works by
writing an old copy back with :meth:`BookmarkStore.restore`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.bookmarks.anchoring import (
    ANCHORED,
    MOVED,
    ORPHANED,
    STATUSES,
    Anchorer,
    Selector,
    selector_for,
)
from reader.core.bookmarks.palette import COLOURS, DEFAULT_COLOUR
from reader.core.salvage import tolerant_text
from reader.core.storage import (
    Damaged,
    Database,
    DiskFull,
    ReadOnly,
    SalvageReport,
    StorageError,
    StorageIOError,
    Unavailable,
    open_database,
    require_columns,
    translate_error,
)

if TYPE_CHECKING:  # the CLI lists and exports without loading the parser
    from reader.core.bookmarks.recovery import Recovery
    from reader.core.library.parser import Article

DB_NAME = "bookmarks.sqlite3"
__all__ = ["ANCHORED", "MOVED", "ORPHANED", "COLOURS", "DEFAULT_COLOUR", "Bookmark",
           "BookmarkStore", "StorageError", "now_iso"]

MIGRATIONS = [
    """
    CREATE TABLE bookmarks (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL,
        content_hash TEXT NOT NULL DEFAULT '',
        start_offset INTEGER NOT NULL,
        end_offset INTEGER NOT NULL,
        quote TEXT NOT NULL,
        prefix TEXT NOT NULL DEFAULT '',
        suffix TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        colour TEXT NOT NULL DEFAULT 'yellow',
        tags TEXT NOT NULL DEFAULT '[]',
        created TEXT NOT NULL,
        modified TEXT NOT NULL,
        article_title TEXT NOT NULL DEFAULT '',
        article_date TEXT NOT NULL DEFAULT '',
        article_source TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'anchored'
    );
    CREATE INDEX bookmarks_article ON bookmarks(article_id);
    CREATE INDEX bookmarks_hash ON bookmarks(content_hash);
    """,
    # 2: the quote a bookmark was made on, kept when re-anchoring replaces it (``moved``)
    "ALTER TABLE bookmarks ADD COLUMN original_quote TEXT NOT NULL DEFAULT ''",
]

# a read-only store of schema 1 cannot be migrated: this TEMP view (temp objects shadow
# main ones) shows it with the columns added since, so it is listed like a current one
_V1_READ_ONLY_VIEW = ("CREATE TEMP VIEW bookmarks AS "
                      "SELECT *, '' AS original_quote FROM main.bookmarks")

_COLUMNS = ("id", "article_id", "content_hash", "start_offset", "end_offset", "quote", "prefix",
            "suffix", "note", "colour", "tags", "created", "modified", "article_title",
            "article_date", "article_source", "status", "original_quote")


def now_iso() -> str:
    """UTC timestamp with microseconds: sortable as text, unambiguous in exports."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def new_id() -> str:
    import uuid  # here: importing it costs ~3 ms of the application's start

    return uuid.uuid4().hex


@dataclass(frozen=True, slots=True)
class Bookmark:
    id: str
    article_id: str
    content_hash: str  # of the article version the offsets refer to
    start: int  # offsets into Article.text
    end: int
    quote: str
    prefix: str = ""
    suffix: str = ""
    note: str = ""
    colour: str = DEFAULT_COLOUR
    tags: tuple[str, ...] = field(default_factory=tuple)
    created: str = ""
    modified: str = ""
    article_title: str = ""
    article_date: str = ""  # ISO, possibly partial ("2024-05")
    article_source: str = ""
    status: str = ANCHORED
    # the quote as the user made it, when re-anchoring (or re-attaching) replaced ``quote``
    # with other text; "" while ``quote`` is still the original
    original_quote: str = ""

    @property
    def orphaned(self) -> bool:
        return self.status == ORPHANED

    def selector(self) -> Selector:
        return Selector(self.quote, self.prefix, self.suffix, self.start)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["tags"] = list(self.tags)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Bookmark:
        """Build from exported JSON; raise ValueError naming what is wrong."""
        try:
            values = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
            values["tags"] = normalise_tags(data.get("tags", ()))
            values["start"], values["end"] = int(data["start"]), int(data["end"])
            bookmark = cls(**values)
        except (KeyError, TypeError) as exc:
            raise ValueError(f"not a bookmark: {exc}") from None
        return validate(bookmark)


def normalise_tags(tags: Iterable[str] | str) -> tuple[str, ...]:
    """Tags trimmed, without '#', empty and duplicate ones dropped, order kept."""
    if isinstance(tags, str):
        tags = tags.replace(",", " ").split()
    seen: dict[str, None] = {}
    for tag in tags:
        clean = str(tag).strip().lstrip("#").strip()
        if clean and clean.casefold() not in {t.casefold() for t in seen}:
            seen[clean] = None
    return tuple(seen)


def validate(b: Bookmark) -> Bookmark:
    if not b.id or not b.article_id:
        raise ValueError("a bookmark needs an id and an article id")
    if b.colour not in COLOURS:
        raise ValueError(f"unknown colour {b.colour!r} (expected one of {', '.join(COLOURS)})")
    if b.status not in STATUSES:
        raise ValueError(f"unknown status {b.status!r}")
    if not 0 <= b.start <= b.end:
        raise ValueError(f"bad offsets {b.start}..{b.end}")
    return b


def kept_original(b: Bookmark, new_quote: str) -> str:
    """The quote the user first made ``b`` on, once ``new_quote`` replaces its quote: the
    first original is kept through several re-anchorings, and never lost."""
    if b.original_quote or new_quote == b.quote:
        return b.original_quote
    return b.quote


def _row_values(b: Bookmark) -> tuple[Any, ...]:
    return (b.id, b.article_id, b.content_hash, b.start, b.end, b.quote, b.prefix, b.suffix,
            b.note, b.colour, json.dumps(list(b.tags), ensure_ascii=False), b.created,
            b.modified, b.article_title, b.article_date, b.article_source, b.status,
            b.original_quote)


def _from_row(row: Sequence[Any]) -> Bookmark:
    """A row of ``_SELECT`` (columns in dataclass order) → Bookmark; built positionally
    because listing 20,000 bookmarks is otherwise dominated by name lookups."""
    tags = row[10]
    values = list(row)
    values[10] = () if tags == "[]" or not tags else tuple(json.loads(tags))
    return Bookmark(*values)


_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM bookmarks"
_UPSERT = (f"INSERT OR REPLACE INTO bookmarks({', '.join(_COLUMNS)}) "
           f"VALUES ({', '.join('?' * len(_COLUMNS))})")
_ORDER = " ORDER BY article_date, article_id, start_offset, created"


def article_metadata(article: Article) -> dict[str, Any]:
    return {"article_title": article.title, "article_date": article.date.iso(),
            "article_source": article.source}


_READ_ANYWAY = (ReadOnly, DiskFull, StorageIOError, Unavailable)


def _open_read_only(path: Path, cause: StorageError) -> Database:
    """Open without writing anything (not even the WAL index); raise ``cause`` if even
    that fails.  ``immutable`` is the last resort: it may miss changes still in the WAL."""
    if not path.is_file():
        raise cause
    for query in ("mode=ro", "immutable=1"):
        conn: sqlite3.Connection | None = None
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True,
                                   isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            conn.execute("SELECT count(*) FROM bookmarks").fetchone()
            if version == 1:
                conn.execute(_V1_READ_ONLY_VIEW)
            if 1 <= version <= len(MIGRATIONS):
                return Database(conn, path)
        except (sqlite3.Error, UnicodeDecodeError):
            pass
        if conn is not None:
            conn.close()
    raise cause


def accept_row(table: str, row: dict[str, Any]) -> dict[str, Any] | None:
    """A salvaged row, repaired, or None (see :mod:`reader.core.bookmarks.recovery`)."""
    from reader.core.bookmarks.recovery import accept_row as accept

    return accept(table, row)


def damaged_copies(data_dir: str | Path) -> list[Path]:
    """The damaged stores kept aside in ``data_dir`` (newest first): what "Récupérer
    depuis…" offers."""
    found = [p for p in Path(data_dir).glob(f"{DB_NAME}.damaged-*")
             if not p.name.endswith(("-wal", "-shm"))]
    return sorted(found, key=lambda p: p.name, reverse=True)


class BookmarkStore:
    """Bookmarks in ``<data_dir>/bookmarks.sqlite3``.

    Every mutating method is one committed transaction and raises :class:`StorageError`
    (read-only directory, full disk, busy for too long) with nothing existing lost.
    """

    def __init__(self, data_dir: str | Path) -> None:
        self.path = Path(data_dir) / DB_NAME
        self.read_only = False
        # why the store is read-only (ReadOnly, DiskFull…: its ``kind`` is for the UI)
        self.read_only_reason: StorageError | None = None
        try:
            self.db: Database = open_database(
                self.path, MIGRATIONS, durable=True, label="bookmarks database",
                salvage=True, schema_check=require_columns("bookmarks", _COLUMNS),
                accept_row=accept_row)
        except StorageError as exc:
            # a read-only data directory or medium, a full disk: still show the bookmarks
            if not isinstance(exc, _READ_ANYWAY):
                raise
            self.db = _open_read_only(self.path, exc)
            self.read_only = True
            self.read_only_reason = exc
            self.db.notice = (f"Les marque-pages sont en lecture seule ({exc}) : ils sont "
                              "affichés mais aucune modification ne sera enregistrée.")
        self.notice: str = self.db.notice
        # set when the store was damaged at opening: how many bookmarks were recovered
        # and where the original is (``.original``)
        self.salvage_report: SalvageReport | None = self.db.salvage

    # -- reading -----------------------------------------------------------------------------
    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[Bookmark]:
        try:
            cursor = self.db.conn.cursor()
            cursor.row_factory = None  # plain tuples: see _from_row
            rows = cursor.execute(sql, params).fetchall()
        except UnicodeDecodeError as exc:  # SQLite's message quotes garbled bytes
            raise Damaged("the database is damaged", path=self.path, detail=str(exc)) from exc
        except sqlite3.Error as exc:
            if getattr(exc, "sqlite_errorcode", None) is not None:
                raise translate_error(exc, self.path) from exc
            rows = self._query_tolerant(sql, params, exc)
        try:
            return [_from_row(r) for r in rows]
        except (ValueError, TypeError):  # a row garbled on disk: repair it, keep the rest
            from reader.core.bookmarks.recovery import repaired_bookmarks

            return repaired_bookmarks(rows)

    def _query_tolerant(self, sql: str, params: Sequence[Any],
                        cause: sqlite3.Error) -> list[Any]:
        """Text that is not UTF-8 (bytes garbled on disk, not caught by the integrity
        check) must not hide every bookmark: read again, bad bytes as U+FFFD."""
        conn = self.db.conn
        previous = conn.text_factory
        conn.text_factory = tolerant_text
        try:
            cursor = conn.cursor()
            cursor.row_factory = None
            return cursor.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise translate_error(exc, self.path) from cause
        finally:
            conn.text_factory = previous

    def get(self, bookmark_id: str) -> Bookmark | None:
        found = self._query(_SELECT + " WHERE id = ?", (bookmark_id,))
        return found[0] if found else None

    def all(self) -> list[Bookmark]:
        return self._query(_SELECT + _ORDER)

    def for_article(self, article_id: str) -> list[Bookmark]:
        return self._query(_SELECT + " WHERE article_id = ?" + _ORDER,
                           (article_id,))

    def count(self) -> int:
        try:
            return int(self.db.conn.execute("SELECT count(*) FROM bookmarks").fetchone()[0])
        except UnicodeDecodeError as exc:
            raise Damaged("the database is damaged", path=self.path, detail=str(exc)) from exc
        except sqlite3.Error as exc:
            raise translate_error(exc, self.path) from exc

    def tags(self) -> list[str]:
        """Every tag in use, sorted case-insensitively."""
        found = {t for b in self.all() for t in b.tags}
        return sorted(found, key=str.casefold)

    # -- writing -----------------------------------------------------------------------------
    def make(self, article: Article, start: int, end: int, note: str = "",
             colour: str = DEFAULT_COLOUR, tags: Sequence[str] = ()) -> Bookmark:
        """A new bookmark on ``article.text[start:end]``, not yet saved."""
        sel = selector_for(article.text, start, end)
        stamp = now_iso()
        return validate(Bookmark(
            id=new_id(), article_id=article.id, content_hash=article.content_hash,
            start=start, end=end, quote=sel.quote, prefix=sel.prefix, suffix=sel.suffix,
            note=note, colour=colour, tags=normalise_tags(tags), created=stamp,
            modified=stamp, status=ANCHORED, **article_metadata(article)))

    def add(self, article: Article, start: int, end: int, note: str = "",
            colour: str = DEFAULT_COLOUR, tags: Sequence[str] = ()) -> Bookmark:
        """Create and durably save a bookmark; when this returns, it is on disk."""
        bookmark = self.make(article, start, end, note, colour, tags)
        self.restore(bookmark)
        return bookmark

    def restore(self, bookmark: Bookmark) -> None:
        """Write ``bookmark`` as is (insert or replace): undo of delete/edit, and imports."""
        validate(bookmark)
        with self.db.transaction() as conn:
            conn.execute(_UPSERT, _row_values(bookmark))

    def update(self, bookmark_id: str, *, note: str | None = None, colour: str | None = None,
               tags: Sequence[str] | None = None, start: int | None = None,
               end: int | None = None, quote: str | None = None,
               status: str | None = None) -> Bookmark:
        """Change some fields (read and written in one transaction); returns the new value."""
        changes: dict[str, Any] = {}
        if note is not None:
            changes["note"] = note
        if colour is not None:
            changes["colour"] = colour
        if tags is not None:
            changes["tags"] = normalise_tags(tags)
        if start is not None:
            changes["start"] = start
        if end is not None:
            changes["end"] = end
        if quote is not None:
            changes["quote"] = quote
        if status is not None:
            changes["status"] = status
        return self.patch(bookmark_id, changes)

    def patch(self, bookmark_id: str, changes: Mapping[str, Any]) -> Bookmark:
        """Set these fields only, on the bookmark as stored now (read and written in one
        transaction), so another window's change to other fields is kept.  Used by undo."""
        unknown = {name for name in changes
                   if name == "id" or name not in Bookmark.__dataclass_fields__}
        if unknown:
            raise ValueError(f"cannot change {', '.join(sorted(unknown))}")
        with self.db.transaction() as conn:
            current = self._get_in(conn, bookmark_id)
            updated = validate(replace(current, **{**changes, "modified": now_iso()}))
            conn.execute(_UPSERT, _row_values(updated))
        return updated

    def reattach(self, bookmark_id: str, article: Article, start: int, end: int) -> Bookmark:
        """Anchor a bookmark (typically an orphan) to a new passage chosen by the user."""
        sel = selector_for(article.text, start, end)
        with self.db.transaction() as conn:
            current = self._get_in(conn, bookmark_id)
            updated = validate(replace(
                current, article_id=article.id, content_hash=article.content_hash,
                start=start, end=end, quote=sel.quote, prefix=sel.prefix, suffix=sel.suffix,
                original_quote=kept_original(current, sel.quote),
                status=ANCHORED, modified=now_iso(), **article_metadata(article)))
            conn.execute(_UPSERT, _row_values(updated))
        return updated

    def delete(self, bookmark_id: str) -> Bookmark:
        """Remove and return the bookmark (keep it to undo with :meth:`restore`)."""
        with self.db.transaction() as conn:
            current = self._get_in(conn, bookmark_id)
            conn.execute("DELETE FROM bookmarks WHERE id = ?", (bookmark_id,))
        return current

    @staticmethod
    def _get_in(conn: sqlite3.Connection, bookmark_id: str) -> Bookmark:
        row = conn.execute(_SELECT + " WHERE id = ?", (bookmark_id,)).fetchone()
        if row is None:
            raise KeyError(f"no bookmark {bookmark_id}")
        return _from_row(row)

    # -- articles that changed or moved ------------------------------------------------------
    def reanchor(self, article: Article) -> list[Bookmark]:
        """Re-anchor this article's bookmarks made on another version of it (another
        content hash, or a quote no longer at its offsets).

        Returns the bookmarks that changed (offsets, quote or status), already saved.
        Orphans are kept (with the new content hash, so they are not retried on every
        opening); they keep their quote so the user can re-attach them.
        """
        text = article.text
        # same file but a different Article.text (a newer parser splits it differently):
        # the quote no longer sits at its offsets, so that counts as a change too
        stale = [b for b in self.for_article(article.id)
                 if b.content_hash != article.content_hash
                 or (b.status != ORPHANED and text[b.start:b.end] != b.quote)]
        if not stale:
            return []
        anchorer = Anchorer(article.text)
        meta = article_metadata(article)
        changed: list[Bookmark] = []
        for b in stale:
            found = anchorer.anchor(b.selector())
            if found.found:
                sel = selector_for(article.text, found.start, found.end)
                new = replace(b, content_hash=article.content_hash, start=found.start,
                              end=found.end, quote=sel.quote, prefix=sel.prefix,
                              suffix=sel.suffix, status=found.status,
                              original_quote=kept_original(b, sel.quote), **meta)
            else:
                new = replace(b, content_hash=article.content_hash, status=ORPHANED, **meta)
            changed.append(new)
        with self.db.transaction() as conn:
            for old, new in zip(stale, changed, strict=True):
                # anchor fields only, and only if nobody re-anchored it meanwhile: a note
                # edited in another window at the same time is kept
                conn.execute(
                    "UPDATE bookmarks SET content_hash = ?, start_offset = ?, end_offset = ?, "
                    "quote = ?, prefix = ?, suffix = ?, status = ?, article_title = ?, "
                    "article_date = ?, article_source = ?, original_quote = ? "
                    "WHERE id = ? AND content_hash = ?",
                    (new.content_hash, new.start, new.end, new.quote, new.prefix, new.suffix,
                     new.status, new.article_title, new.article_date, new.article_source,
                     new.original_quote, new.id, old.content_hash))
        return changed

    def relink(self, old_article_id: str, article: Article) -> list[Bookmark]:
        """The file of ``old_article_id`` is now ``article`` (renamed or moved): move its
        bookmarks over, then re-anchor them if the text differs too.  Returns them."""
        if old_article_id != article.id:
            meta = article_metadata(article)
            with self.db.transaction() as conn:
                conn.execute(
                    "UPDATE bookmarks SET article_id = ?, article_title = ?, article_date = ?, "
                    "article_source = ? WHERE article_id = ?",
                    (article.id, meta["article_title"], meta["article_date"],
                     meta["article_source"], old_article_id))
        self.reanchor(article)
        return self.for_article(article.id)

    def relink_by_hash(self, library: Mapping[str, str]) -> int:
        """Reattach bookmarks whose article vanished but whose exact text is still in the
        library under another id.  ``library`` maps content hash → article id (the library
        index has both).  Returns how many bookmarks were moved."""
        known_ids = set(library.values())
        moved = 0
        with self.db.transaction() as conn:
            rows = conn.execute("SELECT id, article_id, content_hash FROM bookmarks").fetchall()
            for row in rows:
                if row["article_id"] in known_ids:
                    continue
                target = library.get(row["content_hash"])
                if target is not None:
                    conn.execute("UPDATE bookmarks SET article_id = ? WHERE id = ?",
                                 (target, row["id"]))
                    moved += 1
        return moved

    # -- import ------------------------------------------------------------------------------
    def merge(self, bookmarks: Iterable[Bookmark]) -> tuple[int, int, int]:
        """Import: new ids are added, known ones replaced only when the imported copy is
        newer (``modified``).  One transaction.  Returns (added, updated, unchanged)."""
        added = updated = unchanged = 0
        with self.db.transaction() as conn:
            for b in bookmarks:
                validate(b)
                row = conn.execute("SELECT modified FROM bookmarks WHERE id = ?",
                                   (b.id,)).fetchone()
                if row is None:
                    added += 1
                elif b.modified > row["modified"]:
                    updated += 1
                else:
                    unchanged += 1
                    continue
                conn.execute(_UPSERT, _row_values(b))
        return added, updated, unchanged

    def recover_from(self, damaged: str | Path) -> Recovery:
        """Import every readable bookmark of a damaged store kept aside (or any store file):
        "Récupérer depuis…".  Newer copies win as in :meth:`merge`; the file is only read."""
        from reader.core.bookmarks.recovery import recover_from

        return recover_from(self, Path(damaged))

    def integrity(self) -> str:
        """``PRAGMA integrity_check`` result ("ok" when healthy)."""
        return str(self.db.conn.execute("PRAGMA integrity_check").fetchone()[0])

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> BookmarkStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
