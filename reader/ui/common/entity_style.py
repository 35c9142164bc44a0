"""How each entity type looks: colour, underline style and names (never colour alone).

The underline style is fixed per type (it tells types apart without colour); the colours
come from the current scheme (:mod:`reader.ui.common.theme`) and the names from the
current language, both read when asked, so a switch shows at the next paint.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QTextCharFormat

from reader.ui.common import theme

_U = QTextCharFormat.UnderlineStyle


def _names(label: str) -> tuple[str, str]:
    """(singular, plural) in the UI language; literal calls so that lupdate finds them."""
    if label == "PER":
        return (QCoreApplication.translate("EntityStyle", "Personne"),
                QCoreApplication.translate("EntityStyle", "Personnes"))
    if label == "ORG":
        return (QCoreApplication.translate("EntityStyle", "Organisation"),
                QCoreApplication.translate("EntityStyle", "Organisations"))
    if label == "LOC":
        return (QCoreApplication.translate("EntityStyle", "Lieu"),
                QCoreApplication.translate("EntityStyle", "Lieux"))
    if label == "DATE":
        return (QCoreApplication.translate("EntityStyle", "Date"),
                QCoreApplication.translate("EntityStyle", "Dates"))
    if label == "QUANTITY":
        return (QCoreApplication.translate("EntityStyle", "Nombre"),
                QCoreApplication.translate("EntityStyle", "Nombres"))
    misc = QCoreApplication.translate("EntityStyle", "Divers")
    return misc, misc


@dataclass(frozen=True)
class EntityStyle:
    label: str
    underline: QTextCharFormat.UnderlineStyle

    @property
    def name(self) -> str:
        """Shown in the legend, tooltips and announcements."""
        return _names(self.label)[0]

    @property
    def plural(self) -> str:
        return _names(self.label)[1]

    @property
    def colour(self) -> str:
        """Underline and swatch colour in the current scheme."""
        return theme.current().entity(self.label).underline

    @property
    def background(self) -> str:
        """Tint behind the text in the current scheme."""
        return theme.current().entity(self.label).tint


STYLES: dict[str, EntityStyle] = {
    s.label: s
    for s in (
        EntityStyle("PER", _U.SingleUnderline),
        EntityStyle("ORG", _U.DotLine),
        EntityStyle("LOC", _U.DashUnderline),
        EntityStyle("DATE", _U.WaveUnderline),
        EntityStyle("QUANTITY", _U.DashDotLine),
        EntityStyle("MISC", _U.DashDotDotLine),
    )
}
ORDER = tuple(STYLES)


def style_for(label: str) -> EntityStyle:
    return STYLES.get(label, STYLES["MISC"])

