"""Light and dark: every colour of the reading surface, defined once per scheme.

Why one module: entity tints, underlines, bookmark colours, search and mention highlights
and the reading column are read by the reading pane, the bookmark list, the article
list's delegate and the style sheet.  Each reads :func:`current` when it paints or
builds, and listens to :data:`notifier` to repaint when the scheme changes, so a colour
is never hard-coded twice and both schemes pass the contrast test
(``tests/ui/test_theme_contrast.py``: text ≥ 4.5:1 over its tint, underline ≥ 3:1
against the page and the tint).

The scheme follows the system (``QStyleHints.colorScheme``, Qt ≥ 6.5) unless the user
chose light or dark (:meth:`ThemeManager.set_mode`).  The application palette is set from
the scheme, and ``resources/style.qss`` refers to it through ``palette(...)``: the style
sheet has no colour of its own.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QColor, QGuiApplication, QPalette

from reader.services.settings import Settings

log = logging.getLogger("reader.theme")

Scheme = Literal["light", "dark"]
Mode = Literal["system", "light", "dark"]
MODES: tuple[Mode, ...] = ("system", "light", "dark")


@dataclass(frozen=True)
class EntityColours:
    underline: str  # underline and legend swatch border
    tint: str  # background behind the entity's text


@dataclass(frozen=True)
class Palette:
    """The colours of one scheme (``#rrggbb``)."""

    scheme: Scheme
    page: str  # the reading column
    text: str  # body text on the page
    muted: str  # meta line, placeholder, secondary labels
    chrome: str  # window, toolbars, status bar
    chrome_alt: str  # dock titles, headers
    base: str  # lists and fields
    alt_base: str
    border: str
    accent: str  # focus frames, selected rows
    accent_text: str  # text on the accent
    selection: str  # selected text in the reading pane
    selection_text: str
    search: str  # every search hit
    search_current: str  # the hit F3 is on
    mention_current: str  # the mention F4 is on
    mention_underline: str
    error: str
    success: str
    entities: dict[str, EntityColours] = field(default_factory=dict)
    bookmarks: dict[str, str] = field(default_factory=dict)

    def entity(self, label: str) -> EntityColours:
        return self.entities.get(label) or self.entities["MISC"]

    def bookmark(self, name: str) -> str:
        """A bookmark colour by name; an unknown name is taken as a colour (old files)."""
        colour = self.bookmarks.get(name)
        if colour is not None:
            return colour
        return name if QColor.isValidColorName(name) else self.bookmarks["yellow"]


LIGHT = Palette(
    scheme="light",
    page="#fffdf8", text="#1f1f1f", muted="#5f5f5f",
    chrome="#f4f3ef", chrome_alt="#ebe9e2", base="#ffffff", alt_base="#f7f6f2",
    border="#c9c6bd", accent="#2f5d8a", accent_text="#ffffff",
    selection="#b3d4fc", selection_text="#000000",
    search="#ffd54f", search_current="#ff9800", mention_current="#ffe082",
    mention_underline="#000000", error="#b71c1c", success="#1b5e20",
    entities={
        "PER": EntityColours("#ad1457", "#f9d3e1"),
        "ORG": EntityColours("#1565c0", "#d3e6fb"),
        "LOC": EntityColours("#2e7d32", "#d4edd6"),
        "DATE": EntityColours("#bf4000", "#fde3c4"),
        "QUANTITY": EntityColours("#00695c", "#cdebe8"),
        "MISC": EntityColours("#6a1b9a", "#ead3f0"),
    },
    bookmarks={"yellow": "#fff59d", "green": "#c5e1a5", "blue": "#b3e5fc",
               "pink": "#f8bbd0", "purple": "#e1bee7"},
)

DARK = Palette(
    scheme="dark",
    page="#1c1d20", text="#e8e6e1", muted="#a9a7a1",
    chrome="#25262a", chrome_alt="#2e3035", base="#202124", alt_base="#26272b",
    border="#4a4c52", accent="#7fb0e0", accent_text="#0b1a29",
    selection="#2f5d8a", selection_text="#ffffff",
    search="#735a00", search_current="#8f4500", mention_current="#6b5200",
    mention_underline="#ffffff", error="#ff8a80", success="#a5d6a7",
    entities={
        "PER": EntityColours("#f48fb1", "#4a1f31"),
        "ORG": EntityColours("#90caf9", "#173556"),
        "LOC": EntityColours("#a5d6a7", "#1d3d22"),
        "DATE": EntityColours("#ffb74d", "#4a2e0c"),
        "QUANTITY": EntityColours("#80cbc4", "#123b37"),
        "MISC": EntityColours("#ce93d8", "#3b1f45"),
    },
    bookmarks={"yellow": "#5c5200", "green": "#2f4f1a", "blue": "#0f4461",
               "pink": "#5e1f36", "purple": "#45265a"},
)

PALETTES: dict[Scheme, Palette] = {"light": LIGHT, "dark": DARK}
_current: list[Palette] = [LIGHT]


class _Notifier(QObject):
    """Emits ``sig_changed(palette)`` after the scheme changed (widgets repaint)."""

    sig_changed = Signal(object)


notifier = _Notifier()


def current() -> Palette:
    """The palette in use (light until a :class:`ThemeManager` says otherwise)."""
    return _current[0]


def set_scheme(scheme: Scheme) -> None:
    """Make ``scheme`` current and tell the widgets (no-op when unchanged)."""
    palette = PALETTES[scheme]
    if palette is _current[0]:
        return
    _current[0] = palette
    notifier.sig_changed.emit(palette)


def system_scheme() -> Scheme:
    """The desktop's scheme; light when the platform does not say (Qt < 6.5, offscreen)."""
    hints = QGuiApplication.styleHints()
    getter = getattr(hints, "colorScheme", None)
    if getter is None:
        return "light"
    return "dark" if getter() == Qt.ColorScheme.Dark else "light"


def qt_palette(p: Palette) -> QPalette:
    """The application palette of a scheme: what ``palette(...)`` in the style sheet and
    every standard widget draw with."""
    pal = QPalette()
    role = QPalette.ColorRole
    pairs = {
        role.Window: p.chrome, role.WindowText: p.text, role.Base: p.base,
        role.AlternateBase: p.alt_base, role.Text: p.text, role.Button: p.chrome_alt,
        role.ButtonText: p.text, role.BrightText: p.error, role.Highlight: p.accent,
        role.HighlightedText: p.accent_text, role.ToolTipBase: p.base,
        role.ToolTipText: p.text, role.PlaceholderText: p.muted, role.Mid: p.border,
        role.Midlight: p.chrome_alt, role.Dark: p.border, role.Light: p.base,
        role.Shadow: p.border, role.Link: p.accent, role.LinkVisited: p.accent,
    }
    for r, colour in pairs.items():
        pal.setColor(r, QColor(colour))
    muted = QColor(p.muted)
    for r in (role.WindowText, role.Text, role.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, r, muted)
    return pal


class ThemeManager(QObject):
    """Chooses the scheme (system or the user's override) and applies it to the app."""

    sig_mode_changed = Signal(str)

    def __init__(self, app: QGuiApplication, qss_file: Path | None = None,
                 mode: str = "system") -> None:
        super().__init__(app)
        self._app = app
        self._qss = ""
        if qss_file is not None:
            try:
                self._qss = qss_file.read_text(encoding="utf-8")
            except OSError as exc:  # the app still works with Qt's own look
                log.warning("style sheet %s not read: %s", qss_file, exc)
        self._mode: Mode = "system"
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(self._on_system_changed)
        self.set_mode(mode)

    @property
    def mode(self) -> Mode:
        return self._mode

    def set_mode(self, mode: str) -> None:
        """``system``, ``light`` or ``dark``; an unknown value means ``system``."""
        self._mode = mode if mode in MODES else "system"  # type: ignore[assignment]
        self.apply()
        self.sig_mode_changed.emit(self._mode)

    def scheme(self) -> Scheme:
        if self._mode == "system":
            return system_scheme()
        return self._mode

    def apply(self) -> None:
        scheme = self.scheme()
        self._app.setPalette(qt_palette(PALETTES[scheme]))
        set_sheet = getattr(self._app, "setStyleSheet", None)
        if set_sheet is not None and self._qss:
            set_sheet(self._qss)  # re-polished: palette(...) refers to the new palette
        # last: re-polishing gives widgets back the palette they had when first polished,
        # so those with colours of their own (the reading column) set them afterwards
        set_scheme(scheme)

    def _on_system_changed(self, _scheme: object) -> None:
        if self._mode == "system":
            self.apply()


def relative_luminance(colour: str | QColor) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""
    c = QColor(colour)

    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF())
            + 0.0722 * channel(c.blueF()))


