"""What a search of the library index returns, and the two halves of a split match.

Why apart from the index: the index writes and reads a library; this is the result type
the list filter and the ranking read (:class:`SearchHits`: row ids, ids and ranks made on
demand) and the query-only second reader that matches the upper half of a large index on
the other core (:class:`UpperHalf`).  See :mod:`reader.core.library.index` for the search
itself (one ``group_concat(rowid)`` per match, bm25 ranking).
"""

from __future__ import annotations

import json
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import filterfalse, repeat
from pathlib import Path
from typing import overload

Ranker = Callable[[], list[tuple[int, float]]]


class SearchHits(Sequence[tuple[str, float]]):
    """What a search found: a sequence of ``(article id, bm25 rank)`` best first (bm25 is
    negative, lower is better; 0.0 for hits that were not ranked).

    Why not a list: at 40,000 hits, making the pairs cost more than the search.  The list
    filter needs only :meth:`bitmap` (indexed by ``ArticleRow.rowid``), and :attr:`rank_of`
    only when sorting by relevance: ranks are queried on first use (bm25 costs 2-4 µs a hit),
    article ids and pairs are made on first use.  ``rowids`` may hold entries of other
    libraries or of re-indexed files: they match no row, and the pairs leave them out.
    """

    __slots__ = ("rowids", "_ranker", "_ranked", "_rank_of", "_id_of", "_limit", "_pairs",
                 "_bitmap")

    def __init__(self, rowids: list[int], ranked: list[tuple[int, float]] | Ranker,
                 id_of: dict[int, str], limit: int = -1) -> None:
        # every hit, in index (rowid) order; an exclusion-only search ("-russie") lists
        # the other articles in article-id order, the order its pairs show
        self.rowids = rowids
        self._ranker: Ranker | None = None
        self._ranked: list[tuple[int, float]] | None = None
        if callable(ranked):
            self._ranker = ranked
        else:
            self._ranked = ranked
        self._rank_of: dict[int, float] | None = None
        self._id_of = id_of
        self._limit = limit
        self._pairs: list[tuple[str, float]] | None = None
        self._bitmap: bytearray | None = None

    @property
    def ranked(self) -> list[tuple[int, float]]:
        """``(rowid, bm25)`` of the ranked hits, best first (queried on first use)."""
        if self._ranked is None:
            self._ranked = self._ranker() if self._ranker is not None else []
            self._ranker = None
        return self._ranked

    @property
    def rank_of(self) -> dict[int, float]:
        if self._rank_of is None:
            self._rank_of = dict(self.ranked)
        return self._rank_of

    def bitmap(self) -> bytearray:
        """One byte per row id, 1 for a hit: what the list filter probes for each row.

        Why not a set: 100,000 articles make a 100 KB table, probed 5× faster than the
        2 MB hash table of a 40,000-int set (random accesses, measured on a 2-core VM)."""
        if self._bitmap is None:
            self._bitmap = rowid_table(self.rowids)
        return self._bitmap

    def pairs(self) -> list[tuple[str, float]]:
        """``(article id, rank)`` best first: the ranked hits, then the others in index order."""
        if self._pairs is None:
            get = self._id_of.get
            head = [(aid, score) for rid, score in self.ranked
                    if (aid := get(rid)) is not None]
            rank_of = self.rank_of
            rest = filterfalse(rank_of.__contains__, self.rowids) if rank_of else self.rowids
            pairs = head + list(zip(filter(None, map(get, rest)), repeat(0.0)))
            self._pairs = pairs if self._limit < 0 else pairs[:self._limit]
        return self._pairs

    @property
    def ids(self) -> list[str]:
        return [aid for aid, _ in self.pairs()]

    def __len__(self) -> int:
        return len(self.pairs())

    @overload
    def __getitem__(self, i: int) -> tuple[str, float]: ...
    @overload
    def __getitem__(self, i: slice) -> list[tuple[str, float]]: ...

    def __getitem__(self, i: int | slice) -> tuple[str, float] | list[tuple[str, float]]:
        return self.pairs()[i]

    def __iter__(self) -> Iterator[tuple[str, float]]:
        return iter(self.pairs())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SearchHits):
            return self.pairs() == other.pairs()
        if isinstance(other, list):
            return self.pairs() == other
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"SearchHits({self.pairs()!r})"


_MATCH = "SELECT '[' || group_concat(rowid) || ']' FROM articles_fts WHERE articles_fts MATCH ?"


def match_rows(cur: sqlite3.Cursor, expression: str, low: int = 0,
                high: int | None = None) -> list[int]:
    """Row ids in ``[low, high)`` matching ``expression``, ascending (FTS5 seeks to
    ``low`` and stops at ``high``: a half costs about half)."""
    if high is None:
        cur.execute(_MATCH, (expression,))
    else:
        cur.execute(_MATCH + " AND rowid >= ? AND rowid < ?", (expression, low, high))
    joined = cur.fetchone()[0]
    return json.loads(joined) if joined else []


class UpperHalf:
    """The second reader of a split match: its own connection (query-only) and one thread,
    both made on first use and dropped by :meth:`close` (the index closes or is rebuilt).
    Errors (a syntax error, damage) reach the caller through the future."""

    def __init__(self, db_path: Path) -> None:
        self._db_path = db_path
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._pool: ThreadPoolExecutor | None = None

    def submit(self, expression: str, low: int) -> Future[list[int]]:
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(1, thread_name_prefix="reader-fts-upper")
            return self._pool.submit(self._run, expression, low)

    def _run(self, expression: str, low: int) -> list[int]:
        if self._conn is None:  # only this pool's one thread gets here
            conn = sqlite3.connect(self._db_path, timeout=5.0, isolation_level=None,
                                   check_same_thread=False)
            conn.execute("PRAGMA query_only=1")
            conn.execute("PRAGMA cache_size=-32768")
            self._conn = conn
        cur = self._conn.cursor()
        try:
            return match_rows(cur, expression, low, sys.maxsize)
        finally:
            cur.close()

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True)  # a match in flight ends in milliseconds
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def rowid_table(rowids: Sequence[int]) -> bytearray:
    """One byte per row id, 1 for those in ``rowids``: a list filter's lookup table."""
    table = bytearray(max(rowids) + 1 if rowids else 0)
    for rid in rowids:
        table[rid] = 1
    return table


NO_HITS_ID_MAP: dict[int, str] = {}


def no_hits() -> SearchHits:
    return SearchHits([], [], NO_HITS_ID_MAP)
