"""Read-state store speed at library scale, beside bare SQLite doing the same I/O.

    .venv/bin/python benchmarks/bench_read_state.py [--articles 100000]

- opening a library: ``ReadStateStore.flags`` (what the service loads: half the articles
  with a state; first with 1% of the files renamed, then again) beside a bare ``SELECT`` of
  the same rows into a dict;
- "Tout marquer comme lu" on every article: ``set_flags`` (durable, returns the old states
  for undo) beside a bare ``executemany`` upsert of the same rows in one transaction;
- one toggle (``M``): ``set_flags`` on one article beside a bare durable UPSERT+COMMIT.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from reader.core.library.read_state import ReadStateStore, library_key


def timed(fn: object) -> float:
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - start


def service_mark_all(store: ReadStateStore, tmp: Path,
                     articles: list[tuple[str, str]]) -> tuple[float, float]:
    """"Tout marquer comme lu" through the service, as the window calls it: (time on the
    calling thread, time until the writer thread has written it)."""
    from PySide6.QtCore import QCoreApplication

    from reader.services.read_state import ReadStateService

    app = QCoreApplication.instance() or QCoreApplication([])
    service = ReadStateService(store, dwell_ms=-1)
    start = time.perf_counter()
    service.set_library(tmp / "lib2", articles)  # its states are read by the writer thread
    open_on_gui = time.perf_counter() - start
    while service._writer.pending_count:
        app.processEvents()
        time.sleep(0.001)
    print(f"open library states through the service: {open_on_gui * 1000:.0f} ms on the GUI "
          f"thread, {(time.perf_counter() - start) * 1000:.0f} ms until they are shown")
    ids = [a for a, _h in articles]
    start = time.perf_counter()
    service.mark_all_read(ids)
    on_gui = time.perf_counter() - start
    while service._writer.pending_count:
        app.processEvents()
        time.sleep(0.001)
    return on_gui, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    args = parser.parse_args()
    n = args.articles
    tmp = Path(tempfile.mkdtemp(prefix="reader-readstate-"))
    for name in ("lib", "lib2"):  # present: a gone library's states would be taken over
        (tmp / name).mkdir()
    lib = library_key(tmp / "lib")
    pairs = [(f"article-{i:06d}", f"{i:032x}") for i in range(n)]
    store = ReadStateStore(tmp / "data")
    store.set_flags(lib, pairs[::2], read=True)
    # 1% renamed: same hash, new id
    current = [(f"renamed-{i}" if i % 100 == 0 else a, h) for i, (a, h) in enumerate(pairs)]
    ours_open = timed(lambda: store.states(lib, current))
    ours_open_again = timed(lambda: store.flags(lib, current))  # nothing left to relink

    bare = sqlite3.connect(str(tmp / "bare.sqlite3"), isolation_level=None)
    bare.execute("PRAGMA journal_mode=WAL")
    bare.execute("PRAGMA synchronous=FULL")
    bare.execute("CREATE TABLE t (library TEXT, article_id TEXT, content_hash TEXT, read INT, "
                 "starred INT, read_at TEXT, modified TEXT, PRIMARY KEY (library, article_id)) "
                 "WITHOUT ROWID")
    rows = [(lib, a, h, 1, 0, "x", "y") for a, h in pairs[::2]]
    bare.execute("BEGIN")
    bare.executemany("INSERT INTO t VALUES (?,?,?,?,?,?,?)", rows)
    bare.execute("COMMIT")
    base_open = timed(lambda: {r[1]: r for r in bare.execute(
        "SELECT * FROM t WHERE library = ?", (lib,))})

    ours_all = timed(lambda: store.set_flags(lib, current, read=True))
    every = [(lib, a, h, 1, 0, "x", "z") for a, h in current]

    def bare_all() -> None:
        bare.execute("BEGIN IMMEDIATE")
        bare.executemany("INSERT OR REPLACE INTO t VALUES (?,?,?,?,?,?,?)", every)
        bare.execute("COMMIT")

    base_all = timed(bare_all)
    toggles, bare_toggles = [], []
    for i in range(50):
        toggles.append(timed(lambda i=i: store.set_flags(lib, [current[i]], starred=True)))

        def one(i: int = i) -> None:
            bare.execute("BEGIN IMMEDIATE")
            bare.execute("INSERT OR REPLACE INTO t VALUES (?,?,?,?,?,?,?)", every[i])
            bare.execute("COMMIT")

        bare_toggles.append(timed(one))
    gui_all, gui_write = service_mark_all(store, tmp, current)
    (tmp / "lib").rename(tmp / "moved")  # the user renames the library's folder
    moved = timed(lambda: store.flags(library_key(tmp / "moved"), current))
    store.close()
    bare.close()
    print(f"articles: {n}  (half with a state, 1% renamed)")
    print(f"open library states: {ours_open * 1000:.0f} ms (with relinking), "
          f"{ours_open_again * 1000:.0f} ms (again)  | bare SELECT into a dict "
          f"{base_open * 1000:.0f} ms  ratio {ours_open_again / base_open:.1f}x")
    print(f"mark all {n} read: {ours_all * 1000:.0f} ms  | bare executemany upsert "
          f"{base_all * 1000:.0f} ms  ratio {ours_all / base_all:.1f}x")
    print(f"mark all read through the service: {gui_all * 1000:.0f} ms on the GUI thread, "
          f"the write {gui_write * 1000:.0f} ms on the writer thread  | the store's own "
          f"mark all {ours_all * 1000:.0f} ms  ratio {gui_all / ours_all:.2f}x")
    print(f"first open of the library after its folder was renamed ({n} states taken over "
          f"by content hash): {moved * 1000:.0f} ms  | open library states again "
          f"{ours_open_again * 1000:.0f} ms  ratio {moved / ours_open_again:.1f}x")
    t, b = statistics.median(toggles), statistics.median(bare_toggles)
    print(f"one toggle (durable): median {t * 1000:.2f} ms  | bare upsert+commit "
          f"{b * 1000:.2f} ms  ratio {t / b:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
