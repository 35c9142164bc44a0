"""How the bookmark colours look and what they are called: one place for the reading
pane's highlights, the dock's swatches and the note dialog's choices.

The names themselves (the stored values) are :data:`reader.core.bookmarks.palette.COLOURS`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QIcon, QPixmap

from reader.core.bookmarks.palette import DEFAULT_COLOUR

# Light tints: the text stays readable through the highlight.
BOOKMARK_COLOURS: dict[str, str] = {
    "yellow": "#fff59d", "green": "#c5e1a5", "blue": "#b3e5fc",
    "pink": "#f8bbd0", "purple": "#e1bee7",
}


def colour_hex(name: str) -> str:
    """The tint of ``name`` (the default colour's for a name this version does not know)."""
    return BOOKMARK_COLOURS.get(name, BOOKMARK_COLOURS[DEFAULT_COLOUR])


def colour_label(name: str) -> str:
    """The colour's name as the UI shows it (lower case: "jaune")."""
    labels = {
        "yellow": QCoreApplication.translate("BookmarkPalette", "jaune"),
        "green": QCoreApplication.translate("BookmarkPalette", "vert"),
        "blue": QCoreApplication.translate("BookmarkPalette", "bleu"),
        "pink": QCoreApplication.translate("BookmarkPalette", "rose"),
        "purple": QCoreApplication.translate("BookmarkPalette", "violet"),
    }
    return labels.get(name, name)


def swatch(name: str, size: int = 14) -> QIcon:
    """A square of the colour, for menus and combo boxes."""
    pix = QPixmap(size, size)
    pix.fill(QColor(colour_hex(name)))
    return QIcon(pix)
