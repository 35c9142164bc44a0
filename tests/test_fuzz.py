"""Property-based fuzzing (Hypothesis) of what reads hostile input (issue 10): the article
parser, the library scan (names with any bytes, FIFOs, symlinks out of the library, files
changing under the scan) and the search-query parser.  Every input gives a result or a
clean, typed error (:class:`ParseError` with a code), never a traceback."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.library.index import LibraryIndex
from reader.core.library.parser import ParseError, decode, parse_text
from reader.core.library.problems import word_problem
from reader.core.library.search_query import find_matches, match_terms, parse_query

SEED = b"date 28 mai 2024 Titre (Source)\n\nUn paragraphe.\n"
_FUZZ = settings(max_examples=150, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# bytes shaped like articles, with hostile parts mixed in
_pieces = st.sampled_from([b"date ", b"2024", b"0001", b"mai", b"(", b")", b"\n", b"\r\n",
                           b"\n\n", b"\xff", b"\xfe\xff", b"\xef\xbb\xbf", b"\x00", b"\x1b]0;",
                           b"\t", b" ", "é".encode(), b"\xc3", b"inconnue", b"Titre", b"-"])
_articleish = st.one_of(st.binary(max_size=400),
                        st.lists(_pieces, max_size=60).map(b"".join))


@_FUZZ
@given(_articleish)
def test_parser_never_crashes(data: bytes) -> None:
    try:
        article = parse_text(decode(data, "/x.txt"), "/x.txt")
    except ParseError as exc:
        assert exc.code != "other" and word_problem_of(exc)
        return
    assert article.text and article.title
    for block in article.blocks:  # offsets map back into the text
        assert article.text[block.start:block.end] == block.text
    article.date.iso()
    article.date.display()


def word_problem_of(exc: ParseError) -> str:
    from reader.core.library.problems import Problem

    return word_problem(Problem(exc.path, exc.reason, exc.code,
                                tuple(sorted(exc.params.items()))))


@_FUZZ
@given(st.text(max_size=120))
def test_query_parser_never_crashes(query: str) -> None:
    parsed = parse_query(query)
    parsed.fts()
    parsed.positive_fts()
    parsed.excluded_fts()
    terms = match_terms(query)
    find_matches("Un texte où l'on cherche : Été, OTAN, guerre froide.", terms)


_names = st.binary(min_size=1, max_size=20).filter(
    lambda b: b"/" not in b and b"\x00" not in b and not b.startswith(b"."))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_names, st.sampled_from(["file", "fifo", "link-out", "link-in",
                                                    "dir", "bad"])),
                min_size=1, max_size=8, unique_by=lambda t: t[0]))
def test_scan_of_any_names_never_crashes(entries: list[tuple[bytes, str]]) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="reader-fuzz-"))
    try:
        lib = tmp / "lib"
        lib.mkdir()
        root = os.fsencode(lib)
        expected_articles = 0
        for name, kind in entries:
            path = os.path.join(root, name + b".txt")
            if kind == "file":
                with open(path, "wb") as fh:
                    fh.write(SEED)
                expected_articles += 1
            elif kind == "bad":
                with open(path, "wb") as fh:
                    fh.write(b"\xff\xfe\xfd garbage")
            elif kind == "fifo":
                os.mkfifo(path)
            elif kind == "link-out":
                os.symlink(b"/etc/hostname", path)
            elif kind == "link-in":
                os.symlink(os.path.join(root, b"missing.txt"), path)
            else:
                os.mkdir(path)
        index = LibraryIndex(tmp / "library.sqlite3", workers=0)
        try:
            result = index.scan(lib)
            rows = index.rows(lib)
            assert len(rows) == expected_articles
            for problem in result.problems:
                assert word_problem(problem)
                problem.path.encode("utf-8")  # storable, showable
            for row in rows:
                assert index.load_article(row.id, lib).text
            again = index.scan(lib)  # nothing changed: nothing re-read
            assert again.added == again.updated == 0
        finally:
            index.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(["grow", "shrink", "fifo", "remove", "garbage"]), min_size=1,
                max_size=6))
def test_files_changing_under_the_scan(changes: list[str]) -> None:
    """Each change happens between the walk and the parse of that file."""
    tmp = Path(tempfile.mkdtemp(prefix="reader-fuzz-"))
    try:
        lib = tmp / "lib"
        lib.mkdir()
        for i in range(len(changes)):
            (lib / f"a{i}.txt").write_bytes(SEED)
        import reader.core.library.scan_pipeline as pipeline

        real = pipeline.parse_file

        def changing(root: str, rel: str, size: int, mtime_ns: int) -> object:
            path = Path(root) / rel
            what = changes[int(Path(rel).stem[1:])]
            if what == "grow":
                path.write_bytes(SEED * 50)
            elif what == "shrink":
                path.write_bytes(b"x")
            elif what == "fifo":
                path.unlink()
                os.mkfifo(path)
            elif what == "remove":
                path.unlink()
            else:
                path.write_bytes(b"\x00\x01\x02" * 100)
            return real(root, rel, size, mtime_ns)

        pipeline.parse_file = changing  # type: ignore[assignment]
        try:
            index = LibraryIndex(tmp / "library.sqlite3", workers=0)
            index.scan(lib)
        finally:
            pipeline.parse_file = real
        index.scan(lib)  # converges to what is on disk now
        ok = sum(1 for c in changes if c in ("grow", "shrink"))
        assert len(index.rows(lib)) == ok
        index.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_search_with_hostile_queries(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "a.txt").write_bytes(SEED)
    index = LibraryIndex(tmp_path / "library.sqlite3", workers=0)
    index.scan(lib)
    for query in ["\ud800", 'a"\udcff*', "\x00", "NEAR(", "-", '"', "été*", "x" * 5000]:
        index.search(lib, query)
    index.close()
