"""Bookmark store speed: one durable add (p50/p95) beside a bare SQLite INSERT+COMMIT with
the same durability, and re-anchoring 1,000 bookmarks after the article changed.

    .venv/bin/python benchmarks/bench_bookmarks.py [--adds 300] [--bookmarks 1000]
        [--corpus /work/shared/corpus]   # also re-anchor on the largest real file, if present

The changed articles are written by this script into a temporary directory.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import tempfile
import time
from collections import Counter
from pathlib import Path

from reader.core.bookmarks.store import BookmarkStore
from reader.core.library.parser import Article, read_article

WORDS = ("le gouvernement ministre budget déficit sommet alliance réunion accord président "
         "élection député sénat réforme loi projet économie croissance emploi entreprise "
         "région ville habitants semaine année mois jeudi mardi selon a déclaré devant presse "
         "soutien guerre paix négociations européenne française nationale public").split()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def make_paragraph(rng: random.Random, i: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(30, 70))]
    words[0] = words[0].capitalize()
    text = " ".join(words)
    return f"{text}, l’a-t-on appris ({i}) le « {rng.choice(WORDS)} »."


def write_article(path: Path, paragraphs: list[str]) -> Article:
    path.write_text(" date 2024-05-28 Article de mesure (Reader)\n\n" + "\n\n".join(paragraphs)
                    + "\n", encoding="utf-8")
    return read_article(path)


def change(rng: random.Random, paragraphs: list[str]) -> list[str]:
    """Insert and delete paragraphs, edit words, change typography."""
    out = list(paragraphs)
    for _ in range(max(1, len(out) // 10)):  # deletions
        del out[rng.randrange(len(out))]
    for _ in range(max(1, len(out) // 10)):  # insertions
        out.insert(rng.randrange(len(out)), make_paragraph(rng, 10_000 + rng.randrange(999)))
    for _ in range(max(1, len(out) // 5)):  # word edits
        j = rng.randrange(len(out))
        words = out[j].split(" ")
        k = rng.randrange(len(words))
        words[k] = rng.choice(WORDS)
        out[j] = " ".join(words)
    for j in range(0, len(out), 4):  # typography
        out[j] = out[j].replace("’", "'").replace("« ", "«\u00a0")
    return out


def bench_add(tmp: Path, n: int) -> None:
    paragraphs = [make_paragraph(random.Random(1), i) for i in range(10)]
    article = write_article(tmp / "add.txt", paragraphs)
    store = BookmarkStore(tmp / "add-store")
    conn = sqlite3.connect(tmp / "bare.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE t(id TEXT PRIMARY KEY, article_id TEXT, quote TEXT, note TEXT)")
    store_times, bare_times = [], []
    for i in range(n):  # interleaved, so both see the same disk and load
        t0 = time.perf_counter()
        store.add(article, i % 500, i % 500 + 40, note=f"note {i}", tags=["bench"])
        store_times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t VALUES (?, ?, ?, ?)",
                     (f"{i:032x}", "add", article.text[i % 500:i % 500 + 40], f"note {i}"))
        conn.execute("COMMIT")
        bare_times.append(time.perf_counter() - t0)
    conn.close()
    store.close()
    s50, s95 = percentile(store_times, 0.5), percentile(store_times, 0.95)
    b50, b95 = percentile(bare_times, 0.5), percentile(bare_times, 0.95)
    print(f"add one durable bookmark ({n} adds, WAL + synchronous=FULL, one commit each)")
    print(f"  BookmarkStore.add      p50 {s50 * 1000:7.3f} ms   p95 {s95 * 1000:7.3f} ms")
    print(f"  bare INSERT + COMMIT   p50 {b50 * 1000:7.3f} ms   p95 {b95 * 1000:7.3f} ms")
    print(f"  ratio                  p50 {s50 / b50:7.2f} x    p95 {s95 / b95:7.2f} x")


def bench_reanchor(tmp: Path, label: str, base: Article, changed_path: Path, changed_text: str,
                   n: int) -> None:
    rng = random.Random(7)
    store = BookmarkStore(tmp / f"re-{label}")
    made = []
    length = len(base.text)
    for _ in range(n):
        start = rng.randrange(0, max(1, length - 200))
        made.append(store.make(base, start, start + rng.randint(15, 160)))
    store.merge(made)
    changed_path.write_text(changed_text, encoding="utf-8")
    changed = read_article(changed_path)
    changed.id = base.id
    t0 = time.perf_counter()
    result = store.reanchor(changed)
    elapsed = time.perf_counter() - t0
    statuses = Counter(b.status for b in result)
    # baseline: the I/O part alone (read them all, rewrite them all in one transaction)
    t0 = time.perf_counter()
    everything = store.for_article(base.id)
    store.merge([b.__class__(**{**b.to_dict(), "tags": tuple(b.tags),
                                "modified": b.modified + "x"}) for b in everything])
    io = time.perf_counter() - t0
    store.close()
    print(f"re-anchor {n} bookmarks on a changed article ({label}, {len(base.text):,} → "
          f"{len(changed.text):,} chars)")
    print(f"  reanchor               {elapsed * 1000:8.1f} ms  ({elapsed / n * 1e6:7.1f} µs each)")
    print(f"  baseline read+rewrite  {io * 1000:8.1f} ms  (ratio {elapsed / io:5.1f} x)")
    print("  statuses               " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))


EDIT_WORDS = ("gouvernement", "président", "accord", "réunion", "ministre", "le", "de")


def bench_accuracy(corpus: Path, per_file: int = 1, show_failures: bool = False) -> None:
    """Mutate real texts in memory (never written anywhere) and check where each passage
    is found: the expected range and status are known by construction."""
    import re

    from reader.core.bookmarks.anchoring import anchor, selector_for
    from reader.core.library.parser import ParseError

    rng = random.Random(11)
    results: Counter[tuple[str, bool]] = Counter()
    t0 = time.perf_counter()
    for path in sorted(corpus.glob("*.txt")):
        try:
            text = read_article(path).text
        except ParseError:
            continue
        words = [m.span() for m in re.finditer(r"\w+", text)]
        if len(words) < 150:
            continue
        for _ in range(per_file):
            for kind in ("paragraph inserted", "paragraph deleted", "word edited",
                         "first word edited", "last word edited", "2 words + typography",
                         "passage removed", "one-word passage"):
                n = 0 if kind == "one-word passage" else rng.randint(4, 30)
                i = rng.randrange(10, len(words) - n - 5)
                s, e = words[i][0], words[i + n][1]
                sel = selector_for(text, s, e)
                para_start = text.rfind("\n", 0, s) + 1
                expected: tuple[int, int] | None
                if kind in ("paragraph inserted", "one-word passage"):
                    extra = "Un paragraphe ajouté pour la mesure.\n"
                    new = text[:para_start] + extra + text[para_start:]
                    expected, status = (s + len(extra), e + len(extra)), "anchored"
                elif kind == "paragraph deleted":
                    if para_start == 0:
                        continue
                    prev = text.rfind("\n", 0, para_start - 1) + 1
                    new = text[:prev] + text[para_start:]
                    gone = para_start - prev
                    expected, status = (s - gone, e - gone), "anchored"
                elif kind == "passage removed":
                    end = text.find("\n", e)
                    new = text[:para_start] + (text[end + 1:] if end >= 0 else "")
                    if text[s:e] in new:
                        continue
                    expected, status = None, "orphaned"
                else:
                    picks = {"word edited": [i + n // 2], "first word edited": [i],
                             "last word edited": [i + n]}.get(
                        kind, sorted(rng.sample(range(i + 1, i + n), 2)))
                    new, delta = text, 0
                    for j in reversed(picks):
                        ws, we = words[j]
                        word = rng.choice([w for w in EDIT_WORDS if w != new[ws:we]])
                        new = new[:ws] + word + new[we:]
                        delta += len(word) - (we - ws)
                    if kind.startswith("2 words"):
                        new = new.replace("'", "\u2019")  # same length: offsets unchanged
                    expected, status = (s, e + delta), "moved"
                got = anchor(new, sel)
                ok = got.status == status and (expected is None
                                               or (got.start, got.end) == expected)
                results[(kind, ok)] += 1
                if not ok and show_failures:
                    want = new[expected[0]:expected[1]] if expected else ""
                    print(f"  MISS {path.name} {kind}: want {status} {want[:80]!r}, got "
                          f"{got.status} {new[got.start:got.end][:80]!r}")
    elapsed = time.perf_counter() - t0
    kinds = sorted({k for k, _ in results})
    total = sum(results.values())
    good = sum(v for (_, ok), v in results.items() if ok)
    print(f"re-anchoring accuracy on {corpus} (mutated in memory, exact range + status)")
    for kind in kinds:
        ok, bad = results[(kind, True)], results[(kind, False)]
        print(f"  {kind:<24} {ok:4d} / {ok + bad:<4d}")
    print(f"  all                      {good:4d} / {total:<4d} ({elapsed:.1f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--adds", type=int, default=300)
    parser.add_argument("--bookmarks", type=int, default=1000)
    parser.add_argument("--corpus", type=Path, default=Path("/work/shared/corpus"))
    parser.add_argument("--show-failures", action="store_true",
                        help="print the passages re-anchoring got wrong")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-bookmarks-") as name:
        tmp = Path(name)
        bench_add(tmp, args.adds)
        rng = random.Random(3)
        paragraphs = [make_paragraph(rng, i) for i in range(80)]
        base = write_article(tmp / "article.txt", paragraphs)
        new_text = (" date 2024-05-28 Article de mesure (Reader)\n\n"
                    + "\n\n".join(change(rng, paragraphs)) + "\n")
        bench_reanchor(tmp, "generated", base, tmp / "article-v2.txt", new_text, args.bookmarks)
        files = sorted(args.corpus.glob("**/*.txt"), key=lambda p: p.stat().st_size) \
            if args.corpus.is_dir() else []
        if files:
            real = read_article(files[-1])
            paras = [b.text for b in real.blocks]
            new_text = (real.header + "\n\n" + "\n\n".join(change(random.Random(5), paras))
                        + "\n")
            bench_reanchor(tmp, f"corpus file {files[-1].name}", real, tmp / "real-v2.txt",
                           new_text, args.bookmarks)
            bench_accuracy(args.corpus, show_failures=args.show_failures)


if __name__ == "__main__":
    main()
