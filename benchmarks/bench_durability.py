"""Crash durability of the bookmark store, at length: 200+ SIGKILL rounds and concurrent
writers.  Each round starts ``tests/bookmark_child.py`` (adds bookmarks in a loop, printing
each id after its commit), kills it with SIGKILL at a random moment, then checks that every
acknowledged bookmark is present and ``PRAGMA integrity_check`` says ok.

    .venv/bin/python benchmarks/bench_durability.py [--rounds 200] [--writers 4] [--seed N]

Baseline: the same child run to completion once (start-up + adds, no kill), to read the
per-round time against.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from bookmark_child import kill_round, spawn  # noqa: E402

from reader.core.bookmarks.store import BookmarkStore  # noqa: E402


def check(data: Path, expected: set[str]) -> tuple[int, int, str]:
    """(present, lost, integrity)."""
    store = BookmarkStore(data)
    try:
        present = {b.id for b in store.all()}
        if store.notice:
            print(f"  NOTICE: {store.notice}")
        return len(present), len(expected - present), store.integrity()
    finally:
        store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--per-writer", type=int, default=100)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    failures = 0
    with tempfile.TemporaryDirectory(prefix="bench-durability-") as name:
        tmp = Path(name)
        # baseline: one child adding 10 bookmarks, not killed
        t0 = time.perf_counter()
        child = spawn(tmp / "baseline", 10, "base")
        child.communicate(timeout=120)
        baseline = time.perf_counter() - t0

        data = tmp / "data"
        acknowledged: set[str] = set()
        lost_total = 0
        bad_integrity = 0
        t0 = time.perf_counter()
        for i in range(args.rounds):
            acks = rng.choice([-1, 0, 0, 1, 2, 3, 5, 8, 13, 21])
            acknowledged.update(kill_round(data, acks))
            present, lost, integrity = check(data, acknowledged)
            lost_total += lost
            bad_integrity += integrity != "ok"
            if lost or integrity != "ok":
                print(f"  round {i}: lost {lost}, integrity {integrity!r}")
        elapsed = time.perf_counter() - t0
        print(f"SIGKILL rounds (seed {args.seed})")
        print(f"  rounds                 {args.rounds}")
        print(f"  acknowledged           {len(acknowledged)}   present {present}")
        print(f"  lost                   {lost_total}")
        print(f"  integrity not ok       {bad_integrity}")
        print(f"  per round              {elapsed / args.rounds * 1000:7.1f} ms   "
              f"(baseline child run {baseline * 1000:7.1f} ms, ratio "
              f"{elapsed / args.rounds / baseline:4.2f} x)")
        failures += lost_total + bad_integrity

        conc = tmp / "concurrent"
        BookmarkStore(conc).close()
        t0 = time.perf_counter()
        children = [spawn(conc, args.per_writer, f"w{i}") for i in range(args.writers)]
        ids: list[str] = []
        for child in children:
            out, err = child.communicate(timeout=600)
            if child.returncode != 0:
                print(f"  writer failed: {err[-1000:]}")
                failures += 1
            ids += [line for line in out.split() if line != "ready"]
        elapsed = time.perf_counter() - t0
        present, lost, integrity = check(conc, set(ids))
        expected = args.writers * args.per_writer
        print(f"concurrent writers ({args.writers} processes x {args.per_writer} adds)")
        print(f"  acknowledged           {len(ids)} / {expected}   present {present}")
        print(f"  lost                   {lost}   integrity {integrity}")
        print(f"  wall time              {elapsed:7.2f} s")
        failures += lost + (integrity != "ok") + (len(ids) != expected) + (present != expected)
    print("OK" if failures == 0 else f"FAILURES: {failures}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
