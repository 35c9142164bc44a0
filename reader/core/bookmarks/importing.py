"""Bookmarks in: Reader's JSON export and W3C Web Annotations (ours or another tool's).

Files come from anywhere, so the reader is built for hostile input:

- it streams (ijson events), keeping one bookmark in memory at a time: a 140 MB file
  costs about the bookmarks being written, not several times the file;
- nesting deeper than :data:`MAX_DEPTH` is refused as it is read (no recursion anywhere);
- every field is type-checked; whatever is wrong ends in one :class:`BookmarkImportError`
  whose ``code`` says what (worded by the UI) and whose text names the item and field;
- lone surrogates (``"\\ud800"``) become U+FFFD, timestamps that are not ISO 8601 are left
  out (never written as ""), offsets beyond :data:`MAX_OFFSET` are refused.

The JSON and Web Annotation imports round-trip every field; ids are stable, so importing
the same file twice adds nothing (see :meth:`BookmarkStore.merge`).  Annotations made by
other tools get an id derived from theirs (uuid5) for the same reason, and their missing
extension keys (``reader:*``) take defaults.

Errors found late (a ``version`` after the list, say) are raised when the iterator ends:
consume it inside one transaction (``store.merge`` does, :func:`import_file` uses it), so a
bad file adds nothing.
"""

from __future__ import annotations

import io
import json
import os
import stat
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import unquote, urlparse

from reader.core.bookmarks.anchoring import STATUSES
from reader.core.bookmarks.formats import (
    ARTICLE_URN,
    JSON_FORMAT,
    JSON_VERSION,
    MAX_OFFSET,
    READER_NS,
    BookmarkImportError,
    clean_text,
    timestamp,
)
from reader.core.bookmarks.jsonstream import (
    MAX_DEPTH,
    PARSE_ERRORS,
    build,
    items,
    keys,
    next_event,
    open_events,
    worded,
)
from reader.core.bookmarks.store import (
    ANCHORED,
    COLOURS,
    DEFAULT_COLOUR,
    Bookmark,
    normalise_tags,
    validate,
)

if TYPE_CHECKING:
    from reader.core.bookmarks.store import BookmarkStore

__all__ = ["MAX_DEPTH", "BookmarkImportError", "ImportFormatError", "from_annotation",
           "import_file", "parse_import", "read_bookmarks"]
_STRING_FIELDS = ("id", "article_id", "content_hash", "quote", "prefix", "suffix", "note",
                  "colour", "article_title", "article_date", "article_source", "status",
                  "original_quote")


ImportFormatError = BookmarkImportError  # the name callers used before the codes


def _bad(item: int, what: str, message: str, field: str = "") -> BookmarkImportError:
    return BookmarkImportError("bad_item", f"{what} {item}: {message}", item=item, field=field)


