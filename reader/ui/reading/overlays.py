"""Transient marks over the article: search hits, the focused entity's mentions, bookmarks.

They are ExtraSelections (nothing in the document changes, so they cost nothing to
change), drawn in the current scheme's colours.  The same ranges answer "what is at this
offset?", which the pane announces to screen readers when the caret enters one: what
sighted readers get from colour.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

from reader.ui.common import theme

NOTE_CHARS = 60


class _BookmarkColours(Mapping[str, str]):
    """Bookmark colour names → colours of the current scheme (kept for the bookmark list,
    which imported this name; new code reads :func:`reader.ui.common.theme.current`)."""

    def __getitem__(self, name: str) -> str:
        return theme.current().bookmarks[name]

    def __iter__(self) -> Iterator[str]:
        return iter(theme.current().bookmarks)

    def __len__(self) -> int:
        return len(theme.current().bookmarks)


BOOKMARK_COLOURS: Mapping[str, str] = _BookmarkColours()


@dataclass(frozen=True)
class BookmarkMark:
    start: int
    end: int
    colour: str
    label: str = ""  # the note, or empty (then the passage is announced)


def bookmark_marks(ranges: Iterable[tuple]) -> list[BookmarkMark]:
    """(start, end, colour[, note]) tuples as marks, in text order."""
    marks = []
    for item in ranges:
        start, end, colour = item[0], item[1], item[2]
        note = str(item[3]) if len(item) > 3 and item[3] else ""
        marks.append(BookmarkMark(int(start), int(end), str(colour), note))
    marks.sort(key=lambda m: (m.start, m.end))
    return marks


def _containing(ranges: list[tuple[int, int]], offset: int) -> int:
    """Index of a range (sorted by start) that contains ``offset``, else -1."""
    i = bisect.bisect_right(ranges, (offset, float("inf"))) - 1
    for j in range(i, max(-1, i - 4), -1):  # a few back, for overlapping ranges
        if ranges[j][0] <= offset < ranges[j][1]:
            return j
    return -1


def shorten(text: str, limit: int = NOTE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


@dataclass
class Overlays:
    """The marks of the shown article, as offsets into ``Article.text``."""

    search: list[tuple[int, int]] = field(default_factory=list)
    current_match: int = -1
    mentions: list[tuple[int, int]] = field(default_factory=list)
    current_mention: int = -1
    bookmarks: list[BookmarkMark] = field(default_factory=list)

    def selections(self, doc: QTextDocument, body_start: int,
                   text_len: int) -> list[QTextEdit.ExtraSelection]:
        """Bookmarks under mentions under search hits (the last drawn wins)."""
        p = theme.current()

        def make(start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(doc)
            cursor.setPosition(body_start + start)
            cursor.setPosition(body_start + end, QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor  # type: ignore[attr-defined]
            sel.format = fmt  # type: ignore[attr-defined]
            return sel

        out = []
        for mark in self.bookmarks:
            if 0 <= mark.start < mark.end <= text_len:
                fmt = QTextCharFormat()
                fmt.setBackground(QColor(p.bookmark(mark.colour)))
                fmt.setForeground(QColor(p.text))
                out.append(make(mark.start, mark.end, fmt))
        mention = QTextCharFormat()
        mention.setFontUnderline(True)
        mention.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        mention.setUnderlineColor(QColor(p.mention_underline))
        mention.setFontWeight(QFont.Weight.Bold)
        for i, (start, end) in enumerate(self.mentions):
            fmt = QTextCharFormat(mention)
            if i == self.current_mention:
                fmt.setBackground(QColor(p.mention_current))
                fmt.setForeground(QColor(p.text))
            out.append(make(start, end, fmt))
        for i, (start, end) in enumerate(self.search):
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(p.search_current if i == self.current_match else p.search))
            fmt.setForeground(QColor(p.text))
            out.append(make(start, end, fmt))
        return out

    def describe(self, offset: int, text: str) -> tuple[object, str] | None:
        """(identity, spoken text) of the search hit or bookmark at ``offset``, if any;
        the identity tells "entered a new one" from "moved inside the same one"."""
        i = _containing(self.search, offset)
        if i >= 0:
            start, end = self.search[i]
            said = QCoreApplication.translate("ReadingPane", "Occurrence %1 sur %2 : %3")
            said = (said.replace("%1", str(i + 1)).replace("%2", str(len(self.search)))
                    .replace("%3", shorten(text[start:end])))
            return ("match", start, end), said
        for mark in self.bookmarks:
            if mark.start <= offset < mark.end:
                what = shorten(mark.label or text[mark.start:mark.end])
                said = QCoreApplication.translate("ReadingPane", "Marque-page : %1")
                return ("bookmark", mark.start, mark.end), said.replace("%1", what)
        return None

