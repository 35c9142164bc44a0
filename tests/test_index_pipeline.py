"""The faster first index gives the same index (issue 13).

``summarize`` (what the index keeps of a file) equals :func:`parse_text`'s fields on
generated and hostile text; a library indexed in this thread, with a parsing process, and
through the one-by-one path gives the same rows (row ids included), the same problems and
the same FTS5 tokens (``fts5vocab``: every term, document, column and offset) as a
reference computed with :func:`read_article`."""

from __future__ import annotations

import marshal
import os
import random
import sqlite3
from pathlib import Path

import pytest
from conftest import SEED_FILE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.library import index as li
from reader.core.library import scan_pipeline as pipeline
from reader.core.library import walk
from reader.core.library.index import LibraryIndex
from reader.core.library.parser import (
    ParseError,
    _shorten_head,
    decode_as,
    parse_text,
    read_article,
    summarize,
)
from reader.core.text import shorten

_WORDS = SEED_FILE.read_text(encoding="utf-8").split()
_DATES = ["2024-05-28", "2024-05", "1937", "28 mai 2024", "1er janvier 1937", "mai 2024",
          "May 2024", "unknown", "inconnue", "12/03/1999", "0099", "31 février 2023", "?",
          "le 3 mars 1871", "2024-13", ""]
_SPACES = [" ", " ", " ", " ", "  ", "\t", "\xa0", "\u202f", " \n", "\u2028", "\x0b"]


def _article(rng: random.Random) -> str:
    """One article in the seed format, with the variants users' files come in."""
    def sentence(words: int) -> str:
        out = []
        for _ in range(words):
            out.append(rng.choice(_WORDS))
            out.append(rng.choice(_SPACES) if rng.random() < 0.1 else " ")
        return "".join(out).strip() + rng.choice([".", "", "…", " ?", ":"])

    blocks = []
    for i in range(rng.choice([0, 1, 2, 3, 5, 8])):
        if i and rng.random() < 0.2:
            blocks.append(sentence(rng.randint(1, 6)).rstrip(".…?: "))  # a heading
        else:
            blocks.append(" ".join(sentence(rng.randint(3, 40))
                                   for _ in range(rng.randint(1, 12 if rng.random() < 0.2
                                                              else 3))))
    separator = rng.choice(["\n\n", "\n\n", "\n \n", "\n\t\n\n", "\r\n\r\n"])
    body = separator.join(blocks)
    kind = rng.random()
    if kind < 0.15:
        return body  # no header: the first sentence is the title
    caption = sentence(rng.randint(0, 8)).replace("(", "").replace(")", "")
    source = f" ({rng.choice(['AFP', 'Le Monde', 'x' * 90])})" if rng.random() < 0.8 else ""
    lead = rng.choice(["", " ", "\n\n ", "\ufeff "])
    return f"{lead}date {rng.choice(_DATES)} {caption}{source}\n{separator}{body}\n"


def _fields(text: str) -> tuple[object, ...]:
    article = parse_text(text, "/lib/x.txt")
    return (article.title, article.date, article.source, article.snippet(),
            article.word_count, article.content_hash, article.text)


def _same_as_parse_text(text: str) -> None:
    try:
        expected = _fields(text)
    except ParseError as exc:
        with pytest.raises(ParseError) as info:
            summarize(text, "/lib/x.txt")
        assert (info.value.code, info.value.reason) == (exc.code, exc.reason)
        return
    assert tuple(summarize(text, "/lib/x.txt")) == expected


def summarize_or_none(text: str) -> object:
    try:
        return summarize(text, "/lib/x.txt")
    except ParseError:
        return None


def test_summarize_equals_parse_text_on_generated_articles() -> None:
    rng = random.Random(13)
    hashed_raw = 0
    for _ in range(800):
        raw = _article(rng).encode("utf-8")
        try:
            text, same = decode_as(raw, "/lib/x.txt")
        except ParseError:
            continue
        _same_as_parse_text(text)
        if not text.strip() or not summarize_or_none(text):
            continue
        if same:  # the hash taken on the file's bytes is the text's
            hashed_raw += 1
            assert summarize(text, "/lib/x.txt", raw) == summarize(text, "/lib/x.txt")
        else:
            assert raw.startswith(b"\xef\xbb\xbf") or b"\r" in raw
    assert 200 < hashed_raw < 800


