"""Bookmarks and the reading pane: Ctrl+D on the selection, the highlights of the article
shown, and opening a bookmark at its passage.

Why apart from the window: these steps join three parts (the pane's selection, the
bookmarks service, the article list that must open the bookmark's article) and remember
the last colour and tags; the window only connects them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from reader.core.bookmarks.store import Bookmark
from reader.core.library.parser import Article
from reader.services import messages
from reader.services.bookmark_types import BookmarkChange, Passage
from reader.services.bookmarks import BookmarkService
from reader.services.settings import Settings
from reader.ui.bookmarks.note_dialog import ask_bookmark
from reader.ui.reading.pane import ReadingPane


class BookmarkPassages(QObject):
    def __init__(self, pane: ReadingPane, bookmarks: BookmarkService, settings: Settings,
                 select_article: Callable[[str], bool], parent: QWidget) -> None:
        super().__init__(parent)
        self.pane, self.bookmarks, self.settings = pane, bookmarks, settings
        self._select_article = select_article
        self._parent = parent
        self._pending: tuple[str, int, int] | None = None  # a bookmark's article is opening
        bookmarks.sig_changed.connect(self._on_changed)

    def current_passage(self) -> Passage | None:
        rng = self.pane.selection_range()
        if rng is None or self.pane.article is None:
            return None
        return Passage(self.pane.article, rng[0], rng[1])

    def bookmark_selection(self, note: str | None = None) -> Bookmark | None:
        """Bookmark the selected passage; asks for a note, colour and tags (the Ctrl+D
        dialog, last choices remembered) when ``note`` is None."""
        passage = self.current_passage()
        if passage is None:
            messages.info(self.tr("Sélectionnez d'abord un passage à marquer."))
            return None
        s = self.settings
        colour, tags = s.last_bookmark_colour() or "yellow", s.last_bookmark_tags()
        if note is None:
            choice = ask_bookmark(self._parent, passage.article.text[passage.start:passage.end],
                                  last_colour=colour, last_tags=tuple(tags),
                                  known_tags=self.bookmarks.tags())
            if choice is None:
                return None
            note, colour, tags = choice.note, choice.colour, list(choice.tags)
            s.set_last_bookmark_colour(colour)
            s.set_last_bookmark_tags(tags)
        bookmark = self.bookmarks.add(passage.article, passage.start, passage.end, note,
                                      colour, tags)
        if bookmark is not None:
            messages.info(self.tr("Passage marqué."))
        return bookmark

    def article_shown(self, article: Article) -> bool:
        """Re-anchor the article's bookmarks and draw them; True when a bookmark being
        opened was selected."""
        self.bookmarks.reanchor(article)
        self.refresh()
        pending, self._pending = self._pending, None
        if pending and pending[0] == article.id:
            self.pane.select_range(pending[1], pending[2])
            return True
        return False

    def _on_changed(self, change: BookmarkChange) -> None:
        if self.pane.article is not None and change.affects(self.pane.article.id):
            self.refresh()

    def refresh(self) -> None:
        if self.pane.article is not None:
            self.pane.set_bookmarks([(b.start, b.end, b.colour, b.note) for b in
                                     self.bookmarks.for_article(self.pane.article.id)
                                     if not b.orphaned])

    def open(self, bookmark: Bookmark) -> None:
        """Show the bookmark's passage, opening its article first if needed."""
        if self.pane.article is not None and self.pane.article.id == bookmark.article_id:
            self.pane.select_range(bookmark.start, bookmark.end)
            self.pane.focus_text()
            return
        self._pending = (bookmark.article_id, bookmark.start, bookmark.end)
        if not self._select_article(bookmark.article_id):
            self._pending = None
            messages.info(self.tr("L'article « %1 » n'est pas dans cette bibliothèque.")
                          .replace("%1", bookmark.article_title or bookmark.article_id))
