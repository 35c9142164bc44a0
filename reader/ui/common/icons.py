"""One icon registry over qtawesome's Material Design Icons font, so every action names its
icon in one place.

Why not ``qtawesome.icon``: importing qtawesome costs ~90 ms at start-up (qtpy star-imports
all of QtCore, QtGui and QtWidgets, then the first icon md5-checks and loads its 13 fonts
and their charmaps), a quarter of Reader's start.  Every icon here is in one of those fonts
(``mdi6``), so this module loads that font file alone (from qtawesome's package, which stays a
dependency for it) when the first icon is painted, and paints the glyph exactly as
qtawesome's ``CharIconPainter`` does (``tests/ui/test_icons.py`` compares the pixels).
"""

from __future__ import annotations

import json
import logging
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QIconEngine, QPainter, QPixmap

from reader.ui.common import theme

log = logging.getLogger("reader.icons")

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
_PREFIX = "mdi6"
_FONT_GLOB = "materialdesignicons6-webfont-*.ttf"  # and its -charmap-*.json beside it
_font: dict[str, object] = {}  # "id": application font id, "family": its family name


def fonts_directory() -> Path:
    """qtawesome's bundled fonts, found without importing qtawesome."""
    spec = find_spec("qtawesome")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("qtawesome is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "fonts"


def _font_file() -> Path:
    found = sorted(fonts_directory().glob(_FONT_GLOB))
    if not found:
        raise FileNotFoundError(f"no {_FONT_GLOB} in {fonts_directory()}")
    return found[-1]


@cache
def _charmap() -> dict[str, str]:
    ttf = _font_file()
    charmap = ttf.with_name(ttf.name.replace("-webfont-", "-webfont-charmap-")).with_suffix(
        ".json")
    codes: dict[str, str] = json.loads(charmap.read_text(encoding="utf-8"))
    return {name: chr(int(code, 16)) for name, code in codes.items()}


def _family() -> str:
    """The icon font's family, loaded on first use (again if the application was replaced:
    application fonts die with it)."""
    font_id = _font.get("id")
    if isinstance(font_id, int) and QFontDatabase.applicationFontFamilies(font_id):
        return str(_font["family"])
    font_id = QFontDatabase.addApplicationFontFromData(_font_file().read_bytes())
    families = QFontDatabase.applicationFontFamilies(font_id)
    if not families:
        raise OSError(f"the icon font {_font_file()} could not be loaded")
    _font.update(id=font_id, family=families[0])
    return families[0]


class _GlyphEngine(QIconEngine):
    """One glyph in one colour (another when disabled), painted as qtawesome's
    ``CharIconPainter`` does with its default options: the glyph at 7/8 of the height,
    centred, opaque."""

    def __init__(self, char: str, colour: str, disabled: str) -> None:
        super().__init__()
        self._char, self._colour, self._disabled = char, colour, disabled

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode,
              state: QIcon.State) -> None:
        painter.save()
        painter.setPen(QColor(self._disabled if mode == QIcon.Mode.Disabled else self._colour))
        font = QFont()
        font.setFamily(_family())
        font.setPixelSize(round(0.875 * rect.height()))
        painter.setOpacity(1.0)
        painter.setFont(font)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag.AlignVCenter),
                         self._char)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return _GlyphEngine(self._char, self._colour, self._disabled)


class _ThemedIconEngine(QIconEngine):
    """Paints the glyph in the current scheme's text colour, read at paint time: an icon
    made in the light scheme stays visible after a switch to dark."""

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
    prefix, _, name = spec.partition(".")
    try:
        if prefix != _PREFIX:
            raise KeyError(spec)
        char = _charmap()[name]
        _family()
    except (OSError, KeyError, ValueError) as exc:  # a missing font: blank icons, said once
        log.warning("icon %s unavailable: %s", spec, exc)
        return QIcon()
    return QIcon(_GlyphEngine(char, colour, disabled))


@cache
def icon(name: str) -> QIcon:
    """The icon registered under ``name`` (a blank icon for unknown names, never an error)."""
    spec = _ICONS.get(name)
    if spec is None:
        return QIcon()
    return QIcon(_ThemedIconEngine(spec))
