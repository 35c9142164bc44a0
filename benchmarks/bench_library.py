"""Library index benchmark: first index, warm open, search — each beside a same-run baseline.

    python benchmarks/bench_library.py [--sizes 10000,100000] [--workdir /tmp/readerbench]

For each size N a library is generated once (``make_library.py``, cached in the workdir) and:

* first index: a fresh index built by ``LibraryIndex.scan`` in a subprocess, beside
  ``find DIR -name '*.txt' -print0 | xargs -0 cat > /dev/null`` on the same files (page
  cache warm for both: cat runs twice, the second is timed).  Target ≤ 3× cat.  Also shown:
  the FTS5 writes alone, the floor under any index that makes the text searchable: the
  index's own FTS5 statements (the parsed titles and bodies, parsed before the clock, into
  ``articles_fts`` and ``titles_fts`` through the index's connection, its batches of
  ``BATCH_FILES``, its closing merge; one core).  Target: first index ≤ 1.5× that floor.
  ``--runs K`` alternates both K times and prints medians (the machine is shared).
* warm open: a new process opens the index, calls ``rows()`` and fills an
  ``ArticleTableModel`` when ``reader/ui/article_model.py`` exists.  Target ≤ 1 s, peak
  memory (``ru_maxrss`` of that process, imports included) ≤ 400 MB.  Also shown: a
  no-change rescan (walk + stat of every file), what the app does after showing the list.
* search: 20 fixed queries, one warm-up pass then 3 timed passes, p50/p95 over the 60
  timings (``limit=None``: every hit, as the list filter needs), beside ``rg -l -i -F`` of
  each query's first term over the same files (``grep -rli`` if rg is missing).  Targets:
  p95 ≤ 30 ms, ≥ 50× faster than rg.  Timed: ``search()`` plus the set of row ids the
  list filter takes (``SearchHits.bitmap()``, built in the app's search job), and for
  the relevance order also the ranks (``SearchHits.rank_of``).

Timing figures are printed, never asserted.  The article-switch benchmark (highlighting
a 50,000-word article) is ``benchmarks/bench_article_switch.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

QUERIES = [
    "guerre",
    "paris",
    "otan",
    "eleve",  # accent-insensitive: finds élève
    "gouvernement français",
    "russ*",
    "paris OR londres",
    "guerre -allemagne",
    "président de la république",
    '"la guerre"',
    "ministre",
    '"conseil municipal"',
    "journal",
    "bismarck",
    "constantinople",
    "armée*",
    '"chemin de fer"',
    "wilson",
    "allemagne NOT paris",
    "élection* OR scrutin",
]

# The article-switch figure (50,000-word article with highlights vs a bare QTextDocument)
# is printed by benchmarks/bench_article_switch.py.


def _cpu() -> float:
    """CPU seconds of this process and its finished children: on a machine shared with
    other jobs, wall time varies 2-3× from run to run, CPU time much less."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _child(args: argparse.Namespace) -> int:
    """Runs in a subprocess so each measurement has its own memory peak and cold caches."""
    from reader.core.library.index import LibraryIndex, _remove_db_files

    lib, db = Path(args.lib), Path(args.db)
    out: dict[str, object] = {}
    if args.child == "index":
        _remove_db_files(db)
        t0, c0 = time.perf_counter(), _cpu()
        index = LibraryIndex(db, workers=args.workers)
        result = index.scan(lib)
        out["seconds"] = time.perf_counter() - t0
        out["cpu_s"] = _cpu() - c0
        own = resource.getrusage(resource.RUSAGE_SELF)
        kids0 = _cpu() - (own.ru_utime + own.ru_stime)
        import multiprocessing

        deadline = time.perf_counter() + 5
        while multiprocessing.active_children() and time.perf_counter() < deadline:
            time.sleep(0.01)  # the pool's worker exits after the scan: reap it for its CPU
        own = resource.getrusage(resource.RUSAGE_SELF)
        out["workers_cpu_s"] = _cpu() - (own.ru_utime + own.ru_stime) - kids0
        out["added"] = result.added
        out["problems"] = len(result.problems)
        out["workers"] = index._workers(result.added + len(result.problems))
        out["maxrss_mb"] = _maxrss_mb()
        index.close()
        out["db_mb"] = db.stat().st_size / 1e6
    elif args.child == "fts-floor":
        out["seconds"], out["cpu_s"] = _fts_floor(lib, db)
    elif args.child == "open":
        model_cls = None
        try:
            from PySide6.QtCore import QCoreApplication

            from reader.ui.articles.model import ArticleTableModel
            app = QCoreApplication.instance() or QCoreApplication([])  # noqa: F841
            model_cls = ArticleTableModel
        except ImportError:
            pass
        out["imports_mb"] = _maxrss_mb()
        c0 = _cpu()
        t0 = time.perf_counter()
        index = LibraryIndex(db)
        t1 = time.perf_counter()
        rows = index.rows(lib)
        t2 = time.perf_counter()
        if model_cls is not None:
            model = model_cls()
            model.set_rows(rows)
            model.data(model.index(0, 1))  # first paint needs a date display
        t3 = time.perf_counter()
        out["cpu_s"] = _cpu() - c0
        out.update(open_s=t1 - t0, rows_s=t2 - t1, model_s=t3 - t2, total_s=t3 - t0,
                   rows=len(rows), model=model_cls is not None, maxrss_mb=_maxrss_mb())
        t4 = time.perf_counter()
        result = index.scan(lib)
        out["rescan_s"] = time.perf_counter() - t4
        out["rescan_unchanged"] = result.unchanged
    elif args.child == "search":
        from reader.core.library import index as library_index

        index = LibraryIndex(db)
        default_max = library_index.EXACT_RANK_MAX
        for mode, exact_max, ranked in (("filter", default_max, False),
                                        ("relevance", default_max, True),
                                        ("exact", 10**9, True)):
            library_index.EXACT_RANK_MAX = exact_max
            hits = {q: len(index.search(lib, q)) for q in QUERIES}  # warm-up pass
            timings: dict[str, list[float]] = {q: [] for q in QUERIES}
            for _ in range(3):
                for q in QUERIES:
                    t0 = time.perf_counter()
                    found = index.search(lib, q)
                    found.bitmap()  # what the list filter takes
                    if ranked:
                        found.rank_of  # noqa: B018 - what a relevance sort takes
                    timings[q].append(time.perf_counter() - t0)
            out[mode] = {"hits": hits, "timings": timings}
    print(json.dumps(out))
    return 0


