"""GUI start-up: command line, QApplication, style, and the ``--screenshot`` mode."""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from pathlib import Path
from typing import Any

from reader import __version__, paths

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
SCREENSHOT_TIMEOUT_MS = 180_000


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader",
        description="Read a library of news articles, with entity highlighting and bookmarks. "
        "Other commands: 'reader entities FILE...', 'reader bookmarks list|export|import'.",
    )
    parser.add_argument("library", nargs="?",
                        help="folder of article files, or a reader:// link (default: the last "
                             "library opened, else seeds/); with --pdf: an article file")
    parser.add_argument("--data-dir", help=f"bookmarks directory (env {paths.ENV_DATA_DIR})")
    parser.add_argument("--cache-dir", help=f"index and entity cache (env {paths.ENV_CACHE_DIR})")
    parser.add_argument("--screenshot", metavar="FILE",
                        help="render the window with the first article open, save a PNG, exit")
    parser.add_argument("--view", choices=["main", "entities"], default="main",
                        help="with --screenshot: which view to show (entities: Library Entities "
                             "and timeline)")
    parser.add_argument("--size", default="1440x900", help="window size for --screenshot")
    parser.add_argument("--lang", choices=["fr", "en"],
                        help="interface language (default: the saved choice, else the system's)")
    parser.add_argument("--theme", choices=["system", "light", "dark"],
                        help="colour scheme (default: the saved choice, else the system's)")
    parser.add_argument("--new-window", action="store_true",
                        help="open a window of its own instead of handing the folder to the "
                             "Reader already running on this display")
    parser.add_argument("--pdf", metavar="OUT",
                        help="write the article FILE (with its bookmark notes) as a PDF and "
                             "exit, without a window")
    desktop = parser.add_mutually_exclusive_group()
    desktop.add_argument("--install-desktop", action="store_true",
                         help="add Reader to the desktop's launcher (under $XDG_DATA_HOME) "
                              "and exit")
    desktop.add_argument("--uninstall-desktop", action="store_true",
                         help="remove what --install-desktop added and exit")
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.install_desktop or args.uninstall_desktop:
        from reader import desktop

        return desktop.main("install" if args.install_desktop else "uninstall")
    if args.pdf:
        if not args.library:
            print("reader: --pdf needs an article file", file=sys.stderr)
            return 2
        from reader import pdf_cli

        return pdf_cli.main(args.library, args.pdf, args.data_dir, args.cache_dir)
    ner = start_model(args)  # first: its seconds of loading overlap the window's start
    try:
        return run_gui(args, ner)
    finally:
        if ner is not None:  # the session closed it already, unless the window never opened
            ner.close()


def run_gui(args: argparse.Namespace, ner: Any) -> int:
    """Everything from the Qt imports to the end of the event loop."""
    from reader.platform_check import ensure_platform

    if ensure_platform():  # a missing libxcb-cursor: say which package, do not let Qt abort
        return 1
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
    from reader.services import i18n
    from reader.services.settings import Settings

    settings = (Settings.in_memory(app) if args.screenshot
                else Settings(paths.settings_file(args.data_dir), parent=app))
    i18n.setup(args.lang, settings.language() or None)
    theme_manager = apply_style(app, args.theme or settings.colour_scheme())

    # the window's modules and widgets are long-lived: collecting while they are made
    # found nothing to free and cost ~10 ms; collections resume once it is shown
    gc.disable()
    from reader.ui.main_window import MainWindow, WindowOptions

    data = paths.data_dir(args.data_dir)
    cache = paths.cache_dir(args.cache_dir, Path(args.data_dir) if args.data_dir else None)
    folder, url = split_target(args.library)
    if folder and not Path(folder).is_dir():
        print(f"reader: {folder}: not a folder", file=sys.stderr)
        return 2
    instance = None
    if not (args.new_window or args.screenshot):
        from reader.services.single_instance import OpenRequest, SingleInstance

        instance = SingleInstance(data, app)
        if not instance.claim(OpenRequest(str(Path(folder).resolve()) if folder else None, url)):
            return 0  # the running Reader took it
    recent = None
    if not args.screenshot:
        from reader.services.recent import RecentLibraries

        recent = RecentLibraries(settings, parent=app)
    library = start_library(folder, recent)
    if not library.is_dir():
        print(f"reader: {library}: not a folder", file=sys.stderr)
        return 2
    started = time.perf_counter()
    from reader.core.storage import StorageError

    try:
        window = MainWindow(WindowOptions(library, data, cache,
                                          remember_geometry=args.screenshot is None,
                                          settings=settings, theme=theme_manager,
                                          recent=recent, fit_screen=not args.screenshot,
                                          ner=ner))
    except StorageError as exc:  # e.g. an unwritable cache directory: say so, lose nothing
        message = QCoreApplication.translate(
            "App", "Reader ne peut pas démarrer : %1 (dossier de cache %2)").replace(
            "%1", str(exc)).replace("%2", str(cache))
        print(f"reader: {message}", file=sys.stderr)
        if not args.screenshot:
            from PySide6.QtWidgets import QMessageBox

            box = QMessageBox(QMessageBox.Icon.Critical, "Reader", message)
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.exec()
        return 1
    if args.screenshot:
        width, _, height = args.size.partition("x")
        window.resize(int(width), int(height))
    timing = os.environ.get("READER_STARTUP_TIMING")  # used by benchmarks/bench_startup.py
    if timing == "exit":  # connected before the library opens: a small one is done at once
        window.sig_library_loaded.connect(lambda: (print("ready", flush=True),
                                                   window.close(), app.quit()))
    window.show()
    gc.freeze()  # what start-up made is never scanned again (the session freezes too)
    gc.enable()
    window.open_library(library)
    if recent is not None:
        recent.add(library)
    if url and hasattr(window, "open_link"):  # a reader:// link from the launcher
        window.open_link(url)
    if instance is not None:
        instance.sig_open_requested.connect(
            lambda request: on_open_request(window, recent, request))
    if timing:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, lambda: print(
            f"window_ms={1000 * (time.perf_counter() - started):.1f}", flush=True))
    if args.screenshot:
        return run_screenshot(app, window, Path(args.screenshot), args.view)
    try:
        return app.exec()
    finally:
        if instance is not None:
            instance.close()