_piece = st.sampled_from(
    list("ab Zé.,:;!?…()«»\n\t") + ["\n\n", " \n", "\xa0", "\u202f", "\u2028", "\x0b",
                                    "\x1c", "\x85", "date ", "2024-05 ", "mai ", "1er ",
                                    "inconnue ", "(AFP)", "\ufeff", "  ", "word " * 30])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_piece, max_size=200).map("".join))
def test_summarize_equals_parse_text_on_any_text(text: str) -> None:
    _same_as_parse_text(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("ab ,;:\n\t\xa0") + ["   ", "word ", "x" * 50]),
                max_size=300).map("".join), st.sampled_from([1, 5, 40, 160]))
def test_shortened_head_equals_shorten(text: str, length: int) -> None:
    assert _shorten_head(text, length) == shorten(text, length)


# -- whole scans --------------------------------------------------------------------------

def _library(folder: Path, count: int) -> None:
    rng = random.Random(7)
    for i in range(count):
        sub = folder / f"{i % 3:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        stem = "same" if i < 3 else f"a{i:03d}"  # one stem in three folders
        (sub / f"{stem}.txt").write_bytes(_article(rng).encode("utf-8"))
    (folder / "00" / "empty.txt").write_bytes(b"")
    (folder / "01" / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "02" / "latin1.txt").write_bytes("date 2024 Été (AFP)\n\nÉté.\n".encode("latin-1"))


