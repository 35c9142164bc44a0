"""The one fold (reader.core.text.fold) beside the folds it replaced, and the Bookmarks
dock's text filter over 20,000 bookmarks with it beside a casefold-only filter.

    .venv/bin/python benchmarks/bench_fold.py [--titles 100000] [--bookmarks 20000]

Baselines, same run: ``str.casefold`` (the old bookmark filter: not accent-insensitive),
the per-character translation table the article list used, and the NFKD comprehension the
entity index used.  The texts are generated here from French words.
"""

from __future__ import annotations

import argparse
import os
import random
import time
import unicodedata
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

WORDS = ("le gouvernement ministre budget déficit sommet alliance réunion accord président "
         "élection député sénat réforme loi projet économie croissance emploi entreprise "
         "région ville habitants l’État cœur œuvre Noël à où déjà français européenne "
         "« soutien » guerre paix négociations Élysée Ægée").split()


def _old_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xC0, 0x250):
        ch = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFKD", ch)
                       if not unicodedata.combining(c))
        if base and base != ch:
            table[code] = base.casefold()
    table.update({ord("œ"): "oe", ord("æ"): "ae", ord("ß"): "ss", ord("’"): "'"})
    return table


_TABLE = _old_table()


def old_table_fold(text: str) -> str:
    return text.casefold().translate(_TABLE)


def old_nfkd_fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c)).casefold()


def best_of(fn: Callable[[], object], rounds: int = 5) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--titles", type=int, default=100_000)
    parser.add_argument("--bookmarks", type=int, default=20_000)
    args = parser.parse_args()
    from reader.core.text import fold

    rng = random.Random(7)
    titles = [sentence(rng, 12) for _ in range(args.titles)]
    print(f"fold {args.titles:,} titles (best of 5)")
    for name, fn in (("str.casefold (baseline)", str.casefold),
                     ("old article-list table", old_table_fold),
                     ("old entity-index NFKD", old_nfkd_fold),
                     ("core.text.fold", fold)):
        seconds = best_of(lambda fn=fn: [fn(t) for t in titles])
        print(f"  {name:26s} {seconds * 1000:8.1f} ms")
    differ = sum(old_table_fold(t) != fold(t) for t in titles)
    print(f"  titles folded differently from the old article-list fold: {differ}")

    from PySide6.QtCore import QCoreApplication

    from reader.core.bookmarks.store import Bookmark
    from reader.ui.bookmarks import model as bookmark_model

    app = QCoreApplication.instance() or QCoreApplication([])
    marks = [Bookmark(id=f"{i:06d}", article_id=f"a{i % 500}", content_hash="h", start=0,
                      end=10, quote=sentence(rng, 30), note=sentence(rng, 10),
                      created=f"2024-{i:08d}", article_title=sentence(rng, 10))
             for i in range(args.bookmarks)]
    print(f"Bookmarks dock filter, {args.bookmarks:,} bookmarks")
    for name, fn in (("casefold only (baseline)", str.casefold), ("core.text.fold", fold)):
        bookmark_model.fold = fn  # what the model's search text is folded with
        model = bookmark_model.BookmarkModel()
        proxy = bookmark_model.BookmarkFilterProxy()
        proxy.setSourceModel(model)
        model.set_bookmarks(marks)
        start = time.perf_counter()
        proxy.set_text("reunion")  # first keystroke: folds every bookmark once
        first = time.perf_counter() - start
        start = time.perf_counter()
        proxy.set_text("reunion sommet")
        second = time.perf_counter() - start
        print(f"  {name:26s} first keystroke {first * 1000:7.1f} ms, next {second * 1000:7.1f}"
              f" ms, {proxy.rowCount():,} shown (\"réunion\" found only when accents fold)")
    del app


if __name__ == "__main__":
    main()
