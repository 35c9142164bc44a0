"""Fuzz the library's readers with random hostile input: crashes (target 0) and throughput.

    .venv/bin/python benchmarks/fuzz_library.py [--count 100000] [--seed N] [--scan-every 500]

Inputs, from a seeded ``random``: mutated articles (random bytes inserted, flipped,
truncated, re-encoded in UTF-16 or Latin-1, NULs, terminal escapes, zero-padded years) for
the parser; random queries for the search-query parser (and, every ``--scan-every``
inputs, searched in a real index); and, every ``--scan-every`` inputs, a small library of
random names (any bytes), FIFOs and symlinks out of the library, scanned twice.

A crash is any exception other than the typed :class:`ParseError` (whose code must be
known and worded).  Baseline: the same number of unmutated articles parsed in the same run.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

from reader.core.library.index import LibraryIndex
from reader.core.library.parser import ParseError, decode, parse_text
from reader.core.library.problems import _FRENCH, Problem, word_problem
from reader.core.library.search_query import find_matches, match_terms, parse_query

SEEDS = [
    "date 28 mai 2024 Le titre d'un article (Le Monde)\n\nPremier paragraphe. Deuxième "
    "phrase.\n\nIntertitre\n\nTroisième paragraphe, assez long pour être un paragraphe.\n",
    "  date 1937 Un vieil article (Le Temps)\r\n\r\nTexte ancien.\r\n",
    "date inconnue Sans date\n\nCorps.\n",
    "Pas d'en-tête du tout.\n\nMais du texte.\n",
]
HOSTILE = [b"\x00", b"\xff", b"\xfe\xff", b"\xef\xbb\xbf", b"\x1b]0;pwn\x07", b"\r", b"\n\n",
           b"date ", b"0001", b"0099", b"(", b")", b"\xc3", b"\xe2\x80", b"\t", b"\x0b",
           "é".encode(), b"\xf0\x9f\x98", b"\x9b", b"-"]
QUERY_BITS = ['"', "*", "-", "OR", "NOT", "AND", "(", ")", ":", "^", "otan", "russie",
              "été", "l'", " ", "\x00", "\u200b", "\ud800", "NEAR", "'", "+", "{", "}"]
KNOWN_CODES = set(_FRENCH)


def mutate(rng: random.Random) -> bytes:
    data = bytearray(rng.choice(SEEDS).encode())
    for _ in range(rng.randint(0, 8)):
        roll = rng.random()
        pos = rng.randint(0, len(data))
        if roll < 0.35:
            data[pos:pos] = rng.choice(HOSTILE)
        elif roll < 0.55 and data:
            data[min(pos, len(data) - 1)] = rng.randrange(256)
        elif roll < 0.65:
            del data[pos:pos + rng.randint(1, 40)]
        elif roll < 0.75:
            data[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 30)))
    roll = rng.random()
    if roll < 0.05:
        return bytes(data).decode("utf-8", "replace").encode(rng.choice(["utf-16", "utf-16-le"]))
    if roll < 0.08:
        return bytes(data).decode("utf-8", "replace").encode("latin-1", "replace")
    return bytes(data)


def random_query(rng: random.Random) -> str:
    return "".join(rng.choice(QUERY_BITS) + rng.choice(["", " "])
                   for _ in range(rng.randint(0, 12)))


def parse_one(data: bytes) -> str:
    try:
        article = parse_text(decode(data, "/f.txt"), "/f.txt")
    except ParseError as exc:
        if exc.code not in KNOWN_CODES:
            raise AssertionError(f"unknown problem code {exc.code!r}") from exc
        word_problem(Problem(exc.path, exc.reason, exc.code, tuple(exc.params.items())))
        return exc.code
    article.date.display()
    for block in article.blocks:
        assert article.text[block.start:block.end] == block.text
    return "ok"


def query_one(query: str) -> None:
    parsed = parse_query(query)
    parsed.fts()
    parsed.positive_fts()
    parsed.excluded_fts()
    find_matches("Un texte où l'on cherche : Été, OTAN, guerre froide.", match_terms(query))


def scan_one(rng: random.Random, tmp: Path, index: LibraryIndex, queries: list[str]) -> int:
    lib = tmp / f"lib{rng.randrange(10**9)}"
    lib.mkdir()
    root = os.fsencode(lib)
    for _ in range(rng.randint(1, 6)):
        name = bytes(rng.choice([rng.randrange(1, 256), 0x61]) for _ in range(rng.randint(1, 12)))
        name = name.replace(b"/", b"_").lstrip(b".") or b"x"
        path = os.path.join(root, name + b".txt")
        if os.path.lexists(path):
            continue
        kind = rng.random()
        if kind < 0.6:
            with open(path, "wb") as fh:
                fh.write(mutate(rng))
        elif kind < 0.75:
            os.mkfifo(path)
        elif kind < 0.9:
            os.symlink(b"/etc/hostname", path)
        else:
            os.mkdir(path)
    index.scan(lib)
    index.scan(lib)
    rows = index.rows(lib)
    for row in rows[:3]:
        index.load_article(row.id, lib)
    for query in queries:
        index.search(lib, query)
    shutil.rmtree(lib, ignore_errors=True)
    return len(rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=20261130)
    ap.add_argument("--scan-every", type=int, default=500)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    crashes: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    first: dict[str, str] = {}
    scans = 0

    def crash(kind: str, exc: BaseException) -> None:
        crashes[kind] += 1
        first.setdefault(kind, "".join(traceback.format_exception(exc))[-1500:])

    # baseline: the same number of well-formed articles, parsed in this run
    seeds = [s.encode() for s in SEEDS]
    started = time.perf_counter()
    for i in range(args.count):
        parse_one(seeds[i % len(seeds)])
    baseline = time.perf_counter() - started

    parse_time = query_time = 0.0
    with tempfile.TemporaryDirectory(prefix="reader-fuzz-") as name:
        tmp = Path(name)
        index = LibraryIndex(tmp / "library.sqlite3", workers=0)
        started = time.perf_counter()
        for i in range(args.count):
            data = mutate(rng)
            t0 = time.perf_counter()
            try:
                outcomes[parse_one(data)] += 1
            except Exception as exc:  # noqa: BLE001 - counting crashes
                crash("parser", exc)
            t1 = time.perf_counter()
            query = random_query(rng)
            try:
                query_one(query)
            except Exception as exc:  # noqa: BLE001
                crash("query", exc)
            t2 = time.perf_counter()
            parse_time += t1 - t0
            query_time += t2 - t1
            if args.scan_every and i % args.scan_every == 0:
                scans += 1
                try:
                    scan_one(rng, tmp, index, [query, random_query(rng)])
                except Exception as exc:  # noqa: BLE001
                    crash("scan", exc)
        total = time.perf_counter() - started
        index.close()
    print(f"inputs: {args.count} articles + {args.count} queries + {scans} scanned libraries")
    print(f"crashes: {sum(crashes.values())} (parser {crashes['parser']}, query "
          f"{crashes['query']}, scan {crashes['scan']})  target 0")
    print(f"outcomes: {dict(outcomes.most_common())}")
    print(f"throughput: parser {args.count / parse_time:,.0f} inputs/s, query parser "
          f"{args.count / query_time:,.0f} queries/s, whole run {total:.1f} s")
    print(f"baseline: well-formed articles {args.count / baseline:,.0f} inputs/s "
          f"(hostile/well-formed time ratio {parse_time / baseline:.2f})")
    for kind, text in first.items():
        print(f"--- first {kind} crash ---\n{text}", file=sys.stderr)
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
