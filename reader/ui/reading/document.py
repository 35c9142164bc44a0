"""An article as a QTextDocument: title, meta line, blocks, entity formats in one pass.

Offsets: the body blocks are inserted one QTextBlock each, in order, so a position in
``Article.text`` is ``body_start + offset`` in the document.  Touches no widget, so
:func:`build_document` can run in a worker thread.  Colours come from the current scheme
(:func:`reader.ui.common.theme.current`), read when the document is built.
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Iterable, Sequence
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
from reader.ui.common import theme
from reader.ui.common.entity_style import style_for

LABEL_PROP = QTextFormat.Property.UserProperty + 1
_span = operator.attrgetter("start", "end")


def by_position(entities: Iterable[Any]) -> list[Any]:
    """Entities in text order, as :func:`build_document` takes them (a C-level key:
    3,000 entities per switch)."""
    return sorted(entities, key=_span)


@dataclass
class BuiltDocument:
    """A rendered article, possibly built in a worker thread (then moved to the GUI's)."""

    article: Article
    document: QTextDocument
    body_start: int
    enabled: frozenset[str]
    justify: bool = False
    scheme: str = "light"


def entity_format(label: str, base: QTextCharFormat,
                  memo: dict[tuple[str, int], QTextCharFormat]) -> QTextCharFormat:
    """``base`` plus the entity type's tint, underline style and label: one format per
    type, so 3,000 entities cost 6 formats (tooltips are looked up on hover).  ``memo``
    belongs to one scheme: clear it when the scheme changes."""
    key = (label, base.fontWeight())
    fmt = memo.get(key)
    if fmt is None:
        style = style_for(label)
        fmt = QTextCharFormat(base)
        fmt.setBackground(QColor(style.background))
        fmt.setUnderlineStyle(style.underline)
        fmt.setUnderlineColor(QColor(style.colour))
        fmt.setProperty(LABEL_PROP, label)
        memo[key] = fmt
    return fmt


def meta_line(article: Article) -> str:
    """Caption, date, source and length in the UI language."""
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


def build_document(article: Article, entities: Sequence[Any], enabled: frozenset[str],
                   font: QFont, justify: bool = False) -> BuiltDocument:
    """The article as a QTextDocument: title, meta line, headings and paragraphs inserted as
    text, entities of ``enabled`` types inserted with their format in the same pass.

    Touches no widget, so it can run in a worker thread; the caller moves the document to
    the GUI thread (``document.moveToThread``) before handing it over.
    """
    palette = theme.current()
    doc = QTextDocument()
    doc.setUndoRedoEnabled(False)
    doc.setDefaultFont(font)
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    title_block = QTextBlockFormat()
    title_block.setBottomMargin(6)
    title_block.setHeadingLevel(1)
    title_block.setLineHeight(120, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    title_fmt = QTextCharFormat()
    title_fmt.setFontWeight(QFont.Weight.Bold)
    title_fmt.setProperty(QTextFormat.Property.FontSizeAdjustment, 3)
    cursor.setBlockFormat(title_block)
    cursor.insertText(article.title, title_fmt)
    meta_block = QTextBlockFormat()
    meta_block.setBottomMargin(22)
    meta_fmt = QTextCharFormat()
    meta_fmt.setForeground(QColor(palette.muted))
    meta_fmt.setFontFamilies(["Inter", "Noto Sans", "DejaVu Sans", "sans-serif"])
    meta_fmt.setProperty(QTextFormat.Property.FontSizeAdjustment, -1)
    cursor.insertBlock(meta_block, meta_fmt)
    cursor.insertText(meta_line(article), meta_fmt)
    para_block = QTextBlockFormat()
    para_block.setBottomMargin(12)
    para_block.setLineHeight(155, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    para_block.setAlignment(paragraph_alignment(justify))
    heading_block = QTextBlockFormat()
    heading_block.setTopMargin(14)
    heading_block.setBottomMargin(8)
    heading_block.setHeadingLevel(2)
    heading_fmt = QTextCharFormat()
    heading_fmt.setFontWeight(QFont.Weight.DemiBold)
    heading_fmt.setProperty(QTextFormat.Property.FontSizeAdjustment, 1)
    para_fmt = QTextCharFormat()
    memo: dict[tuple[str, int], QTextCharFormat] = {}
    labels = {e.label for e in entities if e.label in enabled}
    kind_formats = {
        "heading": (heading_block, heading_fmt,
                    {lab: entity_format(lab, heading_fmt, memo) for lab in labels}),
        "paragraph": (para_block, para_fmt,
                      {lab: entity_format(lab, para_fmt, memo) for lab in labels}),
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
    return BuiltDocument(article, doc, body_start, enabled, justify, palette.scheme)


def set_paragraph_alignment(doc: QTextDocument, body_start: int, justify: bool) -> None:
    """Justify (or not) the body paragraphs of a built document in place (headings stay
    left-aligned); one edit block."""
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    block = doc.findBlock(max(body_start, 0))
    alignment = paragraph_alignment(justify)
    while block.isValid():
        fmt = block.blockFormat()
        if fmt.headingLevel() == 0 and fmt.alignment() != alignment:
            fmt.setAlignment(alignment)
            cursor.setPosition(block.position())
            cursor.setBlockFormat(fmt)
        block = block.next()
    cursor.endEditBlock()


def apply_entity_formats(doc: QTextDocument, body_start: int, text_len: int,
                         entities: Iterable[Any], enabled: set[str] | frozenset[str],
                         memo: dict[tuple[str, int], QTextCharFormat]) -> None:
    """Clear the body's entity formats, then merge one per entity of an ``enabled`` type
    (entities arriving after the text, or a type toggled): one edit block."""
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    clear = QTextCharFormat()
    clear.setBackground(Qt.BrushStyle.NoBrush)
    clear.setUnderlineStyle(QTextCharFormat.UnderlineStyle.NoUnderline)
    clear.setProperty(LABEL_PROP, "")
    cursor.setPosition(body_start)
    cursor.setPosition(body_start + text_len, QTextCursor.MoveMode.KeepAnchor)
    cursor.mergeCharFormat(clear)
    empty = QTextCharFormat()
    for ent in entities:
        if ent.label not in enabled or not 0 <= ent.start < ent.end <= text_len:
            continue
        cursor.setPosition(body_start + ent.start)
        cursor.setPosition(body_start + ent.end, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(entity_format(ent.label, empty, memo))
    cursor.endEditBlock()


def count_entity_runs(doc: QTextDocument) -> int:
    """How many character runs carry an entity label (for tests and diagnostics)."""
    count = 0
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            if it.fragment().charFormat().property(LABEL_PROP):
                count += 1
            it += 1
        block = block.next()
    return count


def accessible_summary(title: str, entities: Iterable[Any], enabled: Iterable[str]) -> str:
    """The article's title and its highlighted entities counted by type ("… 3 lieux,
    1 personne"): what the colours tell sighted readers, as a description."""
    shown = set(enabled)
    counts = Counter(e.label for e in entities if e.label in shown)
    if not counts:
        return title
    parts = ", ".join(
        f"{n} {(style_for(label).name if n == 1 else style_for(label).plural).lower()}"
        for label, n in counts.most_common())
    return (QCoreApplication.translate("ReadingPane", "%1. %2 entités surlignées : %3")
            .replace("%1", title).replace("%2", str(sum(counts.values())))
            .replace("%3", parts))
