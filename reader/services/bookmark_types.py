"""What the bookmark service tells its observers: small frozen dataclasses, never tuples.

Kept apart from :mod:`reader.services.bookmarks` so views can name the payloads without
importing the service's machinery.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from reader.core.bookmarks.store import Bookmark
from reader.core.library.parser import Article


class StoreState(enum.Enum):
    """Whether bookmarks can be shown and changed."""

    READY = "ready"
    READ_ONLY = "read-only"  # shown, but no change can be saved (read-only medium)
    UNAVAILABLE = "unavailable"  # the store could not be opened at all


class ChangeKind(enum.Enum):
    ADDED = "added"
    EDITED = "edited"  # note, colour, tags, re-attached or re-anchored
    DELETED = "deleted"
    RELOADED = "reloaded"  # everything re-read: views start over from ``bookmarks()``


@dataclass(frozen=True)
class BookmarkChange:
    """One change, after it is saved.  ``bookmarks`` are the new values (ADDED, EDITED);
    ``removed`` the ids gone (DELETED); ``article_ids`` the articles whose highlights
    changed (before and after a re-attach), empty for RELOADED, which concerns all."""

    kind: ChangeKind
    bookmarks: tuple[Bookmark, ...] = ()
    removed: tuple[str, ...] = ()
    article_ids: frozenset[str] = frozenset()

    def affects(self, article_id: str | None) -> bool:
        """Must the highlights of ``article_id`` be redrawn?"""
        if article_id is None:
            return False
        return self.kind == ChangeKind.RELOADED or article_id in self.article_ids


@dataclass(frozen=True)
class Notice:
    """The line above the bookmark list: the last failure (``error``) or result; an
    empty ``text`` clears it."""

    text: str
    error: bool = True


@dataclass(frozen=True)
class ExportResult:
    path: Path
    count: int
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


@dataclass(frozen=True)
class ImportResult:
    path: Path
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


@dataclass(frozen=True)
class Passage:
    """A selected passage of an open article: what a bookmark is made on or re-attached to."""

    article: Article
    start: int
    end: int
