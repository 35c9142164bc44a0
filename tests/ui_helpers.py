"""Shared helpers for the UI tests: a small library written by the test itself."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import SEED_FILE

EXTRA_ARTICLE = (
    " date 28 mai 2024 Sommet à Paris (Reuters)\n\n"
    "Le président Emmanuel Macron a reçu mardi à Paris le chancelier Olaf Scholz.\n\n"
    "Un élève de l'École normale\n\n"
    "Les deux dirigeants ont évoqué <b>la défense</b> européenne &amp; le budget, "
    "selon l'Élysée.\n"
)
OLD_ARTICLE = (
    " date 1937 Exposition universelle (Le Temps)\n\n"
    "L'Exposition internationale ouvre ses portes à Paris en mai 1937.\n"
)


def make_library(root: Path, broken: bool = True) -> Path:
    lib = root / "library"
    lib.mkdir()
    shutil.copy(SEED_FILE, lib / SEED_FILE.name)
    (lib / "sommet.txt").write_text(EXTRA_ARTICLE, encoding="utf-8")
    (lib / "expo.txt").write_text(OLD_ARTICLE, encoding="utf-8")
    if broken:
        (lib / "vide.txt").write_bytes(b"")
        (lib / "binaire.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
        (lib / "latin1.txt").write_bytes(" date 2024 Caf\xe9 (AFP)\n\nCaf\xe9.".encode("latin-1"))
    return lib


def open_window(qtbot, lib: Path, data: Path, cache: Path, *, remember: bool = False,
                size: tuple[int, int] | None = None):
    """A shown main window on ``lib`` once its library has loaded; ``remember``: with its
    settings (in ``data/settings.ini``), else in memory."""
    from reader.ui.main_window import MainWindow, WindowOptions

    win = MainWindow(WindowOptions(lib, data, cache, remember_geometry=remember,
                                   settings_file=data / "settings.ini"))
    qtbot.addWidget(win)
    if size is not None:
        win.resize(*size)
    win.show()
    with qtbot.waitSignal(win.sig_library_loaded, timeout=30_000):
        win.open_library(lib)
    return win
