"""Library-wide store of entity mentions and the queries of the Library Entities view.

Why: the per-article entity cache answers "what is in this article"; the library view asks
the reverse ("which articles mention Antony Blinken", "who is most often cited with him")
over up to 100,000 articles, which needs an inverted index.  It is regenerable, so it lives
in the cache directory (``entity_index.sqlite3``, ``durable=False``).

Layout: ``keys`` interns each ``(key, label)`` with its most frequent surface form;
``docs`` is one row per processed ``(content_hash, version)`` (the same text in two libraries
is stored once); ``mentions(doc, ent, n)`` with an index on ``(ent, doc)``.

Queries run against a *scope* (the articles of the open library, :meth:`set_scope`), kept
in temporary tables of this connection: per-entity totals (``base``), the grouping of keys
(``canon``: automatic surname grouping plus the user's merges from
:class:`~reader.core.entities.aliases.EntityAliases`) and grouped totals (``agg``).  These are
rebuilt by :meth:`refresh` (about a second for 100,000 articles, never on the GUI thread);
the queries themselves then use indexes.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from reader.core.entities.aliases import EntityAliases, Ref, resolve
from reader.core.entities.extractor import ArticleEntities
from reader.core.entities.postprocess import strip_titles
from reader.core.storage import Database, NewerSchema, WrongSchema, open_database
from reader.core.text import fold

INDEX_FILE = "entity_index.sqlite3"
INDEXED_LABELS = ("PER", "LOC", "ORG", "MISC", "DATE")  # QUANTITY: too noisy for a library view

_MIGRATIONS = [
    """
    CREATE TABLE keys(
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL,
        label TEXT NOT NULL,
        display TEXT NOT NULL DEFAULT '',
        UNIQUE(key, label)
    );
    CREATE TABLE forms(
        ent INTEGER NOT NULL REFERENCES keys(id),
        display TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (ent, display)
    ) WITHOUT ROWID;
    CREATE TABLE docs(
        id INTEGER PRIMARY KEY,
        content_hash TEXT NOT NULL,
        version TEXT NOT NULL,
        UNIQUE(content_hash, version)
    );
    CREATE TABLE mentions(
        doc INTEGER NOT NULL REFERENCES docs(id) ON DELETE CASCADE,
        ent INTEGER NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (doc, ent)
    ) WITHOUT ROWID;
    CREATE INDEX mentions_by_ent ON mentions(ent, doc);
    """,
    # covering index: library totals become one index scan, without touching the table
    """
    DROP INDEX mentions_by_ent;
    CREATE INDEX mentions_by_ent ON mentions(ent, doc, n);
    """,
]

_TEMP = """
CREATE TEMP TABLE IF NOT EXISTS scope(doc INTEGER PRIMARY KEY, n INTEGER NOT NULL);
CREATE TEMP TABLE IF NOT EXISTS base(ent INTEGER PRIMARY KEY, docs INTEGER, mentions INTEGER);
CREATE TEMP TABLE IF NOT EXISTS canon(ent INTEGER PRIMARY KEY, grp INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS temp.canon_by_grp ON canon(grp);
CREATE TEMP TABLE IF NOT EXISTS agg(
    grp INTEGER PRIMARY KEY, label TEXT, articles INTEGER, mentions INTEGER);
"""
_AGG_INDEXES = (
    "CREATE INDEX temp.agg_rank ON agg(articles DESC, mentions DESC)",
    "CREATE INDEX temp.agg_label_rank ON agg(label, articles DESC, mentions DESC)",
)


@dataclass(frozen=True, slots=True)
class EntitySummary:
    """One (grouped) entity of the scope: ``key``/``label`` of the group's target."""

    key: str
    label: str
    display: str
    article_count: int
    mention_count: int


class _RowLike(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def content_hash(self) -> str: ...


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def doc_mentions(ents: ArticleEntities) -> dict[Ref, tuple[int, Counter[str]]]:
    """``(key, label)`` → (mention count, surface forms) of one article (body + caption;
    the header's source is the same agency everywhere and would drown the ORG list)."""
    out: dict[Ref, tuple[int, Counter[str]]] = {}
    for e in (*ents.caption, *ents.body):
        if e.label not in INDEXED_LABELS or not e.key:
            continue
        ref = (e.key, e.label)
        surface = strip_titles(e.text) if e.label == "PER" else e.text
        surface = " ".join(surface.split())
        if ref in out:
            n, forms = out[ref]
            forms[surface] += 1
            out[ref] = (n + 1, forms)
        else:
            out[ref] = (1, Counter({surface: 1}))
    return out


def surname_groups(per_keys: Iterable[str]) -> dict[str, str]:
    """Single-word person key → the one multi-word key of which it is the last word."""
    keys = set(per_keys)
    full: dict[str, set[str]] = defaultdict(set)
    for k in keys:
        words = k.split()
        if len(words) >= 2:
            full[words[-1]].add(k)
    return {k: next(iter(full[k])) for k in keys
            if " " not in k and len(full.get(k, ())) == 1}


class EntityIndex:
    """Mentions store plus scoped queries; thread-safe (one connection behind a lock)."""

    def __init__(self, path: Path, aliases: EntityAliases | None = None) -> None:
        path = Path(path)
        self.path = path / INDEX_FILE if path.suffix == "" or path.is_dir() else path
        self.aliases = aliases
        self._lock = threading.RLock()
        self._db = self._open()
        self.notice = self._db.notice
        conn = self._db.conn
        conn.execute("PRAGMA cache_size=-32768")
        conn.execute("PRAGMA temp_store=MEMORY")
        for statement in _TEMP.strip().split(";"):
            if statement.strip():
                conn.execute(statement)
        self._version = ""
        self._ids_by_hash: dict[str, list[str]] = {}
        self._hash_by_doc: dict[int, str] = {}
        self._doc_by_id: dict[str, int] = {}
        self._key_ids: dict[Ref, int] = {}
        self._stale = True

    def _open(self) -> Database:
        try:
            db = open_database(self.path, _MIGRATIONS, durable=False,
                               backup_before_migration=False, label="entity index")
        except (NewerSchema, WrongSchema):
            for suffix in ("", "-wal", "-shm"):  # regenerable: rebuild rather than refuse
                Path(str(self.path) + suffix).unlink(missing_ok=True)
            db = open_database(self.path, _MIGRATIONS, durable=False,
                               backup_before_migration=False, label="entity index")
        if db.moved_aside is not None:
            for suffix in ("", "-wal", "-shm"):
                Path(str(db.moved_aside) + suffix).unlink(missing_ok=True)
        return db

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._db.conn

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- writing -------------------------------------------------------------------------
    def processed(self, version: str) -> set[str]:
        """Content hashes already indexed with ``version``."""
        with self._lock:
            rows = self._conn.execute("SELECT content_hash FROM docs WHERE version=?",
                                      (version,)).fetchall()
        return {r[0] for r in rows}

    def purge_other_versions(self, version: str) -> int:
        """Forget documents indexed by another model or rules version; returns how many."""
        with self._lock, self._db.transaction() as conn:
            cur = conn.execute("DELETE FROM docs WHERE version<>?", (version,))
            if cur.rowcount:
                conn.execute("DELETE FROM forms WHERE ent NOT IN (SELECT ent FROM mentions)")
            self._stale = True
            return cur.rowcount

    def add(self, content_hash: str, version: str, ents: ArticleEntities) -> None:
        self.add_many([(content_hash, version, ents)])

    def add_many(self, items: Iterable[tuple[str, str, ArticleEntities]]) -> None:
        """Index several articles in one transaction (re-adding one replaces it)."""
        with self._lock, self._db.transaction() as conn:
            mention_rows: list[tuple[int, int, int]] = []
            form_counts: Counter[tuple[int, str]] = Counter()
            for content_hash, version, ents in items:
                conn.execute("DELETE FROM docs WHERE content_hash=? AND version=?",
                             (content_hash, version))
                doc = int(conn.execute("INSERT INTO docs(content_hash, version) VALUES (?,?)",
                                       (content_hash, version)).lastrowid or 0)
                for (key, label), (n, forms) in doc_mentions(ents).items():
                    ent = self._ent_id(conn, key, label)
                    mention_rows.append((doc, ent, n))
                    for form, c in forms.items():
                        form_counts[(ent, form)] += c
            conn.executemany("INSERT INTO mentions(doc, ent, n) VALUES (?,?,?)", mention_rows)
            conn.executemany(
                "INSERT INTO forms(ent, display, n) VALUES (?,?,?) "
                "ON CONFLICT(ent, display) DO UPDATE SET n = n + excluded.n",
                [(ent, form, c) for (ent, form), c in form_counts.items()])
            conn.executemany(
                "UPDATE keys SET display = (SELECT display FROM forms WHERE ent = keys.id "
                "ORDER BY n DESC, display LIMIT 1) WHERE id = ?",
                [(e,) for e in {ent for ent, _f in form_counts}])
            self._stale = True

    def _ent_id(self, conn: sqlite3.Connection, key: str, label: str) -> int:
        cached = self._key_ids.get((key, label))
        if cached is not None:
            return cached
        row = conn.execute("SELECT id FROM keys WHERE key=? AND label=?", (key, label)).fetchone()
        ent = int(row[0]) if row is not None else int(conn.execute(
            "INSERT INTO keys(key, label) VALUES (?,?)", (key, label)).lastrowid or 0)
        if row is not None:  # only committed ids are cached (a rollback would void new ones)
            self._key_ids[(key, label)] = ent
        return ent

    # -- scope ---------------------------------------------------------------------------
    def set_scope(self, rows: Iterable[_RowLike], version: str) -> None:
        """The articles queries are about (the open library) and the extractor version."""
        ids: dict[str, list[str]] = defaultdict(list)
        for row in rows:
            if row.content_hash:
                ids[row.content_hash].append(row.id)
        with self._lock:
            self._ids_by_hash = dict(ids)
            self._version = version
            self._stale = True

    def invalidate(self) -> None:
        """New mentions or alias decisions: the next query rebuilds the scope tables."""
        self._stale = True

    def refresh(self) -> None:
        """Rebuild scope, totals and grouping now (call from a worker thread)."""
        with self._lock:
            self._build()

    def _ensure(self) -> None:
        if self._stale:
            self._build()

    def _build(self) -> None:
        conn = self._conn
        self._stale = False
        # A deferred transaction: it only writes TEMP tables, so it must not take the main
        # database's write lock away from the extraction process writing meanwhile.
        conn.execute("BEGIN")
        try:
            self._build_tables(conn)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            self._stale = True
            raise

    def _build_tables(self, conn: sqlite3.Connection) -> None:
        conn.execute("DELETE FROM temp.scope")
        docs = conn.execute("SELECT id, content_hash FROM docs WHERE version=?",
                            (self._version,)).fetchall()
        ids = self._ids_by_hash
        conn.executemany("INSERT INTO temp.scope(doc, n) VALUES (?,?)",
                         [(d, len(ids[h])) for d, h in docs if h in ids])
        self._hash_by_doc = {d: h for d, h in docs if h in ids}
        self._doc_by_id = {aid: d for d, h in docs for aid in ids.get(h, ())}
        conn.execute("DELETE FROM temp.base")
        in_scope = sum(1 for _d, h in docs if h in ids)
        everything = conn.execute("SELECT count(*) FROM docs").fetchone()[0]
        if in_scope == everything and all(len(v) == 1 for v in ids.values()):
            # the usual case, one library per cache: an index-only scan, no join
            conn.execute("INSERT INTO temp.base(ent, docs, mentions) "
                         "SELECT ent, count(*), sum(n) FROM mentions GROUP BY ent")
        else:
            conn.execute(
                "INSERT INTO temp.base(ent, docs, mentions) SELECT m.ent, sum(s.n), "
                "sum(m.n * s.n) FROM temp.scope s JOIN mentions m ON m.doc = s.doc "
                "GROUP BY m.ent")
        self._build_canon(conn)
        conn.execute("DROP INDEX IF EXISTS temp.agg_rank")  # bulk insert, then index
        conn.execute("DROP INDEX IF EXISTS temp.agg_label_rank")
        conn.execute("DELETE FROM temp.agg")
        conn.execute(
            "INSERT INTO temp.agg(grp, label, articles, mentions) "
            "SELECT b.ent, k.label, b.docs, b.mentions FROM temp.base b "
            "JOIN keys k ON k.id = b.ent LEFT JOIN temp.canon c ON c.ent = b.ent "
            "WHERE c.ent IS NULL")
        # grouped keys: distinct articles over all members (one set-based query)
        conn.execute(
            "INSERT OR REPLACE INTO temp.agg(grp, label, articles, mentions) "
            "SELECT t.grp, k.label, t.articles, t.mentions FROM ("
            "  SELECT d.grp AS grp, sum(s.n) AS articles, "
            "  (SELECT sum(b.mentions) FROM temp.base b WHERE b.ent = d.grp OR b.ent IN "
            "   (SELECT ent FROM temp.canon WHERE grp = d.grp)) AS mentions "
            "  FROM (SELECT DISTINCT g.grp AS grp, m.doc AS doc FROM "
            "        (SELECT ent, grp FROM temp.canon UNION SELECT grp, grp FROM temp.canon) g "
            "        JOIN mentions m ON m.ent = g.ent) d "
            "  JOIN temp.scope s ON s.doc = d.doc GROUP BY d.grp) t "
            "JOIN keys k ON k.id = t.grp")
        for statement in _AGG_INDEXES:
            conn.execute(statement)

    def _build_canon(self, conn: sqlite3.Connection) -> None:
        """Automatic surname grouping, then the user's merges and splits, as ent → group."""
        conn.execute("DELETE FROM temp.canon")
        per = dict(conn.execute("SELECT k.key, k.id FROM temp.base b JOIN keys k "
                                "ON k.id = b.ent WHERE k.label = 'PER'").fetchall())
        merged = self.aliases.merged() if self.aliases is not None else {}
        no_auto = self.aliases.no_auto() if self.aliases is not None else set()
        edges: dict[Ref, Ref] = {}
        for short, full in surname_groups(per).items():
            if (short, "PER") not in no_auto:
                edges[(short, "PER")] = (full, "PER")
        edges.update(merged)
        if not edges:
            return
        refs = set(edges) | set(edges.values())
        ids: dict[Ref, int] = {}
        for key, label in refs:
            row = conn.execute("SELECT id FROM keys WHERE key=? AND label=?",
                               (key, label)).fetchone()
            if row is not None:
                ids[(key, label)] = int(row[0])
        canon: list[tuple[int, int]] = []
        for ref in edges:
            target = resolve(ref, edges)
            if ref in ids and target in ids and target != ref:
                canon.append((ids[ref], ids[target]))
        conn.executemany("INSERT INTO temp.canon(ent, grp) VALUES (?,?)", canon)

    def _member_ids(self, grp: int) -> list[int]:
        rows = self._conn.execute("SELECT ent FROM temp.canon WHERE grp=?", (grp,)).fetchall()
        return [grp, *(int(r[0]) for r in rows)]

    def _group_of(self, key: str, label: str | None) -> list[int]:
        """Group ids for ``key`` (any label when None), following the grouping."""
        if label is None:
            rows = self._conn.execute("SELECT id FROM keys WHERE key=?", (key,)).fetchall()
        else:
            rows = self._conn.execute("SELECT id FROM keys WHERE key=? AND label=?",
                                      (key, label)).fetchall()
        out: list[int] = []
        for (ent,) in rows:
            grp = self._conn.execute("SELECT grp FROM temp.canon WHERE ent=?", (ent,)).fetchone()
            g = int(grp[0]) if grp is not None else int(ent)
            if g not in out:
                out.append(g)
        return out

    # -- queries -------------------------------------------------------------------------
    def top_entities(
        self,
        article_ids: Collection[str] | None = None,
        label: str | None = None,
        search: str = "",
        limit: int = 200,
    ) -> list[EntitySummary]:
        """Most mentioned entities (by article count) of the scope, or of ``article_ids``
        within it; ``search`` matches the key or surface form, ignoring case and accents."""
        with self._lock:
            self._ensure()
            conn = self._conn
            where, args = [], []
            if label:
                where.append("a.label = ?")
                args.append(label)
            if search.strip():
                q = _like(fold(" ".join(search.split())))
                where.append("(k.key LIKE ? ESCAPE '\\' OR k.display LIKE ? ESCAPE '\\')")
                args += [q, q]
            clause = ("WHERE " + " AND ".join(where)) if where else ""
            if article_ids is None:
                rows = conn.execute(
                    "SELECT k.key, k.label, k.display, a.articles, a.mentions FROM temp.agg a "
                    f"JOIN keys k ON k.id = a.grp {clause} "
                    "ORDER BY a.articles DESC, a.mentions DESC, k.key LIMIT ?",
                    (*args, limit)).fetchall()
                return [EntitySummary(*r) for r in rows]
            return self._top_in(list(article_ids), clause, args, limit)

    def _top_in(self, article_ids: list[str], clause: str, args: Sequence[object], limit: int
                ) -> list[EntitySummary]:
        conn = self._conn
        weight: Counter[int] = Counter()
        for aid in article_ids:
            doc = self._doc_by_id.get(aid)
            if doc is not None:
                weight[doc] += 1
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS co_docs(doc INTEGER PRIMARY KEY, "
                     "n INTEGER)")
        conn.execute("DELETE FROM temp.co_docs")
        conn.executemany("INSERT INTO temp.co_docs VALUES (?,?)", weight.items())
        return self._ranked([], clause, args, limit)

    def _ranked(self, exclude: list[int], clause: str, args: Sequence[object], limit: int
                ) -> list[EntitySummary]:
        """Grouped entities of the documents in ``temp.co_docs``, most articles first.

        Counting per raw key is one fast pass; only grouped keys among the best candidates
        are then recounted exactly (an article naming two keys of one group counts once).
        """
        conn = self._conn
        marks = ",".join("?" * len(exclude))
        exclusion = f"AND t.g NOT IN ({marks})" if exclude else ""
        where = clause.replace("WHERE ", "AND ", 1) if clause else ""
        rows = conn.execute(
            "SELECT t.g, t.articles, t.mentions FROM ("
            " SELECT coalesce(c.grp, m.ent) AS g, sum(d.n) AS articles, "
            " sum(m.n * d.n) AS mentions FROM temp.co_docs d JOIN mentions m ON m.doc = d.doc "
            " LEFT JOIN temp.canon c ON c.ent = m.ent GROUP BY g) t "
            "JOIN keys k ON k.id = t.g JOIN temp.agg a ON a.grp = t.g "
            f"WHERE 1 {exclusion} {where} ORDER BY 2 DESC, 3 DESC LIMIT ?",
            (*exclude, *args, limit * 3 + 20)).fetchall()
        grouped = {int(r[0]) for r in conn.execute(
            "SELECT DISTINCT grp FROM temp.canon")} if rows else set()
        counts: list[tuple[int, int, int]] = []
        n_docs = conn.execute("SELECT count(*) FROM temp.co_docs").fetchone()[0]
        for g, articles, mentions in rows:
            if g in grouped:
                articles = self._recount(g, n_docs)
            counts.append((g, articles, mentions))
        counts.sort(key=lambda t: (-t[1], -t[2]))
        out: list[EntitySummary] = []
        for g, articles, mentions in counts[:limit]:
            k = conn.execute("SELECT key, label, display FROM keys WHERE id=?", (g,)).fetchone()
            out.append(EntitySummary(k[0], k[1], k[2], articles, mentions))
        out.sort(key=lambda e: (-e.article_count, -e.mention_count, e.key))
        return out

    def _recount(self, grp: int, n_docs: int) -> int:
        """Articles of ``temp.co_docs`` naming any member of ``grp``, each once; walks
        whichever is shorter, the group's documents or ``co_docs``."""
        conn = self._conn
        members = self._member_ids(grp)
        marks = ",".join("?" * len(members))
        group_docs = conn.execute(
            f"SELECT coalesce(sum(docs), 0) FROM temp.base WHERE ent IN ({marks})",
            members).fetchone()[0]
        if group_docs <= n_docs * len(members):
            sql = (f"SELECT coalesce(sum(d.n), 0) FROM temp.co_docs d WHERE d.doc IN "
                   f"(SELECT doc FROM mentions WHERE ent IN ({marks}))")
        else:
            sql = (f"SELECT coalesce(sum(d.n), 0) FROM temp.co_docs d WHERE EXISTS "
                   f"(SELECT 1 FROM mentions m WHERE m.doc = d.doc AND m.ent IN ({marks}))")
        return int(conn.execute(sql, members).fetchone()[0])

    def members(self, key: str, label: str | None = None) -> list[Ref]:
        """Every ``(key, label)`` grouped with ``key`` (its target first)."""
        with self._lock:
            self._ensure()
            out: list[Ref] = []
            for grp in self._group_of(key, label):
                for ent in self._member_ids(grp):
                    row = self._conn.execute("SELECT key, label FROM keys WHERE id=?",
                                             (ent,)).fetchone()
                    out.append((row[0], row[1]))
            return out

    def articles_for(self, key: str, label: str | None = None) -> set[str]:
        """Ids of the scope's articles that mention ``key`` or any key grouped with it."""
        with self._lock:
            self._ensure()
            ents = [e for g in self._group_of(key, label) for e in self._member_ids(g)]
            if not ents:
                return set()
            marks = ",".join("?" * len(ents))
            rows = self._conn.execute(
                f"SELECT DISTINCT m.doc FROM mentions m JOIN temp.scope s ON s.doc = m.doc "
                f"WHERE m.ent IN ({marks})", ents).fetchall()
            out: set[str] = set()
            for (doc,) in rows:
                out.update(self._ids_by_hash.get(self._hash_by_doc.get(doc, ""), ()))
            return out

    def co_mentions(self, key: str, label: str | None = None, limit: int = 20
                    ) -> list[EntitySummary]:
        """Entities most often in the same articles as ``key`` (article_count = articles
        shared, mention_count = their mentions in those articles)."""
        with self._lock:
            self._ensure()
            conn = self._conn
            groups = self._group_of(key, label)
            ents = [e for g in groups for e in self._member_ids(g)]
            if not ents:
                return []
            marks = ",".join("?" * len(ents))
            conn.execute("CREATE TEMP TABLE IF NOT EXISTS co_docs(doc INTEGER PRIMARY KEY, "
                         "n INTEGER)")
            conn.execute("DELETE FROM temp.co_docs")
            conn.execute(
                f"INSERT INTO temp.co_docs SELECT DISTINCT m.doc, s.n FROM mentions m "
                f"JOIN temp.scope s ON s.doc = m.doc WHERE m.ent IN ({marks})", ents)
            return self._ranked(groups, "", [], limit)

    def summary(self, key: str, label: str | None = None) -> EntitySummary | None:
        """The grouped totals of ``key`` in the scope, or None if it is not mentioned."""
        with self._lock:
            self._ensure()
            for grp in self._group_of(key, label):
                row = self._conn.execute(
                    "SELECT k.key, k.label, k.display, a.articles, a.mentions FROM temp.agg a "
                    "JOIN keys k ON k.id = a.grp WHERE a.grp = ?", (grp,)).fetchone()
                if row is not None:
                    return EntitySummary(*row)
            return None

    def stats(self) -> tuple[int, int, int]:
        """(documents, distinct keys, mention rows) in the whole store, for benchmarks."""
        with self._lock:
            c = self._conn
            return (c.execute("SELECT count(*) FROM docs").fetchone()[0],
                    c.execute("SELECT count(*) FROM keys").fetchone()[0],
                    c.execute("SELECT count(*) FROM mentions").fetchone()[0])
