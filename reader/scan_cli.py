"""``reader scan FOLDER``: index (or update) a library and print what it holds.

A scriptable check of a library: each article (id, date at its own precision, title,
source) and each file that is not one, with its reason worded in French.  Exit status 0
when the library opened, even with problems; 1 when the index cannot be used at all; 2 when
the folder does not exist.  Text from files is printed with control characters replaced
(a title cannot send terminal escapes).  No display needed.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

from reader.core.library.index import LibraryIndex
from reader.core.library.problems import Problem, printable, word_problem
from reader.core.storage_errors import StorageError, word_storage_error

log = logging.getLogger("reader.scan")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reader scan",
                                     description="Index a library and list its articles "
                                                 "and problems.")
    parser.add_argument("folder", help="the library folder")
    parser.add_argument("--format", choices=("text", "jsonl"), default="text")
    parser.add_argument("--cache-dir", help="cache directory (default: $READER_CACHE_DIR or "
                                            "the platform's cache directory)")
    return parser


def _emit(fmt: str, record: dict[str, Any]) -> None:
    clean = {k: printable(v) if isinstance(v, str) else v for k, v in record.items()}
    if fmt == "jsonl":
        print(json.dumps(clean, ensure_ascii=False))
    elif clean["type"] == "article":
        print("\t".join(("article", clean["id"], clean["date"] or "----", clean["title"],
                         clean["source"])))
    else:
        print("\t".join(("problem", clean["path"], clean["reason"])))


def _problem_record(problem: Problem) -> dict[str, Any]:
    return {"type": "problem", "path": problem.path, "code": problem.code,
            "params": problem.args, "reason": word_problem(problem)}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    folder = Path(args.folder)
    if not folder.is_dir():
        print(f"reader scan: le dossier {printable(str(folder))} n'existe pas",
              file=sys.stderr)
        return 2
    from reader.paths import cache_dir

    cache = cache_dir(args.cache_dir)
    try:
        index = LibraryIndex.open_or_temporary(cache / "library.sqlite3", workers=0)
    except StorageError as exc:
        log.error("cannot open the library index: %s", exc)
        print(f"reader scan: {printable(word_storage_error(exc))}", file=sys.stderr)
        return 1
    try:
        if index.temporary_reason is not None:
            print("reader scan: cache temporaire utilisé ("
                  f"{printable(word_storage_error(index.temporary_reason))})", file=sys.stderr)
        try:
            result = index.scan(folder)
            rows = index.rows(folder)
        except StorageError as exc:
            log.error("scan failed: %s", exc)
            print(f"reader scan: {printable(word_storage_error(exc))}", file=sys.stderr)
            return 1
        except FileNotFoundError:
            print(f"reader scan: le dossier {printable(str(folder))} n'existe pas",
                  file=sys.stderr)
            return 2
        if index.notice:
            print(f"reader scan: {printable(index.notice)}", file=sys.stderr)
        for row in rows:
            _emit(args.format, {"type": "article", "id": row.id, "date": row.date.iso(),
                                "precision": row.precision, "title": row.title,
                                "source": row.source, "path": row.path})
        for problem in result.problems:
            _emit(args.format, _problem_record(problem))
    finally:
        index.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
