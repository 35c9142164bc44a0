"""What a reader does with the article or the passage shown: copy it with its citation,
copy a ``reader://`` link to it, print it, export it as PDF, and open such a link.

Why apart from the window: each command reads the pane (article, selection, entities) and
one service (bookmarks for the notes), and writes to the clipboard, a printer or a file;
none of it is composition.  Text from files stays plain everywhere (the printed document
inserts it as text; the clipboard gets text/plain and text/markdown).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject, Signal
from PySide6.QtGui import QGuiApplication, QTextCharFormat
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QWidget

from reader.core.bookmarks.anchoring import CONTEXT_CHARS, Anchorer, Selector
from reader.core.bookmarks.citation import cite
from reader.core.bookmarks.links import LinkError, PassageLink, build_link, parse_link
from reader.core.library.parser import Article
from reader.services import messages
from reader.services.bookmarks import BookmarkService
from reader.ui.reading.document import entity_format
from reader.ui.reading.pane import ReadingPane

if TYPE_CHECKING:  # printing (and QtPrintSupport) is imported on first print, not at start
    from reader.services.printing import PrintOptions

log = logging.getLogger("reader.passage")


class PassageCommands(QObject):
    sig_open_link = Signal(Path, str)  # a link asks for this library and article
    sig_search = Signal(str)  # search the library for the selected words

    def __init__(self, pane: ReadingPane, bookmarks: BookmarkService, parent: QWidget) -> None:
        super().__init__(parent)
        self.pane, self.bookmarks, self._parent = pane, bookmarks, parent
        self.library: Path | None = None  # the open library (for links)
        self._formats: dict[tuple[str, int], QTextCharFormat] = {}
        self._pending: PassageLink | None = None  # a link whose article is being opened

    def _passage(self) -> tuple[Article, int, int] | None:
        rng = self.pane.selection_range()
        if rng is None or self.pane.article is None:
            messages.info(self.tr("Sélectionnez d'abord un passage."))
            return None
        return self.pane.article, rng[0], rng[1]

    def offer_library_search(self, menu: QMenu) -> None:
        """The text's context menu offers to search the library for a short selection."""
        selected = self.pane.selected_text()
        if selected and len(selected) < 80:
            action = menu.addAction(self.tr("Rechercher « %1 » dans la bibliothèque")
                                    .replace("%1", selected[:40]))
            action.triggered.connect(lambda: self.sig_search.emit(selected))

    # -- clipboard -------------------------------------------------------------------------
    def copy_with_citation(self) -> None:
        """The passage as plain text and Markdown, each followed by where it comes from."""
        passage = self._passage()
        if passage is None:
            return
        article, start, end = passage
        citation = cite(article.text[start:end], title=article.title, source=article.source,
                        date=article.date, file_name=Path(article.path).name)
        data = QMimeData()
        data.setText(citation.plain)
        data.setData("text/markdown", citation.markdown.encode("utf-8"))
        QGuiApplication.clipboard().setMimeData(data)
        messages.info(self.tr("Passage copié avec sa référence."))

    def copy_link(self) -> None:
        """A ``reader://`` link to the passage (or to the article when nothing is selected)
        that Reader opens at the passage."""
        article = self.pane.article
        if article is None or self.library is None:
            return
        rng = self.pane.selection_range()
        exact = prefix = suffix = ""
        if rng is not None:
            start, end = rng
            exact = article.text[start:end]
            prefix = article.text[max(0, start - CONTEXT_CHARS):start]
            suffix = article.text[end:end + CONTEXT_CHARS]
        try:
            url = build_link(PassageLink(str(self.library), article.id, exact, prefix, suffix))
        except LinkError as exc:
            messages.warning(self.tr("Lien impossible"), exc.reason)
            return
        QGuiApplication.clipboard().setText(url)
        messages.info(self.tr("Lien copié : %1").replace("%1", url[:80]))

    def open_link(self, url: str) -> None:
        """Parse a ``reader://`` link; ``sig_open_link`` says where to go (the passage is
        found again in the article once it is loaded: see :meth:`find_passage`)."""
        try:
            link = parse_link(url)
        except LinkError as exc:
            log.warning("link %r refused: %s", url[:200], exc)
            messages.warning(self.tr("Ce lien Reader n'est pas valide"), exc.reason)
            return
        self._pending = link
        self.sig_open_link.emit(Path(link.library), link.article_id)

    def find_passage(self, article: Article) -> tuple[int, int] | None:
        """Where the pending link's passage is in ``article`` (re-anchored like bookmarks)."""
        link, self._pending = self._pending, None
        if link is None or link.article_id != article.id or not link.exact:
            return None
        anchor = Anchorer(article.text).anchor(Selector(link.exact, link.prefix, link.suffix, 0))
        if not anchor.found:
            messages.warning(self.tr("Le passage du lien n'a pas été retrouvé dans l'article."))
            return None
        return anchor.start, anchor.end

    # -- print and PDF ------------------------------------------------------------------------
    def _options(self) -> PrintOptions:
        from reader.services.printing import PrintOptions

        return PrintOptions(
            bookmarks=self.bookmarks.for_article(self.pane.article.id) if self.pane.article
            else (),
            entities=self.pane.entities,
            entity_format=lambda label, base: entity_format(label, base, self._formats))

    def print_article(self) -> None:
        article = self.pane.article
        if article is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from reader.services.printing import build_print_document

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(article.title)
        dialog = QPrintDialog(printer, self._parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        build_print_document(article, self._options()).print_(printer)
        messages.info(self.tr("Article envoyé à l'impression."))

    def export_pdf(self) -> None:
        article = self.pane.article
        if article is None:
            return
        suggested = str(Path.home() / (Path(article.path).stem + ".pdf"))
        path, _filter = QFileDialog.getSaveFileName(
            self._parent, self.tr("Exporter l'article en PDF"), suggested,
            self.tr("Documents PDF (*.pdf)"))
        if not path:
            return
        from reader.services.printing import article_pdf

        try:
            written = article_pdf(article, path, self._options())
        except OSError as exc:
            log.warning("PDF %s not written: %s", path, exc)
            messages.error(self.tr("Le PDF n'a pas été écrit"), exc.strerror or str(exc))
            return
        messages.info(self.tr("Article exporté en PDF : %1").replace("%1", str(written)))
