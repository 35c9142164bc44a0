"""Start-up time of Reader beside a bare PySide6 window, measured in the same run.

Both are timed from process launch until the window has been shown and the event loop
has run once ("window"), and for Reader also until the library list is filled ("ready").
Reader is measured on warm starts: a first session (``--screenshot``) has indexed the
library and analysed its first article, so, as on any start after the first, the model is
not started while the window opens (a first start is ``bench_first_highlight.py``'s).

    python benchmarks/bench_startup.py [--runs 5] [LIBRARY]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1440, 900); w.show()
QTimer.singleShot(0, lambda: (print("ready", flush=True), app.quit()))
app.exec()
"""


def time_until_ready(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            env=env, cwd=ROOT)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == "ready":
            elapsed = time.perf_counter() - start
            proc.wait(timeout=60)
            return elapsed
    proc.wait(timeout=60)
    raise RuntimeError(f"{cmd} ended without reporting ready")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("library", nargs="?", default=str(ROOT / "seeds"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="reader-startup-")
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               READER_DATA_DIR=f"{tmp}/data", READER_CACHE_DIR=f"{tmp}/cache",
               XDG_CONFIG_HOME=f"{tmp}/config", READER_STARTUP_TIMING="exit")
    # as on a user's machine: compiled modules cached (with this set, every start compiles
    # ~40 modules from source, +0.2 s)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    reader_cmd = [sys.executable, "-m", "reader", args.library]
    # a first session builds the index and analyses the first article (as a user's first
    # start does): the runs measured are warm starts, whose model is not needed at start
    subprocess.run([*reader_cmd, "--screenshot", f"{tmp}/first.png"], env=env, cwd=ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300,
                   check=True)
    bare, ours = [], []
    for _ in range(args.runs):
        bare.append(time_until_ready([sys.executable, "-c", BARE], env))
        ours.append(time_until_ready(reader_cmd, env))
    b, o = statistics.median(bare), statistics.median(ours)
    print(f"library: {args.library}  runs: {args.runs}")
    print(f"bare PySide6 window: median {b * 1000:.0f} ms")
    print(f"Reader to a usable list (warm index): median {o * 1000:.0f} ms")
    print(f"ratio Reader / bare window: {o / b:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
