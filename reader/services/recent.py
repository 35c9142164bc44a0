"""Recent libraries (Fichier → Récents) and which library to open at start.

Why a service: the menu, the start-up (``reader`` with no folder opens the last library,
as the ``.desktop`` launcher does) and the single-instance hand-over all need the same
list.  It lives in the settings (``Settings.recent_libraries``, newest first, at most
:data:`MAX_RECENT`); a folder that is gone stays listed, disabled with the reason, so a
library on an unplugged disk is not forgotten.
"""

from __future__ import annotations

import errno
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal

from reader.services.settings import Settings

log = logging.getLogger("reader.recent")
MAX_RECENT = 10



@dataclass(frozen=True)
class RecentLibrary:
    """One entry of Fichier → Récents; ``reason`` says why it cannot be opened ("" if it can)."""

    path: Path
    reason: str = ""

    @property
    def available(self) -> bool:
        return not self.reason


def unavailable_reason(folder: Path) -> str:
    """Why ``folder`` cannot be opened as a library, in words for the menu ("" if it can)."""
    try:
        if not folder.exists():
            return QCoreApplication.translate("RecentLibraries", "Dossier introuvable")
        if not folder.is_dir():
            return QCoreApplication.translate("RecentLibraries", "N'est pas un dossier")
        if not os.access(folder, os.R_OK | os.X_OK):
            return QCoreApplication.translate("RecentLibraries", "Accès refusé")
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM):
            return QCoreApplication.translate("RecentLibraries", "Accès refusé")
        return QCoreApplication.translate("RecentLibraries", "Dossier illisible ({error})").format(error=exc.strerror or exc)
    return ""


class RecentLibraries(QObject):
    sig_changed = Signal()  # the list changed: rebuild the menu

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings

    def paths(self) -> list[Path]:
        return [Path(v) for v in self._settings.recent_libraries() if v][:MAX_RECENT]

    def entries(self) -> list[RecentLibrary]:
        """Newest first, each with the reason it cannot be opened now ("" if it can)."""
        return [RecentLibrary(p, unavailable_reason(p)) for p in self.paths()]

    def add(self, folder: str | Path) -> None:
        """``folder`` was opened: put it first (once).  Already first: nothing is written
        (every start opens the last library: no settings file rewritten for it)."""
        path = Path(folder).resolve()
        current = self.paths()
        paths = [path] + [p for p in current if p != path]
        if paths[:MAX_RECENT] == current:
            return
        self._write(paths)

    def remove(self, folder: str | Path) -> None:
        path = Path(folder)
        self._write([p for p in self.paths() if p != path and p != path.resolve()])

    def clear(self) -> None:
        self._write([])

    def _write(self, paths: list[Path]) -> None:
        self._settings.set_recent_libraries([str(p) for p in paths[:MAX_RECENT]])
        self._settings.sync()
        self.sig_changed.emit()

    def last_available(self) -> Path | None:
        return next((e.path for e in self.entries() if e.available), None)


@dataclass(frozen=True)
class StartupLibrary:
    """The library to open at start and why (for the log and a status-bar message)."""

    path: Path
    reason: str  # "argument", "recent" or "default"
    skipped: tuple[RecentLibrary, ...] = ()  # newer recent libraries that are unavailable


def startup_library(argument: str | os.PathLike[str] | None, default: Path,
                    recent: RecentLibraries) -> StartupLibrary:
    """The folder given on the command line, else the last library that can still be
    opened, else ``default`` (``seeds/``: the first run)."""
    if argument:
        return StartupLibrary(Path(argument), "argument")
    skipped: list[RecentLibrary] = []
    for entry in recent.entries():
        if entry.available:
            return StartupLibrary(entry.path, "recent", tuple(skipped))
        skipped.append(entry)
        log.info("recent library %s skipped: %s", entry.path, entry.reason)
    return StartupLibrary(default, "default", tuple(skipped))
