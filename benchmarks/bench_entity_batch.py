"""Library-wide extraction throughput: the worker on a folder of articles (default: the
shared real-press corpus, by path), then a second run that must skip everything.

    .venv/bin/python benchmarks/bench_entity_batch.py [FOLDER]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from reader.core.entities.batch import quick_version, run_batch
from reader.core.entities.index import EntityIndex
from reader.core.library.index import LibraryIndex

DEFAULT = Path("/work/shared/corpus")


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp)
        lib = LibraryIndex(cache / "library.sqlite3")
        lib.scan(folder)
        rows = lib.rows(folder)
        items = [(r.path, r.content_hash) for r in rows]
        words = sum(r.word_count for r in rows)
        t0 = time.perf_counter()
        first = run_batch(items, cache)
        t1 = time.perf_counter()
        second = run_batch(items, cache)
        t2 = time.perf_counter()
        print(f"articles {len(items)}, words {words}")
        print(f"first run:  {t1 - t0:7.2f} s  extracted={first.extracted} "
              f"({(t1 - t0) / max(1, first.extracted) * 1000:.0f} ms/article incl. model load)")
        print(f"second run: {t2 - t1:7.3f} s  skipped={second.skipped} "
              f"model_loaded={second.model_loaded}  ratio first/second "
              f"{(t1 - t0) / max(t2 - t1, 1e-9):.0f}x")
        index = EntityIndex(cache)
        index.set_scope(rows, quick_version() or "")
        for label in ("PER", "LOC", "ORG"):
            top = index.top_entities(label=label, limit=5)
            print(label, ", ".join(f"{e.display} ({e.article_count})" for e in top))
        index.close()
        lib.close()


if __name__ == "__main__":
    main()
