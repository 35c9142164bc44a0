"""Fault injection at length (issue 10): every fault, many times, and the bookmarks that
Reader hid or lost — which must be 0 in every row.

    .venv/bin/python benchmarks/bench_faults.py [--rounds 20] [--kills 200] [--seed N]

Columns: ``injected`` faults, ``survived`` (a typed StorageError or a working store, never
another exception), ``hidden/lost``: bookmarks that were readable from the file after the
fault (checked with plain sqlite3, rowid by rowid) but that Reader does not list, or that
are gone from every file.  ``destroyed`` counts bookmarks whose bytes the fault itself
overwrote (no program could read them): the baseline to read ``hidden/lost`` against.
``ms/fault``: time to open (and salvage) the store, beside the baseline of opening the same
healthy store.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from bookmark_child import kill_round  # noqa: E402
from faults_helpers import (  # noqa: E402
    PAGE,
    article,
    btree_roots,
    damage,
    make_store,
    readable_ids,
    real_error,
)

import reader.core.salvage as salvage  # noqa: E402
import reader.core.storage as storage  # noqa: E402
from reader.core.bookmarks.store import DB_NAME, BookmarkStore  # noqa: E402
from reader.core.storage import StorageError  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Row:
    name: str
    injected: int = 0
    survived: int = 0
    hidden: int = 0
    destroyed: int = 0
    seconds: float = 0.0


def _all_ids(data: Path) -> set[str]:
    """Every bookmark id readable from any store file in ``data`` (kept copies too)."""
    found: set[str] = set()
    for path in data.iterdir():
        if path.name.startswith(DB_NAME) and not path.name.endswith(("-wal", "-shm")):
            if path.is_file():
                found |= readable_ids(path)
    return found


def _open_and_list(data: Path) -> set[str] | None:
    """The ids Reader shows, or None when it refused with a typed error."""
    store = BookmarkStore(data)
    try:
        return {b.id for b in store.all()}
    finally:
        store.close()


def run_case(row: Row, data: Path, ids: set[str], fault: Callable[[], None],
             undo: Callable[[], None] | None = None, expect_typed: bool = False) -> None:
    """Inject ``fault``, open, count; then (``undo``) remove the fault and open again:
    nothing may be missing once the fault is gone."""
    path = data / DB_NAME
    fault()
    readable = readable_ids(path) if path.is_file() else set()
    if undo is not None and not readable:  # the fault blocks reading (a FIFO for WAL…)
        readable = set(ids)
    row.injected += 1
    row.destroyed += len(ids - readable - _all_ids(data))
    started = time.perf_counter()
    try:
        shown = _open_and_list(data)
    except StorageError:
        shown = None
    except Exception as exc:  # noqa: BLE001 - counting what was not survived
        print(f"  {row.name}: {exc!r}", file=sys.stderr)
        return
    row.seconds += time.perf_counter() - started
    if undo is not None:
        undo()
        shown = _open_and_list(data)
    if shown is None:
        if not expect_typed:
            row.hidden += len(readable)
        row.survived += 1
        return
    row.survived += 1
    row.hidden += len((readable & ids) - shown)


def _patch(obj: object, name: str, value: object) -> Callable[[], None]:
    old = getattr(obj, name)
    setattr(obj, name, value)
    return lambda: setattr(obj, name, old)


def _raiser(exc: BaseException) -> Callable[..., object]:
    def fail(*_a: object, **_k: object) -> object:
        raise exc

    return fail


def fault_rounds(tmp: Path, rounds: int, rng: random.Random) -> list[Row]:
    rows: list[Row] = []
    undo: list[Callable[[], None]] = []  # the patch to take back once the fault is gone

    def fresh(n: int = 60) -> tuple[Path, set[str]]:
        data = Path(tempfile.mkdtemp(dir=tmp))
        return data, make_store(data, n, note_size=rng.choice([1, 10, 40]))

    full = Row("disk full at start-up (SQLITE_FULL)")
    for _ in range(rounds):
        data, ids = fresh()
        run_case(full, data, ids,
                 lambda: undo.append(_patch(storage, "_connect", _raiser(real_error("full")))),
                 lambda: undo.pop()())
    rows.append(full)

    pages = Row("disk full while writing (max_page_count)")
    for _ in range(rounds):
        data, ids = fresh()

        def fill(data: Path = data) -> None:
            store = BookmarkStore(data)
            count = store.db.conn.execute("PRAGMA page_count").fetchone()[0]
            store.db.conn.execute(f"PRAGMA max_page_count={count}")
            with contextlib.suppress(StorageError):
                for _ in range(200):
                    store.add(article(), 0, 10, note="x" * 3000)
            store.close()

        run_case(pages, data, ids, fill)
    rows.append(pages)

    enospc = Row("ENOSPC at the write (salvage copy)")
    for _ in range(rounds):
        data, ids = fresh()

        def inject(data: Path = data) -> None:
            path = data / DB_NAME
            damage(path, (btree_roots(path)["bookmarks_hash"] - 1) * PAGE + 100)
            undo.append(_patch(salvage.shutil, "copyfile",
                               _raiser(OSError(errno.ENOSPC, "No space left on device"))))

        run_case(enospc, data, ids, inject, lambda: undo.pop()())
    rows.append(enospc)

    io = Row("I/O error at start-up (SQLITE_IOERR)")
    for _ in range(rounds):
        data, ids = fresh()
        exc = sqlite3.OperationalError("disk I/O error")
        exc.sqlite_errorcode = sqlite3.SQLITE_IOERR  # type: ignore[attr-defined]
        run_case(io, data, ids, lambda exc=exc: undo.append(
            _patch(storage, "_connect", _raiser(exc))), lambda: undo.pop()())
    rows.append(io)

    for label, pick in (("damaged index page", "index"), ("damaged table page", "table"),
                        ("damaged page at random", "random")):
        row = Row(f"{label} (300 bytes)")
        for _ in range(rounds):
            data, ids = fresh(rng.choice([50, 150, 400]))
            path = data / DB_NAME

            def hit(path: Path = path, pick: str = pick) -> None:
                roots = btree_roots(path)
                count = path.stat().st_size // PAGE
                if pick == "index":
                    page = rng.choice([v for k, v in roots.items() if k != "bookmarks"])
                elif pick == "table":
                    page = rng.choice(sorted(set(range(2, count + 1)) - set(roots.values()))
                                      or [roots["bookmarks"]])
                else:
                    page = rng.randint(1, count)
                damage(path, (page - 1) * PAGE + rng.randint(0, PAGE - 300))

            run_case(row, data, ids, hit)
        rows.append(row)

    torn = Row("torn write (file cut short)")
    for _ in range(rounds):
        data, ids = fresh(200)
        path = data / DB_NAME

        def cut(path: Path = path) -> None:
            with path.open("r+b") as fh:
                fh.truncate(rng.randint(PAGE, path.stat().st_size - 1))

        run_case(torn, data, ids, cut)
    rows.append(torn)

    version = Row("wrong user_version (0)")
    for _ in range(rounds):
        data, ids = fresh()

        def reset(data: Path = data) -> None:
            conn = sqlite3.connect(data / DB_NAME)
            conn.execute("PRAGMA user_version=0")
            conn.commit()
            conn.close()

        run_case(version, data, ids, reset)
    rows.append(version)

    newer = Row("newer user_version (kept untouched)")
    for _ in range(rounds):
        data, ids = fresh()

        def bump(data: Path = data) -> None:
            conn = sqlite3.connect(data / DB_NAME)
            conn.execute("PRAGMA user_version=99")
            conn.commit()
            conn.close()

        def back(data: Path = data) -> None:
            conn = sqlite3.connect(data / DB_NAME)
            conn.execute("PRAGMA user_version=1")
            conn.commit()
            conn.close()

        run_case(newer, data, ids, bump, back, expect_typed=True)
    rows.append(newer)

    blocked = Row("directory / FIFO in place of the WAL")
    for i in range(rounds):
        data, ids = fresh()
        wal = data / (DB_NAME + "-wal")

        def block(wal: Path = wal, i: int = i) -> None:
            with contextlib.suppress(FileNotFoundError):
                wal.unlink()
            os.mkdir(wal) if i % 2 else os.mkfifo(wal)

        def unblock(wal: Path = wal) -> None:
            wal.rmdir() if wal.is_dir() else wal.unlink()

        run_case(blocked, data, ids, block, unblock)
    rows.append(blocked)
    return rows


def kill_rounds(tmp: Path, kills: int, rng: random.Random) -> Row:
    """SIGKILL of a writing process at random points (acknowledged bookmarks must all be
    there) and of a process in the middle of salvaging a damaged store."""
    row = Row("SIGKILL: writer at random points")
    data = tmp / "kills"
    acknowledged: set[str] = set()
    for _ in range(kills):
        started = time.perf_counter()
        acknowledged.update(kill_round(data, rng.choice([-1, 0, 1, 2, 3, 5, 8, 13])))
        row.seconds += time.perf_counter() - started
        row.injected += 1
        shown = _open_and_list(data) or set()
        row.survived += 1
        row.hidden += len(acknowledged - shown)
    return row


SALVAGE_CHILD = ("import sys; from reader.core.bookmarks.store import BookmarkStore;"
                 "print(BookmarkStore(sys.argv[1]).count())")


def salvage_kills(tmp: Path, rounds: int, rng: random.Random) -> Row:
    row = Row("SIGKILL: during a salvage")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for i in range(rounds):
        data = tmp / f"salvage{i}"
        ids = make_store(data, 1500, note_size=5)
        path = data / DB_NAME
        damage(path, (btree_roots(path)["bookmarks"] - 1 + 3) * PAGE + 100)
        readable = readable_ids(path)
        proc = subprocess.Popen([sys.executable, "-c", SALVAGE_CHILD, str(data)], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 0.6))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        row.injected += 1
        shown = _open_and_list(data) or set()
        row.survived += 1
        row.hidden += len((readable & ids) - shown)
        shutil.rmtree(data, ignore_errors=True)
    return row


def baseline_open_ms(tmp: Path) -> float:
    data = tmp / "baseline"
    make_store(data, 150)
    started = time.perf_counter()
    for _ in range(20):
        _open_and_list(data)
    return (time.perf_counter() - started) / 20 * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=20, help="rounds of each fault")
    ap.add_argument("--kills", type=int, default=200, help="SIGKILL rounds (≥ 200)")
    ap.add_argument("--salvage-kills", type=int, default=20)
    ap.add_argument("--seed", type=int, default=20261130)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="reader-faults-") as name:
        tmp = Path(name)
        base = baseline_open_ms(tmp)
        rows = fault_rounds(tmp, args.rounds, rng)
        rows.append(salvage_kills(tmp, args.salvage_kills, rng))
        rows.append(kill_rounds(tmp, args.kills, rng))
    print(f"{'fault':42} {'injected':>8} {'survived':>8} {'hidden/lost':>11} "
          f"{'destroyed':>9} {'ms/fault':>9}")
    for r in rows:
        ms = r.seconds / max(1, r.injected) * 1000
        print(f"{r.name:42} {r.injected:8} {r.survived:8} {r.hidden:11} {r.destroyed:9} "
              f"{ms:9.1f}")
    total = sum(r.hidden for r in rows)
    injected = sum(r.injected for r in rows)
    survived = sum(r.survived for r in rows)
    print(f"{'total':42} {injected:8} {survived:8} {total:11}")
    print(f"baseline: opening a healthy 150-bookmark store {base:.1f} ms")
    return 0 if total == 0 and survived == injected else 1


if __name__ == "__main__":
    sys.exit(main())
