"""How each entity type looks: colour, underline style and names (never colour alone)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QTextCharFormat


@dataclass(frozen=True)
class EntityStyle:
    label: str
    name: str  # shown in the legend and tooltips
    plural: str
    colour: str  # text underline / swatch colour
    background: str  # light tint behind the text
    underline: QTextCharFormat.UnderlineStyle


STYLES: dict[str, EntityStyle] = {
    s.label: s
    for s in (
        EntityStyle("PER", "Personne", "Personnes", "#ad1457", "#fce4ec",
                    QTextCharFormat.UnderlineStyle.SingleUnderline),
        EntityStyle("ORG", "Organisation", "Organisations", "#1565c0", "#e3f2fd",
                    QTextCharFormat.UnderlineStyle.DotLine),
        EntityStyle("LOC", "Lieu", "Lieux", "#2e7d32", "#e8f5e9",
                    QTextCharFormat.UnderlineStyle.DashUnderline),
        EntityStyle("DATE", "Date", "Dates", "#e65100", "#fff3e0",
                    QTextCharFormat.UnderlineStyle.WaveUnderline),
        EntityStyle("QUANTITY", "Nombre", "Nombres", "#00695c", "#e0f2f1",
                    QTextCharFormat.UnderlineStyle.DashDotLine),
        EntityStyle("MISC", "Divers", "Divers", "#6a1b9a", "#f3e5f5",
                    QTextCharFormat.UnderlineStyle.DashDotDotLine),
    )
}
ORDER = tuple(STYLES)


def style_for(label: str) -> EntityStyle:
    return STYLES.get(label, STYLES["MISC"])


def colour(label: str) -> QColor:
    return QColor(style_for(label).colour)
