"""``reader FILE --pdf out.pdf``: an article and its bookmark notes as a PDF, no window.

Uses the offscreen platform unless one was chosen, so it runs over SSH and in CI; the
bookmarks come from the data directory (read, never changed).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from reader import paths


def main(file: str, output: str, data_option: str | None) -> int:
    from reader.core.library.parser import ParseError, read_article

    try:
        article = read_article(file)
    except ParseError as exc:
        print(f"reader: {exc}", file=sys.stderr)
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (fonts)
    from reader.services.printing import PrintOptions, article_pdf

    options = PrintOptions(bookmarks=_bookmarks(article.id, paths.data_dir(data_option)))
    try:
        target = article_pdf(article, output, options)
    except OSError as exc:
        print(f"reader: cannot write {output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"{target}")
    return 0


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
