"""``reader entities FILE... [--format jsonl]``: print the entities of article files.

One JSON line per file, ``{"file": NAME, "entities": [[start, end, label, text], ...]}``,
offsets into the file's full text (header included, BOM stripped, CRLF → LF).  A file that
cannot be read is reported on stderr and the others still run; the exit code is then 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from reader.core.entities.cache import EntityCache
from reader.core.entities.extractor import (
    ArticleEntities,
    EntityExtractor,
    ModelUnavailable,
    file_entities,
)
from reader.core.library.parser import Article, ParseError, read_article
from reader.core.storage import StorageError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader entities",
        description="Print the named entities of article files, one JSON line per file.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="article files (.txt)")
    parser.add_argument("--format", choices=["jsonl"], default="jsonl", help="output format")
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    parser.add_argument("--cache-dir", help="entity cache directory (default: Reader's cache)")
    parser.add_argument("--model", default="fr_core_news_md", help=argparse.SUPPRESS)
    return parser


def _open_cache(option: str | None) -> EntityCache | None:
    from reader.paths import cache_dir

    try:
        return EntityCache(cache_dir(option))
    except StorageError as exc:
        print(f"reader entities: cache disabled: {exc}", file=sys.stderr)
        return None


def iter_file_entities(
    paths: Sequence[str | Path],
    extractor: EntityExtractor,
    cache: EntityCache | None = None,
    errors: list[str] | None = None,
    chunk: int = 64,
) -> Iterator[tuple[Path, Article, ArticleEntities]]:
    """Read, extract (or take from the cache) and yield each readable file, in order.

    The same code path serves the command and the benchmark.  Files are handled in chunks
    so a long list streams; unreadable files are appended to ``errors`` as messages naming
    the file.
    """
    version = extractor.version
    for first in range(0, len(paths), chunk):
        done: list[tuple[Path, Article, ArticleEntities | None]] = []
        for raw in paths[first:first + chunk]:
            path = Path(raw)
            try:
                article = read_article(path)
            except ParseError as exc:
                if errors is not None:
                    errors.append(str(exc))
                continue
            cached = cache.get(article.content_hash, version) if cache is not None else None
            done.append((path, article, cached))
        missing = [article for _, article, ents in done if ents is None]
        fresh = iter(extractor.extract_articles(missing)) if missing else iter(())
        for path, article, ents in done:
            if ents is None:
                ents = next(fresh)
                if cache is not None:
                    cache.put(article.content_hash, version, ents)
            yield path, article, ents


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    cache = None if args.no_cache else _open_cache(args.cache_dir)
    if cache is not None and cache.notice:
        print(f"reader entities: {cache.notice}", file=sys.stderr)
    # loaded on the first cache miss only; the gazetteer's table lives beside the cache
    extractor = EntityExtractor(args.model, cache_dir=cache.path.parent if cache else None)
    errors: list[str] = []
    try:
        for path, article, ents in iter_file_entities(args.files, extractor, cache, errors):
            rows = [[s, e, label, text] for s, e, label, text in file_entities(article, ents)]
            line = json.dumps({"file": path.name, "entities": rows}, ensure_ascii=False)
            sys.stdout.write(line + "\n")
        sys.stdout.flush()
    except ModelUnavailable as exc:
        print(f"reader entities: {exc}", file=sys.stderr)
        return 2
    finally:
        if cache is not None:
            cache.close()
    for message in errors:
        print(f"reader entities: {message}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