# -- entry points -----------------------------------------------------------------------------
def import_file(store: BookmarkStore, path: str | Path,
                fmt: str = "auto") -> tuple[int, int, int]:
    """Merge the bookmarks of ``path`` into ``store`` in one transaction, streaming.

    Returns (added, updated, unchanged).  Raises :class:`BookmarkImportError` for anything
    wrong with the file (then nothing was saved) and ``StorageError`` for the store."""
    path = Path(path)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; checked as a regular file
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise BookmarkImportError("unreadable", f"cannot read {path.name}: "
                                                f"{exc.strerror or exc}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise BookmarkImportError("unreadable", f"{path.name} is not a regular file")
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as fp:
        return store.merge(read_bookmarks(fp, fmt))


def parse_import(text: str, fmt: str = "auto") -> list[Bookmark]:
    """Bookmarks from the text of a JSON or Web Annotation export (``fmt``: auto, json or
    w3c).  For files, :func:`import_file` streams instead."""
    data = clean_text(text.removeprefix("\ufeff")).encode("utf-8")
    return list(read_bookmarks(io.BytesIO(data), fmt))


def read_bookmarks(fp: IO[bytes], fmt: str = "auto") -> Iterator[Bookmark]:
    """The bookmarks of a binary file, one at a time (see the module docstring)."""
    if fmt not in ("auto", "json", "w3c"):
        raise BookmarkImportError("unknown_format",
                                  f"cannot import the {fmt!r} format (use json or w3c)")
    events = open_events(fp)
    try:
        event, _value = next_event(events)
        if event == "start_array":  # a bare list of annotations
            _not_json_format(fmt)
            for n, item in enumerate(items(events, 1), start=1):
                yield _annotation_item(item, n)
        elif event == "start_map":
            yield from _document(events, fmt)
        else:
            raise _not_bookmarks()
        for _extra in events:  # ijson reports text after the value only when asked for more
            raise BookmarkImportError("not_json", "not JSON (text after the end of the value)")
    except PARSE_ERRORS as exc:  # the parser's own, wherever an event was read
        raise worded(exc) from None


# -- documents --------------------------------------------------------------------------------
def _not_bookmarks() -> BookmarkImportError:
    return BookmarkImportError(
        "not_bookmarks", "not a Web Annotation document (expected an Annotation, "
                         "AnnotationPage or AnnotationCollection) nor a Reader bookmarks file")


def _not_json_format(fmt: str) -> None:
    if fmt == "json":
        raise BookmarkImportError("not_bookmarks",
                                  "not a Reader bookmarks file (no \"bookmarks\" list)")


def _check_header(top: Mapping[str, Any], complete: bool) -> None:
    """Reader JSON's ``format`` and ``version``, as far as they have been read."""
    if "format" in top and top["format"] != JSON_FORMAT or complete and "format" not in top:
        raise BookmarkImportError("not_bookmarks", "not a Reader bookmarks file (its "
                                                   f"\"format\" is not {JSON_FORMAT!r})")
    if "version" not in top:
        return
    version = top["version"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BookmarkImportError("bad_version", f"unreadable version {str(version)[:40]!r}")
    if version > JSON_VERSION:
        raise BookmarkImportError("newer_version",
                                  f"written by a newer Reader (version {version})")


def _types(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, list):
        return {v for v in value if isinstance(v, str)}
    return set()


def _document(events: Iterator[tuple[str, Any]], fmt: str) -> Iterator[Bookmark]:
    top: dict[str, Any] = {}
    kind = ""  # "json" once a "bookmarks" list was read, "w3c" once annotations were
    count = 0
    for key in keys(events):
        event, value = next_event(events)
        if key == "bookmarks" and event == "start_array" and not kind:
            if fmt == "w3c":
                raise _not_bookmarks()
            _check_header(top, complete=False)
            kind = "json"
            for item in items(events, 2):
                count += 1
                yield _reader_item(item, count)
        elif key == "items" and event == "start_array" and not kind and fmt != "json":
            kind = "w3c"
            for item in items(events, 2):
                count += 1
                yield _annotation_item(item, count)
        elif key == "first" and event == "start_map" and not kind and fmt != "json":
            first: dict[str, Any] = {}
            for inner in keys(events):
                event, value = next_event(events)
                if inner == "items" and event == "start_array" and not kind:
                    kind = "w3c"
                    for item in items(events, 3):
                        count += 1
                        yield _annotation_item(item, count)
                else:
                    first[inner] = build(events, event, value, 3)
            top["first"] = first
        else:
            top[key] = build(events, event, value, 2)
    if kind == "json" or fmt == "json" or "format" in top:
        if kind != "json":
            raise BookmarkImportError("not_bookmarks",
                                      "not a Reader bookmarks file (no \"bookmarks\" list)")
        _check_header(top, complete=True)
        return
    types = _types(top.get("type"))
    if kind == "w3c":
        if not types & {"AnnotationPage", "AnnotationCollection"}:
            raise _not_bookmarks()
        return
    if "Annotation" in types:
        yield _annotation_item(top, 1)
    elif "AnnotationPage" in types:
        if "items" in top:
            raise BookmarkImportError("not_bookmarks", "the page's \"items\" is not a list",
                                      field="items")
    elif "AnnotationCollection" in types:
        page = top.get("first")
        if isinstance(page, str):
            raise BookmarkImportError("not_bookmarks", "the collection's pages are not in "
                                                       "the file (its \"first\" is a link)",
                                      field="first")
        if page is not None and not (isinstance(page, Mapping) and "items" not in page):
            raise BookmarkImportError("not_bookmarks", "the collection's first page has "
                                                       "no list of items", field="first")
    else:
        raise _not_bookmarks()


# -- fields -----------------------------------------------------------------------------------
def _text_field(data: Mapping[str, Any], key: str, item: int, what: str,
                default: str = "") -> str:
    value = data.get(key)
    if value is None:
        return default
    if not isinstance(value, str):
        raise _bad(item, what, f"{key} is not text", key)
    return clean_text(value)


def _offset(value: Any, key: str, item: int, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise _bad(item, what, f"{key} is not a whole number", key)
    if not 0 <= value <= MAX_OFFSET:
        raise _bad(item, what, f"{key} is out of range", key)
    return value


def _time_field(data: Mapping[str, Any], key: str, item: int, what: str) -> str:
    return timestamp(_text_field(data, key, item, what))


def _tags(value: Any, item: int, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return normalise_tags(clean_text(value))
    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        raise _bad(item, what, "tags is not a list of text", "tags")
    return normalise_tags([clean_text(t) for t in value])


def _checked(bookmark: Bookmark, item: int, what: str) -> Bookmark:
    try:
        return validate(bookmark)
    except ValueError as exc:
        raise _bad(item, what, str(exc)) from None


def _reader_item(data: Any, item: int) -> Bookmark:
    """One bookmark of Reader's JSON export, every field checked."""
    what = "bookmark"
    if not isinstance(data, Mapping):
        raise _bad(item, what, "not an object")
    for key in ("id", "article_id", "quote", "start", "end"):
        if data.get(key) is None:
            raise _bad(item, what, f"{key} is missing", key)
    text = {key: _text_field(data, key, item, what) for key in _STRING_FIELDS}
    text["colour"] = text["colour"] or DEFAULT_COLOUR
    text["status"] = text["status"] or ANCHORED
    return _checked(Bookmark(
        start=_offset(data["start"], "start", item, what),
        end=_offset(data["end"], "end", item, what),
        tags=_tags(data.get("tags"), item, what),
        created=_time_field(data, "created", item, what),
        modified=_time_field(data, "modified", item, what),
        **text), item, what)


def _annotation_item(data: Any, item: int) -> Bookmark:
    if not isinstance(data, Mapping) or "Annotation" not in _types(data.get("type")):
        raise _bad(item, "item", "not an Annotation")
    return from_annotation(data, item)


def _stable_id(anno: Mapping[str, Any], item: int) -> str:
    anno_id = _text_field(anno, "id", item, "annotation")
    if anno_id.startswith("urn:uuid:"):
        try:
            return uuid.UUID(anno_id[len("urn:uuid:"):]).hex
        except ValueError:
            pass
    if anno_id.startswith(READER_NS + "bookmark:"):
        found = unquote(anno_id[len(READER_NS + "bookmark:"):])
        if found:
            return found
    if not anno_id:  # the model requires one; derive it from the content, stably
        anno_id = "urn:reader:anonymous:" + json.dumps(anno, sort_keys=True, default=str)
    return uuid.uuid5(uuid.NAMESPACE_URL, anno_id).hex


def _article_id(anno: Mapping[str, Any], source: str, item: int) -> str:
    own = _text_field(anno, "reader:articleId", item, "annotation")
    if own:
        return own
    if source.startswith(ARTICLE_URN):
        return unquote(source[len(ARTICLE_URN):])
    path = unquote(urlparse(source).path).rstrip("/")
    name = path.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name else name


def _target(anno: Mapping[str, Any], item: int) -> Mapping[str, Any]:
    """The first target with a selector (other tools may list several)."""
    target = anno.get("target")
    candidates = target if isinstance(target, list) else [target]
    for candidate in candidates:
        if isinstance(candidate, Mapping) and "selector" in candidate:
            return candidate
    raise _bad(item, "annotation", "no target with a text selector", "target")


def _body(anno: Mapping[str, Any], item: int) -> tuple[list[str], list[str]]:
    """(notes, tags) from ``body`` and ``bodyValue``."""
    bodies = anno.get("body", [])
    if not isinstance(bodies, list):
        bodies = [bodies]
    notes, tags = [], []
    if isinstance(anno.get("bodyValue"), str):
        notes.append(anno["bodyValue"])
    for body in bodies:
        if isinstance(body, str):  # an IRI of a body elsewhere: not text we can show
            continue
        if not isinstance(body, Mapping) or "value" not in body:
            continue  # images, links and other resources: nothing for a text note
        value = body["value"]
        if not isinstance(value, str):
            raise _bad(item, "annotation", "a body's value is not text", "body")
        if "tagging" in _types(body.get("purpose")):
            tags.append(value)
        else:
            notes.append(value)
    return [clean_text(n) for n in notes], tags


def from_annotation(anno: Mapping[str, Any], item: int = 1) -> Bookmark:
    """One Bookmark from a Web Annotation (ours or another tool's)."""
    what = "annotation"
    target = _target(anno, item)
    selectors = target.get("selector")
    if isinstance(selectors, Mapping):
        selectors = [selectors]
    if not isinstance(selectors, list):
        raise _bad(item, what, "selector is not an object or a list", "selector")
    by_type: dict[str, Mapping[str, Any]] = {}
    for sel in selectors:
        if isinstance(sel, Mapping) and isinstance(sel.get("type"), str):
            by_type.setdefault(sel["type"], sel)
    quote_sel = by_type.get("TextQuoteSelector")
    exact = quote_sel.get("exact") if quote_sel is not None else None
    if quote_sel is None or not isinstance(exact, str) or not exact:
        raise _bad(item, what, "no TextQuoteSelector with an exact quote", "selector")
    exact = clean_text(exact)
    pos = by_type.get("TextPositionSelector") or {}
    start = _offset(pos.get("start", 0), "TextPositionSelector.start", item, what)
    end = _offset(pos.get("end", start + len(exact)), "TextPositionSelector.end", item, what)
    if end < start:
        raise _bad(item, what, "TextPositionSelector ends before it starts", "selector")
    source = target.get("source", "")
    if isinstance(source, Mapping):
        source = source.get("id", "")
    if not isinstance(source, str):
        raise _bad(item, what, "target source is not text", "source")
    notes, tags = _body(anno, item)
    colour = _text_field(anno, "reader:colour", item, what)
    status = _text_field(anno, "reader:status", item, what, ANCHORED)
    return _checked(Bookmark(
        id=_stable_id(anno, item),
        article_id=_article_id(anno, source, item),
        content_hash=_text_field(anno, "reader:contentHash", item, what),
        start=start, end=end, quote=exact,
        prefix=_text_field(quote_sel, "prefix", item, what),
        suffix=_text_field(quote_sel, "suffix", item, what),
        note="\n\n".join(notes), colour=colour if colour in COLOURS else DEFAULT_COLOUR,
        tags=_tags(tags, item, what),
        # not "now" when absent: a re-import must be identical (and merge idempotent)
        created=_time_field(anno, "created", item, what),
        modified=_time_field(anno, "modified", item, what)
        or _time_field(anno, "created", item, what),
        article_title=_text_field(anno, "reader:articleTitle", item, what),
        article_date=_text_field(anno, "reader:articleDate", item, what),
        article_source=_text_field(anno, "reader:articleSource", item, what),
        status=status if status in STATUSES else ANCHORED,
        original_quote=_text_field(anno, "reader:originalQuote", item, what)), item, what)
