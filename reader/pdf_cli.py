"""``reader FILE --pdf out.pdf``: an article and its bookmark notes as a PDF, no window.

Uses the offscreen platform unless one was chosen, so it runs over SSH and in CI; the
bookmarks come from the data directory and the entity marks from the cache directory, as
the window would show them (both read, never changed).  An article never analysed is
printed without marks, and the command says how to get them (``reader entities FILE``)
rather than loading the model for seconds.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from reader import paths


def main(file: str, output: str, data_option: str | None,
         cache_option: str | None = None) -> int:
    from reader.core.library.parser import ParseError, read_article

    try:
        article = read_article(file)
    except ParseError as exc:
        print(f"reader: {exc}", file=sys.stderr)
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (fonts)
    from reader.services.printing import article_pdf

    data = paths.data_dir(data_option)
    cache = paths.cache_dir(cache_option, Path(data_option) if data_option else None)
    options = print_options(article, data, cache)
    try:
        target = article_pdf(article, output, options)
    except OSError as exc:
        print(f"reader: cannot write {output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"{target}")
    return 0


def print_options(article: Any, data: Path, cache: Path) -> Any:
    """What the window's Imprimer… would put on paper: bookmarks and entity marks."""
    from reader.services.printing import PrintOptions
    from reader.ui.reading.document import entity_format

    entities = _cached_entities(article, cache)
    formats: dict[tuple[str, int], Any] = {}
    return PrintOptions(bookmarks=_bookmarks(article.id, data), entities=entities,
                        entity_format=lambda label, base: entity_format(label, base, formats))


def _cached_entities(article: Any, cache: Path) -> list[Any]:
    """The article's entities from the cache, as the window would show them; none (said
    on stderr) when it was never analysed with this model or the cache cannot be read."""
    from reader.core.entities import is_fresh_cache
    from reader.core.entities.cache import EntityCache
    from reader.core.entities.extractor import EntityExtractor
    from reader.core.storage import StorageError

    found = None
    if not is_fresh_cache(cache):
        try:
            store = EntityCache(cache)
            try:
                found = store.get(article.content_hash, EntityExtractor(cache_dir=cache).version)
            finally:
                store.close()
        except StorageError as exc:
            print(f"reader: entities not marked: {exc}", file=sys.stderr)
            return []
    if found is None:
        print(f"reader: entities not marked (never analysed): run 'reader entities {article.path}' "
              "first, or open the article in Reader", file=sys.stderr)
        return []
    return list(found.body)


def _bookmarks(article_id: str, data: Path) -> list:  # type: ignore[type-arg]
    """This article's bookmarks, if there is a bookmark store (none is created)."""
    from reader.core.bookmarks.store import DB_NAME, BookmarkStore
    from reader.core.storage import StorageError

    if not (data / DB_NAME).exists():
        return []
    try:
        with BookmarkStore(data) as store:
            return store.for_article(article_id)
    except StorageError as exc:
        print(f"reader: bookmarks not included: {exc}", file=sys.stderr)
        return []
