"""Warm open of a large library in the real main window, and how responsive it stays.

Opens LIBRARY in ``MainWindow`` with an existing index (run ``bench_library.py`` or the app
once first; ``--index FILE`` copies a prepared ``library.sqlite3`` into a fresh cache dir),
and prints the time until the list shows its rows, until the rescan of every file is done,
and the event-loop gaps measured by a 10 ms timer meanwhile (the baseline: an idle loop
measured the same way in the same run, as a ratio).

    python benchmarks/bench_gui_open.py LIBRARY [--index FILE] [--seconds 4]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def gaps_during(app: object, seconds: float, until: object = None) -> list[float]:
    from PySide6.QtCore import QTimer

    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    start = time.perf_counter()
    while time.perf_counter() - start < seconds or (until is not None and not until()):
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.001)
        if time.perf_counter() - start > 300:
            break
    timer.stop()
    return sorted(gaps)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("library", type=Path)
    parser.add_argument("--index", type=Path, help="a prepared library.sqlite3 to start from")
    parser.add_argument("--seconds", type=float, default=4.0)
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    from reader.ui.main_window import MainWindow, WindowOptions

    app = QApplication.instance() or QApplication([])
    tmp = Path(tempfile.mkdtemp(prefix="reader-gui-open-"))
    cache = tmp / "cache"
    cache.mkdir()
    if args.index:
        shutil.copy(args.index, cache / "library.sqlite3")
    idle = gaps_during(app, 2.0)
    window = MainWindow(WindowOptions(args.library, tmp / "data", cache,
                                      remember_geometry=False))
    window.show()
    marks: dict[str, float] = {}
    t0 = time.perf_counter()
    window.articles.model.modelReset.connect(
        lambda: window.articles.model.rowCount() and marks.setdefault("rows", time.perf_counter() - t0))
    window.sig_article_shown.connect(
        lambda _id: marks.setdefault("article", time.perf_counter() - t0))
    window.sig_library_loaded.connect(lambda: marks.setdefault("scan", time.perf_counter() - t0))
    window.open_library(args.library)
    busy = gaps_during(app, args.seconds, lambda: "scan" in marks)
    n = window.articles.model.rowCount()
    window.shutdown()

    def pct(g: list[float], q: float) -> float:
        return 1000 * g[min(len(g) - 1, int(q * (len(g) - 1)))]

    print(f"library: {args.library} ({n} articles)")
    for name, label in (("rows", "list shows its rows"), ("article", "first article shown"),
                        ("scan", "rescan of every file done")):
        if name in marks:
            print(f"{label}: {marks[name] * 1000:.0f} ms")
    print(f"event-loop gaps idle: p50 {pct(idle, .5):.0f} ms, p99 {pct(idle, .99):.0f} ms, "
          f"max {idle[-1] * 1000:.0f} ms")
    print(f"event-loop gaps while opening: p50 {pct(busy, .5):.0f} ms, "
          f"p99 {pct(busy, .99):.0f} ms, max {busy[-1] * 1000:.0f} ms "
          f"(ratio of p99 to idle {pct(busy, .99) / max(pct(idle, .99), 1e-3):.1f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
