"""Peak memory of a big bookmark import: streamed (``import_file``) against the whole-file
way Reader used before (``json.loads`` of the text, every Bookmark built, then merged).

Writes a Reader JSON export and a W3C export of ``--mb`` megabytes (French notes and quotes,
so the text is not pure ASCII), then imports each into a fresh store in a child process per
run and reports the child's peak RSS (``ru_maxrss``), the part above an idle child that
only imported the same modules, and the time.  Same run, same files: the ratio is the figure.

    python benchmarks/bench_import_memory.py [--mb 140] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's reader, not an installed one

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from reader.core.bookmarks.store import Bookmark, BookmarkStore
from reader.core.bookmarks.importing import import_file
mode, path, data = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
store = BookmarkStore(data)
start = time.perf_counter()
if mode == "streamed":
    counts = import_file(store, path)
elif mode == "whole-file":  # what parse_import did before: the document, then the list
    doc = json.loads(path.read_text(encoding="utf-8"))
    items = doc["bookmarks"] if "bookmarks" in doc else None
    counts = store.merge([Bookmark.from_dict(b) for b in items])
else:
    counts = (0, 0, 0)
elapsed = time.perf_counter() - start
store.close()
print(json.dumps({"peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "seconds": elapsed, "counts": counts}))
"""


def bookmark(i: int) -> dict[str, object]:
    quote = (f"Le gouvernement a présenté mardi son projet de budget n°{i} pour l’année "
             "prochaine, « un budget de responsabilité » selon le ministre.")
    stamp = "2024-05-28T10:00:00.000000+00:00"
    return {"id": f"{i:032x}", "article_id": f"article-{i % 997}", "content_hash": "c" * 64,
            "start": 1000 + i, "end": 1000 + i + len(quote), "quote": quote,
            "prefix": "Paris, 28 mai (AFP) — Selon nos ", "suffix": " Le débat commence lundi",
            "note": f"Note {i} : à recouper avec la dépêche de Reuters. " * 8,
            "colour": "yellow", "tags": ["budget", "france"], "created": stamp,
            "modified": stamp, "article_title": "Budget 2025 : le gouvernement présente "
                                                 "son projet", "article_date": "2024-05-28",
            "article_source": "AFP", "status": "anchored", "original_quote": ""}


def write_json(path: Path, megabytes: float) -> int:
    """A Reader JSON export of about ``megabytes`` MB, written without holding it all."""
    target = megabytes * 1e6
    n = 0
    with path.open("w", encoding="utf-8") as f:
        f.write('{"format": "reader-bookmarks", "version": 1, "bookmarks": [\n')
        while f.tell() < target:
            f.write(("," if n else "") + json.dumps(bookmark(n), ensure_ascii=False) + "\n")
            n += 1
        f.write("]}\n")
    return n


def write_w3c(path: Path, megabytes: float) -> int:
    from reader.core.bookmarks.export import to_annotation
    from reader.core.bookmarks.store import Bookmark

    target = megabytes * 1e6
    n = 0
    with path.open("w", encoding="utf-8") as f:
        f.write('{"@context": "http://www.w3.org/ns/anno.jsonld", '
                '"type": "AnnotationCollection", "id": "urn:uuid:00000000-0000-4000-8000-'
                '000000000000", "first": {"type": "AnnotationPage", "items": [\n')
        while f.tell() < target:
            anno = to_annotation(Bookmark.from_dict(bookmark(n)), creator="bench",
                                 generated="2024-05-28T10:00:00.000000+00:00")
            f.write(("," if n else "") + json.dumps(anno, ensure_ascii=False) + "\n")
            n += 1
        f.write("]}}\n")
    return n


def run(mode: str, path: Path, workdir: Path) -> dict[str, float]:
    data = Path(tempfile.mkdtemp(dir=workdir, prefix=f"store-{mode}-"))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", CHILD, mode, str(path), str(data)], env=env,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=140.0)
    parser.add_argument("--keep", help="write the files here and keep them")
    args = parser.parse_args()
    workdir = Path(args.keep or tempfile.mkdtemp(prefix="bench-import-"))
    workdir.mkdir(parents=True, exist_ok=True)
    files = {"json": workdir / "bookmarks.json", "w3c": workdir / "bookmarks.jsonld"}
    counts = {"json": write_json(files["json"], args.mb), "w3c": write_w3c(files["w3c"], args.mb)}
    idle = run("idle", files["json"], workdir)["peak_kb"] / 1024
    print(f"{counts['json']} bookmarks (JSON), {counts['w3c']} annotations (W3C); idle child "
          f"(modules imported, empty store): {idle:.0f} MB; peak RSS of the import (ru_maxrss)")
    print(f"{'file':<6}{'size MB':>9}  {'way':<11}{'peak MB':>9}{'above idle':>12}"
          f"{'x size':>8}{'seconds':>9}")
    for kind, path in files.items():
        size = path.stat().st_size / 1e6
        modes = ["streamed", "whole-file"] if kind == "json" else ["streamed"]
        for mode in modes:
            result = run(mode, path, workdir)
            peak = result["peak_kb"] / 1024
            print(f"{kind:<6}{size:>9.0f}  {mode:<11}{peak:>9.0f}{peak - idle:>12.0f}"
                  f"{(peak - idle) / size:>8.2f}{result['seconds']:>9.1f}"
                  + ("" if result["counts"][0] == counts[kind] else "  (count differs!)"))
    print(f"(this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB)")
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