def _dump(db: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """Every article row, and every token of both FTS tables (term, row, column, offset)."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT rid, rel, id, size, mtime_ns, title, date_iso, precision, "
                            "source, snippet, word_count, content_hash, error FROM articles "
                            "ORDER BY rid").fetchall()
        tokens = []
        for table in ("articles_fts", "titles_fts"):
            conn.execute(f"CREATE VIRTUAL TABLE temp.v_{table} USING "
                         f"fts5vocab(main, '{table}', 'instance')")
            tokens += conn.execute(f"SELECT '{table}', term, doc, col, offset FROM "
                                   f"temp.v_{table} ORDER BY 2, 3, 4, 5").fetchall()
        return rows, tokens
    finally:
        conn.close()


def _scan(db: Path, lib: Path, workers: int) -> tuple[li.ScanResult, list[li.ArticleRow]]:
    index = LibraryIndex(db, workers=workers)
    streamed: list[li.ArticleRow] = []
    result = index.scan(lib, on_batch=streamed.extend)
    assert sorted(streamed) == sorted(index.rows(lib))  # what the list got as it came
    hits = index.search(lib, "le OR la").pairs()
    index.close()
    assert hits
    return result, streamed


def test_first_index_is_the_same_every_way(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(pipeline, "BATCH_FILES", 7)
    monkeypatch.setattr(pipeline, "POOL_MIN_FILES", 10)
    monkeypatch.setattr(walk, "LISTED_STEP", 5)  # the pool starts during the walk
    lib = tmp_path / "lib"
    _library(lib, 60)
    plain, plain_rows = _scan(tmp_path / "plain.sqlite3", lib, workers=0)
    pooled, pooled_rows = _scan(tmp_path / "pooled.sqlite3", lib, workers=1)

    # the one-by-one path (what a rescan of changed files takes) as reference
    monkeypatch.setattr(li, "_write_new", lambda *args: False)
    single, single_rows = _scan(tmp_path / "single.sqlite3", lib, workers=0)

    expected = _dump(tmp_path / "single.sqlite3")
    assert _dump(tmp_path / "plain.sqlite3") == expected
    assert _dump(tmp_path / "pooled.sqlite3") == expected
    assert plain_rows == pooled_rows == single_rows
    for result in (plain, pooled):
        assert (result.added, [p.path for p in result.problems]) == (
            single.added, [p.path for p in single.problems])
    assert single.added + len(single.problems) == 63 and single.added > 30

    # and the rows hold what read_article gives
    for row in single_rows:
        article = read_article(row.path)
        assert (row.title, row.date, row.source, row.snippet, row.word_count,
                row.content_hash) == (article.title, article.date, article.source,
                                      article.snippet(), article.word_count,
                                      article.content_hash)


def test_batch_indexed_meanwhile_by_another_window_is_replaced(tmp_path: Path,
                                                               monkeypatch) -> None:
    """The executemany of new rows meets a row another process wrote since the listing:
    the batch goes row by row and replaces it, as before."""
    monkeypatch.setattr(pipeline, "BATCH_FILES", 5)
    lib = tmp_path / "lib"
    _library(lib, 12)
    db = tmp_path / "library.sqlite3"
    other = LibraryIndex(db, workers=0)
    other.scan(lib)
    other_rows = {r.id: r for r in other.rows(lib)}
    other_hits = sorted(aid for aid, _ in other.search(lib, "le OR la"))
    other.close()
    index = LibraryIndex(db, workers=0)
    monkeypatch.setattr(index, "_existing", lambda lib_id: {})  # listed before the other
    result = index.scan(lib)
    assert result.added == len(other_rows) > 3
    rows = {r.id: r for r in index.rows(lib)}
    assert rows.keys() == other_rows.keys()
    assert all(rows[k]._replace(rowid=0) == other_rows[k]._replace(rowid=0) for k in rows)
    assert all(rows[k].rowid > max(r.rowid for r in other_rows.values()) for k in rows)
    assert sorted(aid for aid, _ in index.search(lib, "le OR la")) == other_hits
    index.close()


def test_row_ids_not_consecutive_fall_back_to_one_by_one(tmp_path: Path,
                                                        monkeypatch) -> None:
    monkeypatch.setattr(pipeline, "BATCH_FILES", 4)
    lib = tmp_path / "lib"
    _library(lib, 9)
    reference, _ = _scan(tmp_path / "reference.sqlite3", lib, workers=0)
    calls = iter(range(1000))
    real = li._last_rid
    monkeypatch.setattr(li, "_last_rid",
                        lambda conn: real(conn) + (next(calls) % 2))  # an unexpected gap
    result, _ = _scan(tmp_path / "fallback.sqlite3", lib, workers=0)
    assert result.added == reference.added
    assert _dump(tmp_path / "fallback.sqlite3") == _dump(tmp_path / "reference.sqlite3")


def test_an_early_pool_is_closed_when_the_scan_fails(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(pipeline, "POOL_MIN_FILES", 2)
    monkeypatch.setattr(walk, "LISTED_STEP", 1)
    lib = tmp_path / "lib"
    _library(lib, 6)
    pools: list[pipeline.EarlyPool] = []
    real_init = pipeline.EarlyPool.__init__

    def keep(self: pipeline.EarlyPool, workers: int) -> None:
        real_init(self, workers)
        pools.append(self)

    monkeypatch.setattr(pipeline.EarlyPool, "__init__", keep)
    started: list[object] = []
    real_start = pipeline.start_pool
    monkeypatch.setattr(pipeline, "start_pool", lambda n: started.append(real_start(n)) or started[-1])
    monkeypatch.setattr(li, "assign_ids", lambda rels: 1 / 0)  # fails after the walk
    index = LibraryIndex(tmp_path / "library.sqlite3", workers=1)
    with pytest.raises(ZeroDivisionError):
        index.scan(lib)
    index.close()
    assert started and started[0] is not None  # started during the walk
    assert len(pools) == 1 and pools[0].pool is None  # then shut down


def _snapshot_rows(index: LibraryIndex, lib: Path) -> list[tuple[object, ...]]:
    lib_id = index._library_id(lib, create=False) or 0
    generation, chunks = index._snapshot(lib_id)
    assert chunks is not None, "no valid snapshot"
    return [row for chunk in chunks for row in marshal.loads(chunk)]


def test_first_index_snapshot_from_memory_equals_sql(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(pipeline, "BATCH_FILES", 6)
    monkeypatch.setattr(li, "SNAPSHOT_CHUNK", 7)
    lib = tmp_path / "lib"
    _library(lib, 25)
    (lib / "01" / "zz.txt").write_text("Écrit.\n\nUn texte de plus.\n", encoding="utf-8")
    (lib / "01" / "é.txt").write_text("Accent.\n\nUn autre texte.\n", encoding="utf-8")
    index = LibraryIndex(tmp_path / "library.sqlite3", workers=0)
    index.scan(lib)
    lib_id = index._library_id(lib, create=False) or 0
    from_sql = index._row_tuples(lib_id, str(lib.resolve()) + os.sep)
    assert _snapshot_rows(index, lib) == from_sql and len(from_sql) > 15
    index.close()


def test_first_index_written_to_meanwhile_snapshots_from_sql(tmp_path: Path,
                                                              monkeypatch) -> None:
    """Another window indexes the same library during this first index: the rows this
    scan kept are not the library's any more, the snapshot is read from SQL."""
    monkeypatch.setattr(pipeline, "BATCH_FILES", 4)
    lib = tmp_path / "lib"
    _library(lib, 16)
    db = tmp_path / "library.sqlite3"
    index = LibraryIndex(db, workers=0)
    other = LibraryIndex(db, workers=0)
    calls: list[int] = []

    def meanwhile(rows: list[li.ArticleRow]) -> None:
        if not calls:
            (lib / "02" / "late.txt").write_text("Tard.\n\nArrivé pendant le premier index.\n",
                                                 encoding="utf-8")
            other.scan(lib)  # it sees late.txt, this scan does not
        calls.append(len(rows))

    monkeypatch.setattr(li._Fresh, "sorted_rows", lambda self, prefix: pytest.fail("stale"))
    index.scan(lib, on_batch=meanwhile)
    lib_id = index._library_id(lib, create=False) or 0
    from_sql = index._row_tuples(lib_id, str(lib.resolve()) + os.sep)
    assert any(row[1] == "late" for row in from_sql)
    assert _snapshot_rows(index, lib) == from_sql
    other.close()
    index.close()


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", ".", "/", "txt", "TXT", "Tx", ".txt", " ", "é", "\udcff"]),
                max_size=8).map("".join))
