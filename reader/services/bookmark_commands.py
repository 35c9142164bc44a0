"""Undoable bookmark changes.

Every command holds the bookmark before and after the change (immutable values); undo and
redo write back only the fields that differ between the two, so a change another window
made meanwhile to other fields survives.  The change itself is made *before* the command is
pushed (so a failure is reported by the operation that made it instead of dying inside
``QUndoStack.push``); the first ``redo()`` that ``push`` calls is therefore skipped.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from reader.core.bookmarks.store import Bookmark


class BookmarkSink(Protocol):
    """What commands need from the service: write a state and report failures."""

    def apply_state(self, bookmark_id: str, state: Bookmark | None,
                    leaving: Bookmark | None) -> None: ...


class BookmarkCommand(QUndoCommand):
    """Switch one bookmark between ``before`` and ``after`` (None = does not exist)."""

    def __init__(self, sink: BookmarkSink, text: str, before: Bookmark | None,
                 after: Bookmark | None) -> None:
        super().__init__(text)
        existing = after if after is not None else before
        if existing is None:
            raise ValueError("a bookmark command needs a state before or after")
        self.sink = sink
        self.before = before
        self.after = after
        self.bookmark_id = existing.id
        self._first = True

    def redo(self) -> None:
        if self._first:  # already done by the service before pushing
            self._first = False
            return
        self.sink.apply_state(self.bookmark_id, self.after, self.before)

    def undo(self) -> None:
        self.sink.apply_state(self.bookmark_id, self.before, self.after)


def add_command(sink: BookmarkSink, bookmark: Bookmark) -> BookmarkCommand:
    return BookmarkCommand(
        sink, QCoreApplication.translate("BookmarkCommand", "Ajouter un marque-page"),
        None, bookmark)


def delete_command(sink: BookmarkSink, bookmark: Bookmark) -> BookmarkCommand:
    return BookmarkCommand(
        sink, QCoreApplication.translate("BookmarkCommand", "Supprimer un marque-page"),
        bookmark, None)


def edit_command(sink: BookmarkSink, text: str, before: Bookmark,
                 after: Bookmark) -> BookmarkCommand:
    return BookmarkCommand(sink, text, before, after)