def _fts_floor(lib: Path, db: Path) -> tuple[float, float]:
    """Seconds for the FTS5 writes of a first index alone: the texts the index writes
    (title and body as parsed, parsed before the clock starts) into the index's own FTS5
    tables (``articles_fts`` and ``titles_fts``, same tokenizer and settings), through the
    index's own connection (same PRAGMAs), one transaction per ``BATCH_FILES`` files as the
    scan commits them, then the scan's closing merge.  No parsing, no metadata rows."""
    from reader.core.library import index as li
    from reader.core.library import scan_pipeline as pipeline
    from reader.core.library.walk import walk_library

    root = str(lib)
    # bodies as UTF-8 bytes, as a parsing process hands them to the index's writer
    texts = [(p.title, p.body.encode("utf-8") if isinstance(p.body, str) else p.body)
             for p in pipeline.parse_chunk(root, walk_library(root)) if p.error is None]
    li._remove_db_files(db)
    index = li.LibraryIndex(db, workers=0)
    t0, c0 = time.perf_counter(), _cpu()
    for start in range(0, len(texts), pipeline.BATCH_FILES):
        rows = [(start + j + 1, title, body)
                for j, (title, body) in enumerate(texts[start:start + pipeline.BATCH_FILES])]
        with index._db.transaction() as conn:
            conn.executemany(li.FTS_INSERT, rows)
            conn.executemany("INSERT INTO titles_fts(rowid, title) VALUES (?,?)",
                             [(rid, title) for rid, title, _ in rows])
    index._tidy_fts()
    seconds, cpu = time.perf_counter() - t0, _cpu() - c0
    index.close()
    li._remove_db_files(db)
    return seconds, cpu


def _run_child(kind: str, lib: Path, db: Path, workers: int | None = None) -> dict:
    extra = [] if workers is None else ["--workers", str(workers)]
    proc = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--lib", str(lib), "--db", str(db), *extra],
        capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{kind} child failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _time_shell(command: str) -> float:
    t0 = time.perf_counter()
    subprocess.run(command, shell=True, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1))))
    return ordered[k]


