"""The reading pane: one article as a QTextDocument, entity formats, transient overlays.

Offsets: the body blocks are inserted one QTextBlock each, in order, so a position in
``Article.text`` is ``body_start + offset`` in the document.  Entity highlights are
character formats applied once in one edit block; search hits, the focused entity's
mentions and bookmarks are ExtraSelections, which cost nothing to change.
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QHelpEvent,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from reader.core.library.parser import Article
from reader.core.library.search_query import find_matches
from reader.ui.common.bookmark_palette import BOOKMARK_COLOURS
from reader.ui.common.entity_style import ORDER, STYLES, style_for

LABEL_PROP = QTextFormat.Property.UserProperty + 1
MAX_LINE_PX = 760
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


def entity_format(label: str, base: QTextCharFormat,
                  memo: dict[tuple[str, int], QTextCharFormat]) -> QTextCharFormat:
    """``base`` plus the entity type's tint, underline style and label: one format per
    type, so 3,000 entities cost 6 formats (tooltips are looked up on hover)."""
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
                   font: QFont) -> BuiltDocument:
    """The article as a QTextDocument: title, meta line, headings and paragraphs inserted as
    text, entities of ``enabled`` types inserted with their format in the same pass.

    Touches no widget, so it can run in a worker thread; the caller moves the document to
    the GUI thread (``document.moveToThread``) before handing it over.
    """
    doc = QTextDocument()
    doc.setUndoRedoEnabled(False)
    doc.setDefaultFont(font)
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    title_block = QTextBlockFormat()
    title_block.setBottomMargin(6)
    title_block.setLineHeight(120, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    title_fmt = QTextCharFormat()
    title_fmt.setFontWeight(QFont.Weight.Bold)
    title_fmt.setProperty(QTextFormat.Property.FontSizeAdjustment, 3)
    cursor.setBlockFormat(title_block)
    cursor.insertText(article.title, title_fmt)
    meta_block = QTextBlockFormat()
    meta_block.setBottomMargin(22)
    meta_fmt = QTextCharFormat()
    meta_fmt.setForeground(QColor("#666"))
    meta_fmt.setFontFamilies(["Inter", "Noto Sans", "DejaVu Sans", "sans-serif"])
    meta_fmt.setProperty(QTextFormat.Property.FontSizeAdjustment, -1)
    parts = [article.date.display()]
    if article.source:
        parts.append(article.source)
    parts.append(f"{article.word_count} mots")
    if article.caption and article.caption != article.title:
        parts.insert(0, article.caption)
    cursor.insertBlock(meta_block, meta_fmt)
    cursor.insertText("  ·  ".join(parts), meta_fmt)
    para_block = QTextBlockFormat()
    para_block.setBottomMargin(12)
    para_block.setLineHeight(155, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    para_block.setAlignment(Qt.AlignmentFlag.AlignJustify)
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
    return BuiltDocument(article, doc, body_start, enabled)


class ArticleView(QTextBrowser):
    """Read-only text view with entity tooltips and a centred, comfortable column."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAcceptRichText(False)
        self.setObjectName("articleView")
        self.setAccessibleName("Article")
        self.viewport().setMouseTracking(True)
        self.tooltip_at: Callable[[int], str] | None = None  # document position → tooltip

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.update_margins()

    def update_margins(self, document: QTextDocument | None = None) -> None:
        """Centre the text column; ``document`` (default: the shown one) may be one about
        to be attached, so that it is laid out once, with its final margins."""
        width = self.viewport().width()
        side = max(24, (width - MAX_LINE_PX) // 2)
        root = (document or self.document()).rootFrame()
        fmt = root.frameFormat()
        if int(fmt.leftMargin()) != side:
            fmt.setLeftMargin(side)
            fmt.setRightMargin(side)
            fmt.setTopMargin(28)
            fmt.setBottomMargin(48)
            root.setFrameFormat(fmt)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            position = self.cursorForPosition(event.pos()).position()
            tip = self.tooltip_at(position) if self.tooltip_at is not None else ""
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)


