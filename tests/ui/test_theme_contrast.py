"""WCAG contrast of every colour pair the reading surface draws, in both schemes.

Text ≥ 4.5:1 over what is behind it (page, entity tint, bookmark, search and mention
highlights, selection); the underline that tells entity types apart ≥ 3:1 against the page
and against its own tint (WCAG 1.4.11, non-text contrast).
"""

from __future__ import annotations

import pytest

from reader.services.settings import Settings
from reader.ui.common.theme import PALETTES, Palette, contrast

TEXT_MIN = 4.5
NON_TEXT_MIN = 3.0


def _text_pairs(p: Palette) -> list[tuple[str, str, str]]:
    pairs = [("text/page", p.text, p.page), ("muted/page", p.muted, p.page),
             ("text/base", p.text, p.base), ("muted/base", p.muted, p.base),
             ("text/chrome", p.text, p.chrome), ("muted/chrome", p.muted, p.chrome),
             ("accent text/accent", p.accent_text, p.accent),
             ("selection", p.selection_text, p.selection),
             ("text/search", p.text, p.search), ("text/current search", p.text, p.search_current),
             ("text/current mention", p.text, p.mention_current),
             ("error/base", p.error, p.base), ("success/base", p.success, p.base)]
    pairs += [(f"text/{label} tint", p.text, c.tint) for label, c in p.entities.items()]
    pairs += [(f"text/{name} bookmark", p.text, c) for name, c in p.bookmarks.items()]
    # entity colours are also text: group names in the entity docks
    pairs += [(f"{label} as text/{bg}", c.underline, getattr(p, bg))
              for label, c in p.entities.items() for bg in ("base", "alt_base", "page")]
    return pairs


@pytest.mark.parametrize("scheme", sorted(PALETTES))
def test_text_contrast(scheme: str) -> None:
    p = PALETTES[scheme]  # type: ignore[index]
    low = {name: round(contrast(fg, bg), 2) for name, fg, bg in _text_pairs(p)
           if contrast(fg, bg) < TEXT_MIN}
    assert not low, f"{scheme}: text below {TEXT_MIN}:1: {low}"


@pytest.mark.parametrize("scheme", sorted(PALETTES))
def test_entity_underlines_stand_out(scheme: str) -> None:
    p = PALETTES[scheme]  # type: ignore[index]
    low = {}
    for label, c in p.entities.items():
        for against, bg in (("page", p.page), ("tint", c.tint)):
            ratio = contrast(c.underline, bg)
            if ratio < NON_TEXT_MIN:
                low[f"{label} underline/{against}"] = round(ratio, 2)
    ratio = contrast(p.mention_underline, p.page)
    if ratio < NON_TEXT_MIN:
        low["mention underline/page"] = round(ratio, 2)
    ratio = contrast(p.accent, p.base)
    if ratio < NON_TEXT_MIN:
        low["focus frame/base"] = round(ratio, 2)
    assert not low, f"{scheme}: below {NON_TEXT_MIN}:1: {low}"


def test_both_schemes_define_the_same_names() -> None:
    light, dark = PALETTES["light"], PALETTES["dark"]
    assert light.entities.keys() == dark.entities.keys()
    assert light.bookmarks.keys() == dark.bookmarks.keys()


def test_contrast_formula_matches_wcag_examples() -> None:
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54


def test_manager_override_and_system(qapp, tmp_path) -> None:
    from PySide6.QtGui import QColor, QPalette

    from reader.ui.common import theme

    original = QPalette(qapp.palette())
    manager = theme.ThemeManager(qapp, None, "dark")
    settings = Settings(tmp_path / "s.ini")
    try:
        assert theme.current() is theme.DARK
        assert qapp.palette().color(QPalette.ColorRole.Window) == QColor(theme.DARK.chrome)
        actions = theme.mode_actions(manager, manager, settings)
        assert [a.isChecked() for a in actions] == [False, False, True]
        actions[1].trigger()  # light
        assert theme.current() is theme.LIGHT and settings.colour_scheme() == "light"
        manager.set_mode("system")
        assert actions[0].isChecked()
        assert theme.current().scheme == theme.system_scheme()
        manager.set_mode("sepia")  # unknown: the system's
        assert manager.mode == "system"
    finally:
        manager.set_mode("light")
        manager.deleteLater()
        qapp.setPalette(original)


def test_icons_follow_the_scheme(qapp) -> None:
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QColor

    from reader.ui.common import theme
    from reader.ui.common.icons import icon

    def ink() -> set[str]:
        img = icon("find").pixmap(QSize(32, 32)).toImage()
        return {img.pixelColor(x, y).name() for x in range(32) for y in range(32)
                if img.pixelColor(x, y).alpha() == 255}

    assert ink() == {QColor(theme.LIGHT.text).name()}
    try:
        theme.set_scheme("dark")
        assert ink() == {QColor(theme.DARK.text).name()}
    finally:
        theme.set_scheme("light")
