"""A layout saved at scale 1 with wide docks, reopened at scale factor 2 (QT_SCALE_FACTOR,
as on a HiDPI screen): the saved layout is repaired, not restored blindly, and the reading
column keeps its minimum width.  Each window runs in its own process (the scale factor is
read once, when Qt starts)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from ui_helpers import make_library

SCRIPT = r"""
import json, sys
from pathlib import Path
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from reader.ui.main_window import MainWindow, WindowOptions
lib, data, step = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
win = MainWindow(WindowOptions(lib, data, data / "cache", remember_geometry=True,
                               settings_file=data / "settings.ini"))
if step == "save":
    win.resize(1600, 1000)
win.show()
for _ in range(20):
    app.processEvents()
if step == "save":  # every dock open and wide, as a user with a large screen left it
    win.library_entities.show()
    win.resizeDocks([win.library_entities, win.bookmarks_panel], [700, 600],
                    Qt.Orientation.Horizontal)
    for _ in range(20):
        app.processEvents()
else:
    win.protect_reading_column()
    for _ in range(20):
        app.processEvents()
print(json.dumps({"pane": win.pane.width(), "need": win.pane.minimumSizeHint().width(),
                  "ratio": win.devicePixelRatio()}), flush=True)
win.close()
"""


def _run(lib: Path, data: Path, step: str, scale: str) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR=scale)
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(lib), str(data), step], env=env,
                         capture_output=True, text=True, timeout=120, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_a_layout_saved_at_scale_1_is_repaired_at_scale_2(tmp_path: Path) -> None:
    lib = make_library(tmp_path, broken=False)
    data = tmp_path / "data"
    saved = _run(lib, data, "save", "1")
    assert saved["ratio"] == 1
    reopened = _run(lib, data, "reopen", "2")
    assert reopened["ratio"] == 2
    assert reopened["need"] >= 300  # about 45 characters at the reading font, not a sliver
    assert reopened["pane"] >= reopened["need"]