def test_stem_equals_splitext_of_basename(rel: str) -> None:
    assert li._stem(rel) == os.path.splitext(os.path.basename(rel))[0]


def _die(root: str, piece: list[tuple[str, int, int]]) -> list[tuple[object, ...]]:
    os._exit(3)  # a parsing process killed (out of memory, by the user…)


def test_a_dead_parsing_process_leaves_the_parsing_to_the_writer(tmp_path: Path,
                                                                monkeypatch) -> None:
    monkeypatch.setattr(pipeline, "BATCH_FILES", 8)
    monkeypatch.setattr(pipeline, "POOL_MIN_FILES", 5)
    lib = tmp_path / "lib"
    _library(lib, 40)
    reference, reference_rows = _scan(tmp_path / "reference.sqlite3", lib, workers=0)
    monkeypatch.setattr(pipeline, "parse_chunk_plain", _die)
    here: list[int] = []
    real = pipeline.parse_chunk
    monkeypatch.setattr(pipeline, "parse_chunk", lambda root, files: here.append(len(files))
                        or real(root, files))
    result, rows = _scan(tmp_path / "broken.sqlite3", lib, workers=1)
    assert sum(here) == 43  # every file parsed by the writer in the end
    assert (result.added, rows) == (reference.added, reference_rows)
    assert _dump(tmp_path / "broken.sqlite3") == _dump(tmp_path / "reference.sqlite3")


def test_a_pooled_scan_cancelled_resumes_to_the_same_index(tmp_path: Path,
                                                           monkeypatch) -> None:
    monkeypatch.setattr(pipeline, "BATCH_FILES", 6)
    monkeypatch.setattr(pipeline, "POOL_MIN_FILES", 5)
    lib = tmp_path / "lib"
    _library(lib, 40)
    _scan(tmp_path / "reference.sqlite3", lib, workers=0)
    index = LibraryIndex(tmp_path / "cancelled.sqlite3", workers=1)
    answers = iter([False, True])
    first = index.scan(lib, cancelled=lambda: next(answers, True))
    assert first.cancelled and 0 < first.added + len(first.problems) <= 12
    second = index.scan(lib)
    assert not second.cancelled and second.unchanged == first.added + len(first.problems)
    reference = LibraryIndex(tmp_path / "reference.sqlite3", workers=0)
    assert sorted(r._replace(rowid=0) for r in index.rows(lib)) == sorted(
        r._replace(rowid=0) for r in reference.rows(lib))
    reference.close()
    index.close()
