"""Persistent index of article libraries: metadata for the list + full-text search (FTS5).

Why: re-parsing 100,000 files at every start is too slow; this cache (in the cache directory,
``reader.paths.cache_dir() / "library.sqlite3"``) remembers each file's size and mtime and
re-parses only what changed.  It holds nothing that cannot be regenerated, so a damaged file
is simply deleted and rebuilt.

Layout: one database may hold several libraries; ``libraries`` maps each *resolved* folder
path to a number, and every article row carries it.  Paths are stored relative to the folder.

Article ids: the file stem (as the parser gives it).  When two files of one library share a
stem, *each* of them gets its relative path without suffix, with ``/`` separators, as id
(``2024/a.txt`` and ``2025/a.txt`` → ``2024/a`` and ``2025/a``; a top-level ``a.txt`` keeps
``a``).  Ids are recomputed at every scan, so they only change when such a collision appears
or disappears.

Full text: a *contentless* FTS5 table (bodies are indexed, never stored: about half the size).
SQLite < 3.43 cannot delete from contentless tables without the original text, so a changed or
removed file leaves a dead FTS entry whose rowid no longer exists in ``articles`` (rowids are
AUTOINCREMENT, never reused; searches join on ``articles``, so dead entries are invisible).
When dead entries outnumber live ones, the FTS table is rebuilt by re-parsing on the next
scans (:data:`REBUILD_DEAD_RATIO`).

Warm open: each completed scan also saves the library's rows as one ``marshal`` blob
(``snapshots``), valid while the library's ``generation`` (bumped by every write) is
unchanged; ``rows()`` falls back to SQL otherwise.  The open skips SQLite's full integrity
check (0.4 s on a 250 MB index); damage met later makes the index rebuild itself.

Search: one ``group_concat(rowid)`` over the FTS table gives every hit as one string, parsed
by ``json`` in C (fetching 40,000 rows one by one costs 4× more).  Results are a
:class:`SearchHits` holding row ids; article ids and ``(id, rank)`` pairs are made on demand
(at 40,000 hits, building the pairs cost more than the search itself).
Ranking: bm25 (title hits weigh :data:`TITLE_WEIGHT`× body hits) for up to
:data:`EXACT_RANK_MAX` hits; above that only title hits are ranked (bm25 over a small
title-only FTS table, ``titles_fts``), the rest follow in index order with rank 0.0: exact
bm25 costs 2-4 µs a hit, 100+ ms for the 40,000 hits of a common word.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as _dt
import marshal
import os
import sqlite3
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import repeat, starmap
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from reader.core.library import scan_pipeline as pipeline
from reader.core.library.dates import UNDATED, PartialDate, Precision
from reader.core.library.parse_worker import Parsed as _Parsed
from reader.core.library.parser import Article, read_article
from reader.core.library.problems import (
    VANISHED,
    Problem,
    encode_error,
    problem_from_row,
    safe_text,
)
from reader.core.library.search_hits import (
    SearchHits,
    UpperHalf,
    match_rows,
    no_hits,
)
from reader.core.library.search_query import match_terms as _match_terms
from reader.core.library.search_query import parse_query, plain_words_fts
from reader.core.library.walk import Refused, os_path, walk_library
from reader.core.storage import (
    Busy,
    Damaged,
    Database,
    NewerSchema,
    StorageError,
    WrongSchema,
    classify,
    open_database,
)

REBUILD_DEAD_RATIO = 1.0  # rebuild the FTS table when dead entries > ratio × live + slack
REBUILD_DEAD_SLACK = 10_000
NOT_IN_FTS = -1  # size of a row whose FTS entry was dropped by a rebuild (re-parse it)
TITLE_WEIGHT = 4.0  # bm25 weight of a title hit relative to a body hit
EXACT_RANK_MAX = 3_000  # above this many hits, rank title hits only (bm25 ≤ ~10 ms below)
# from this many rows a match runs on two cores (two halves of the row ids); below, the
# slowest of the benchmark's queries takes ~2 ms and the hand-off would be most of the gain
SPLIT_MIN_ROWS = 20_000

_FTS_TABLE = (
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content='', "
    "tokenize='unicode61 remove_diacritics 2')"
)
# titles alone: ranking the title hits of a common word without walking its body postings
_TITLES_TABLE = (
    "CREATE VIRTUAL TABLE titles_fts USING fts5(title, content='', "
    "tokenize='unicode61 remove_diacritics 2')"
)
# merge segments 16 at a time instead of 4 (a setting kept in the table's config): FTS writes
# of a first index 35% faster (30,000 files: 6.8 → 4.3 s), phrase/prefix/word lookups the
# same within noise (1.0-3.3 ms either way at 30,000 files)
_FTS_AUTOMERGE = "INSERT INTO articles_fts(articles_fts, rank) VALUES('automerge', 16)"
_MIGRATIONS: list[str] = [
    f"""
    CREATE TABLE libraries(id INTEGER PRIMARY KEY, folder TEXT NOT NULL UNIQUE);
    CREATE TABLE articles(
        rid INTEGER PRIMARY KEY AUTOINCREMENT,
        library INTEGER NOT NULL REFERENCES libraries(id) ON DELETE CASCADE,
        rel TEXT NOT NULL,
        id TEXT NOT NULL,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        date_iso TEXT NOT NULL DEFAULT '',
        precision INTEGER NOT NULL DEFAULT 0,
        source TEXT NOT NULL DEFAULT '',
        snippet TEXT NOT NULL DEFAULT '',
        word_count INTEGER NOT NULL DEFAULT 0,
        content_hash TEXT NOT NULL DEFAULT '',
        error TEXT,
        UNIQUE(library, rel)
    );
    CREATE INDEX articles_by_id ON articles(library, id);
    CREATE TABLE meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL);
    INSERT INTO meta VALUES('fts_dead', 0);
    {_FTS_TABLE};
    INSERT INTO articles_fts(articles_fts, rank) VALUES('rank', 'bm25({TITLE_WEIGHT}, 1.0)');
    """,
    # v2: a snapshot of each library's rows, valid while ``generation`` has not moved
    """
    ALTER TABLE libraries ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE snapshots(
        library INTEGER PRIMARY KEY REFERENCES libraries(id) ON DELETE CASCADE,
        generation INTEGER NOT NULL,
        format TEXT NOT NULL,
        data BLOB NOT NULL
    );
    """,
    # v3: a title-only FTS table (same rowids as articles_fts) for ranking big result sets
    f"""
    {_TITLES_TABLE};
    {_FTS_AUTOMERGE};
    INSERT INTO titles_fts(rowid, title)
        SELECT rid, title FROM articles WHERE error IS NULL AND size != {NOT_IN_FTS};
    """,
]
# marshal's format may change between Python versions: a snapshot is only read back by the
# same one (anything else falls back to SQL and is rewritten by the next scan)
SNAPSHOT_FORMAT = f"marshal{marshal.version}-py{sys.version_info[0]}.{sys.version_info[1]}-v2"
SNAPSHOT_CHUNK = 5_000  # rows per marshal chunk (v2: a list of chunks)


class ArticleRow(NamedTuple):
    """What the article list shows (no body: that is read only when the article is opened).

    ``date_iso`` is the full ISO date of the first possible day (``2024-05-01`` for "mai
    2024"), ``""`` when undated, so it sorts as text; ``precision`` says how much of it is
    real.  ``rowid`` changes when the file is re-indexed; ``id`` is stable.

    A NamedTuple rather than a frozen slots dataclass: same attributes, immutable, but
    building 100,000 of them costs 3× less (one C call each instead of ten setattr calls),
    which is a third of opening a big library.
    """

    rowid: int
    id: str
    path: str
    title: str
    date_iso: str
    precision: int
    source: str
    snippet: str
    word_count: int
    content_hash: str

    @property
    def date(self) -> PartialDate:
        if not self.date_iso:
            return UNDATED
        return PartialDate(_dt.date.fromisoformat(self.date_iso), Precision(self.precision))


@dataclass
class ScanResult:
    """``added``/``updated`` count files indexed as articles; files that could not be read
    are in ``problems`` (all of the library's problems, including those remembered from
    earlier scans); ``unchanged`` counts files skipped because size and mtime matched."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    cancelled: bool = False


class _Fresh:
    """The rows a first index wrote, so its snapshot need not read them back (0.6 s of
    SQL and Python at 100,000 rows).  Valid only if nobody else wrote to the library
    meanwhile: each write bumps the library's ``generation`` by one, so the generation read
    before the listing plus this scan's writes must be the generation at the end."""

    def __init__(self, generation: int) -> None:
        self.generation = generation
        self.writes = 0
        self.rows: list[ArticleRow] = []

    def sorted_rows(self, prefix: str) -> list[ArticleRow]:
        """The rows as :meth:`LibraryIndex._row_tuples` reads them: in stored-path order
        (code point order is SQLite's BINARY order of UTF-8), each path ``prefix`` (the
        shown folder and a separator) + the stored relative path."""
        rows = sorted(self.rows, key=_path_of)  # one folder: path order is rel order
        start = len(os.path.join(prefix[:-len(os.sep)], "x")) - 1  # os.path.join(folder, rel)
        if start != len(prefix):  # a folder ending with a separator ("/")
            rows = [row._replace(path=prefix + row.path[start:]) for row in rows]
        return rows


_path_of = itemgetter(2)


def assign_ids(rels: list[str]) -> dict[str, str]:
    """Stem, or relative path without suffix (``/``-separated) for stems that collide."""
    stems = {rel: _stem(rel) for rel in rels}
    counts = Counter(stems.values())
    return {
        rel: stem if counts[stem] == 1 else os.path.splitext(rel)[0].replace(os.sep, "/")
        for rel, stem in stems.items()
    }


def _stem(rel: str) -> str:
    """``os.path.splitext(os.path.basename(rel))[0]``, without the two calls for the usual
    ``name.txt`` (10,000 files: 20 ms)."""
    name = rel[rel.rfind(os.sep) + 1:]
    if name[-4:].lower() == ".txt" and name[:1] != ".":  # one suffix, no leading dots
        return name[:-4]
    return os.path.splitext(name)[0]


class LibraryIndex:
    """The index database; every method is safe to call from any thread (one connection
    guarded by a lock, held per batch so the list can be read while a scan runs)."""

    def __init__(self, db_path: Path, *, workers: int | None = None) -> None:
        """``workers``: parsing processes for scans of ≥ :data:`~reader.core.library.scan_pipeline.POOL_MIN_FILES` files (None:
        cores - 1, at most 2; 0: always parse in the calling thread)."""
        self.db_path = Path(db_path)
        self.workers = workers
        self._lock = threading.RLock()
        self._db = self._open()
        self.notice = self._db.notice  # non-empty when a damaged index was rebuilt
        # set by open_or_temporary when the cache directory could not be used: why
        # (its ``kind``), the index then lives in a temporary directory
        self.temporary_reason: StorageError | None = None
        self._libraries: dict[str, int] = {}
        self._id_cache: dict[int, dict[int, str]] = {}
        self._upper = UpperHalf(self.db_path)

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open_or_temporary(cls, db_path: Path, **kwargs: int | None) -> LibraryIndex:
        """Open the index at ``db_path``, or, if its directory cannot be used (read-only,
        full, a file or FIFO in the way, I/O errors), in a new temporary directory: the
        library still opens, only the cache is lost at exit.  ``temporary_reason`` then
        holds the error (its ``kind`` for the UI's notice).  Busy is not a reason: raised."""
        try:
            return cls(db_path, **kwargs)  # type: ignore[arg-type]
        except Busy:
            raise
        except StorageError as exc:
            import tempfile

            folder = Path(tempfile.mkdtemp(prefix="reader-cache-"))
            index = cls(folder / Path(db_path).name, **kwargs)  # type: ignore[arg-type]
            index.temporary_reason = exc
            return index

    def _open(self) -> Database:
        try:
            db = open_database(self.db_path, _MIGRATIONS, durable=False,
                               backup_before_migration=False, label="library index",
                               integrity_check=False, schema_check=_check_schema)
        except (NewerSchema, WrongSchema) as exc:
            # a cache written by a newer Reader, or not ours: regenerate rather than refuse
            _remove_db_files(self.db_path)
            db = open_database(self.db_path, _MIGRATIONS, durable=False,
                               backup_before_migration=False, label="library index",
                               integrity_check=False)
            db.rebuilt = exc.kind
            db.notice = ("The library index was written by a newer version; it was rebuilt."
                         if isinstance(exc, NewerSchema) else
                         "The library index had an unknown layout; it was rebuilt.")
        if db.moved_aside is not None:  # regenerable: no point keeping the damaged copy
            _remove_db_files(db.moved_aside)
        conn = db.conn
        conn.execute("PRAGMA synchronous=OFF")  # a cache: losing the last batch is harmless
        conn.execute("PRAGMA cache_size=-32768")  # 32 MB
        conn.execute("PRAGMA temp_store=MEMORY")
        return db

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._db.conn

    @property
    def rebuilt(self) -> str:
        """Why the index was started afresh at opening or since ("damaged",
        "wrong_schema", "newer_schema"), "" if it was not: for a notice worded by the UI."""
        return self._db.rebuilt

    def close(self) -> None:
        with self._lock:
            self._upper.close()
            self._db.close()

    def _rebuild_after_damage(self, exc: Exception) -> None:
        """Damage found while working (the open skips the full integrity check): start an
        empty index; the next scan re-reads the files."""
        with self._lock:
            self._upper.close()
            self._db.close()
            _remove_db_files(self.db_path)
            self._libraries.clear()
            self._id_cache.clear()
            self._db = self._open()
            self._db.rebuilt = "damaged"
            self.notice = f"The library index was damaged ({exc}); it was rebuilt."

    # -- libraries -------------------------------------------------------------------------

    @staticmethod
    def _key(folder: Path) -> str:
        return str(Path(folder).resolve())

    @classmethod
    def _db_key(cls, folder: Path) -> str:
        """The folder as stored (text safe for SQLite even if the name is not UTF-8)."""
        return safe_text(cls._key(folder))

    def _library_id(self, folder: Path, *, create: bool) -> int | None:
        key = self._db_key(folder)
        cached = self._libraries.get(key)
        if cached is not None:
            return cached
        with self._lock:
            row = self._conn.execute("SELECT id FROM libraries WHERE folder=?", (key,)).fetchone()
            if row is None:
                if not create:
                    return None
                with self._db.transaction() as conn:
                    # OR IGNORE + read back: another process may have added it meanwhile
                    conn.execute("INSERT OR IGNORE INTO libraries(folder) VALUES (?)", (key,))
                    lib = int(conn.execute("SELECT id FROM libraries WHERE folder=?",
                                           (key,)).fetchone()[0])
            else:
                lib = int(row[0])
        self._libraries[key] = lib
        return lib

    @contextlib.contextmanager
    def _read(self) -> Iterator[sqlite3.Cursor]:
        with self._lock:
            cur = self._conn.cursor()
            cur.row_factory = None  # plain tuples: much faster than sqlite3.Row for 100k rows
            try:
                yield cur
            finally:
                cur.close()

    # -- reading ---------------------------------------------------------------------------

    def rows(self, folder: Path) -> list[ArticleRow]:
        """Every readable article of the library, in relative-path order."""
        try:
            return self._rows(folder)
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            if not _is_damage(exc):
                raise
            self._rebuild_after_damage(exc)
            return []

    def _rows(self, folder: Path) -> list[ArticleRow]:
        lib = self._library_id(folder, create=False)
        if lib is None:
            return []
        with self._lock:
            generation, chunks = self._snapshot(lib)
            if chunks is None:  # held throughout: the id map matches what we return
                data = self._row_tuples(lib, self._db_key(folder) + os.sep)
                # the first search needs this map anyway; built in C from the same data
                self._id_cache[lib] = dict(zip(map(_first, data), map(_second, data),
                                               strict=True))
                return list(map(tuple.__new__, repeat(ArticleRow), data))  # type: ignore[arg-type]
        # a chunk at a time, without the lock: each C-level step is short, so the GUI
        # thread gets the GIL (one 100,000-row marshal.loads held it for 0.3 s) and other
        # readers get the index
        rows: list[ArticleRow] = []
        ids: dict[int, str] = {}
        for blob in chunks:
            data = marshal.loads(blob)
            ids.update(zip(map(_first, data), map(_second, data), strict=True))
            rows.extend(map(tuple.__new__, repeat(ArticleRow), data))  # type: ignore[arg-type]
        with self._lock:
            current = self._conn.execute("SELECT generation FROM libraries WHERE id=?",
                                         (lib,)).fetchone()
            if current is not None and current[0] == generation:  # else rebuilt on use
                self._id_cache[lib] = ids
        return rows

    def _row_tuples(self, lib: int, prefix: str) -> list[tuple]:  # type: ignore[type-arg]
        with self._read() as cur:
            cur.execute(
                "SELECT rid, id, ? || rel, title, date_iso, precision, source, snippet, "
                "word_count, content_hash FROM articles "
                "WHERE library=? AND error IS NULL ORDER BY rel",
                (prefix, lib),
            )
            return cur.fetchall()

    def _snapshot(self, lib: int) -> tuple[int, list[bytes] | None]:
        """The rows saved by the last scan, if nothing was written since: the generation
        and a list of ``marshal`` chunks of :data:`SNAPSHOT_CHUNK` rows.

        Why: ``marshal.loads`` is twice as fast as stepping 100,000 SQL rows through the
        sqlite3 module, and warm open must stay under a second."""
        with self._read() as cur:
            row = cur.execute(
                "SELECT s.generation, s.data FROM snapshots s JOIN libraries l "
                "ON l.id = s.library WHERE s.library=? AND s.generation = l.generation "
                "AND s.format=?", (lib, SNAPSHOT_FORMAT)).fetchone()
        if row is None:
            return -1, None
        try:
            chunks = marshal.loads(row[1])
        except (ValueError, EOFError, TypeError):
            return -1, None
        if not isinstance(chunks, list) or not all(isinstance(c, bytes) for c in chunks):
            return -1, None
        return int(row[0]), chunks

    def _save_snapshot(self, lib: int, prefix: str, fresh: _Fresh | None = None) -> None:
        with self._lock:
            generation = self._conn.execute(
                "SELECT generation FROM libraries WHERE id=?", (lib,)).fetchone()[0]
            current = self._conn.execute(
                "SELECT generation = ? AND format = ? FROM snapshots WHERE library=?",
                (generation, SNAPSHOT_FORMAT, lib)).fetchone()
            if current is not None and current[0]:
                return
            read: Sequence[tuple] = (  # type: ignore[type-arg]
                fresh.sorted_rows(prefix)
                if fresh is not None and fresh.generation + fresh.writes == generation
                else self._row_tuples(lib, prefix))
            # share repeated values (dates, sources) so the blob stores them once per chunk
            # and loading allocates them once; column by column (one C-level map per
            # column, not a generator per row), back to plain tuples for marshal
            shared: dict[object, object] = {}
            columns: list[Sequence[object]] = list(zip(*read, strict=True))
            del read
            for i in (4, 5, 6) if columns else ():
                columns[i] = list(map(shared.setdefault, columns[i], columns[i]))
            rows = list(zip(*columns, strict=True))
            del columns, shared
            blob = marshal.dumps([marshal.dumps(rows[i:i + SNAPSHOT_CHUNK])
                                  for i in range(0, len(rows), SNAPSHOT_CHUNK)])
            del rows
            with self._db.transaction() as conn:
                conn.execute("INSERT OR REPLACE INTO snapshots VALUES (?,?,?,?)",
                             (lib, generation, SNAPSHOT_FORMAT, blob))

    def problems(self, folder: Path) -> list[Problem]:
        lib = self._library_id(folder, create=False)
        if lib is None:
            return []
        prefix = self._db_key(folder) + os.sep
        with self._read() as cur:
            cur.execute(
                "SELECT ? || rel, error FROM articles WHERE library=? AND error IS NOT NULL "
                "ORDER BY rel", (prefix, lib))
            return list(starmap(problem_from_row, cur.fetchall()))

    def load_article(self, article_id: str, folder: Path) -> Article:
        """Re-read the article from its file (bodies are not stored).

        Raises :class:`ParseError` if the file became unreadable, ``KeyError`` if the id is
        not in the library (a bug in the caller, or the library was rescanned meanwhile).
        """
        lib = self._library_id(folder, create=False)
        row = None
        if lib is not None:
            with self._read() as cur:
                row = cur.execute("SELECT rel FROM articles WHERE library=? AND id=?",
                                  (lib, article_id)).fetchone()
        if row is None:
            raise KeyError(f"article {article_id!r} is not in the library {folder}")
        article = read_article(os_path(self._key(folder), row[0]))
        article.id = article_id
        return article

    def match_terms(self, query: str) -> list[str]:
        """Plain words, phrases and ``prefix*`` of a query, for highlighting (see
        :func:`reader.core.library.search_query.find_matches`)."""
        return _match_terms(query)

    def search(self, folder: Path, query: str, *, limit: int | None = None) -> SearchHits:
        """Every article matching ``query``, best first (see :class:`SearchHits`).

        Never raises on user syntax: an expression FTS5 rejects is retried as plain words.
        A query with only exclusions (``-russie``) returns every other article, rank 0.
        """
        lib = self._library_id(folder, create=False)
        if lib is None:
            return no_hits()
        # text SQLite cannot take (a lone surrogate from a pasted or scripted query)
        query = query.encode("utf-8", "replace").decode("utf-8")
        parsed = parse_query(query)
        if parsed.is_empty:
            return no_hits()
        lim = -1 if limit is None else max(0, limit)
        expression = parsed.fts()
        try:
            try:
                if expression is None:
                    return self._search_excluding(lib, parsed.excluded_fts() or "", lim)
                return self._search_fts(lib, expression, parsed.positive_fts() or "",
                                        bool(parsed.excluded), lim)
            except sqlite3.OperationalError:
                fallback = plain_words_fts(query)
                if fallback is None:
                    return no_hits()
                try:
                    return self._search_fts(lib, fallback, fallback, False, lim)
                except sqlite3.OperationalError:
                    return no_hits()
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            if not _is_damage(exc):
                raise
            self._rebuild_after_damage(exc)
            return no_hits()

    def _ids(self, lib: int) -> dict[int, str]:
        """rowid → article id of one library, cached until the next write to it.

        Searches query the FTS table alone and map rowids here: joining FTS5 with
        ``articles`` in SQL lets the planner pick a plan 50× slower, and the map also drops
        dead FTS entries and other libraries' rows for free."""
        ids = self._id_cache.get(lib)
        if ids is None:
            with self._read() as cur:
                cur.execute("SELECT rid, id FROM articles WHERE library=? AND error IS NULL",
                            (lib,))
                ids = dict(cur.fetchall())
            self._id_cache[lib] = ids
        return ids

    def _search_fts(self, lib: int, expression: str, positive: str, has_exclusions: bool,
                    limit: int) -> SearchHits:
        ids = self._ids(lib)
        hits = self._match(expression, len(ids))
        if not hits:
            return SearchHits([], [], ids, limit)

        def rank() -> list[tuple[int, float]]:
            try:
                return self._rank(expression, positive, has_exclusions, hits, ids)
            except sqlite3.Error:  # e.g. damage met later: unranked, the hits still stand
                return []

        return SearchHits(hits, rank, ids, limit)

    def _match(self, expression: str, rows: int) -> list[int]:
        """Row ids matching an FTS5 expression, ascending: one ``group_concat`` string
        parsed by ``json`` in C (fetching 40,000 rows one by one costs 4× more).

        From :data:`SPLIT_MIN_ROWS` rows (``rows``: the library's), the upper half of the
        row ids is matched on a second connection in another thread while this one matches
        the lower half: SQLite releases the GIL while it steps, so a common word or a phrase
        with ``la`` (10-20 ms at 100,000 articles) uses both cores.  The halves may see
        different commits during a scan, as two searches would.
        """
        with self._read() as cur:
            if rows < SPLIT_MIN_ROWS:
                return match_rows(cur, expression)
            low, high = cur.execute(  # two subqueries: min and max together scan the table
                "SELECT (SELECT min(rid) FROM articles), (SELECT max(rid) FROM articles)"
            ).fetchone()
        middle = (low + high + 1) // 2
        upper = self._upper.submit(expression, middle)
        try:
            with self._read() as cur:
                lower = match_rows(cur, expression, 0, middle)
        finally:
            higher = upper.result()
        return lower + higher

    def _rank(self, expression: str, positive: str, has_exclusions: bool, hits: list[int],
              ids: dict[int, str]) -> list[tuple[int, float]]:
        """Exact bm25 for up to :data:`EXACT_RANK_MAX` hits, else bm25 of the title hits.

        Not split in halves like :meth:`_match`: each half would recount the documents
        holding each phrase for bm25 (a scan of the whole table), most of the cost
        (measured at 100,000 articles, a phrase's 2,386 hits: 20.9 ms in one, 19.8 in two)."""
        exact = len(hits) <= EXACT_RANK_MAX
        with self._read() as cur:
            if exact:
                cur.execute(f"SELECT rowid, bm25(articles_fts, {TITLE_WEIGHT}, 1.0) "
                            "FROM articles_fts WHERE articles_fts MATCH ?", (expression,))
            else:
                cur.execute("SELECT rowid, bm25(titles_fts) FROM titles_fts "
                            "WHERE titles_fts MATCH ?", (positive,))
            found = cur.fetchall()
        # a title hit may be excluded by its body
        check_body = not exact and has_exclusions
        ranked = [(rid, score) for rid, score in found
                  if rid in ids and (not check_body or _contains(hits, rid))]
        ranked.sort(key=_second)
        return ranked

    def _search_excluding(self, lib: int, excluded: str, limit: int) -> SearchHits:
        ids = self._ids(lib)
        hit = set(self._match(excluded, len(ids)))
        kept = sorted((rid for rid in ids if rid not in hit), key=ids.__getitem__)
        return SearchHits(kept, [], ids, limit)

    # -- scanning --------------------------------------------------------------------------

    def scan(
        self,
        folder: Path,
        *,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        on_batch: Callable[[list[ArticleRow]], None] | None = None,
    ) -> ScanResult:
        """Bring the library's index up to date with the folder.

        Files are compared by size and mtime; new and changed ones are parsed and committed
        in batches of :data:`~reader.core.library.scan_pipeline.BATCH_FILES` (``on_batch`` gets each batch's new/updated rows,
        ``progress(done, total)`` counts files to parse).  Cancelling keeps what was
        committed; the next scan resumes from there.  Raises ``FileNotFoundError`` if the
        folder does not exist (an unplugged drive must not empty the index).  A damaged
        index found on the way is rebuilt and the scan starts again.
        """
        try:
            return self._scan(folder, progress, cancelled, on_batch)
        except (sqlite3.DatabaseError, StorageError, UnicodeDecodeError) as exc:
            if not _is_damage(exc):
                raise
            self._rebuild_after_damage(exc)
            return self._scan(folder, progress, cancelled, on_batch)

    def _scan(
        self,
        folder: Path,
        progress: Callable[[int, int], None] | None,
        cancelled: Callable[[], bool] | None,
        on_batch: Callable[[list[ArticleRow]], None] | None,
    ) -> ScanResult:
        root = self._key(folder)
        if not os.path.isdir(root):
            raise FileNotFoundError(f"the library folder {folder} does not exist")
        self._maybe_rebuild_fts()
        lib = self._library_id(folder, create=True)
        assert lib is not None
        generation = self._generation(lib)  # before the listing: see _Fresh
        existing = self._existing(lib)
        fresh = None if existing else _Fresh(generation)
        early = pipeline.EarlyPool(0 if existing else self._workers(pipeline.POOL_MIN_FILES))
        try:
            return self._scan_listed(root, folder, lib, existing, early, fresh, progress,
                                     cancelled, on_batch)
        finally:
            early.close()

    def _generation(self, lib: int) -> int:
        with self._lock:
            row = self._conn.execute("SELECT generation FROM libraries WHERE id=?",
                                     (lib,)).fetchone()
        return int(row[0]) if row is not None else -1

    def _scan_listed(
        self,
        root: str,
        folder: Path,
        lib: int,
        existing: dict[str, tuple[int, int, int, str, str | None]],
        early: pipeline.EarlyPool,
        fresh: _Fresh | None,
        progress: Callable[[int, int], None] | None,
        cancelled: Callable[[], bool] | None,
        on_batch: Callable[[list[ArticleRow]], None] | None,
    ) -> ScanResult:
        result = ScanResult()
        refused: Refused = {}
        files = walk_library(root, refused, early.listed)
        # names as stored: a name that is not UTF-8 has its bad bytes as "\xff"
        safe = {rel: safe_text(rel) for rel, _, _ in files}
        ids = assign_ids(list(safe.values()))
        on_disk = set(safe.values())
        removed = [rel for rel in existing if rel not in on_disk]
        to_parse: list[tuple[str, int, int]] = []
        not_articles: list[_Parsed] = []
        renamed: list[tuple[str, int]] = []
        for rel, size, mtime_ns in files:
            old = existing.get(safe[rel])
            if old is None or old[1] != size or old[2] != mtime_ns:
                if rel in refused:
                    reason, code, params = refused[rel]
                    not_articles.append(_Parsed(rel, size, mtime_ns,
                                                error=encode_error(reason, code, params)))
                else:
                    to_parse.append((rel, size, mtime_ns))
            else:
                result.unchanged += 1
                if old[3] != ids[safe[rel]]:
                    renamed.append((ids[safe[rel]], old[0]))
        if removed or renamed:
            with self._lock:
                self._id_cache.pop(lib, None)
                with self._db.transaction() as conn:
                    dead = 0
                    for rel in removed:
                        rid, size, _mtime, _id, error = existing[rel]
                        conn.execute("DELETE FROM articles WHERE rid=?", (rid,))
                        dead += _has_fts_entry(size, error)
                    conn.executemany("UPDATE articles SET id=? WHERE rid=?", renamed)
                    _add_dead(conn, dead)
                    _bump(conn, lib)
            result.removed = len(removed)
        total = len(to_parse)
        if progress is not None:
            progress(0, total)
        vanished: list[Problem] = []
        done = 0
        if not_articles:
            self._store(lib, root, not_articles, existing, ids, result, vanished)
            if fresh is not None:
                fresh.writes += 1
        workers = self._workers(total)
        for batch, stop in pipeline.parsed_batches(root, to_parse, cancelled, workers,
                                           early.pool if workers else None):
            rows = self._store(lib, root, batch, existing, ids, result, vanished)
            if fresh is not None and batch:
                fresh.writes += 1
                fresh.rows += rows
            done += len(batch)
            if on_batch is not None and rows:
                on_batch(rows)
            if progress is not None:
                progress(done, total)
            if stop:
                result.cancelled = True
                break
        if not result.cancelled:
            if total:
                self._tidy_fts()
            self._save_snapshot(lib, safe_text(root) + os.sep, fresh)
        result.problems = vanished + self.problems(folder)
        return result

    def _existing(self, lib: int) -> dict[str, tuple[int, int, int, str, str | None]]:
        """``rel → (rid, size, mtime_ns, id, error)`` of the library's rows, read in chunks
        with the lock taken per chunk: 100,000 rows take ~0.5 s, and opening an article
        must not wait for all of them (only this scan writes meanwhile)."""
        existing: dict[str, tuple[int, int, int, str, str | None]] = {}
        cur = self._conn.cursor()
        cur.row_factory = None  # plain tuples
        try:
            with self._lock:
                cur.execute("SELECT rel, rid, size, mtime_ns, id, error FROM articles "
                            "WHERE library=?", (lib,))
            while True:
                with self._lock:
                    chunk = cur.fetchmany(5_000)
                if not chunk:
                    return existing
                existing.update((r[0], r[1:]) for r in chunk)
        finally:
            cur.close()

    def _workers(self, files: int) -> int:
        """Parsing processes for this scan: 0 (parse here) unless there is a lot to parse."""
        if files < pipeline.POOL_MIN_FILES:
            return 0
        if self.workers is not None:
            return self.workers
        # the writer (this thread: FTS tokenising, ~35% of the work) keeps a core; parsing
        # (~60%) moves to the others.  On a saturated 2-core machine this measured neutral
        # (19.6 s vs 19.7 s for 10,000 files) while halving this process's CPU time.
        cores = os.cpu_count() or 1
        return min(2, cores - 1)

    def _store(self, lib: int, root: str, batch: list[_Parsed],
               existing: dict[str, tuple[int, int, int, str, str | None]],
               ids: dict[str, str], result: ScanResult, vanished: list[Problem]
               ) -> list[ArticleRow]:
        """Write one batch in one transaction; return the rows for the list."""
        rows: list[ArticleRow] = []
        if not batch:
            return rows
        gone: list[int] = []
        with self._lock:
            with self._db.transaction() as conn:
                self._write_batch(conn, lib, root, batch, existing, ids, result, vanished,
                                  rows, gone)
            cache = self._id_cache.get(lib)
            if cache is not None:  # keep the search map in step without re-reading it
                for rid in gone:
                    cache.pop(rid, None)
                cache.update((row.rowid, row.id) for row in rows)
        return rows

    @staticmethod
    def _write_batch(conn: sqlite3.Connection, lib: int, root: str, batch: list[_Parsed],
                     existing: dict[str, tuple[int, int, int, str, str | None]],
                     ids: dict[str, str], result: ScanResult, vanished: list[Problem],
                     rows: list[ArticleRow], gone: list[int]) -> None:
        rels = [safe_text(p.rel) for p in batch]
        if not any(map(existing.__contains__, rels)) and _write_new(
                conn, lib, root, batch, rels, ids, vanished, rows):
            result.added += len(rows)
            _bump(conn, lib)
            return
        dead = 0
        shown_root = safe_text(root)
        for p, rel in zip(batch, rels, strict=True):
            old = existing.get(rel)
            if old is not None:
                conn.execute("DELETE FROM articles WHERE rid=?", (old[0],))
                gone.append(old[0])
                dead += _has_fts_entry(old[1], old[4])
            if p.vanished:
                vanished.append(Problem(os.path.join(shown_root, rel),
                                        "the file disappeared during the scan", VANISHED))
                continue
            aid = ids[rel]
            values = (lib, rel, aid, p.size, p.mtime_ns, p.title, p.date_iso, p.precision,
                      p.source, p.snippet, p.word_count, p.content_hash, p.error)
            try:
                cur = conn.execute(_INSERT_ARTICLE, values)
            except sqlite3.IntegrityError:
                # another process (a second window on the same new library) indexed this
                # file since we listed the index: replace its row
                dead += _drop_row(conn, lib, rel, gone)
                cur = conn.execute(_INSERT_ARTICLE, values)
            if p.error is not None:
                continue
            rid = int(cur.lastrowid or 0)
            conn.execute(FTS_INSERT,
                         (rid, p.title, p.body))
            conn.execute("INSERT INTO titles_fts(rowid, title) VALUES (?,?)", (rid, p.title))
            rows.append(ArticleRow(rid, aid, os.path.join(shown_root, rel), p.title, p.date_iso,
                                   p.precision, p.source, p.snippet, p.word_count,
                                   p.content_hash))
            if old is None or old[4] is not None:
                result.added += 1
            else:
                result.updated += 1
        _add_dead(conn, dead)
        _bump(conn, lib)

    # -- FTS maintenance -------------------------------------------------------------------

    def _tidy_fts(self) -> None:
        """Merge FTS segments a little after writing, so searches stay fast."""
        with self._lock, self._db.transaction() as conn:
            conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES('merge', 500)")
            conn.execute("INSERT INTO titles_fts(titles_fts, rank) VALUES('merge', 500)")

    def _maybe_rebuild_fts(self) -> None:
        """Too many dead FTS entries: drop the table and force a re-parse of every file."""
        with self._lock:
            dead = self._conn.execute("SELECT value FROM meta WHERE key='fts_dead'").fetchone()[0]
            live = self._conn.execute(
                "SELECT count(*) FROM articles WHERE error IS NULL").fetchone()[0]
            if dead <= REBUILD_DEAD_RATIO * live + REBUILD_DEAD_SLACK:
                return
            with self._db.transaction() as conn:
                conn.execute("DROP TABLE articles_fts")
                conn.execute("DROP TABLE titles_fts")
                conn.execute(_FTS_TABLE)
                conn.execute(_TITLES_TABLE)
                conn.execute("INSERT INTO articles_fts(articles_fts, rank) "
                             f"VALUES('rank', 'bm25({TITLE_WEIGHT}, 1.0)')")
                conn.execute(_FTS_AUTOMERGE)
                conn.execute(f"UPDATE articles SET size={NOT_IN_FTS}")  # all look changed
                self._id_cache.clear()
                conn.execute("UPDATE meta SET value=0 WHERE key='fts_dead'")
                conn.execute("UPDATE libraries SET generation = generation + 1")


def _is_damage(exc: BaseException) -> bool:
    """Damage, by SQLite's result code (CORRUPT, NOTADB), never by message text."""
    if isinstance(exc, StorageError):
        return isinstance(exc, Damaged)
    if isinstance(exc, UnicodeDecodeError):  # SQLite's message quoting garbled bytes
        return True
    return isinstance(exc, sqlite3.Error) and isinstance(classify(exc), Damaged)


_TABLES = ("libraries", "articles", "meta", "snapshots", "articles_fts", "titles_fts")


def _check_schema(conn: sqlite3.Connection) -> None:
    """The cache's tables are all there (else :class:`WrongSchema`: it is rebuilt)."""
    found = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    missing = [t for t in _TABLES if t not in found]
    columns = {r[1] for r in conn.execute("PRAGMA table_info(articles)")}
    if missing or not {"rel", "id", "error", "size", "mtime_ns"} <= columns:
        raise WrongSchema("the library index is not the one Reader expects",
                          detail=f"missing {', '.join(missing) or 'columns'}")


# the body may come as UTF-8 bytes (from a parsing process: no decoding when unpickled, no
# encoding when bound); CAST AS TEXT reads them as the same text a str would bind
FTS_INSERT = "INSERT INTO articles_fts(rowid, title, body) VALUES (?,?,CAST(? AS TEXT))"
_INSERT_ARTICLE = (
    "INSERT INTO articles(library, rel, id, size, mtime_ns, title, date_iso, precision, "
    "source, snippet, word_count, content_hash, error) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")


def _write_new(conn: sqlite3.Connection, lib: int, root: str, batch: list[_Parsed],
               rels: list[str], ids: dict[str, str], vanished: list[Problem],
               rows: list[ArticleRow]) -> bool:
    """A batch of files the index does not hold yet (every batch of a first index): three
    ``executemany`` instead of three statements a file, in a savepoint.  False, with nothing
    written, if the rows cannot go in as one run (another process indexed one of the files
    meanwhile, or the row ids were not consecutive): then the caller writes them one by one.

    Row ids: AUTOINCREMENT gives ``max(ever used) + 1`` to each insert, so inside this
    write transaction the batch's rows get consecutive ids after ``sqlite_sequence``'s;
    checked after the insert rather than assumed."""
    shown_root = safe_text(root)
    kept = [(p, rel) for p, rel in zip(batch, rels, strict=True) if not p.vanished]
    gone = [Problem(os.path.join(shown_root, rel), "the file disappeared during the scan",
                    VANISHED) for p, rel in zip(batch, rels, strict=True) if p.vanished]
    if not kept:
        vanished.extend(gone)
        return True
    base = _last_rid(conn)
    conn.execute("SAVEPOINT new_rows")
    try:
        conn.executemany(_INSERT_ARTICLE, [
            (lib, rel, ids[rel], p.size, p.mtime_ns, p.title, p.date_iso, p.precision,
             p.source, p.snippet, p.word_count, p.content_hash, p.error) for p, rel in kept])
        consecutive = _last_rid(conn) == base + len(kept)
    except sqlite3.IntegrityError:
        consecutive = False
    if not consecutive:
        conn.execute("ROLLBACK TO new_rows")
        conn.execute("RELEASE new_rows")
        return False
    conn.execute("RELEASE new_rows")
    vanished.extend(gone)
    texts = [(rid, p.title, p.body) for rid, (p, _rel) in enumerate(kept, base + 1)
             if p.error is None]
    conn.executemany(FTS_INSERT, texts)
    conn.executemany("INSERT INTO titles_fts(rowid, title) VALUES (?,?)",
                     [(rid, title) for rid, title, _body in texts])
    prefix = shown_root + os.sep if not shown_root.endswith(os.sep) else shown_root
    rows.extend(ArticleRow(rid, ids[rel], prefix + rel, p.title, p.date_iso, p.precision,
                           p.source, p.snippet, p.word_count, p.content_hash)
                for rid, (p, rel) in enumerate(kept, base + 1) if p.error is None)
    return True


def _last_rid(conn: sqlite3.Connection) -> int:
    """The largest row id ``articles`` ever gave (what AUTOINCREMENT counts from)."""
    row = conn.execute("SELECT max(coalesce((SELECT seq FROM sqlite_sequence "
                       "WHERE name='articles'), 0), coalesce((SELECT max(rid) FROM articles), "
                       "0))").fetchone()
    return int(row[0])


def _drop_row(conn: sqlite3.Connection, lib: int, rel: str, gone: list[int]) -> int:
    """Delete the row of ``rel``; 1 if it had an FTS entry (now dead), else 0."""
    row = conn.execute("SELECT rid, size, error FROM articles WHERE library=? AND rel=?",
                       (lib, rel)).fetchone()
    if row is None:
        return 0
    conn.execute("DELETE FROM articles WHERE rid=?", (row[0],))
    gone.append(row[0])
    return int(_has_fts_entry(row[1], row[2]))


def _has_fts_entry(size: int, error: str | None) -> bool:
    return error is None and size != NOT_IN_FTS


_first, _second = itemgetter(0), itemgetter(1)


def _contains(ordered: list[int], value: int) -> bool:
    i = bisect.bisect_left(ordered, value)
    return i < len(ordered) and ordered[i] == value


def _bump(conn: sqlite3.Connection, lib: int) -> None:
    """Any write to a library's rows makes its snapshot stale."""
    conn.execute("UPDATE libraries SET generation = generation + 1 WHERE id=?", (lib,))


def _add_dead(conn: sqlite3.Connection, count: int) -> None:
    if count:
        conn.execute("UPDATE meta SET value=value+? WHERE key='fts_dead'", (count,))


def _remove_db_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            os.remove(str(path) + suffix)
