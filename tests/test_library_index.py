"""Library index: incremental scans, bad files, damage, search syntax, cancellation.

Libraries are written by the tests themselves (the seed file plus generated variants)."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import pytest

from reader.core.library import index as li
from reader.core.library import scan_pipeline as pipeline
from reader.core.library.dates import Precision
from reader.core.library.index import ArticleRow, LibraryIndex
from reader.core.library.parser import MAX_FILE_BYTES, ParseError


def write(path: Path, caption: str, *paragraphs: str, date: str = "2024-05-28",
          source: str = "AFP") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "\n\n".join(paragraphs or ("Un paragraphe ordinaire, avec une fin.",))
    path.write_text(f" date {date} {caption} ({source})\n\n{body}\n", encoding="utf-8")
    return path


def touch_later(path: Path, seconds: int = 10) -> None:
    """Move mtime forward: some file systems keep the same mtime for quick rewrites."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + seconds * 1_000_000_000))


def make_library(folder: Path, count: int, seed_text: str | None = None) -> list[Path]:
    paths = []
    for i in range(count):
        paths.append(write(folder / f"art_{i:03d}.txt", f"Titre numéro {i}",
                           f"Paragraphe unique{i} pour l'article {i}.",
                           "Texte commun à tous les articles."))
    if seed_text is not None:
        seed = folder / "seed.txt"
        seed.write_text(seed_text, encoding="utf-8")
        paths.append(seed)
    return paths


@pytest.fixture
def index(tmp_path: Path):
    ix = LibraryIndex(tmp_path / "cache" / "library.sqlite3")
    yield ix
    ix.close()


def ids(rows: list[ArticleRow]) -> set[str]:
    return {r.id for r in rows}


def found(ix: LibraryIndex, folder: Path, query: str) -> set[str]:
    return {aid for aid, _ in ix.search(folder, query)}


def test_scan_fills_rows_from_the_seed(index: LibraryIndex, tmp_path: Path,
                                       seed_text: str) -> None:
    lib = tmp_path / "lib"
    make_library(lib, 2, seed_text)
    result = index.scan(lib)
    assert (result.added, result.updated, result.removed, result.unchanged) == (3, 0, 0, 0)
    assert result.problems == [] and not result.cancelled
    rows = {r.id: r for r in index.rows(lib)}
    seed = rows["seed"]
    assert seed.title == "Jens Stoltenberg - OTAN"
    assert seed.source == "AFP"
    assert (seed.date_iso, seed.precision) == ("2024-05-01", int(Precision.MONTH))
    assert seed.date.display() == "mai 2024"
    assert seed.word_count > 300 and seed.snippet.startswith("La guerre en Ukraine")
    assert Path(seed.path) == (lib / "seed.txt").resolve()
    assert rows["art_001"].date.display() == "28 mai 2024"


def test_incremental_rescan_counts(index: LibraryIndex, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    paths = make_library(lib, 4)
    assert index.scan(lib).added == 4
    write(lib / "new.txt", "Nouvel article", "Le mot nouveauté apparaît.")
    write(paths[0], "Titre modifié", "Le texte a changé : modification visible.")
    touch_later(paths[0])
    paths[1].unlink()
    result = index.scan(lib)
    assert (result.added, result.updated, result.removed, result.unchanged) == (1, 1, 1, 2)
    rows = {r.id: r for r in index.rows(lib)}
    assert set(rows) == {"art_000", "art_002", "art_003", "new"}
    assert rows["art_000"].title == "Titre modifié"
    # the old text of the modified file and the deleted file are no longer found
    assert found(index, lib, "unique0") == set()
    assert found(index, lib, "unique1") == set()
    assert found(index, lib, "modification") == {"art_000"}
    assert found(index, lib, "nouveaute") == {"new"}
    again = index.scan(lib)
    assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, 4)


