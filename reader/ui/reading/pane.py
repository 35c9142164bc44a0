"""The reading pane: one article, its entity formats, transient marks, caret browsing.

Entity highlights are character formats applied once in one edit block (see
:mod:`.document`); search hits, the focused entity's mentions and bookmarks are
ExtraSelections (:mod:`.overlays`).  The window talks to this class only: it never
reaches into ``view`` or ``legend`` (context menu entries go through
:meth:`ReadingPane.add_context_actions` and :attr:`ReadingPane.sig_context_menu`).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QMenu, QVBoxLayout, QWidget

from reader.core.library.parser import Article
from reader.core.library.search_query import find_matches
from reader.ui.common import theme
from reader.ui.common.entity_style import ORDER, style_for
from reader.ui.common.tooltips import plain_tooltip
from reader.ui.reading.document import (
    LABEL_PROP,
    BuiltDocument,
    accessible_summary,
    apply_entity_formats,
    build_document,
    by_position,
    count_entity_runs,
    set_paragraph_alignment,
)
from reader.ui.reading.legend import LegendBar
from reader.ui.reading.overlays import BOOKMARK_COLOURS, Overlays, bookmark_marks, shorten
from reader.ui.reading.view import ArticleView

__all__ = ["BOOKMARK_COLOURS", "LABEL_PROP", "BuiltDocument", "ReadingPane", "build_document",
           "by_position"]

DEFAULT_POINT_SIZE = 13.0


class ReadingPane(QWidget):
    """Shows one article; knows offsets, not storage."""

    sig_selection_changed = Signal(bool)  # True when a passage is selected
    sig_context_menu = Signal(QMenu)  # about to show: add entries that depend on the moment
    sig_caret_browsing_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.legend = LegendBar(self)
        self.view = ArticleView(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.legend)
        layout.addWidget(self.view, 1)
        self.setFocusProxy(self.view)
        self.article: Article | None = None
        self._body_start = 0
        self._entities: list[Any] = []  # reader.core.entities.extractor.Entity
        self._starts: list[int] = []
        self._enabled = set(ORDER)
        self._overlays = Overlays()
        self._base_point_size = DEFAULT_POINT_SIZE
        self._justify = False
        self._format_memo: dict[tuple[str, int], QTextCharFormat] = {}
        self._placeholder = ""
        self._context_actions: list[QAction] = []
        self._announced: object = None
        self.act_caret = QAction(self.tr("Navigation au curseur"), self)
        self.act_caret.setCheckable(True)
        self.act_caret.setShortcut(QKeySequence(Qt.Key.Key_F7))
        self.act_caret.setStatusTip(self.tr("Un curseur dans l'article : Maj+flèches "
                                            "sélectionnent un passage"))
        self.act_caret.toggled.connect(self.set_caret_browsing)
        self.addAction(self.act_caret)
        self.view.sig_caret_browsing.connect(self._on_caret_browsing)
        self.view.tooltip_at = self._tooltip_at
        self.view.sig_context_menu.connect(self._show_context_menu)
        self.view.cursorPositionChanged.connect(self._on_cursor_moved)
        self.legend.sig_toggled.connect(self._on_toggle)
        self.view.selectionChanged.connect(
            lambda: self.sig_selection_changed.emit(self.view.textCursor().hasSelection()))
        theme.notifier.sig_changed.connect(self._on_theme_changed)
        self._setup_document(QTextDocument(self))
        self.show_placeholder(self.tr("Aucun article sélectionné"))

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
        self._placeholder = message
        doc = QTextDocument(self)
        self._setup_document(doc)
        cursor = QTextCursor(doc)
        fmt = QTextCharFormat()
        fmt.setForeground(QColor(theme.current().muted))
        cursor.insertText(message, fmt)
        self.view.setAccessibleDescription(message)
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
                or prebuilt.enabled != frozenset(self._enabled)
                or prebuilt.scheme != theme.current().scheme):
            prebuilt = build_document(article, ents, frozenset(self._enabled),
                                      self.view.document().defaultFont(), self._justify)
        doc = prebuilt.document
        doc.setParent(self)
        if prebuilt.justify != self._justify:
            set_paragraph_alignment(doc, prebuilt.body_start, self._justify)
        self.article = article
        self._entities = ents
        self._starts = [e.start for e in ents]
        self._body_start = prebuilt.body_start
        self._announced = None
        self._setup_document(doc)
        self._clear_overlays()
        self.view.moveCursor(QTextCursor.MoveOperation.Start)
        self.view.verticalScrollBar().setValue(0)
        self._describe_article()

    def default_font(self) -> QFont:
        return QFont(self.view.document().defaultFont())

    def enabled_labels(self) -> frozenset[str]:
        return frozenset(self._enabled)

    @property
    def body_start(self) -> int:
        return self._body_start

    @property
    def justified(self) -> bool:
        return self._justify

    def set_justified(self, on: bool) -> None:
        """Justified paragraphs (off by default: ragged right reads better in narrow
        columns without hyphenation)."""
        self._justify = on
        if self.article is not None:
            set_paragraph_alignment(self.view.document(), self._body_start, on)

    def focus_text(self) -> None:
        """Give the keyboard to the article text (F6 cycle, after opening a bookmark)."""
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def type_actions(self) -> list[QAction]:
        """Checkable per-type actions in step with the legend (Affichage → Types)."""
        return self.legend.type_actions(self)

    def add_bar(self, bar: QWidget) -> None:
        """A bar below the text (the find bar)."""
        layout = self.layout()
        if layout is not None:
            layout.addWidget(bar)

    def set_entity_status(self, text: str) -> None:
        """The short entity status in the legend bar ("analyse…", "12 entités")."""
        self.legend.set_status(text)

    # -- entities ------------------------------------------------------------------------
    def set_entities(self, entities: Iterable[Any]) -> None:
        """Apply entity character formats (one edit block, enabled types only)."""
        self._entities = by_position(entities)
        self._starts = [e.start for e in self._entities]
        self._apply_entity_formats()
        self._describe_article()

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
        if self.article is not None:
            apply_entity_formats(self.view.document(), self._body_start,
                                 len(self.article.text), self._entities, self._enabled,
                                 self._format_memo)

    def entity_at(self, offset: int) -> Any | None:
        """The shown entity covering ``offset`` in ``Article.text``, if any."""
        last = bisect.bisect_right(self._starts, offset) - 1
        for i in range(last, max(-1, last - 4), -1):  # a few back, for nested spans
            ent = self._entities[i]
            if ent.start <= offset < ent.end and ent.label in self._enabled:
                return ent
        return None

    def _tooltip_at(self, position: int) -> str:
        """Plain text (escaped: tooltips are rich text when they look like markup)."""
        if self.article is None:
            return ""
        offset = position - self._body_start
        ent = self.entity_at(offset)
        tip = "\n".join(
            [self.tr("Marque-page : %1").replace("%1", mark.label or self.tr("(sans note)"))
             for mark in self._overlays.bookmarks if mark.start <= offset < mark.end]
            + ([f"{style_for(ent.label).name} ({ent.label}) : {ent.text}"] if ent else []))
        return plain_tooltip(tip) if "<" in tip or "&" in tip else tip  # no markup guessed

    def entity_count_in_document(self) -> int:
        """How many character runs carry an entity label (for tests and diagnostics)."""
        return count_entity_runs(self.view.document())

    def _describe_article(self) -> None:
        """What the colours show, for screen readers: title and entity counts by type."""
        if self.article is not None:
            self.view.setAccessibleDescription(
                accessible_summary(self.article.title, self._entities, self._enabled))

    # -- caret browsing and announcements ----------------------------------------------------
    def caret_browsing(self) -> bool:
        return self.view.caret_browsing()

    def set_caret_browsing(self, on: bool) -> None:
        """F7: a caret the keyboard moves; Shift+arrows then select a passage."""
        self.view.set_caret_browsing(on)
        if on:
            self.focus_text()

    def _on_caret_browsing(self, on: bool) -> None:
        self.act_caret.setChecked(on)
        self._announce(self.tr("Navigation au curseur activée") if on
                       else self.tr("Navigation au curseur désactivée"))
        self.sig_caret_browsing_changed.emit(on)

    def describe_at(self, offset: int) -> tuple[object, str] | None:
        """(identity, spoken text) of the search hit, bookmark or entity at ``offset``."""
        if self.article is None:
            return None
        found = self._overlays.describe(offset, self.article.text)
        if found is not None:
            return found
        ent = self.entity_at(offset)
        if ent is None:
            return None
        return (("entity", ent.start, ent.end),
                self.tr("%1 : %2").replace("%1", style_for(ent.label).name)
                .replace("%2", shorten(ent.text)))

    def _on_cursor_moved(self) -> None:
        """Say what the caret (or F3/F4) entered — once, not at every step inside it."""
        if self.article is None:
            return
        cursor = self.view.textCursor()
        offset = cursor.position() - self._body_start
        found = self.describe_at(offset)
        if found is None and cursor.hasSelection() and cursor.position() > cursor.anchor():
            found = self.describe_at(offset - 1)  # a range selected by stepping ends here
        identity = found[0] if found else None
        if identity != self._announced:
            self._announced = identity
            if found is not None:
                self._announce(found[1])

    def _announce(self, text: str) -> None:
        self.view.announce(text)

    @property
    def last_announcement(self) -> str:
        """What was last said to screen readers (tests read it)."""
        return self.view.last_announcement

    # -- context menu --------------------------------------------------------------------------
    def add_context_actions(self, actions: Sequence[QAction]) -> None:
        """Actions shown after the standard entries of the text's context menu."""
        self._context_actions.extend(actions)

    def context_menu(self, pos: QPoint | None = None) -> QMenu:
        """The text's context menu at ``pos`` (viewport coordinates): Qt's entries (Copy,
        Select All, translated with Qt's own translations), the added actions, then what
        :attr:`sig_context_menu` handlers add."""
        menu = self.view.standard_menu(pos)
        menu.setParent(self, menu.windowFlags())
        if self._context_actions:
            menu.addSeparator()
            menu.addActions(self._context_actions)
        self.sig_context_menu.emit(menu)
        return menu

    def _show_context_menu(self, pos: QPoint) -> None:
        menu = self.context_menu(pos)
        menu.exec(self.view.viewport().mapToGlobal(pos))
        menu.deleteLater()

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
        self.view.select_positions(self._body_start + start, self._body_start + end)

    def selected_text(self) -> str:
        rng = self.selection_range()
        return "" if rng is None or self.article is None else self.article.text[rng[0]:rng[1]]

    # -- reading position: where the reader was, to come back to it -----------------------
    def reading_position(self) -> int:
        """Offset in the article text of the first line in view; -1 at the very top (the
        title shows), so a restore does not hide the title."""
        if self.article is None or self.view.verticalScrollBar().value() == 0:
            return -1
        position = self.view.first_visible_position()
        return max(0, min(position - self._body_start, len(self.article.text)))

    def restore_position(self, offset: int) -> None:
        """Scroll so the line holding ``offset`` is the first in view (see
        :meth:`reading_position`)."""
        if self.article is not None and offset >= 0:
            self.view.scroll_to_top(self._body_start + min(offset, len(self.article.text)))

    # -- overlays: search hits, focused entity, bookmarks -----------------------------------
    def _clear_overlays(self) -> None:
        self._overlays = Overlays()  # a new one: a rebuild may hold on to the old
        self._refresh_overlays()

    def set_search_terms(self, terms: Sequence[str]) -> int:
        """Highlight every match of ``terms`` (accent- and case-insensitive); returns count."""
        o = self._overlays
        o.search, o.current_match = [], -1
        if self.article is not None and terms:
            o.search = find_matches(self.article.text, list(terms))
        self._refresh_overlays()
        return len(o.search)

    @property
    def match_count(self) -> int:
        return len(self._overlays.search)

    def step_match(self, forward: bool = True) -> bool:
        """Select the next (or previous) search hit, wrapping around."""
        o = self._overlays
        o.current_match = self._step(o.search, o.current_match, forward, "match")
        return o.current_match >= 0

    def _step(self, ranges: list[tuple[int, int]], current: int, forward: bool,
              kind: str) -> int:
        """Move ``current`` one step through ``ranges`` (wrapping) and select that range."""
        if not ranges:
            return -1
        current = (current + (1 if forward else -1)) % len(ranges)
        start, end = ranges[current]
        if kind == "match":
            self._overlays.current_match = current
        else:
            self._overlays.current_mention = current
        self._refresh_overlays()
        self._announced = None  # stepping onto the same range again says it again
        self.select_range(start, end)
        return current

    def set_focus_entity(self, key: str | None, display: str = "",
                         keys: Iterable[str] = ()) -> int:
        """Mark every mention of entity ``key`` (or of any of ``keys``, the members of a
        grouped entity, or else of the ``display`` text); returns the count."""
        o = self._overlays
        o.mentions, o.current_mention = [], -1
        if key is not None and self.article is not None:
            wanted = {key, *keys}
            ranges = [(e.start, e.end) for e in self._entities
                      if e.key in wanted]
            if not ranges and display:
                ranges = find_matches(self.article.text, [display])
            o.mentions = sorted(set(ranges))
        self._refresh_overlays()
        return len(o.mentions)

    def step_mention(self, forward: bool = True) -> bool:
        """Select the next (or previous) mention of the focused entity, wrapping around."""
        o = self._overlays
        o.current_mention = self._step(o.mentions, o.current_mention, forward, "mention")
        return o.current_mention >= 0

    @property
    def mention_count(self) -> int:
        return len(self._overlays.mentions)

    def set_bookmarks(self, ranges: Iterable[tuple]) -> None:
        """Show bookmarked passages: (start, end, colour name[, note]) — the note is what
        a screen reader hears when the caret enters the passage."""
        self._overlays.bookmarks = bookmark_marks(ranges)
        self._refresh_overlays()

    def _show_match_position(self) -> None:
        o = self._overlays
        self.legend.show_match_position(o.current_match, len(o.search), self.article is not None)

    def _refresh_overlays(self) -> None:
        self._show_match_position()
        if self.article is None:
            self.view.setExtraSelections([])
            return
        self.view.setExtraSelections(self._overlays.selections(
            self.view.document(), self._body_start, len(self.article.text)))

    # -- scheme -------------------------------------------------------------------------------
    def _on_theme_changed(self, _palette: object) -> None:
        """Rebuild the shown document in the new scheme's colours, keeping the place, the
        selection and the marks."""
        self._format_memo.clear()
        if self.article is None:
            self.show_placeholder(self._placeholder)
            return
        place = self.view.place()
        saved = self._overlays
        built = build_document(self.article, self._entities, frozenset(self._enabled),
                               self.view.document().defaultFont(), self._justify)
        self.show_article(self.article, self._entities, built)
        self._overlays = saved
        self._refresh_overlays()
        self.view.restore_place(place)

    # -- zoom --------------------------------------------------------------------------------
    def zoom(self, steps: int) -> None:
        """``steps`` points larger (negative: smaller); 0 goes back to the default size."""
        self.set_point_size(DEFAULT_POINT_SIZE if steps == 0
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
        self.view.update_margins()
        self.view.updateGeometry()  # the minimum readable width follows the font
