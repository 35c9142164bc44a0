"""Typed storage errors, classified by SQLite's result code (never by message text).

Why typed: the UI words each case in the user's language and decides what to offer
(retry, read-only mode, a temporary cache, "Récupérer depuis…"), so core hands out a
machine-readable :attr:`StorageError.kind` and the file's path, not an English sentence.
``str()`` stays informative for the logs.

Only :class:`Damaged` (``SQLITE_CORRUPT``/``SQLITE_NOTADB``) may ever lead to a file being set
aside; a full disk, an I/O error, a busy or read-only store leave every file untouched, and
opening can simply be retried.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from reader.core.text import QT_TRANSLATE_NOOP

# primary result codes (the low byte of an extended code)
_CORRUPT, _NOTADB = sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB
_FULL, _IOERR = sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR
_BUSY, _LOCKED = sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED
_READONLY, _PERM, _CANTOPEN = sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_CANTOPEN
_AUTH = sqlite3.SQLITE_AUTH


class StorageError(Exception):
    """A known storage failure.  ``kind`` says which (stable, for the UI to word),
    ``path`` which file; ``code`` is SQLite's extended result code or an ``errno``."""

    kind = "storage"

    def __init__(self, message: str = "", *, path: str | Path | None = None,
                 code: int | None = None, detail: str = "") -> None:
        self.path = Path(path) if path is not None else None
        self.code = code
        self.detail = detail
        super().__init__(message or self.kind)

    def __str__(self) -> str:  # for logs: the message, the file, the cause
        text = super().__str__()
        if self.path is not None and str(self.path) not in text:
            text += f" [{self.path}]"
        if self.detail and self.detail not in text:
            text += f" ({self.detail})"
        return text


class Damaged(StorageError):
    """The file is not a database or its pages are damaged (CORRUPT, NOTADB)."""

    kind = "damaged"


class DiskFull(StorageError):
    """No space left: nothing was written, nothing was lost."""

    kind = "disk_full"


class ReadOnly(StorageError):
    """The file, its directory or the medium cannot be written (READONLY, PERM, EROFS…)."""

    kind = "read_only"


class Busy(StorageError):
    """Another process holds the lock for longer than the busy timeout."""

    kind = "busy"


class StorageIOError(StorageError):
    """The operating system reported an I/O error reading or writing the file."""

    kind = "io"


class Unavailable(StorageError):
    """The file cannot be opened at all: a directory, a FIFO or a device in its place, a
    directory that cannot be created, a missing medium."""

    kind = "unavailable"


class NewerSchema(StorageError):
    """Written by a newer Reader (``user_version`` above what this one knows): untouched."""

    kind = "newer_schema"


class WrongSchema(StorageError):
    """Tables present but not ours (``user_version`` 0, or missing tables or columns)."""

    kind = "wrong_schema"


_BY_CODE: dict[int, type[StorageError]] = {
    _CORRUPT: Damaged, _NOTADB: Damaged, _FULL: DiskFull, _IOERR: StorageIOError,
    _BUSY: Busy, _LOCKED: Busy, _READONLY: ReadOnly, _PERM: ReadOnly, _AUTH: ReadOnly,
}

_MESSAGES = {
    Damaged: "the database is damaged",
    DiskFull: "the disk is full: the change was not saved (nothing was lost)",
    ReadOnly: "the data directory is read-only: changes cannot be saved",
    Busy: "the database is busy in another window; try again",
    StorageIOError: "an input/output error occurred on the database",
    Unavailable: "cannot open the database",
}


def classify(exc: sqlite3.Error, path: str | Path | None = None) -> StorageError | None:
    """The typed error for ``exc`` from its ``sqlite_errorcode``; None when the code says
    nothing about storage (a bug, a constraint…: let it propagate)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return None
    cls = _BY_CODE.get(code & 0xFF)
    if cls is None and code & 0xFF == _CANTOPEN:
        cls = ReadOnly if path is not None and _unwritable(Path(path)) else Unavailable
    if cls is None:
        return None
    return cls(_MESSAGES[cls], path=path, code=code, detail=str(exc))


def translate_error(exc: sqlite3.Error, path: str | Path | None = None) -> Exception:
    """:func:`classify`, or ``exc`` itself when it is not a storage failure."""
    return classify(exc, path) or exc


def from_os_error(exc: OSError, path: str | Path, message: str) -> StorageError:
    """An ``OSError`` met around a store (creating its directory, copying it) → typed."""
    number = exc.errno
    cls: type[StorageError]
    if number in (errno.ENOSPC, errno.EDQUOT):
        cls = DiskFull
    elif number in (errno.EROFS, errno.EACCES, errno.EPERM):
        cls = ReadOnly
    elif number == errno.EIO:
        cls = StorageIOError
    else:
        cls = Unavailable
    return cls(message, path=path, code=number, detail=exc.strerror or str(exc))


def _unwritable(path: Path) -> bool:
    """CANTOPEN because the file or its directory cannot be written (rather than absent
    or not a file)?"""
    try:
        if path.exists():
            return path.is_file() and not os.access(path, os.W_OK)
        return path.parent.is_dir() and not os.access(path.parent, os.W_OK)
    except OSError:
        return False


# each kind's wording: French source, {name} the file; the UI translates it
TEMPLATES = {
    "damaged": QT_TRANSLATE_NOOP("StorageErrors", "le fichier {name} est endommagé"),
    "disk_full": QT_TRANSLATE_NOOP("StorageErrors", "le disque est plein : rien n'a été "
                                                    "enregistré (rien n'est perdu)"),
    "read_only": QT_TRANSLATE_NOOP("StorageErrors", "le dossier de {name} est en lecture "
                                                    "seule : les modifications ne peuvent pas "
                                                    "être enregistrées"),
    "busy": QT_TRANSLATE_NOOP("StorageErrors", "{name} est occupé par une autre fenêtre : "
                                               "réessayez"),
    "io": QT_TRANSLATE_NOOP("StorageErrors", "erreur d'entrée/sortie sur {name} (disque "
                                             "défaillant ou retiré ?)"),
    "unavailable": QT_TRANSLATE_NOOP("StorageErrors", "impossible d'ouvrir {name}"),
    "newer_schema": QT_TRANSLATE_NOOP("StorageErrors", "{name} a été écrit par une version plus "
                                                       "récente de Reader : il n'a pas été "
                                                       "modifié"),
    "wrong_schema": QT_TRANSLATE_NOOP("StorageErrors", "{name} n'a pas le format attendu par "
                                                       "Reader : il n'a pas été modifié"),
    "storage": QT_TRANSLATE_NOOP("StorageErrors", "erreur de stockage sur {name}"),
}
THE_DATABASE = QT_TRANSLATE_NOOP("StorageErrors", "la base de données")


def word_storage_error(exc: StorageError, translate: Callable[[str], str] = str) -> str:
    """``exc`` in words: French by default (the CLI); the UI passes its translation of the
    templates (context "StorageErrors")."""
    name = str(exc.path) if exc.path is not None else translate(THE_DATABASE)
    return translate(TEMPLATES.get(exc.kind, TEMPLATES["storage"])).format(name=name)