class LegendBar(QWidget):
    """One toggle per entity type: colour swatch, name and underline style."""

    sig_toggled = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        layout.setSpacing(4)
        caption = QLabel("Entités :")
        caption.setObjectName("legendCaption")
        layout.addWidget(caption)
        self.caption = caption
        self._compact = False
        self._full_width = 0
        self.buttons: dict[str, QToolButton] = {}
        for label in ORDER:
            style = STYLES[label]
            button = QToolButton(self)
            button.setCheckable(True)
            button.setChecked(True)
            button.setText(style.name)
            button.setToolTip(f"Afficher ou masquer : {style.plural} ({label})")
            button.setAccessibleName(f"Surligner les entités de type {style.name}")
            button.setObjectName(f"legend_{label}")
            line = _css_line(style.underline)
            button.setStyleSheet(
                f"QToolButton {{ border: 1px solid {style.colour};"
                f" border-bottom: 3px {line} {style.colour}; background: {style.background};"
                " border-radius: 3px; padding: 1px 6px; color: #222; }"
                "QToolButton:!checked { background: transparent; color: #888;"
                " border-color: #bbb; }"
            )
            button.toggled.connect(lambda on, lab=label: self.sig_toggled.emit(lab, on))
            layout.addWidget(button)
            self.buttons[label] = button
        layout.addStretch(1)
        # the legend may be clipped on narrow windows rather than widen the reading pane
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        # where F3 / Shift+F3 are among the search's matches in this article
        self.matches = QLabel("")
        self.matches.setObjectName("legendMatches")
        self.matches.setStyleSheet("background: #ffd54f; border-radius: 3px; padding: 1px 6px;")
        self.matches.setVisible(False)
        layout.addWidget(self.matches)
        self.status = QLabel("")
        self.status.setObjectName("legendStatus")
        layout.addWidget(self.status)

    def enabled_labels(self) -> set[str]:
        return {label for label, b in self.buttons.items() if b.isChecked()}

    def resizeEvent(self, event: QResizeEvent) -> None:
        """On a narrow pane show the type codes (PER, ORG…) rather than clipped names."""
        super().resizeEvent(event)
        if self._full_width == 0:  # measured once, with the full names
            self._full_width = (sum(b.sizeHint().width() for b in self.buttons.values())
                                + self.caption.sizeHint().width()
                                + 4 * (len(self.buttons) + 2) + 16)
        full = (self._full_width + max(self.status.sizeHint().width(), 70)
                + (self.matches.sizeHint().width() if self.matches.isVisible() else 0))
        compact = self.width() < full
        if compact != self._compact:
            self._compact = compact
            self.caption.setVisible(not compact)
            for label, button in self.buttons.items():
                button.setText(label if compact else STYLES[label].name)


def _css_line(style: QTextCharFormat.UnderlineStyle) -> str:
    if style in (QTextCharFormat.UnderlineStyle.DotLine,):
        return "dotted"
    if style in (QTextCharFormat.UnderlineStyle.DashUnderline,
                 QTextCharFormat.UnderlineStyle.DashDotLine,
                 QTextCharFormat.UnderlineStyle.DashDotDotLine):
        return "dashed"
    if style is QTextCharFormat.UnderlineStyle.WaveUnderline:
        return "double"
    return "solid"


