"""``reader --screenshot FILE``: the real entry point renders the window and exits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import SEEDS
from PySide6.QtGui import QImage


def test_screenshot_renders_the_seed_library_with_its_entities(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, "-m", "reader", str(SEEDS), "--screenshot", str(out), "--size", "1000x700",
         "--data-dir", str(tmp_path / "data"), "--cache-dir", str(tmp_path / "cache")],
        env=env, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1000, 700)
    # not a blank window: many distinct colours (text, highlights, icons)
    colours = {image.pixel(x, y) for x in range(0, 1000, 7) for y in range(0, 700, 7)}
    assert len(colours) > 20
    # the user's real data directory was not touched; the temporary one holds the stores
    assert (tmp_path / "cache" / "library.sqlite3").exists()
    assert (tmp_path / "cache" / "entities.sqlite3").exists() or any(
        (tmp_path / "cache").glob("entit*"))
