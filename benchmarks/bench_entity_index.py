"""Entity index at library scale: synthetic mentions (Zipf-distributed names), then the
queries of the Library Entities view.  Prints figures; no assertion on timings.

    .venv/bin/python benchmarks/bench_entity_index.py [--articles 100000] [--per-article 25]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from reader.core.entities.extractor import ArticleEntities, Entity
from reader.core.entities.index import EntityIndex

V = "bench"
LABELS = ("PER", "LOC", "ORG", "MISC", "DATE")


@dataclass(frozen=True)
class Row:
    id: str
    content_hash: str


def synthetic(n_articles: int, per_article: int, vocab: int, seed: int = 1):
    rng = random.Random(seed)
    cum, total = [], 0.0
    for r in range(vocab):
        total += 1 / (r + 1)
        cum.append(total)
    names = []
    for r in range(vocab):
        label = LABELS[r % len(LABELS)]
        if label == "PER" and r % 3 == 0:
            key = f"prenom{r} nom{r}"
        elif label == "PER" and r % 3 == 1:
            key = f"nom{r - 1}"  # a surname mention of the full name just before
        else:
            key = f"{label.lower()}{r}"
        names.append((key, label))
    for i in range(n_articles):
        picks = rng.choices(range(vocab), cum_weights=cum, k=per_article)
        body = tuple(Entity(j, j + 1, names[p][1], names[p][0].title(), names[p][0])
                     for j, p in enumerate(picks))
        yield f"h{i}", V, ArticleEntities(body, ())


def timed(label: str, fn, repeat: int = 1):
    t0 = time.perf_counter()
    for _ in range(repeat):
        out = fn()
    dt = (time.perf_counter() - t0) / repeat
    print(f"{label:<40} {dt * 1000:9.1f} ms")
    return out, dt


def main() -> None:  # noqa: C901 - a linear script
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--per-article", type=int, default=25)
    ap.add_argument("--vocab", type=int, default=200_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        index = EntityIndex(Path(tmp))
        items = list(synthetic(args.articles, args.per_article, args.vocab))
        t0 = time.perf_counter()
        for s in range(0, len(items), 500):
            index.add_many(items[s:s + 500])
        add = time.perf_counter() - t0
        print(f"{'add (batches of 500)':<40} {add * 1000:9.1f} ms  "
              f"({add / len(items) * 1e6:.0f} µs/article)")
        print("store:", index.stats(), f"{(Path(tmp) / 'entity_index.sqlite3').stat().st_size / 1e6:.0f} MB")
        index.set_scope([Row(f"a{i}", f"h{i}") for i in range(args.articles)], V)
        _, build = timed("refresh (scope + totals + grouping)", index.refresh)
        top, q = timed("top_entities()", index.top_entities, 5)
        timed("top_entities(label=PER)", lambda: index.top_entities(label="PER"), 5)
        timed("top_entities(search='nom1')", lambda: index.top_entities(search="nom1"), 5)
        timed("articles_for(top 1)", lambda: index.articles_for(top[0].key, top[0].label), 5)
        timed("co_mentions(top 1)", lambda: index.co_mentions(top[0].key, top[0].label), 3)
        timed("co_mentions(rank 100)", lambda: index.co_mentions(top[99].key, top[99].label), 3)
        subset = [f"a{i}" for i in range(0, args.articles, 50)]
        timed(f"top_entities({len(subset)} ids)", lambda: index.top_entities(subset), 3)
        print(f"ratio refresh / one top_entities query: {build / q:.0f}×")
        index.close()


if __name__ == "__main__":
    main()
