"""Where Reader keeps its files: command line option, then environment, then the platform.

Bookmarks (user data that cannot be regenerated) live in the data directory; the library
index and entity cache (regenerable) live in the cache directory.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATA_DIR = "READER_DATA_DIR"
ENV_CACHE_DIR = "READER_CACHE_DIR"
APP_NAME = "Reader"
ORG_NAME = "Reader"


def _standard(location_name: str) -> Path:
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    if not QCoreApplication.applicationName():
        QCoreApplication.setApplicationName(APP_NAME)
        QCoreApplication.setOrganizationName(ORG_NAME)
    location = getattr(QStandardPaths.StandardLocation, location_name)
    return Path(QStandardPaths.writableLocation(location))


def data_dir(option: str | os.PathLike[str] | None = None) -> Path:
    """Bookmarks directory: ``--data-dir``, ``$READER_DATA_DIR``, else AppDataLocation."""
    if option:
        return Path(option)
    if os.environ.get(ENV_DATA_DIR):
        return Path(os.environ[ENV_DATA_DIR])
    return _standard("AppDataLocation")


def cache_dir(option: str | os.PathLike[str] | None = None, data: Path | None = None) -> Path:
    """Cache directory: ``--cache-dir``, ``$READER_CACHE_DIR``, ``<data-dir>/cache`` when a
    data directory was given explicitly, else CacheLocation."""
    if option:
        return Path(option)
    if os.environ.get(ENV_CACHE_DIR):
        return Path(os.environ[ENV_CACHE_DIR])
    if data is not None:
        return data / "cache"
    return _standard("CacheLocation")


def default_library() -> Path:
    """The bundled seed library (``seeds/`` next to the package)."""
    return Path(__file__).resolve().parent.parent / "seeds"


def settings_file(option: str | os.PathLike[str] | None = None) -> Path | None:
    """``<data dir>/settings.ini`` when the data directory was chosen (``--data-dir`` or
    ``$READER_DATA_DIR``: tests, portable installs), else None: the platform's place."""
    if option:
        return Path(option) / "settings.ini"
    if os.environ.get(ENV_DATA_DIR):
        return Path(os.environ[ENV_DATA_DIR]) / "settings.ini"
    return None
