"""Print and PDF: an article as the pane shows it, with its bookmarks' notes as footnotes.

The text is built as the pane's (:mod:`reader.services.article_document`, with paper's
spacing); paper has no hover, so what the screen gives on demand is written out: the
highlighted passages carry a numbered marker and their notes follow the article, quoted
with the passage they belong to.  Entity marks are
optional (they are colours, often lost in black and white).  Everything from the file is
inserted as plain text.  Touches no widget: the window prints it with
``document.print_(printer)`` after a ``QPrintDialog``, and ``reader FILE --pdf out.pdf``
writes it with :func:`write_pdf` without any window.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import (
    QColor,
    QFont,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from reader.core.bookmarks.anchoring import ORPHANED, Anchorer
from reader.core.bookmarks.store import Bookmark
from reader.core.library.parser import Article
from reader.services.article_document import PAPER, EntityFormat, build_article

log = logging.getLogger("reader.printing")
# as on screen (reader/ui/reading/pane.py BOOKMARK_COLOURS), a little lighter for paper
PRINT_COLOURS = {"yellow": "#fff59d", "green": "#c5e1a5", "blue": "#b3e5fc",
                 "pink": "#f8bbd0", "purple": "#e1bee7"}
QUOTE_CHARS = 90



@dataclass(frozen=True)
class PrintOptions:
    """What goes on paper besides the text.

    ``entities``: objects with ``start``, ``end``, ``label`` (offsets in ``Article.text``);
    they are marked only with ``entity_format`` ((label, base format) → character format,
    e.g. the pane's :func:`reader.ui.reading.document.entity_format`), so services need
    not know the entity colours.  ``bookmarks`` should be anchored to this version of the article
    (the window's are); others are re-anchored here, in memory.
    """

    bookmarks: Sequence[Bookmark] = ()
    highlight_bookmarks: bool = True
    notes: bool = True
    entities: Sequence[Any] = ()
    entity_format: EntityFormat | None = None
    font: QFont | None = None


@dataclass(frozen=True)
class Footnote:
    number: int
    quote: str
    note: str
    orphaned: bool


def anchored(article: Article, bookmarks: Sequence[Bookmark]) -> list[Bookmark]:
    """Bookmarks placed on this version of the text (in memory, nothing saved)."""
    out: list[Bookmark] = []
    anchorer: Anchorer | None = None
    for b in bookmarks:
        if b.article_id != article.id:
            continue
        if b.status != ORPHANED and article.text[b.start:b.end] == b.quote:
            out.append(b)
            continue
        anchorer = anchorer or Anchorer(article.text)
        found = anchorer.anchor(b.selector())
        out.append(replace(b, start=found.start, end=found.end, status=found.status)
                   if found.found else replace(b, status=ORPHANED))
    return sorted(out, key=lambda b: (b.orphaned, b.start, b.end, b.created))


def _short(quote: str) -> str:
    quote = " ".join(quote.split())
    return quote if len(quote) <= QUOTE_CHARS else quote[:QUOTE_CHARS - 1].rstrip() + "…"


def build_print_document(article: Article, options: PrintOptions | None = None,
                         ) -> QTextDocument:
    """The article for paper: title, meta line, text (entity marks and bookmark
    highlights as asked), a numbered marker after each annotated passage and the notes."""
    options = options or PrintOptions()
    font = options.font or QFont(["Noto Serif", "DejaVu Serif", "Liberation Serif", "serif"], 11)
    entities = sorted(options.entities, key=lambda e: (e.start, e.end))
    doc, body_start = build_article(article, font, PAPER, entities,
                                    frozenset(e.label for e in entities),
                                    options.entity_format)
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    length = len(article.text)

    def span(start: int, end: int, fmt: QTextCharFormat) -> None:
        if 0 <= start < end <= length:
            c = QTextCursor(doc)
            c.setPosition(body_start + start)
            c.setPosition(body_start + end, QTextCursor.MoveMode.KeepAnchor)
            c.mergeCharFormat(fmt)

    bookmarks = anchored(article, options.bookmarks)
    notes: list[tuple[Bookmark, Footnote]] = []
    for b in bookmarks:
        if options.notes and b.note.strip():
            notes.append((b, Footnote(len(notes) + 1, b.quote, b.note.strip(), b.orphaned)))
        if options.highlight_bookmarks and not b.orphaned:
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(PRINT_COLOURS.get(b.colour, "#fff59d")))
            span(b.start, b.end, fmt)
    # markers from the end backwards, so the offsets before them stay valid
    marker = QTextCharFormat()
    marker.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
    marker.setFontWeight(QFont.Weight.Bold)
    for b, note in sorted(((b, n) for b, n in notes if not n.orphaned),
                          key=lambda pair: pair[0].end, reverse=True):
        c = QTextCursor(doc)
        c.setPosition(body_start + min(b.end, length))
        c.insertText(f"[{note.number}]", marker)
    if notes:
        _append_notes(cursor, [n for _b, n in notes])
    cursor.endEditBlock()
    return doc


def _append_notes(cursor: QTextCursor, notes: list[Footnote]) -> None:
    cursor.movePosition(QTextCursor.MoveOperation.End)
    heading_block = QTextBlockFormat()
    heading_block.setTopMargin(24)
    heading_block.setBottomMargin(6)
    heading_block.setHeadingLevel(2)
    heading_fmt = QTextCharFormat()
    heading_fmt.setFontWeight(QFont.Weight.Bold)
    cursor.insertBlock(heading_block, heading_fmt)
    cursor.insertText(QCoreApplication.translate("Printing", "Notes"), heading_fmt)
    note_block = QTextBlockFormat()
    note_block.setBottomMargin(6)
    quote_fmt = QTextCharFormat()
    quote_fmt.setFontItalic(True)
    quote_fmt.setForeground(QColor("#444"))
    plain = QTextCharFormat()
    number_fmt = QTextCharFormat()
    number_fmt.setFontWeight(QFont.Weight.Bold)
    for note in notes:
        cursor.insertBlock(note_block, plain)
        cursor.insertText(f"[{note.number}] ", number_fmt)
        cursor.insertText(f"« {_short(note.quote)} »", quote_fmt)
        if note.orphaned:
            cursor.insertText(" " + QCoreApplication.translate("Printing", "(passage introuvable)"), quote_fmt)
        cursor.insertText(" — ", plain)
        cursor.insertText(note.note, plain)


def write_pdf(document: QTextDocument, path: str | os.PathLike[str], *, title: str = "",
              resolution: int = 300) -> Path:
    """Write ``document`` as an A4 PDF at ``path`` (through a temporary file, so a failure
    leaves no half-written file).  Raises OSError when the file cannot be written."""
    target = Path(path)
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        tmp.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb"):  # fails here, with a real OSError, on an unwritable folder
            pass
    except OSError:
        log.exception("cannot write the PDF %s", target)
        raise
    writer = QPdfWriter(str(tmp))
    writer.setResolution(resolution)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(20, 18, 20, 18), QPageLayout.Unit.Millimeter)
    writer.setTitle(title or document.metaInformation(QTextDocument.MetaInformation.DocumentTitle))
    writer.setCreator("Reader")
    document.print_(writer)
    del writer  # finishes the file
    if tmp.stat().st_size == 0:
        tmp.unlink(missing_ok=True)
        raise OSError(f"the PDF {target} could not be written")
    os.replace(tmp, target)
    return target


def article_pdf(article: Article, path: str | os.PathLike[str],
                options: PrintOptions | None = None) -> Path:
    """Build and write in one call (``reader FILE --pdf out.pdf``, Exporter en PDF…)."""
    return write_pdf(build_print_document(article, options), path, title=article.title)
