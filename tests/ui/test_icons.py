"""The icons paint exactly as qtawesome painted them (the module no longer imports qtawesome
at start-up: it loads the one font it uses and paints the glyph itself)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QImage

from reader.ui.common import icons, theme


def _image(icon: QIcon, size: int, mode: QIcon.Mode, state: QIcon.State) -> QImage:
    return icon.pixmap(QSize(size, size), mode, state).toImage().convertToFormat(
        QImage.Format.Format_ARGB32)


@pytest.mark.parametrize("size", [16, 22, 24, 32])
def test_every_icon_matches_qtawesome(qapp: object, size: int) -> None:
    qta = pytest.importorskip("qtawesome")
    palette = theme.current()
    differ = []
    for name, spec in icons._ICONS.items():
        ours = icons.icon(name)
        theirs = qta.icon(spec, color=palette.text, color_disabled=palette.muted)
        for mode in (QIcon.Mode.Normal, QIcon.Mode.Disabled, QIcon.Mode.Active,
                     QIcon.Mode.Selected):
            for state in (QIcon.State.Off, QIcon.State.On):
                if _image(ours, size, mode, state) != _image(theirs, size, mode, state):
                    differ.append((name, mode.name, state.name))
    assert not differ


def test_unknown_names_give_a_blank_icon(qapp: object) -> None:
    assert icons.icon("no such icon").isNull()
    assert icons._glyph("mdi6.no-such-glyph", "#000000", "#777777").isNull()