def test_broken_files_listed_and_remembered(tmp_path: Path, monkeypatch) -> None:
    lib = tmp_path / "lib"
    make_library(lib, 3)
    bad = lib / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    (bad / "latin1.txt").write_bytes(" date 2024 Élève (AFP)\n\nÉté.\n".encode("latin-1"))
    (bad / "header_only.txt").write_text(" date 2024-05 Rien (AFP)\n\n", encoding="utf-8")
    with (bad / "huge.txt").open("wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    db = tmp_path / "cache" / "library.sqlite3"
    ix = LibraryIndex(db)
    result = ix.scan(lib)
    reasons = {Path(p.path).name: p.reason for p in result.problems}
    assert set(reasons) == {"empty.txt", "binary.txt", "latin1.txt", "header_only.txt",
                            "huge.txt"}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "UTF-8" in reasons["latin1.txt"]
    assert "no article text" in reasons["header_only.txt"]
    assert "too large" in reasons["huge.txt"]
    assert result.added == 3 and ids(ix.rows(lib)) == {"art_000", "art_001", "art_002"}
    ix.close()

    # warm reopen: problems are known without reading any file again
    parsed: list[str] = []
    real = pipeline.parse_file

    def counting(root: str, rel: str, size: int, mtime_ns: int):  # type: ignore[no-untyped-def]
        parsed.append(rel)
        return real(root, rel, size, mtime_ns)

    monkeypatch.setattr(pipeline, "parse_file", counting)
    ix = LibraryIndex(db)
    assert {Path(p.path).name for p in ix.problems(lib)} == set(reasons)
    again = ix.scan(lib)
    assert parsed == [] and again.unchanged == 8
    assert {Path(p.path).name for p in again.problems} == set(reasons)
    # a fixed file leaves the problem list and joins the articles
    write(bad / "empty.txt", "Réparé", "Le fichier a été réparé.")
    touch_later(bad / "empty.txt")
    fixed = ix.scan(lib)
    assert parsed == [os.path.join("bad", "empty.txt")]
    assert fixed.added == 1 and "empty.txt" not in {Path(p.path).name for p in fixed.problems}
    assert "bad/empty" in ids(ix.rows(lib)) or "empty" in ids(ix.rows(lib))
    ix.close()


def test_file_deleted_or_damaged_during_scan(index: LibraryIndex, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    paths = make_library(lib, 6)
    calls = 0

    def sabotage() -> bool:
        nonlocal calls
        calls += 1
        if calls == 1:  # before the first file is read, two later ones change under us
            paths[4].unlink()
            paths[5].write_bytes(b"\x00\x01\x02" * 100)
        return False

    result = index.scan(lib, cancelled=sabotage)
    assert not result.cancelled
    reasons = {Path(p.path).name: p.reason for p in result.problems}
    assert "disappeared" in reasons["art_004.txt"]
    assert "binary" in reasons["art_005.txt"]
    assert ids(index.rows(lib)) == {f"art_{i:03d}" for i in range(4)}
    # the vanished file is not remembered; the next scan sees only what is there
    assert {Path(p.path).name for p in index.problems(lib)} == {"art_005.txt"}


def test_damaged_index_is_rebuilt(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    make_library(lib, 3)
    db = tmp_path / "cache" / "library.sqlite3"
    ix = LibraryIndex(db)
    ix.scan(lib)
    ix.close()
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    db.write_bytes(os.urandom(8192))
    ix = LibraryIndex(db)
    assert "damaged" in ix.notice
    assert ix.rows(lib) == []
    assert ix.scan(lib).added == 3
    assert len(ix.rows(lib)) == 3
    assert found(ix, lib, "commun") == {"art_000", "art_001", "art_002"}
    ix.close()
    assert [p.name for p in db.parent.iterdir() if "damaged" in p.name] == []


def test_index_from_a_newer_version_is_rebuilt(tmp_path: Path) -> None:
    db = tmp_path / "cache" / "library.sqlite3"
    LibraryIndex(db).close()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version=99")
    conn.close()
    ix = LibraryIndex(db)
    assert "newer version" in ix.notice
    ix.close()


def test_accent_insensitive_search(index: LibraryIndex, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    write(lib / "a.txt", "Rentrée", "Chaque élève de l'école reçoit un cahier.")
    write(lib / "b.txt", "Sans accents", "Un eleve ecrit sans accent.")
    write(lib / "c.txt", "Autre", "Rien à voir ici.")
    index.scan(lib)
    assert found(index, lib, "eleve") == {"a", "b"}
    assert found(index, lib, "ÉLÈVE") == {"a", "b"}
    assert found(index, lib, "ecole") == {"a"}
    assert found(index, lib, "rentree") == {"a"}  # titles are searched too


def test_phrase_prefix_or_not(index: LibraryIndex, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    write(lib / "a.txt", "Histoire", "Le conflit en Ukraine rappelle la guerre froide.")
    write(lib / "b.txt", "Nerfs", "La froide guerre des nerfs continue à Kiev.")
    write(lib / "c.txt", "Manifestation", "Les Ukrainiens manifestent à Paris.")
    index.scan(lib)
    assert found(index, lib, "guerre froide") == {"a", "b"}
    assert found(index, lib, '"guerre froide"') == {"a"}
    assert found(index, lib, "ukrain*") == {"a", "c"}
    assert found(index, lib, "kiev OR paris") == {"b", "c"}
    assert found(index, lib, "guerre -kiev") == {"a"}
    assert found(index, lib, "guerre NOT kiev") == {"a"}
    assert found(index, lib, "-guerre") == {"c"}
    assert found(index, lib, "froide OR paris ukrain*") == {"a", "c"}


def test_search_ranks_title_hits_first_and_limits(index: LibraryIndex, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    write(lib / "body.txt", "Un titre", "Il est question de Bismarck ici, une fois.")
    write(lib / "title.txt", "Bismarck à Berlin", "Le chancelier Bismarck parle.")
    index.scan(lib)
    ranked = index.search(lib, "bismarck")
    assert [aid for aid, _ in ranked] == ["title", "body"]
    assert ranked[0][1] <= ranked[1][1]
    assert index.search(lib, "bismarck", limit=1) == ranked[:1]


@pytest.mark.parametrize("query", [
    '"', '""', "AND", "OR OR", "NOT", "(", ")", "title:", "*", "-", "--", "NEAR(",
    '"phrase non fermée', "guerre AND", "NOT NOT guerre", "^guerre", "l'otan", "a:b:c",
    "{guerre}", "guerre*)", "'", "\\", "%", "     ", "",
])
def test_invalid_syntax_never_raises(index: LibraryIndex, tmp_path: Path, query: str) -> None:
    lib = tmp_path / "lib"
    write(lib / "a.txt", "Guerre", "La guerre et l'OTAN, phrase non fermée.")
    index.scan(lib)
    result = index.search(lib, query)
    assert isinstance(result, li.SearchHits)
    index.match_terms(query)


def test_unbalanced_quote_is_a_phrase(index: LibraryIndex, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    write(lib / "a.txt", "A", "La guerre et l'OTAN, phrase non fermée.")
    write(lib / "b.txt", "B", "Une phrase qui n'est pas fermée, non.")
    index.scan(lib)
    assert found(index, lib, '"phrase non fermée') == {"a"}


def test_cancel_keeps_committed_rows_and_next_scan_resumes(tmp_path: Path,
                                                           monkeypatch) -> None:
    monkeypatch.setattr(pipeline, "BATCH_FILES", 2)
    lib = tmp_path / "lib"
    make_library(lib, 12)
    ix = LibraryIndex(tmp_path / "cache" / "library.sqlite3")
    calls = 0

    def cancelled() -> bool:
        nonlocal calls
        calls += 1
        return calls > 5

    batches: list[int] = []
    result = ix.scan(lib, cancelled=cancelled, on_batch=lambda rows: batches.append(len(rows)))
    assert result.cancelled
    assert result.added == 5 == len(ix.rows(lib)) == sum(batches)
    progress: list[tuple[int, int]] = []
    resumed = ix.scan(lib, progress=lambda done, total: progress.append((done, total)))
    assert not resumed.cancelled
    assert (resumed.added, resumed.unchanged) == (7, 5)
    assert progress[0] == (0, 7) and progress[-1] == (7, 7)
    assert len(ix.rows(lib)) == 12
    ix.close()


def test_two_libraries_do_not_mix(index: LibraryIndex, tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    write(one / "same.txt", "Premier", "Le mot alpha est ici.")
    write(two / "same.txt", "Second", "Le mot beta est là.")
    write(two / "other.txt", "Autre", "Encore beta.")
    index.scan(one)
    index.scan(two)
    assert ids(index.rows(one)) == {"same"}
    assert ids(index.rows(two)) == {"same", "other"}
    assert found(index, one, "beta") == set()
    assert found(index, two, "beta") == {"same", "other"}
    assert found(index, two, "-beta") == set()
    assert index.load_article("same", one).title == "Premier"
    assert index.load_article("same", two).title == "Second"
    (two / "other.txt").unlink()
    assert index.scan(two).removed == 1
    assert ids(index.rows(one)) == {"same"}
    assert index.rows(tmp_path / "never-scanned") == []
    assert index.search(tmp_path / "never-scanned", "alpha") == []


def test_duplicate_stems_get_relative_ids(index: LibraryIndex, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    write(lib / "a.txt", "Racine", "Texte racine.")
    write(lib / "x" / "a.txt", "Dans x", "Texte x.")
    write(lib / "y" / "a.txt", "Dans y", "Texte y.")
    write(lib / "y" / "b.txt", "Seul", "Texte b.")
    index.scan(lib)
    assert ids(index.rows(lib)) == {"a", "x/a", "y/a", "b"}
    article = index.load_article("x/a", lib)
    assert article.id == "x/a" and article.title == "Dans x"
    (lib / "x" / "a.txt").unlink()
    (lib / "y" / "a.txt").unlink()
    index.scan(lib)
    assert ids(index.rows(lib)) == {"a", "b"}


def test_load_article_rereads_and_raises(index: LibraryIndex, tmp_path: Path,
                                         seed_text: str) -> None:
    lib = tmp_path / "lib"
    make_library(lib, 1, seed_text)
    index.scan(lib)
    article = index.load_article("seed", lib)
    assert article.text.startswith("La guerre en Ukraine") and article.id == "seed"
    (lib / "seed.txt").write_bytes(b"")
    with pytest.raises(ParseError):
        index.load_article("seed", lib)
    (lib / "art_000.txt").unlink()
    with pytest.raises(ParseError):
        index.load_article("art_000", lib)
    with pytest.raises(KeyError):
        index.load_article("nope", lib)


def test_match_terms(index: LibraryIndex) -> None:
    assert index.match_terms('otan "guerre froide" ukrain* -russie OR') == [
        "otan", "guerre froide", "ukrain*"]


def test_scan_in_a_worker_thread_while_reading(index: LibraryIndex, tmp_path: Path,
                                               monkeypatch) -> None:
    monkeypatch.setattr(pipeline, "BATCH_FILES", 3)
    lib = tmp_path / "lib"
    make_library(lib, 30)
    seen: list[int] = []
    worker = threading.Thread(target=index.scan, args=(lib,),
                              kwargs={"on_batch": lambda rows: seen.append(len(rows))})
    worker.start()
    while worker.is_alive():
        index.rows(lib)
        index.search(lib, "commun")
    worker.join()
    assert sum(seen) == 30 and len(index.rows(lib)) == 30
    assert len(found(index, lib, "commun")) == 30


def test_worker_processes_give_the_same_index(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(pipeline, "POOL_MIN_FILES", 0)
    monkeypatch.setattr(pipeline, "BATCH_FILES", 4)
    lib = tmp_path / "lib"
    make_library(lib, 10)
    (lib / "empty.txt").write_bytes(b"")
    pooled = LibraryIndex(tmp_path / "pooled.sqlite3", workers=2)
    plain = LibraryIndex(tmp_path / "plain.sqlite3", workers=0)
    a, b = pooled.scan(lib), plain.scan(lib)
    assert (a.added, len(a.problems)) == (b.added, len(b.problems)) == (10, 1)
    strip = [(r.id, r.title, r.date_iso, r.word_count, r.content_hash) for r in plain.rows(lib)]
    assert [(r.id, r.title, r.date_iso, r.word_count, r.content_hash)
            for r in pooled.rows(lib)] == strip
    assert found(pooled, lib, "unique3") == {"art_003"}
    pooled.close()
    plain.close()


def test_fts_rebuilt_when_dead_entries_pile_up(index: LibraryIndex, tmp_path: Path,
                                               monkeypatch) -> None:
    lib = tmp_path / "lib"
    paths = make_library(lib, 4)
    index.scan(lib)
    for path in paths[:3]:
        write(path, "Réécrit", "Contenu réécrit complètement.")
        touch_later(path)
    index.scan(lib)  # three dead FTS entries now
    monkeypatch.setattr(li, "REBUILD_DEAD_SLACK", 0)
    monkeypatch.setattr(li, "REBUILD_DEAD_RATIO", 0.5)
    result = index.scan(lib)  # 3 dead > 0.5 × 4 live: rebuild, every file re-read
    assert result.updated == 4
    assert found(index, lib, "reecrit") == {"art_000", "art_001", "art_002"}
    assert found(index, lib, "unique3") == {"art_003"}
    assert found(index, lib, "unique0") == set()
    assert index.scan(lib).unchanged == 4


def test_missing_folder_is_a_clear_error(index: LibraryIndex, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    make_library(lib, 2)
    index.scan(lib)
    with pytest.raises(FileNotFoundError, match="does not exist"):
        index.scan(tmp_path / "unplugged")
    assert len(index.rows(lib)) == 2


def test_hidden_and_other_files_are_ignored(index: LibraryIndex, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    write(lib / "a.txt", "A", "Texte.")
    write(lib / ".hidden.txt", "Caché", "Texte.")
    write(lib / ".git" / "b.txt", "Git", "Texte.")
    write(lib / "notes.md", "Notes", "Texte.")
    write(lib / "UPPER.TXT", "Majuscules", "Texte.")
    index.scan(lib)
    assert ids(index.rows(lib)) == {"a", "UPPER"}


def test_damage_found_after_opening_is_rebuilt(tmp_path: Path) -> None:
    """The open skips quick_check (a 250 MB read): damage met later rebuilds the index."""
    lib = tmp_path / "lib"
    make_library(lib, 20)
    db = tmp_path / "cache" / "library.sqlite3"
    ix = LibraryIndex(db)
    ix.scan(lib)
    ix.close()
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    data = bytearray(db.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page:] = os.urandom(len(data) - page)  # page 1 (header, schema) survives
    db.write_bytes(bytes(data))
    ix = LibraryIndex(db)
    assert ix.rows(lib) == [] or ix.notice  # either already rebuilt, or damage not met yet
    result = ix.scan(lib)
    assert "damaged" in ix.notice
    assert result.added == 20 and len(ix.rows(lib)) == 20
    assert len(found(ix, lib, "commun")) == 20
    ix.close()


def test_many_hits_rank_title_matches_first(index: LibraryIndex, tmp_path: Path,
                                            monkeypatch) -> None:
    monkeypatch.setattr(li, "EXACT_RANK_MAX", 2)
    lib = tmp_path / "lib"
    for i in range(5):
        write(lib / f"body{i}.txt", f"Article {i}", "Il y est question de Bismarck.")
    write(lib / "title.txt", "Bismarck à Berlin", "Le chancelier Bismarck parle.")
    write(lib / "other.txt", "Autre", "Rien à voir.")
    index.scan(lib)
    ranked = index.search(lib, "bismarck")
    assert ranked[0][0] == "title" and ranked[0][1] < 0
    assert {aid for aid, _ in ranked[1:]} == {f"body{i}" for i in range(5)}
    assert all(rank == 0.0 for _, rank in ranked[1:])
    assert index.search(lib, "bismarck", limit=1) == ranked[:1]
    assert len(index.search(lib, "bismarck", limit=3)) == 3
    assert found(index, lib, "bismarck -berlin") == {f"body{i}" for i in range(5)}


def test_many_hits_title_hit_excluded_by_its_body(index: LibraryIndex, tmp_path: Path,
                                                  monkeypatch) -> None:
    monkeypatch.setattr(li, "EXACT_RANK_MAX", 1)
    lib = tmp_path / "lib"
    write(lib / "a.txt", "Bismarck parle", "Il est à Vienne.")
    write(lib / "b.txt", "Bismarck se tait", "Il est à Berlin.")
    write(lib / "c.txt", "Autre", "Bismarck est ailleurs.")
    index.scan(lib)
    ranked = index.search(lib, "bismarck -vienne")
    assert ranked[0][0] == "b" and ranked[0][1] < 0  # the title hit kept, ranked first
    assert [aid for aid, _ in ranked] == ["b", "c"]


def test_search_hits_give_rowids_for_the_list_filter(index: LibraryIndex,
                                                     tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    write(lib / "a.txt", "Premier", "La guerre continue.")
    write(lib / "b.txt", "Guerre", "La guerre encore.")
    write(lib / "c.txt", "Paix", "Rien ici.")
    index.scan(lib)
    rowid = {row.id: row.rowid for row in index.rows(lib)}
    hits = index.search(lib, "guerre")
    bitmap = hits.bitmap()
    assert {rid for rid, hit in enumerate(bitmap) if hit} == {rowid["a"], rowid["b"]}
    assert set(hits.rank_of) == {rowid["a"], rowid["b"]}  # few hits: all ranked
    assert hits.ids == ["b", "a"]  # the title hit weighs more
    assert len(hits) == 2 and hits[0] == ("b", hits.rank_of[rowid["b"]])
    limited = index.search(lib, "guerre", limit=1)
    assert limited == hits[:1] and len(limited) == 1
    assert index.search(lib, "-guerre").ids == ["c"]


def test_index_from_before_the_titles_table_is_upgraded(tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "cache" / "library.sqlite3"
    lib = tmp_path / "lib"
    write(lib / "t.txt", "Bismarck à Berlin", "Le chancelier parle.")
    write(lib / "u.txt", "Autre", "Bismarck ailleurs.")
    ix = LibraryIndex(db)
    ix.scan(lib)
    ix.close()
    conn = sqlite3.connect(db)  # as version 2 left it: no title-only table
    conn.execute("DROP TABLE titles_fts")
    conn.execute("PRAGMA user_version=2")
    conn.commit()
    conn.close()
    monkeypatch.setattr(li, "EXACT_RANK_MAX", 1)
    ix = LibraryIndex(db)
    try:
        assert ix.scan(lib).unchanged == 2
        ranked = ix.search(lib, "bismarck")
        assert ranked[0][0] == "t" and ranked[0][1] < 0 and ranked[1] == ("u", 0.0)
    finally:
        ix.close()


def test_rows_snapshot_matches_sql_and_follows_changes(index: LibraryIndex, tmp_path: Path,
                                                       monkeypatch) -> None:
    monkeypatch.setattr(li, "SNAPSHOT_CHUNK", 2)  # 5 rows: three chunks
    lib = tmp_path / "lib"
    paths = make_library(lib, 5)
    index.scan(lib)
    from_sql = index._row_tuples(index._library_id(lib, create=False) or 0,
                                 str(lib.resolve()) + os.sep)

    def no_sql(*args: object) -> list[tuple]:  # type: ignore[type-arg]
        raise AssertionError("rows() should have used the snapshot")

    with monkeypatch.context() as m:
        m.setattr(index, "_row_tuples", no_sql)
        snap = index.rows(lib)
    assert [tuple(r) for r in snap] == from_sql
    assert all(isinstance(r, ArticleRow) for r in snap)
    assert index._ids(index._library_id(lib, create=False) or 0) == {
        r.rowid: r.id for r in snap}  # the search map came with the rows
    # a cancelled scan writes rows but no snapshot: rows() must not serve the stale one
    write(paths[0], "Changé", "Nouveau texte.")
    touch_later(paths[0])
    write(lib / "extra.txt", "En plus", "Texte.")
    index.scan(lib, cancelled=iter([False, True]).__next__)
    rows = {r.id: r for r in index.rows(lib)}
    assert rows["art_000"].title == "Changé" and "extra" not in rows
    index.scan(lib)
    assert "extra" in ids(index.rows(lib))


def test_unreadable_snapshot_falls_back_to_sql(index: LibraryIndex, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    make_library(lib, 3)
    index.scan(lib)
    index._conn.execute("UPDATE snapshots SET data = x'00ff00'")
    assert ids(index.rows(lib)) == {"art_000", "art_001", "art_002"}
    index._conn.execute("UPDATE snapshots SET format = 'marshal0-py2.7-v1'")
    assert len(index.rows(lib)) == 3


def test_split_match_gives_the_same_hits_and_closes_its_thread(tmp_path: Path,
                                                               monkeypatch) -> None:
    """A large library's match runs in two halves (two connections, two threads): the
    halves together are exactly the single match, syntax errors still fall back, and
    closing the index leaves no thread behind."""
    lib = tmp_path / "lib"
    for i in range(12):
        body = "La guerre continue." if i % 3 else "La paix revient."
        write(lib / f"a{i:02}.txt", f"Article {i}", body, f"Paris et Londres, {i}.")
    index = LibraryIndex(tmp_path / "index.sqlite3")
    try:
        index.scan(lib)
        queries = ["guerre", '"la guerre"', "paris OR paix", "guerre -paix", "-guerre", "londr*",
                   "article*", "AND", '"']

        def results() -> dict[tuple[str, int], tuple[object, ...]]:
            out = {}
            for exact_max in (100, 2):  # every hit ranked by bm25 / title hits only
                monkeypatch.setattr(li, "EXACT_RANK_MAX", exact_max)
                for q in queries:
                    hits = index.search(lib, q)
                    out[q, exact_max] = (hits.ids, hits.bitmap(), sorted(hits.rank_of.items()))
            return out

        single = results()
        monkeypatch.setattr(li, "SPLIT_MIN_ROWS", 2)
        split = results()
        assert split == single
        assert single["guerre", 100][2] and len(single["article*", 2][2]) == 12
        single = {q: v for (q, m), v in single.items() if m == 100}
        assert len(single["guerre"][0]) == 8 and single["-guerre"][0]
        assert any(t.name.startswith("reader-fts-upper") for t in threading.enumerate())
    finally:
        index.close()
    assert not any(t.name.startswith("reader-fts-upper") for t in threading.enumerate())
