"""The reading pane's document: the shared article builder with the screen's spacing and
the entity formats of the current scheme (:func:`reader.ui.common.theme.current`, read
when the document is built), and what the pane does to it afterwards (types toggled,
justification, counts for tests and screen readers).

Offsets: a position in ``Article.text`` is ``body_start + offset`` in the document.
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from reader.core.library.parser import Article
from reader.services.article_document import (
    Layout,
    build_article,
    paragraph_alignment,
)
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


def build_document(article: Article, entities: Sequence[Any], enabled: frozenset[str],
                   font: QFont, justify: bool = False) -> BuiltDocument:
    """The article as the pane shows it (:func:`reader.services.article_document.
    build_article` with the screen's spacing and the current scheme's colours), entities
    of ``enabled`` types marked in the same pass.  Touches no widget: it runs in a worker
    thread, and the caller moves the document to the GUI thread before handing it over."""
    palette = theme.current()
    memo: dict[tuple[str, int], QTextCharFormat] = {}
    layout = Layout(muted=palette.muted, justify=justify)
    doc, body_start = build_article(
        article, font, layout, entities, frozenset(e.label for e in entities) & enabled,
        lambda label, base: entity_format(label, base, memo))
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