def _first_term(query: str) -> str:
    from reader.core.library.search_query import parse_query

    parsed = parse_query(query)
    return parsed.groups[0][0].text if parsed.groups else query


def _exact_max() -> int:
    from reader.core.library.index import EXACT_RANK_MAX

    return EXACT_RANK_MAX


def ensure_library(n: int, workdir: Path, seed: int, corpus: Path | None = None) -> Path:
    lib = workdir / f"lib-{n}-s{seed}"
    marker = lib / ".complete"  # hidden: neither indexed nor cat'ed
    if not marker.exists():
        from make_library import generate  # benchmarks/ is on sys.path (see below)

        if lib.exists():
            shutil.rmtree(lib)
        t0 = time.perf_counter()
        if corpus is None:
            generate(n, lib, seed=seed)
        else:
            generate(n, lib, seed=seed, corpus=corpus)
        marker.write_text("ok\n")
        print(f"  generated {n} articles in {time.perf_counter() - t0:.1f} s → {lib}")
    return lib


def bench(n: int, workdir: Path, seed: int, workers: int | None, reuse: bool,
          runs: int = 1, corpus: Path | None = None) -> None:
    print(f"\n=== {n:,} articles === (load average {os.getloadavg()[0]:.1f})")
    lib = ensure_library(n, workdir, seed, corpus)
    db = workdir / f"index-{n}-s{seed}.sqlite3"
    size_mb = sum(p.stat().st_size for p in lib.rglob("*.txt")) / 1e6
    print(f"  library: {size_mb:.0f} MB of text")

    cat = f"find {lib} -name '*.txt' -print0 | xargs -0 cat > /dev/null"
    _time_shell(cat)
    cat_s = _time_shell(cat)
    if reuse and db.exists():
        print(f"  first index: skipped (--reuse-index: {db.name} kept); cat {cat_s:.2f} s")
    else:
        firsts, floors = [], []
        for _ in range(runs):  # alternated: both see the same load
            firsts.append(_run_child("index", lib, db, workers))
            floors.append(_run_child("fts-floor", lib, workdir / f"fts-floor-{n}.sqlite3"))
        first = sorted(firsts, key=lambda r: r["seconds"])[len(firsts) // 2]
        floor = sorted(floors, key=lambda r: r["seconds"])[len(floors) // 2]
        _print_first(first, cat_s)
        ratios = sorted(a["seconds"] / b["seconds"] for a, b in zip(firsts, floors, strict=True))
        print(f"  FTS5 writes alone (the index's own FTS5 writes: parsed titles and bodies into "
              f"articles_fts and titles_fts, its connection, its batches, its closing merge; "
              f"one core): {floor['seconds']:.2f} s (CPU {floor['cpu_s']:.2f} s) = "
              f"{floor['seconds'] / cat_s:.1f}× cat — the floor of any first index that makes "
              f"the text searchable")
        print(f"  first index / FTS5 floor: {first['seconds'] / floor['seconds']:.2f}× "
              f"[target ≤ 1.5×]" + (f" (medians of {runs} alternated runs; per-pair ratios "
                                     f"{', '.join(f'{r:.2f}' for r in ratios)})"
                                     if runs > 1 else ""))
    _warm_and_search(lib, db)


def _print_first(first: dict, cat_s: float) -> None:
    print(f"  first index: {first['seconds']:.2f} s (CPU {first['cpu_s']:.2f} s, parsing "
          f"processes {first.get('workers_cpu_s', 0):.2f} s more) vs cat "
          f"{cat_s:.2f} s "
          f"(find|xargs cat, warm cache) → {first['seconds'] / cat_s:.1f}× cat "
          f"[target ≤ 3×]; {first['added']} articles, {first['problems']} problems, "
          f"index {first['db_mb']:.0f} MB, {first['workers']} parsing processes, peak RSS "
          f"{first['maxrss_mb']:.0f} MB")


def _warm_and_search(lib: Path, db: Path) -> None:
    warm = _run_child("open", lib, db)
    print(f"  warm open: {warm['total_s'] * 1000:.0f} ms (CPU {warm['cpu_s'] * 1000:.0f} ms) "
          f"[target ≤ 1000 ms] = open "
          f"{warm['open_s'] * 1000:.0f} + rows() {warm['rows_s'] * 1000:.0f} + "
          f"{'ArticleTableModel' if warm['model'] else 'no model (reader/ui/article_model.py missing)'} "
          f"{warm['model_s'] * 1000:.0f} ms; {warm['rows']} rows; peak RSS "
          f"{warm['maxrss_mb']:.0f} MB (after imports {warm['imports_mb']:.0f} MB) "
          f"[target ≤ 400 MB]")
    print(f"  no-change rescan: {warm['rescan_s']:.2f} s ({warm['rescan_unchanged']} unchanged)")

    found = _run_child("search", lib, db)
    p50s = {}
    labels = (("filter", "list filter, any order but relevance"),
              ("relevance", f"relevance order: bm25 for ≤ {_exact_max():,} hits, else title "
                            "hits ranked"),
              ("exact", "relevance order, exact bm25 for every hit"))
    for mode, label in labels:
        data = found[mode]
        samples = [t for ts in data["timings"].values() for t in ts]
        p50, p95 = _percentile(samples, 50), _percentile(samples, 95)
        p50s[mode] = (p50, p95)
        print(f"  search [{label}] (limit=None, 20 queries × 3): p50 {p50 * 1000:.1f} ms, "
              f"p95 {p95 * 1000:.1f} ms, max {max(samples) * 1000:.1f} ms "
              f"[target p95 ≤ 30 ms]")
    print(f"    {'query':32} {'hits':>7}  {'filter':>9} {'relevance':>9} {'exact':>9}")
    for q in QUERIES:
        med = [statistics.median(found[m]["timings"][q]) * 1000 for m, _ in labels]
        print(f"    {q!r:32} {found['filter']['hits'][q]:>7}  {med[0]:7.1f} ms {med[1]:7.1f} ms "
              f"{med[2]:7.1f} ms")

    rg = shutil.which("rg")
    tool = "rg -l -i -F" if rg else "grep -rli -F (ripgrep missing)"
    grep_times = []
    for q in QUERIES:
        term = _first_term(q).replace("'", "'\\''")
        if rg:
            cmd = f"rg -l -i -F -g '*.txt' -e '{term}' {lib} > /dev/null || true"
        else:
            cmd = f"grep -rli -F --include='*.txt' -e '{term}' {lib} > /dev/null || true"
        grep_times.append(_time_shell(cmd))
    g50, g95 = _percentile(grep_times, 50), _percentile(grep_times, 95)
    ratios = "; ".join(f"{mode} {g50 / p50s[mode][0]:.0f}× at p50, {g95 / p50s[mode][1]:.0f}× "
                       f"at p95" for mode in ("filter", "relevance"))
    print(f"  {tool} (first term of each query): p50 {g50 * 1000:.0f} ms, p95 "
          f"{g95 * 1000:.0f} ms → index faster: {ratios} [target ≥ 50×]")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/readerbench"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=None,
                    help="parsing processes for the first index (default: the index's choice)")
    ap.add_argument("--corpus", type=Path, default=None,
                    help="texts the library is generated from besides seeds/ (default: "
                         "make_library's ../shared/corpus; from a git worktree elsewhere, "
                         "pass it, or the library is made of seeds/ alone: fewer distinct "
                         "words, cheaper FTS5 writes)")
    ap.add_argument("--runs", type=int, default=1,
                    help="first index and FTS5 floor this many times each, alternated "
                         "(medians printed: the machine is shared)")
    ap.add_argument("--reuse-index", action="store_true",
                    help="keep an index left by a previous run (skip the first-index step)")
    ap.add_argument("--child", choices=["index", "fts-floor", "open", "search"],
                    help=argparse.SUPPRESS)
    ap.add_argument("--lib", help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        return _child(args)
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"Reader library benchmark — {os.cpu_count()} CPUs, SQLite "
          f"{__import__('sqlite3').sqlite_version}, Python {sys.version.split()[0]}")
    for n in (int(s) for s in args.sizes.split(",") if s.strip()):
        bench(n, args.workdir, args.seed, args.workers, args.reuse_index, args.runs,
              args.corpus)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
