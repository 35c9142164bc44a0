"""Every persistent preference in one place, typed: the only module that names QSettings keys.

Why: keys used to be spelled in the window (geometry, splitter, zoom, recent searches,
reading positions) and read back with ad-hoc type checks.  Here each setting has one
getter and one setter that validate what comes back (QSettings returns strings, one-item
lists as plain strings, or whatever another version wrote).  With ``--data-dir`` or
``READER_DATA_DIR`` the settings live in ``<data dir>/settings.ini`` (tests and portable
installs), else in the platform's place (``~/.config/Reader/Reader.conf`` on Linux).
``Settings(None)`` keeps everything in memory (the ``--screenshot`` mode, some tests).
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QObject, QSettings

log = logging.getLogger("reader.settings")

RECENT_SEARCHES = 30  # queries kept for the search box's completion
DEFAULT_POINT_SIZE = 13.0


class Settings(QObject):
    def __init__(self, file: Path | None = None, *, persistent: bool = True,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.persistent = persistent
        self._memory: dict[str, Any] = {}
        self._qs: QSettings | None = None
        if persistent:
            self._qs = (QSettings(str(file), QSettings.Format.IniFormat, self) if file is not None
                        else QSettings(self))

    @classmethod
    def in_memory(cls, parent: QObject | None = None) -> Settings:
        return cls(None, persistent=False, parent=parent)

    @property
    def location(self) -> str:
        return self._qs.fileName() if self._qs is not None else ""

    # -- raw access (private: every key is spelled below) -------------------------------
    def _get(self, key: str, default: Any = None) -> Any:
        if self._qs is None:
            return self._memory.get(key, default)
        return self._qs.value(key, default)

    def _set(self, key: str, value: Any) -> None:
        if self._qs is None:
            self._memory[key] = value
        else:
            self._qs.setValue(key, value)

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._get(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def _strings(self, key: str) -> list[str]:
        value = self._get(key, [])
        if isinstance(value, str):  # QSettings gives a one-item list back as a string
            value = [value] if value else []
        return [str(v) for v in value] if isinstance(value, list) else []

    def _float(self, key: str, default: float) -> float:
        try:
            return float(self._get(key, default))
        except (TypeError, ValueError):
            log.warning("setting %s unreadable, using %s", key, default)
            return default

    def sync(self) -> None:
        if self._qs is not None:
            self._qs.sync()
            if self._qs.status() != QSettings.Status.NoError:
                log.warning("settings not saved to %s: %s", self.location, self._qs.status())

    # -- window --------------------------------------------------------------------------
    def window_geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    def splitter_state(self) -> QByteArray | None:
        return self._bytes("window/splitter")

    def save_window(self, geometry: QByteArray, state: QByteArray, splitter: QByteArray) -> None:
        self._set("window/geometry", geometry)
        self._set("window/state", state)
        self._set("window/splitter", splitter)

    # -- reading -------------------------------------------------------------------------
    def point_size(self) -> float:
        return self._float("reader/pointSize", DEFAULT_POINT_SIZE)

    def set_point_size(self, size: float) -> None:
        self._set("reader/pointSize", size)

    @staticmethod
    def _position_key(folder: Path) -> str:
        return "positions/" + hashlib.sha1(str(folder).encode()).hexdigest()[:16]

    def reading_position(self, folder: Path) -> tuple[str, int] | None:
        """The article read last in this library and the offset at the top of the pane."""
        offset, _tab, article_id = str(self._get(self._position_key(folder), "") or "").partition(
            "\t")
        try:
            return (article_id, int(offset)) if article_id else None
        except ValueError:  # written by something else: start at the top
            return None

    def set_reading_position(self, folder: Path, article_id: str, offset: int) -> None:
        self._set(self._position_key(folder), f"{offset}\t{article_id}")

    # -- search --------------------------------------------------------------------------
    def recent_searches(self) -> list[str]:
        return self._strings("search/recent")[:RECENT_SEARCHES]

    def set_recent_searches(self, queries: list[str]) -> None:
        self._set("search/recent", list(queries)[:RECENT_SEARCHES])

    # -- bookmarks -----------------------------------------------------------------------
    def last_bookmark_colour(self) -> str:
        return str(self._get("bookmarks/lastColour", "") or "")

    def set_last_bookmark_colour(self, colour: str) -> None:
        self._set("bookmarks/lastColour", colour)

    def last_bookmark_tags(self) -> list[str]:
        return self._strings("bookmarks/lastTags")

    def set_last_bookmark_tags(self, tags: list[str]) -> None:
        self._set("bookmarks/lastTags", list(tags))

    def creator_name(self) -> str:
        """The name written as the W3C annotations' creator (empty: the OS user name)."""
        return str(self._get("bookmarks/creator", "") or "")

    def set_creator_name(self, name: str) -> None:
        self._set("bookmarks/creator", name)

    # -- appearance and language ----------------------------------------------------------
    def language(self) -> str:
        """"fr", "en" or "" (follow the system)."""
        value = str(self._get("ui/language", "") or "")
        return value if value in ("fr", "en") else ""

    def set_language(self, lang: str) -> None:
        """"fr", "en", or "" to follow the system again."""
        if self._qs is not None and not lang:
            self._qs.remove("ui/language")
        else:
            self._set("ui/language", lang)

    def colour_scheme(self) -> str:
        """"system", "light" or "dark"."""
        value = str(self._get("ui/theme", "system") or "system")
        return value if value in ("system", "light", "dark") else "system"

    def set_colour_scheme(self, scheme: str) -> None:
        self._set("ui/theme", scheme)

    def justify(self) -> bool:
        return str(self._get("reader/justify", "false")).lower() == "true"

    def set_justify(self, on: bool) -> None:
        self._set("reader/justify", on)

    # -- libraries -----------------------------------------------------------------------
    def recent_libraries(self) -> list[str]:
        return self._strings("libraries/recent")

    def set_recent_libraries(self, folders: list[str]) -> None:
        self._set("libraries/recent", list(folders))

    def read_dwell_ms(self) -> int:
        """How long an article stays open before it counts as read (negative: never)."""
        return int(self._float("reading/markReadAfterMs", 1500))

    def set_read_dwell_ms(self, ms: int) -> None:
        self._set("reading/markReadAfterMs", int(ms))
