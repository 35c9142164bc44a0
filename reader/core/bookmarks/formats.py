"""What the export and import modules agree on: names of the formats, the W3C vocabulary we
use, the Agent that made an export, and timestamps that every reader of the files accepts.

Kept apart so that export and import do not import each other.
"""

from __future__ import annotations

import getpass
import os
import re
from datetime import UTC, datetime

FORMATS = ("md", "json", "w3c")
JSON_FORMAT = "reader-bookmarks"
JSON_VERSION = 1
ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
READER_NS = "urn:reader:"
ARTICLE_URN = "urn:reader:article:"
# Our extension keys ("reader:colour"...) are compact IRIs under this prefix, so every
# annotation, page and collection carries the same context and is valid on its own.
CONTEXT: list[object] = [ANNO_CONTEXT, {"reader": READER_NS}]
_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_OFFSET = 2**31 - 1  # articles are at most a few MB; bigger offsets are hostile input


def default_creator() -> str:
    """The name of the local user (the OS account), for exports that need a ``creator``.

    ``getpass`` reads $LOGNAME/$USER first, then the password database; a container user
    with neither still gets a name, so an export never fails for want of one.
    """
    try:
        name = getpass.getuser()
    except (OSError, KeyError):  # no such uid in the password database
        name = ""
    if name.strip():
        return name.strip()
    return f"uid-{os.getuid()}" if hasattr(os, "getuid") else "user"


def timestamp(value: str) -> str:
    """``value`` as an RFC 3339 UTC timestamp (``now_iso``'s form), or "" when it is not a
    readable ISO 8601 date-time.

    A time without offset is taken as UTC; a bare date as its midnight.  Stored values
    (all made by ``now_iso``) come back unchanged, so exports round-trip exactly.
    """
    text = value.strip()
    if not text or len(text) > 64:
        return ""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC).isoformat(timespec="microseconds")
    except (OverflowError, ValueError):  # year 1 with an offset that leaves the calendar
        return ""


def clean_text(value: str) -> str:
    """``value`` with lone surrogates (from ``\\ud800`` escapes) replaced by U+FFFD: they
    cannot be encoded as UTF-8, so SQLite and every output would refuse them."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", value)
    return value


class BookmarkImportError(ValueError):
    """The file cannot be imported; nothing from it was saved.

    ``code`` is one of :data:`CODES` (for the UI to word), ``item`` the 1-based number of the
    bookmark or annotation at fault (0: the file as a whole), ``field`` the key at fault;
    ``str()`` is an English sentence for the command line and the logs.
    """

    CODES = ("unreadable", "not_utf8", "not_json", "too_deep", "not_bookmarks",
             "newer_version", "bad_version", "bad_item", "unknown_format")

    def __init__(self, code: str, message: str, *, item: int = 0, field: str = "") -> None:
        self.code = code
        self.item = item
        self.field = field
        super().__init__(message)
