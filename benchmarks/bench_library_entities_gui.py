"""GUI responsiveness while the whole library's entities are extracted in the background.

A 10 ms timer measures event-loop gaps on the GUI thread, first idle (baseline), then while
the Library Entities service runs the worker process over a folder (default: the shared
real-press corpus, by path) and the dock refreshes its list; then the GUI-thread time of a
merge (written in a worker) beside the same write on the GUI thread.  Prints figures;
asserts nothing.

    .venv/bin/python benchmarks/bench_library_entities_gui.py [FOLDER]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from reader.core.entities.aliases import EntityAliases  # noqa: E402
from reader.core.library.index import LibraryIndex  # noqa: E402
from reader.services.library_entities import LibraryEntityService  # noqa: E402
from reader.services.view_state import ViewState  # noqa: E402
from reader.ui.entities.library_panel import LibraryEntitiesPanel  # noqa: E402

DEFAULT = Path("/work/shared/corpus")


def gaps_during(app: QApplication, until, limit_s: float) -> list[float]:  # type: ignore[no-untyped-def]
    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    start = time.monotonic()
    while not until() and time.monotonic() - start < limit_s:
        app.processEvents()
        time.sleep(0.001)
    timer.stop()
    return gaps


def describe(name: str, gaps: list[float]) -> float:
    gaps = sorted(gaps) or [0.0]
    p99 = gaps[int(len(gaps) * 0.99) - 1] if len(gaps) > 1 else gaps[0]
    print(f"{name:<28} ticks {len(gaps):5d}  p99 {p99:6.0f} ms  max {gaps[-1]:6.0f} ms")
    return gaps[-1]


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    app = QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        cache, data = Path(tmp) / "cache", Path(tmp) / "data"
        lib = LibraryIndex(cache / "library.sqlite3")
        lib.scan(folder)
        rows = lib.rows(folder)
        end = time.monotonic() + 2
        base = describe("idle (baseline)", gaps_during(app, lambda: time.monotonic() > end, 3))
        state = ViewState()
        service = LibraryEntityService(cache, data, state)
        panel = LibraryEntitiesPanel(service, state)
        panel.show()
        finished: list[object] = []
        service.batch.sig_finished.connect(finished.append)
        service.batch.sig_failed.connect(finished.append)
        t0 = time.monotonic()
        service.set_library(folder, rows)
        busy = describe(f"extracting {len(rows)} articles",
                        gaps_during(app, lambda: bool(finished), 900))
        print(f"extraction wall time {time.monotonic() - t0:.1f} s; result {finished[:1]}")
        print(f"max stall ratio busy/idle: {busy / max(base, 1):.1f}x")
        merge_figures(app, service, Path(tmp) / "baseline")
        service.stop()
        lib.close()


def merge_figures(app: QApplication, service: LibraryEntityService, scratch: Path) -> None:
    """GUI-thread time of a merge through the service (written in a worker) beside the
    same durable write made on the GUI thread (what the dock did before the service)."""
    qtbot_wait(app, lambda: service.top is not None and not service.top.provisional)
    top = service.top
    if top is None or len(top.entities) < 2:
        print("merge: fewer than two entities, skipped")
        return
    pair = list(top.entities[-2:])
    refs = [(e.key, e.label) for e in pair]
    direct, queued = [], []
    aliases = EntityAliases(scratch)
    for _ in range(10):
        t = time.perf_counter()
        aliases.merge(refs[0], refs)
        direct.append(time.perf_counter() - t)
        aliases.split(refs[1:])
    aliases.close()
    for _ in range(10):
        done: list[object] = []
        service.sig_top.connect(done.append)
        t = time.perf_counter()
        service.merge(pair)
        queued.append(time.perf_counter() - t)
        qtbot_wait(app, lambda: bool(done))  # noqa: B023 - waited on before the next round
        service.sig_top.disconnect(done.append)
        service.split(pair[0])
    print(f"merge, GUI-thread time p50: {statistics.median(queued) * 1000:.3f} ms through "
          f"the service; baseline: written on the GUI thread "
          f"{statistics.median(direct) * 1000:.2f} ms (max {max(direct) * 1000:.1f} ms)")


def qtbot_wait(app: QApplication, until, limit_s: float = 60) -> None:  # type: ignore[no-untyped-def]
    start = time.monotonic()
    while not until() and time.monotonic() - start < limit_s:
        app.processEvents()
        time.sleep(0.001)


if __name__ == "__main__":
    main()