def start_model(args: argparse.Namespace) -> Any:
    """On a first start (no entity cache yet) the entity model's child, already loading
    (:func:`reader.core.entities.process.start_on_fresh_cache`); None otherwise."""
    from reader.core.entities import is_fresh_cache

    cache = paths.cache_dir(args.cache_dir, Path(args.data_dir) if args.data_dir else None)
    if not is_fresh_cache(cache):  # any start after the first: the process module (46 ms
        return None  # of imports) is not loaded before the window
    from reader.core.entities.process import start_on_fresh_cache

    return start_on_fresh_cache(cache)


def apply_style(app: object, mode: str = "system") -> Any:
    """Fusion, the style sheet and the light or dark palette; returns the ThemeManager."""
    from PySide6.QtWidgets import QApplication

    from reader.ui.common.theme import ThemeManager

    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    manager = ThemeManager(app, RESOURCES / "style.qss", mode)
    icon_file = RESOURCES / "reader.svg"
    if icon_file.exists():
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(icon_file)))
    return manager


def run_screenshot(app: object, window: object, target: Path, view: str) -> int:
    """Wait until the first article shows with its highlights (or the model fails), save.

    With ``view == "entities"`` also wait for the library-wide entity extraction, choose
    the most mentioned entity and show the Library Entities dock with its timeline.
    """
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from reader.services.entity_results import TopEntities
    from reader.ui.main_window import MainWindow

    assert isinstance(app, QApplication) and isinstance(window, MainWindow)
    loop = QEventLoop()
    state: dict[str, bool | str] = {"entities": False, "library": False,
                                    "chosen": view != "entities"}

    def check() -> None:
        model_failed = window.session.model.state == "failed"
        if state["library"] and state["chosen"] and (state["entities"] or model_failed):
            # the entity view also waits for the filtered list, its article and timeline
            QTimer.singleShot(400 if view != "entities" else 2500, loop.quit)

    def mark(flag: str, value: bool = True) -> None:
        state[flag] = value
        check()

    window.sig_entities_applied.connect(lambda _id: mark("entities"))
    window.sig_model_ready.connect(lambda _ok: check())
    def library_loaded() -> None:
        if window.articles.model.total() == 0:  # the library failed to open, or holds
            # nothing readable: nothing will ever be shown, say why now, not at the timeout
            state["failed"] = (window.statusBar().currentMessage() or QCoreApplication.translate(
                "App", "la bibliothèque ne contient aucun article lisible"))
            QTimer.singleShot(0, loop.quit)
        mark("library")

    window.sig_library_loaded.connect(library_loaded)
    if view == "entities":
        window.layout_keeper.show_only(window.library_entities)
        service = window.entity_service

        def on_top(top: TopEntities) -> None:
            # the final list (not the counts of an analysis still running), once
            if top.provisional or not top.entities or state.get("asked"):
                return
            state["asked"] = True
            people = [e for e in top.entities if e.label == "PER"]
            best = max(people or top.entities, key=lambda e: (e.article_count, e.mention_count))
            service.choose(best.key, best.label)

        service.sig_top.connect(on_top)
        window.view_state.sig_entity_changed.connect(
            lambda entity: mark("chosen", entity is not None))
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


def split_target(argument: str | None) -> tuple[str | None, str | None]:
    """The positional argument as (folder, reader:// link): the launcher passes a
    ``file://`` URL or a ``reader://`` link (``Exec=reader %u``), a terminal a path."""
    if not argument:
        return None, None
    if argument.startswith("reader:"):
        return _link_library(argument), argument
    if argument.startswith("file://"):
        from urllib.parse import unquote, urlsplit

        return unquote(urlsplit(argument).path), None
    return argument, None


def _link_library(url: str) -> str | None:
    """The library folder a ``reader://`` link names (None if it cannot be read)."""
    try:
        from reader.core.bookmarks.links import LinkError, parse_link
    except ImportError:  # the link helpers are not in this build yet
        return None
    try:
        return parse_link(url).library
    except LinkError:
        return None


def start_library(folder: str | None, recent: Any) -> Path:
    """The folder given, else the last library that still exists, else ``seeds/``."""
    from reader.services.recent import startup_library

    if recent is None:
        return Path(folder) if folder else paths.default_library()
    return startup_library(folder, paths.default_library(), recent).path


def on_open_request(window: Any, recent: Any, request: Any) -> None:
    """A second ``reader`` handed over its folder (or link): show it in this window."""
    if request.library:
        folder = Path(request.library)
        if folder.is_dir():
            if window.folder != folder:
                window.open_library(folder)
            if recent is not None:
                recent.add(folder)
    if request.url:
        open_link = getattr(window, "open_link", None)  # the window's reader:// handler
        if open_link is not None:
            open_link(request.url)
    if window.isMinimized():
        window.showNormal()
    window.raise_()
    window.activateWindow()
