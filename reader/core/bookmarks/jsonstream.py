"""JSON read as a stream of ijson events, for files that may be big or hostile.

Values are built one at a time by one loop per event (no recursion) and refused as soon as
they nest deeper than :data:`MAX_DEPTH`; the parser's own failures are worded as one
:class:`BookmarkImportError` by :func:`worded`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO, Any

import ijson

from reader.core.bookmarks.formats import BookmarkImportError

MAX_DEPTH = 32  # our files nest 6 deep; other tools' annotations a few more
BOM = b"\xef\xbb\xbf"
# a \uDC00-\uDFFF escape not right after a \uD800-\uDBFF one (a pair is fine)
LONE_LOW_SURROGATE = re.compile(rb"(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}")
_SCALARS = ("string", "number", "boolean", "null")
PARSE_ERRORS = (ijson.JSONError, UnicodeDecodeError, OSError)


def open_events(fp: IO[bytes]) -> Iterator[tuple[str, Any]]:
    """The events of a binary file, with the fastest parser that reads it right."""
    return backend_for(fp).basic_parse(SkipBom(fp))


def worded(exc: Exception) -> BookmarkImportError:
    """One of :data:`PARSE_ERRORS`, raised while reading events, as an import error."""
    if isinstance(exc, UnicodeDecodeError):
        return BookmarkImportError("not_utf8", f"not UTF-8 text ({exc.reason} at byte "
                                               f"{exc.start})")
    if isinstance(exc, OSError):
        return BookmarkImportError("unreadable", f"read error: {exc.strerror or exc}")
    return BookmarkImportError("not_json", f"not JSON ({first_line(exc)})")


class SkipBom:
    """A binary reader without the UTF-8 byte order mark some editors put first."""

    def __init__(self, fp: IO[bytes]) -> None:
        self._fp = fp
        self._head: bytes | None = None

    def read(self, size: int = -1) -> bytes:
        if size == 0:  # ijson probes the type of what read() returns this way
            return b""
        if self._head is None:
            head = self._fp.read(3)
            self._head = b"" if head == BOM else head
        if self._head:
            head, self._head = self._head, b""
            return head + self._fp.read(max(0, size - len(head)) if size >= 0 else -1)
        return self._fp.read(size)


def backend_for(fp: IO[bytes]) -> Any:
    """ijson's C parser (30x faster), unless the file escapes a lone low surrogate
    (``"\\udfff"``): that one it turns into bytes its own decoder then rejects, where the
    pure-Python parser gives a string we can repair.  Unseekable input gets the C parser."""
    try:
        if not fp.seekable():
            return ijson
        start = fp.tell()
    except (OSError, ValueError):
        return ijson
    tail = b""
    try:
        while chunk := fp.read(1 << 20):
            data = tail + chunk
            # find() first: the regex's look-behind is slow and such escapes are rare
            if (b"\\ud" in data or b"\\uD" in data) and LONE_LOW_SURROGATE.search(data):
                return ijson.get_backend("python")
            tail = data[-12:]
    except OSError:
        pass  # the parse will meet the same error and word it
    finally:
        fp.seek(start)
    return ijson


def first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    line = text[0].strip() if text else type(exc).__name__
    line = line.removeprefix("b'").removeprefix('b"')
    return line[:160]


def next_event(events: Iterator[tuple[str, Any]]) -> tuple[str, Any]:
    try:
        return next(events)
    except StopIteration:
        raise BookmarkImportError("not_json", "not JSON (the file ends too early)") from None


def too_deep() -> BookmarkImportError:
    return BookmarkImportError("too_deep", f"nested more than {MAX_DEPTH} levels deep: "
                                           "not a bookmarks file")


def build(events: Iterator[tuple[str, Any]], event: str, value: Any, depth: int) -> Any:
    """The whole value that starts with ``event``, inside containers ``depth`` deep.

    Iterative, and refused beyond :data:`MAX_DEPTH` as soon as the parser gets there (the
    hot loop of an import: one pass per event, no helper calls)."""
    if event in _SCALARS:
        return value
    if depth > MAX_DEPTH:
        raise too_deep()
    root: Any = {} if event == "start_map" else []
    stack = [root]
    limit = MAX_DEPTH - depth + 1  # the top of the stack is depth + len(stack) - 1 deep
    key = None  # after a nested value ends, its parent map's next event is a key
    for event, value in events:
        if event == "map_key":
            key = value
            continue
        top = stack[-1]
        if event == "start_map" or event == "start_array":
            child: Any = {} if event == "start_map" else []
            if type(top) is dict:
                top[key] = child
            else:
                top.append(child)
            stack.append(child)
            if len(stack) > limit:
                raise too_deep()
        elif event == "end_map" or event == "end_array":
            stack.pop()
            if not stack:
                return root
        elif type(top) is dict:
            top[key] = value
        else:
            top.append(value)
    raise BookmarkImportError("not_json", "not JSON (the file ends too early)")


def items(events: Iterator[tuple[str, Any]], depth: int) -> Iterator[Any]:
    """The values of an array ``depth`` deep whose ``start_array`` was just read."""
    if depth > MAX_DEPTH:
        raise too_deep()
    while True:
        event, value = next_event(events)
        if event == "end_array":
            return
        yield build(events, event, value, depth + 1)


def keys(events: Iterator[tuple[str, Any]]) -> Iterator[str]:
    """The keys of a map whose ``start_map`` was just read; the caller reads each value."""
    while True:
        event, value = next_event(events)
        if event == "end_map":
            return
        yield str(value)
