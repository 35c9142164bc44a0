"""One icon registry over qtawesome, so every action names its icon in one place."""

from __future__ import annotations

from functools import cache

import qtawesome as qta
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QIcon, QIconEngine, QPainter, QPixmap

from reader.ui.common import theme

_ICONS: dict[str, str] = {
    "open_folder": "mdi6.folder-open-outline",
    "problems": "mdi6.alert-circle-outline",
    "quit": "mdi6.exit-to-app",
    "next_article": "mdi6.chevron-down",
    "previous_article": "mdi6.chevron-up",
    "bookmark": "mdi6.bookmark-plus-outline",
    "bookmarks": "mdi6.bookmark-multiple-outline",
    "bookmark_note": "mdi6.note-edit-outline",
    "bookmark_tags": "mdi6.tag-outline",
    "bookmark_colour": "mdi6.palette-outline",
    "bookmark_delete": "mdi6.bookmark-remove-outline",
    "bookmark_reattach": "mdi6.link-variant",
    "export": "mdi6.export",
    "import": "mdi6.import",
    "zoom_in": "mdi6.magnify-plus-outline",
    "zoom_out": "mdi6.magnify-minus-outline",
    "zoom_reset": "mdi6.magnify",
    "find": "mdi6.text-search",
    "filter": "mdi6.filter-outline",
    "entities": "mdi6.tag-text-outline",
    "library_entities": "mdi6.account-group-outline",
    "next_match": "mdi6.arrow-down-bold-outline",
    "previous_match": "mdi6.arrow-up-bold-outline",
    "next_mention": "mdi6.chevron-double-down",
    "previous_mention": "mdi6.chevron-double-up",
    "undo": "mdi6.undo",
    "redo": "mdi6.redo",
    "about": "mdi6.information-outline",
    "clear": "mdi6.close-circle-outline",
    "copy": "mdi6.content-copy",
    "reload": "mdi6.refresh",
    "cancel": "mdi6.stop-circle-outline",
    "app": "mdi6.newspaper-variant-outline",
    "keyboard": "mdi6.keyboard-outline",
    "print": "mdi6.printer-outline",
    "pdf": "mdi6.file-pdf-box",
    "link": "mdi6.link-variant",
    "read": "mdi6.email-open-outline",
    "star": "mdi6.star-outline",
    "read_all": "mdi6.email-multiple-outline",
    "justify": "mdi6.format-align-justify",
}


class _ThemedIconEngine(QIconEngine):
    """Paints the qtawesome glyph in the current scheme's text colour, read at paint
    time: an icon made in the light scheme stays visible after a switch to dark."""

    def __init__(self, spec: str) -> None:
        super().__init__()
        self._spec = spec

    def _icon(self) -> QIcon:
        palette = theme.current()
        return _glyph(self._spec, palette.text, palette.muted)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode,
              state: QIcon.State) -> None:
        self._icon().paint(painter, rect, Qt.AlignmentFlag.AlignCenter, mode, state)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self._icon().pixmap(size, mode, state)

    def clone(self) -> QIconEngine:
        return _ThemedIconEngine(self._spec)


@cache
def _glyph(spec: str, colour: str, disabled: str) -> QIcon:
    return qta.icon(spec, color=colour, color_disabled=disabled)


@cache
def icon(name: str) -> QIcon:
    """The icon registered under ``name`` (a blank icon for unknown names, never an error)."""
    spec = _ICONS.get(name)
    if spec is None:
        return QIcon()
    return QIcon(_ThemedIconEngine(spec))
