"""Bookmarks survive crashes, concurrent writers and damaged files.

A child process (``tests/bookmark_child.py``) adds bookmarks in a loop and prints each id
after its commit; we SIGKILL it at random moments.  Every acknowledged bookmark must be
there afterwards and the database must pass ``PRAGMA integrity_check``.
"""

from __future__ import annotations

import random
import sqlite3
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bookmark_child import TEXT, kill_round, spawn  # noqa: E402

from reader.core.bookmarks.store import MIGRATIONS, BookmarkStore  # noqa: E402
from reader.core.library.parser import parse_text  # noqa: E402

ROUNDS = 50


def _check(data: Path, expected: set[str]) -> int:
    store = BookmarkStore(data)
    try:
        assert store.notice == ""
        assert store.integrity() == "ok"
        present = {b.id for b in store.all()}
        missing = expected - present
        assert not missing, f"{len(missing)} acknowledged bookmarks lost"
        return len(present)
    finally:
        store.close()


@pytest.mark.slow
def test_sigkill_never_loses_an_acknowledged_bookmark(tmp_path: Path) -> None:
    rng = random.Random(20240528)
    data = tmp_path / "data"
    acknowledged: set[str] = set()
    for _ in range(ROUNDS):
        acks = rng.choice([-1, 0, 0, 1, 2, 3, 5, 8, 13])
        acknowledged.update(kill_round(data, acks))
        _check(data, acknowledged)
    assert len(acknowledged) > ROUNDS


def test_two_processes_writing_lose_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    BookmarkStore(data).close()  # created once, so both children only write
    children = [spawn(data, 60, f"p{i}") for i in range(2)]
    ids: list[str] = []
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        ids += [line for line in out.split() if line != "ready"]
    assert len(ids) == 120
    assert _check(data, set(ids)) == 120


def test_two_connections_in_threads_lose_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    article = parse_text(TEXT, "/lib/durabilite.txt")
    stores = [BookmarkStore(data), BookmarkStore(data)]
    errors: list[BaseException] = []

    def work(store: BookmarkStore, n: int) -> None:
        try:
            for i in range(n):
                b = store.add(article, i, i + 10, note=str(i))
                store.update(b.id, note=f"{i} bis")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(s, 40)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert stores[0].count() == 80
    assert all(b.note.endswith("bis") for b in stores[1].all())
    for s in stores:
        s.close()


@pytest.mark.parametrize("damage", ["garbage", "garbled pages"])
def test_damaged_database_is_moved_aside(tmp_path: Path, damage: str) -> None:
    data = tmp_path / "data"
    store = BookmarkStore(data)
    article = parse_text(TEXT, "/lib/durabilite.txt")
    for i in range(200):
        store.add(article, i, i + 20, note="x" * 200)
    path = store.path
    store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    if damage == "garbage":
        path.write_bytes(b"\x00garbage, not a database\xff" * 500)
    else:
        raw = bytearray(path.read_bytes())
        for offset in range(4096 * 2, len(raw), 4096 * 3):  # smash some b-tree pages
            raw[offset:offset + 512] = b"\xa5" * 512
        path.write_bytes(bytes(raw))
    damaged = path.read_bytes()
    fresh = BookmarkStore(data)
    assert "damaged" in fresh.notice and fresh.db.moved_aside is not None
    assert fresh.db.moved_aside.read_bytes() == damaged  # kept, byte for byte
    b = fresh.add(article, 0, 10)
    # the readable bookmarks were salvaged into the fresh store (issue 10)
    recovered = fresh.salvage_report.recovered if fresh.salvage_report else 0
    assert b.id in {x.id for x in fresh.all()} and fresh.count() == recovered + 1
    fresh.close()


def test_integrity_of_a_fresh_store(tmp_path: Path) -> None:
    store = BookmarkStore(tmp_path)
    assert store.integrity() == "ok"
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    conn.close()
    store.close()
