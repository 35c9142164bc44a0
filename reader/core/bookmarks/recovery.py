"""Bookmarks read back from a damaged store: repaired rather than dropped.

Why: a damaged page may garble one field of a row (a colour, the tags' JSON, an offset)
while the quote, the note and the article are intact; such a bookmark is repaired (default
colour, no tags, offsets 0..0 so re-anchoring finds the quote again) and kept.  Used by the
salvage at opening (:func:`accept_row`), by listing when a garbled row slipped past the
integrity check (:func:`repaired_bookmarks`) and by "Récupérer depuis…" (:func:`recover_from`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.bookmarks.anchoring import ANCHORED, STATUSES
from reader.core.bookmarks.store import (
    _COLUMNS,
    COLOURS,
    DEFAULT_COLOUR,
    Bookmark,
    _row_values,
    normalise_tags,
    validate,
)
from reader.core.salvage import ReadStats, connect_read_only, read_rows

if TYPE_CHECKING:
    from reader.core.bookmarks.store import BookmarkStore


def _row_bookmark(row: Mapping[str, Any]) -> Bookmark:
    """A row read back by column name (salvage, recovery, a garbled row) → a valid
    Bookmark, repairing what a damaged page may have garbled (an unknown colour becomes
    the default, bad offsets 0..0 so that re-anchoring finds the quote again, unreadable
    tags none).  Raises ValueError only without a usable id and article id."""
    def text(name: str, default: str = "") -> str:
        value = row.get(name, default)
        return value if isinstance(value, str) else default

    def number(name: str) -> int:
        value = row.get(name)
        return value if isinstance(value, int) and not isinstance(value, bool) else -1

    bookmark_id, article_id = text("id"), text("article_id")
    if not bookmark_id or not article_id:
        raise ValueError("unreadable bookmark row: no id or article id")
    try:
        raw = row.get("tags")
        tags = normalise_tags(json.loads(raw)) if isinstance(raw, str) and raw else ()
        if not all(isinstance(t, str) for t in tags):
            tags = ()
    except (ValueError, TypeError):
        tags = ()
    start, end = number("start_offset"), number("end_offset")
    if not 0 <= start <= end:
        start = end = 0
    colour, status = text("colour"), text("status")
    return validate(Bookmark(
        id=bookmark_id, article_id=article_id, content_hash=text("content_hash"),
        start=start, end=end, quote=text("quote"), prefix=text("prefix"),
        suffix=text("suffix"), note=text("note"),
        colour=colour if colour in COLOURS else DEFAULT_COLOUR, tags=tags,
        created=text("created"), modified=text("modified"),
        article_title=text("article_title"), article_date=text("article_date"),
        article_source=text("article_source"),
        status=status if status in STATUSES else ANCHORED))


def accept_row(table: str, row: dict[str, Any]) -> dict[str, Any] | None:
    """A salvaged row, repaired (see :func:`_row_bookmark`), or None if unusable."""
    if table != "bookmarks":
        return row
    try:
        return dict(zip(_COLUMNS, _row_values(_row_bookmark(row)), strict=True))
    except ValueError:
        return None


@dataclass(frozen=True)
class Recovery:
    """What :meth:`BookmarkStore.recover_from` did: rows ``read``, of which ``rejected``
    were unusable; ``unreadable`` rowids could not be read at all."""

    added: int
    updated: int
    unchanged: int
    read: int
    rejected: int
    unreadable: int


def repaired_bookmarks(rows: Iterable[Sequence[Any]]) -> list[Bookmark]:
    """Rows of the store's SELECT (columns in ``_COLUMNS`` order), repaired; unusable ones
    (no id or article id) left out."""
    out = []
    for row in rows:
        try:
            out.append(_row_bookmark(dict(zip(_COLUMNS, row, strict=False))))
        except ValueError:
            continue
    return out


def recover_from(store: BookmarkStore, damaged: Path) -> Recovery:
    """Merge every readable bookmark of ``damaged`` into ``store`` (only reads the file)."""
    src = connect_read_only(damaged)
    stats = ReadStats()
    found: dict[str, Bookmark] = {}
    rejected = 0
    try:
        for row in read_rows(src, "bookmarks", _COLUMNS, stats):
            try:
                bookmark = _row_bookmark(row)
            except ValueError:
                rejected += 1
                continue
            found[bookmark.id] = bookmark  # a later, point-lookup copy wins
    finally:
        src.close()
    added, updated, unchanged = store.merge(found.values())
    return Recovery(added, updated, unchanged, stats.rows, rejected, stats.unreadable)