def contrast(a: str | QColor, b: str | QColor) -> float:
    """WCAG 2 contrast ratio (1–21)."""
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def mode_actions(manager: ThemeManager, parent: QObject,
                 settings: Settings | None = None) -> list[QAction]:
    """Three exclusive actions (system, light, dark) for an Affichage → Thème menu; the
    choice applies at once and is saved in ``settings`` when given."""
    group = QActionGroup(parent)
    group.setExclusive(True)
    texts = {"system": QCoreApplication.translate("Theme", "Comme le &système"),
             "light": QCoreApplication.translate("Theme", "&Clair"),
             "dark": QCoreApplication.translate("Theme", "&Sombre")}
    actions = []
    for mode in MODES:
        action = QAction(texts[mode], parent)
        action.setCheckable(True)
        action.setChecked(manager.mode == mode)
        action.setData(mode)
        group.addAction(action)

        def choose(on: bool, chosen: str = mode) -> None:
            if on:
                manager.set_mode(chosen)
                if settings is not None:
                    settings.set_colour_scheme(chosen)

        action.toggled.connect(choose)
        actions.append(action)

    def follow(mode: str) -> None:
        for action in actions:
            if action.data() == mode and not action.isChecked():
                action.setChecked(True)

    manager.sig_mode_changed.connect(follow)
    return actions