class ReadingPane(QWidget):
    """Shows one article; knows offsets, not storage."""

    sig_selection_changed = Signal(bool)  # True when a passage is selected
    sig_search_selection = Signal(str)  # "search the library for this" from the context menu

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.legend = LegendBar(self)
        self.view = ArticleView(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.legend)
        layout.addWidget(self.view, 1)
        self.article: Article | None = None
        self._body_start = 0
        self._entities: list[Any] = []  # reader.core.entities.extractor.Entity
        self._enabled = set(ORDER)
        self._search_ranges: list[tuple[int, int]] = []
        self._current_match = -1
        self._mention_ranges: list[tuple[int, int]] = []
        self._current_mention = -1
        self._bookmark_ranges: list[tuple[int, int, str]] = []
        self._base_point_size = 13.0
        self._format_memo: dict[tuple[str, int], QTextCharFormat] = {}
        self._starts: list[int] = []
        self.view.tooltip_at = self._tooltip_at
        self.legend.sig_toggled.connect(self._on_toggle)
        self.view.selectionChanged.connect(
            lambda: self.sig_selection_changed.emit(self.view.textCursor().hasSelection()))
        self._context_actions: list[QAction] = []
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.setFocusProxy(self.view)
        self._setup_document(QTextDocument(self))
        self.show_placeholder(self.tr("Aucun article sélectionné"))

    # -- window hooks --------------------------------------------------------------------
    def set_entity_status(self, text: str) -> None:
        """The legend bar's note on the entities ("3 entités", "en attente du modèle…")."""
        self.legend.status.setText(text)

    def add_context_actions(self, actions: list[QAction]) -> None:
        """Actions offered in the text's context menu after the standard ones."""
        self._context_actions.extend(actions)

    def describe(self, text: str) -> None:
        """What screen readers announce for the text (what colours and underlines show)."""
        self.view.setAccessibleDescription(text)

    def focus_text(self) -> None:
        self.view.setFocus()

    def _context_menu(self, pos: QPoint) -> None:
        menu: QMenu = self.view.createStandardContextMenu(pos)
        menu.addSeparator()
        menu.addActions(self._context_actions)
        selected = self.selected_text()
        if selected and len(selected) < 80:
            search = menu.addAction(
                self.tr("Rechercher « %1 » dans la bibliothèque").replace("%1", selected[:40]))
            search.triggered.connect(lambda: self.sig_search_selection.emit(selected))
        menu.exec(self.view.viewport().mapToGlobal(pos))
        menu.deleteLater()

    # -- document ----------------------------------------------------------------------
    def _setup_document(self, doc: QTextDocument) -> None:
        doc.setUndoRedoEnabled(False)
        font = QFont()
        font.setFamilies(["Source Serif 4", "Noto Serif", "DejaVu Serif", "Georgia", "serif"])
        font.setPointSizeF(self._base_point_size)
        doc.setDefaultFont(font)
        old = self.view.document()
        ours = old is not None and old is not doc and old.parent() is self
        # Margins and width before attaching: the view makes the document's layout on
        # attaching, and a layout made without a width lays out unwrapped lines first
        # (~10 ms on a long article); changing the root frame afterwards lays out again.
        self.view.update_margins(doc)
        doc.setTextWidth(self.view.viewport().width())
        self.view.setDocument(doc)
        if ours:
            old.deleteLater()
        self.view.update_margins()  # a no-op unless attaching showed the scroll bar

    def show_placeholder(self, message: str) -> None:
        self.article = None
        self._entities = []
        self._starts = []
        doc = QTextDocument(self)
        self._setup_document(doc)
        cursor = QTextCursor(doc)
        fmt = QTextCharFormat()
        fmt.setForeground(QColor("#777"))
        cursor.insertText(message, fmt)
        self._clear_overlays()

    def show_article(self, article: Article, entities: Iterable[Any] | None = None,
                     prebuilt: BuiltDocument | None = None) -> None:
        """Render ``article`` as plain text blocks (never markup).

        ``prebuilt`` is a document made by :func:`build_document` in a worker thread (the
        GUI thread then only attaches it); otherwise it is built here.  Entities known
        up front (the cache) go in with the text: one layout per switch.
        """
        ents = by_position(entities) if entities else []
        if (prebuilt is None or prebuilt.article is not article
                or prebuilt.enabled != frozenset(self._enabled)):
            prebuilt = build_document(article, ents, frozenset(self._enabled),
                                      self.view.document().defaultFont())
        doc = prebuilt.document
        doc.setParent(self)
        self.article = article
        self._entities = ents
        self._starts = [e.start for e in ents]
        self._body_start = prebuilt.body_start
        self._setup_document(doc)
        self._clear_overlays()
        self.view.moveCursor(QTextCursor.MoveOperation.Start)
        self.view.verticalScrollBar().setValue(0)

    def default_font(self) -> QFont:
        return QFont(self.view.document().defaultFont())

    def enabled_labels(self) -> frozenset[str]:
        return frozenset(self._enabled)

    @property
    def body_start(self) -> int:
        return self._body_start

    # -- entities ------------------------------------------------------------------------
    def set_entities(self, entities: Iterable[Any]) -> None:
        """Apply entity character formats (one edit block, enabled types only)."""
        self._entities = by_position(entities)
        self._starts = [e.start for e in self._entities]
        self._apply_entity_formats()

    @property
    def entities(self) -> list[Any]:
        return list(self._entities)

    def _on_toggle(self, label: str, on: bool) -> None:
        if on:
            self._enabled.add(label)
        else:
            self._enabled.discard(label)
        self._apply_entity_formats()

    def set_label_enabled(self, label: str, on: bool) -> None:
        button = self.legend.buttons.get(label)
        if button is not None:
            button.setChecked(on)

    def _apply_entity_formats(self) -> None:
        if self.article is None:
            return
        cursor = QTextCursor(self.view.document())
        cursor.beginEditBlock()
        self._merge_entity_formats(cursor, clear_first=True)
        cursor.endEditBlock()

    def _merge_entity_formats(self, cursor: QTextCursor, clear_first: bool) -> None:
        """Merge one format per entity of an enabled type (inside the caller's edit block)."""
        assert self.article is not None
        text_len = len(self.article.text)
        if clear_first:
            clear = QTextCharFormat()
            clear.setBackground(Qt.BrushStyle.NoBrush)
            clear.setUnderlineStyle(QTextCharFormat.UnderlineStyle.NoUnderline)
            clear.setProperty(LABEL_PROP, "")
            cursor.setPosition(self._body_start)
            cursor.setPosition(self._body_start + text_len, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(clear)
        empty = QTextCharFormat()
        for ent in self._entities:
            if ent.label not in self._enabled or not 0 <= ent.start < ent.end <= text_len:
                continue
            cursor.setPosition(self._body_start + ent.start)
            cursor.setPosition(self._body_start + ent.end, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(entity_format(ent.label, empty, self._format_memo))

    def entity_at(self, offset: int) -> Any | None:
        """The shown entity covering ``offset`` in ``Article.text``, if any."""
        last = bisect.bisect_right(self._starts, offset) - 1
        for i in range(last, max(-1, last - 4), -1):  # a few back, for nested spans
            ent = self._entities[i]
            if ent.start <= offset < ent.end and ent.label in self._enabled:
                return ent
        return None

    def _tooltip_at(self, position: int) -> str:
        if self.article is None:
            return ""
        ent = self.entity_at(position - self._body_start)
        if ent is None:
            return ""
        style = style_for(ent.label)
        return f"{style.name} ({ent.label}) : {ent.text}"

    def entity_count_in_document(self) -> int:
        """How many character runs carry an entity label (for tests and diagnostics)."""
        count = 0
        block = self.view.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                if it.fragment().charFormat().property(LABEL_PROP):
                    count += 1
                it += 1
            block = block.next()
        return count

    # -- selection and offsets -------------------------------------------------------------
    def selection_range(self) -> tuple[int, int] | None:
        """The selected passage as offsets into ``Article.text`` (clamped to the body)."""
        if self.article is None:
            return None
        cursor = self.view.textCursor()
        if not cursor.hasSelection():
            return None
        n = len(self.article.text)
        start = min(max(cursor.selectionStart() - self._body_start, 0), n)
        end = min(max(cursor.selectionEnd() - self._body_start, 0), n)
        text = self.article.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end) if end > start else None

    def select_range(self, start: int, end: int) -> None:
        if self.article is None:
            return
        n = len(self.article.text)
        start, end = max(0, min(start, n)), max(0, min(end, n))
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(self._body_start + start)
        cursor.setPosition(self._body_start + end, QTextCursor.MoveMode.KeepAnchor)
        # a range out of view goes a third of the way down the pane (reading around a
        # search hit or a mention); one in view stays put, so stepping does not jump.
        # Checked before setTextCursor, which scrolls it just into view at an edge.
        first = QTextCursor(cursor)
        first.setPosition(cursor.selectionStart())
        viewport = self.view.viewport().rect()
        hidden = not (viewport.contains(self.view.cursorRect(first))
                      and viewport.contains(self.view.cursorRect(cursor)))
        self.view.setTextCursor(cursor)
        if hidden:
            bar = self.view.verticalScrollBar()
            top = self.view.cursorRect(first)
            bar.setValue(bar.value() + top.center().y() - viewport.height() // 3)

    # -- reading position: where the reader was, to come back to it -----------------------
    def reading_position(self) -> int:
        """Offset in the article text of the first line in view; -1 at the very top (the
        title shows), so a restore does not hide the title."""
        if self.article is None or self.view.verticalScrollBar().value() == 0:
            return -1
        cursor = self.view.cursorForPosition(QPoint(self.view.viewport().width() // 2, 0))
        return max(0, min(cursor.position() - self._body_start, len(self.article.text)))

    def restore_position(self, offset: int) -> None:
        """Scroll so the line holding ``offset`` is the first in view (see
        :meth:`reading_position`)."""
        if self.article is None or offset < 0:
            return
        document = self.view.document()
        # Qt lays a long document out in steps after showing it: before the target line is
        # laid out, its place and the scroll range are not final.  Laying it all out now
        # costs ~100 ms for 50,000 words, once, when a library reopens on such an article.
        document.documentLayout().documentSize()
        cursor = QTextCursor(document)
        cursor.setPosition(self._body_start + min(offset, len(self.article.text)))
        bar = self.view.verticalScrollBar()
        bar.setValue(bar.value() + self.view.cursorRect(cursor).top())

    def selected_text(self) -> str:
        rng = self.selection_range()
        return "" if rng is None or self.article is None else self.article.text[rng[0]:rng[1]]

    # -- overlays: search hits, focused entity, bookmarks -----------------------------------
    def _clear_overlays(self) -> None:
        self._search_ranges, self._current_match = [], -1
        self._mention_ranges, self._current_mention = [], -1
        self._bookmark_ranges = []
        self._refresh_overlays()

    def set_search_terms(self, terms: Sequence[str]) -> int:
        """Highlight every match of ``terms`` (accent- and case-insensitive); returns count."""
        self._search_ranges = []
        self._current_match = -1
        if self.article is not None and terms:
            self._search_ranges = find_matches(self.article.text, list(terms))
        self._refresh_overlays()
        return len(self._search_ranges)

    @property
    def match_count(self) -> int:
        return len(self._search_ranges)

    def step_match(self, forward: bool = True) -> bool:
        """Select the next (or previous) search hit, wrapping around."""
        self._current_match = self._step(self._search_ranges, self._current_match, forward)
        return self._current_match >= 0

    def _step(self, ranges: list[tuple[int, int]], current: int, forward: bool) -> int:
        """Move ``current`` one step through ``ranges`` (wrapping) and select that range."""
        if not ranges:
            return -1
        current = (current + (1 if forward else -1)) % len(ranges)
        start, end = ranges[current]
        if ranges is self._search_ranges:
            self._current_match = current
        else:
            self._current_mention = current
        self._refresh_overlays()
        self.select_range(start, end)
        return current

    def set_focus_entity(self, key: str | None, display: str = "",
                         keys: Iterable[str] = ()) -> int:
        """Mark every mention of entity ``key`` (or of any of ``keys``, the members of a
        grouped entity, or else of the ``display`` text); returns the count."""
        self._mention_ranges, self._current_mention = [], -1
        if key is not None and self.article is not None:
            keys = {key, *keys}
            ranges = [(e.start, e.end) for e in self._entities if getattr(e, "key", None) in keys]
            if not ranges and display:
                ranges = find_matches(self.article.text, [display])
            self._mention_ranges = sorted(set(ranges))
        self._refresh_overlays()
        return len(self._mention_ranges)

    def step_mention(self, forward: bool = True) -> bool:
        """Select the next (or previous) mention of the focused entity, wrapping around."""
        self._current_mention = self._step(self._mention_ranges, self._current_mention, forward)
        return self._current_mention >= 0

    @property
    def mention_count(self) -> int:
        return len(self._mention_ranges)

    def set_bookmarks(self, ranges: Iterable[tuple[int, int, str]]) -> None:
        """Show bookmarked passages (start, end, colour name)."""
        self._bookmark_ranges = list(ranges)
        self._refresh_overlays()

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(self._body_start + start)
        cursor.setPosition(self._body_start + end, QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor  # type: ignore[attr-defined]
        sel.format = fmt  # type: ignore[attr-defined]
        return sel

    def _show_match_position(self) -> None:
        """Short ("2 / 5": the legend bar is narrow), spelled out for tooltips and readers."""
        label, n = self.legend.matches, len(self._search_ranges)
        current = self._current_match + 1 if self._current_match >= 0 else 0
        label.setText(f"{current or '–'} / {n}")
        full = (f"Occurrence {current} sur {n} de la recherche" if current
                else f"{n} occurrence(s) de la recherche")
        label.setToolTip(full + " (F3 / Maj+F3)")
        label.setAccessibleName(full)
        label.setVisible(n > 0 and self.article is not None)

    def _refresh_overlays(self) -> None:
        self._show_match_position()
        if self.article is None:
            self.view.setExtraSelections([])
            return
        n = len(self.article.text)
        selections = []
        for start, end, colour in self._bookmark_ranges:
            if 0 <= start < end <= n:
                fmt = QTextCharFormat()
                fmt.setBackground(QColor(BOOKMARK_COLOURS.get(colour, colour)))
                selections.append(self._selection(start, end, fmt))
        mention = QTextCharFormat()
        mention.setFontUnderline(True)
        mention.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        mention.setUnderlineColor(QColor("#000"))
        mention.setFontWeight(QFont.Weight.Bold)
        for i, (start, end) in enumerate(self._mention_ranges):
            fmt = QTextCharFormat(mention)
            if i == self._current_mention:
                fmt.setBackground(QColor("#ffe082"))
            selections.append(self._selection(start, end, fmt))
        for i, (start, end) in enumerate(self._search_ranges):
            fmt = QTextCharFormat()
            fmt.setBackground(QColor("#ff9800" if i == self._current_match else "#ffd54f"))
            fmt.setForeground(QColor("#000"))
            selections.append(self._selection(start, end, fmt))
        self.view.setExtraSelections(selections)

    # -- zoom --------------------------------------------------------------------------------
    def zoom(self, steps: int) -> None:
        """``steps`` points larger (negative: smaller); 0 goes back to the default size."""
        self.set_point_size(13.0 if steps == 0
                            else max(8.0, min(32.0, self._base_point_size + steps)))

    @property
    def point_size(self) -> float:
        return self._base_point_size

    def set_point_size(self, size: float) -> None:
        self._base_point_size = size
        doc = self.view.document()
        font = doc.defaultFont()
        font.setPointSizeF(size)
        doc.setDefaultFont(font)
