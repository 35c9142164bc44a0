"""GUI start-up: command line, QApplication, style, and the ``--screenshot`` mode."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from reader import __version__, paths

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
SCREENSHOT_TIMEOUT_MS = 180_000


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader",
        description="Read a library of news articles, with entity highlighting and bookmarks. "
        "Other commands: 'reader entities FILE...', 'reader bookmarks list|export|import'.",
    )
    parser.add_argument("library", nargs="?", help="folder of article files (default: seeds/)")
    parser.add_argument("--data-dir", help=f"bookmarks directory (env {paths.ENV_DATA_DIR})")
    parser.add_argument("--cache-dir", help=f"index and entity cache (env {paths.ENV_CACHE_DIR})")
    parser.add_argument("--screenshot", metavar="FILE",
                        help="render the window with the first article open, save a PNG, exit")
    parser.add_argument("--view", choices=["main", "entities"], default="main",
                        help="with --screenshot: which view to show (entities: Library Entities "
                             "and timeline)")
    parser.add_argument("--size", default="1440x900", help="window size for --screenshot")
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    QCoreApplication.setApplicationName(paths.APP_NAME)
    QCoreApplication.setOrganizationName(paths.ORG_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setDesktopFileName("reader")
    apply_style(app)

    from reader.ui.main_window import MainWindow, WindowOptions

    data = paths.data_dir(args.data_dir)
    cache = paths.cache_dir(args.cache_dir, Path(args.data_dir) if args.data_dir else None)
    library = Path(args.library) if args.library else paths.default_library()
    if not library.is_dir():
        print(f"reader: {library}: not a folder", file=sys.stderr)
        return 2
    started = time.perf_counter()
    from reader.core.storage import StorageError

    try:
        window = MainWindow(WindowOptions(library, data, cache,
                                          remember_geometry=args.screenshot is None))
    except StorageError as exc:  # e.g. an unwritable cache directory: say so, lose nothing
        message = f"Reader cannot start: {exc} (cache directory {cache})"
        print(f"reader: {message}", file=sys.stderr)
        if not args.screenshot:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.critical(None, "Reader", message)
        return 1
    if args.screenshot:
        width, _, height = args.size.partition("x")
        window.resize(int(width), int(height))
    window.show()
    window.open_library(library)
    if os.environ.get("READER_STARTUP_TIMING"):  # used by benchmarks/bench_startup.py
        from PySide6.QtCore import QTimer

        def report() -> None:
            print(f"window_ms={1000 * (time.perf_counter() - started):.1f}", flush=True)
            if os.environ["READER_STARTUP_TIMING"] == "exit":
                window.sig_library_loaded.connect(lambda: (print("ready", flush=True),
                                                           window.close(), app.quit()))

        QTimer.singleShot(0, report)
    if args.screenshot:
        return run_screenshot(app, window, Path(args.screenshot), args.view)
    return app.exec()


def apply_style(app: object) -> None:
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    qss = RESOURCES / "style.qss"
    if qss.exists():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))
    icon_file = RESOURCES / "reader.svg"
    if icon_file.exists():
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(icon_file)))


def run_screenshot(app: object, window: object, target: Path, view: str) -> int:
    """Wait until the first article shows with its highlights (or the model fails), save.

    With ``view == "entities"`` also wait for the library-wide entity extraction, choose
    the most mentioned entity and show the Library Entities dock with its timeline.
    """
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from reader.ui.main_window import MainWindow

    assert isinstance(app, QApplication) and isinstance(window, MainWindow)
    loop = QEventLoop()
    panel = window.library_entities if view == "entities" else None
    state: dict[str, bool | str] = {"entities": False, "library": False,
                                    "chosen": panel is None}

    def check() -> None:
        if state["library"] and state["chosen"] and (state["entities"] or window.model_error):
            # the entity view also waits for the filtered list, its article and timeline
            QTimer.singleShot(400 if panel is None else 2500, loop.quit)

    def mark(flag: str, value: bool = True) -> None:
        state[flag] = value
        check()

    window.sig_entities_applied.connect(lambda _id: mark("entities"))
    window.sig_model_ready.connect(lambda _ok: check())
    def library_loaded() -> None:
        if window.model.total() == 0:  # the library failed to open, or holds nothing
            # readable: nothing will ever be shown, say why now instead of timing out
            state["failed"] = (window.statusBar().currentMessage()
                               or "la bibliothèque ne contient aucun article lisible")
            QTimer.singleShot(0, loop.quit)
        mark("library")

    window.sig_library_loaded.connect(library_loaded)
    if panel is not None:
        panel.show()
        panel.raise_()
        window.entities_panel.hide()
        if window.bookmarks_panel is not None:
            window.bookmarks_panel.hide()
        window.resizeDocks([panel], [480], Qt.Orientation.Horizontal)
        window.splitter.setSizes([430, 530])

        def on_progress(done: int, total: int) -> None:
            if done >= total and not state.get("asked"):
                state["asked"] = True
                QTimer.singleShot(300, lambda: _choose_top_entity(panel))

        panel.sig_progress.connect(on_progress)
        panel.sig_entity_chosen.connect(lambda choice: mark("chosen", choice is not None))
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, loop.quit)
    loop.exec()
    app.processEvents()
    target.parent.mkdir(parents=True, exist_ok=True)
    ok = window.grab().save(str(target))
    window.close()
    if state.get("failed"):
        print(f"reader: {state['failed']}", file=sys.stderr)
        return 1
    if not ok:
        print(f"reader: could not write {target}", file=sys.stderr)
        return 1
    print(f"screenshot saved to {target}")
    return 0


def _choose_top_entity(panel: object) -> None:
    """Choose the most mentioned person (else any entity) in the Library Entities dock."""
    items = list(panel.model.items()) if hasattr(panel, "model") else []  # type: ignore[attr-defined]
    if not items:
        return
    people = [i for i in items if i.label == "PER"]
    top = max(people or items, key=lambda i: (i.article_count, i.mention_count))
    panel.choose(top.key, top.label)  # type: ignore[attr-defined]
