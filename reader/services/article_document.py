"""An article as a QTextDocument, for the screen and for paper: one builder.

Why here (QtGui, no widget): the reading pane builds its document in a worker thread, and
printing (the window's Imprimer…, ``reader FILE --pdf`` without a window) builds the same
text with paper's spacing; both used to carry their own copy of the title, meta line,
headings and paragraphs.  What differs is data: a :class:`Layout` (margins, line height,
alignment, colours) and, for the entity marks, a format function the caller gives (the
screen's come from the UI theme, which services cannot read).

Offsets: the body blocks go in one QTextBlock each, in order, so a position in
``Article.text`` is ``body_start + offset`` in the document.  Every text from the file is
inserted as plain text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from reader.core.library.parser import Article
from reader.services.i18n import display_date

# label, base format of the run (paragraph or heading) -> the entity's format
EntityFormat = Callable[[str, QTextCharFormat], QTextCharFormat]


@dataclass(frozen=True)
class Layout:
    """Spacing (pixels on screen, points on paper) and colours of a built article."""

    muted: str  # the meta line's colour
    title_bottom: int = 6
    meta_bottom: int = 22
    paragraph_bottom: int = 12
    line_height: int = 155  # percent
    heading_top: int = 14
    heading_bottom: int = 8
    justify: bool = False
    meta_families: tuple[str, ...] = ("Inter", "Noto Sans", "DejaVu Sans", "sans-serif")


PAPER = Layout(muted="#555555", meta_bottom=18, paragraph_bottom=8, line_height=130,
               heading_top=10, heading_bottom=6, meta_families=())


def meta_line(article: Article) -> str:
    """Caption, date at its precision, source and length in the UI language."""
    parts = [display_date(article.date)]
    if article.source:
        parts.append(article.source)
    n = article.word_count
    words = (QCoreApplication.translate("ReadingPane", "1 mot") if n == 1
             else QCoreApplication.translate("ReadingPane", "%1 mots").replace(
                 "%1", QLocale().toString(n)))
    parts.append(words)
    if article.caption and article.caption != article.title:
        parts.insert(0, article.caption)
    return "  ·  ".join(parts)


def paragraph_alignment(justify: bool) -> Qt.AlignmentFlag:
    """Ragged right by default: justified text without hyphenation makes rivers in
    narrow columns."""
    return Qt.AlignmentFlag.AlignJustify if justify else Qt.AlignmentFlag.AlignLeft


def build_article(article: Article, font: QFont, layout: Layout,
                  entities: Sequence[Any] = (), labels: frozenset[str] = frozenset(),
                  entity_format: EntityFormat | None = None,
                  ) -> tuple[QTextDocument, int]:
    """(document, body_start): title, meta line, headings and paragraphs inserted as text;
    ``entities`` (sorted by position, with ``start``, ``end``, ``label``) of ``labels``
    inserted with ``entity_format`` in the same pass.  Touches no widget, so it can run in
    a worker thread (the caller moves the document to the GUI thread)."""
    doc = QTextDocument()
    doc.setUndoRedoEnabled(False)
    doc.setDefaultFont(font)
    doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, article.title)
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    title_block = QTextBlockFormat()
    title_block.setBottomMargin(layout.title_bottom)
    title_block.setHeadingLevel(1)
    title_block.setLineHeight(120, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    title_fmt = QTextCharFormat()
    title_fmt.setFontWeight(QFont.Weight.Bold)
    title_fmt.setProperty(QTextFormat.Property.FontSizeAdjustment, 3)
    cursor.setBlockFormat(title_block)
    cursor.insertText(article.title, title_fmt)
    meta_block = QTextBlockFormat()
    meta_block.setBottomMargin(layout.meta_bottom)
    meta_fmt = QTextCharFormat()
    meta_fmt.setForeground(QColor(layout.muted))
    if layout.meta_families:
        meta_fmt.setFontFamilies(list(layout.meta_families))
    meta_fmt.setProperty(QTextFormat.Property.FontSizeAdjustment, -1)
    cursor.insertBlock(meta_block, meta_fmt)
    cursor.insertText(meta_line(article), meta_fmt)
    para_block = QTextBlockFormat()
    para_block.setBottomMargin(layout.paragraph_bottom)
    para_block.setLineHeight(layout.line_height,
                             QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    para_block.setAlignment(paragraph_alignment(layout.justify))
    heading_block = QTextBlockFormat()
    heading_block.setTopMargin(layout.heading_top)
    heading_block.setBottomMargin(layout.heading_bottom)
    heading_block.setHeadingLevel(2)
    heading_fmt = QTextCharFormat()
    heading_fmt.setFontWeight(QFont.Weight.DemiBold)
    heading_fmt.setProperty(QTextFormat.Property.FontSizeAdjustment, 1)
    para_fmt = QTextCharFormat()
    if entity_format is None:
        labels = frozenset()
    kind_formats = {
        "heading": (heading_block, heading_fmt,
                    {lab: entity_format(lab, heading_fmt) for lab in labels}
                    if entity_format else {}),
        "paragraph": (para_block, para_fmt,
                      {lab: entity_format(lab, para_fmt) for lab in labels}
                      if entity_format else {}),
    }
    shown = [(e.start, e.end, e.label) for e in entities if e.label in labels]
    # Each insertText costs ~1.5 µs (binding + Qt), and a 50,000-word article has ~3,000
    # entities: consecutive blocks of one kind go in as one run of text whose "\n" make the
    # blocks (with the current block format), so the calls are ~2 per entity, not per block.
    insert_text = cursor.insertText
    find = article.text.find
    text = article.text
    blocks = article.blocks
    body_start = -1
    k, n_shown, i, n_blocks = 0, len(shown), 0, len(blocks)
    while i < n_blocks:
        kind = blocks[i].kind
        j = i + 1
        while j < n_blocks and blocks[j].kind == kind:
            j += 1
        block_format, base, fmts = kind_formats.get(kind, kind_formats["paragraph"])
        cursor.insertBlock(block_format, base)
        if body_start < 0:
            body_start = cursor.position()
        pos, run_end = blocks[i].start, blocks[j - 1].end
        while k < n_shown and shown[k][0] < run_end:
            start, end, label = shown[k]
            k += 1
            if start < pos or end > run_end or find("\n", start, end) >= 0:
                continue  # overlapping or crossing a block boundary: not shown
            if start > pos:
                insert_text(text[pos:start], base)
            insert_text(text[start:end], fmts[label])
            pos = end
        if pos < run_end:
            insert_text(text[pos:run_end], base)
        i = j
    cursor.endEditBlock()
    return doc, body_start
