"""What the window's modules import while Reader starts: nothing the first list does not need.

Why: start-up time (``benchmarks/bench_startup.py``) went mostly to imports.  These modules
are imported when first used instead (an article's entities, a fuzzy re-anchoring, a print,
an export, a parsed date), and this test keeps them out of the start-up path.
"""

from __future__ import annotations

import subprocess
import sys

# module → what importing it cost at start-up (ms, on the development machine)
NOT_AT_START = {
    "qtawesome": 90,  # qtpy's star imports and 13 icon fonts (icons.py paints the glyph)
    "qtpy": 0,
    "reader.core.entities.extractor": 50,  # the entity rules (made by a worker)
    "reader.core.entities.batch": 5,
    "dateutil": 10,
    "rapidfuzz": 7,
    "ijson": 3,
    "PySide6.QtPrintSupport": 3,
    "reader.services.printing": 2,
    "reader.ui.common.problems_dialog": 1,
    "reader.ui.common.shortcuts_dialog": 1,
    "ctypes.util": 6,
    "PySide6.QtCharts": 3,  # the Library Entities dock's timeline: built when first shown
    "reader.ui.entities.timeline": 3,
}


def test_the_window_modules_leave_the_rest_for_later() -> None:
    code = ("import sys, reader.app, reader.platform_check, reader.services.i18n, "
            "reader.ui.main_window, reader.services.single_instance; "
            f"print(sorted(m for m in {sorted(NOT_AT_START)!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
