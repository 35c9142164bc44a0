"""Bookmarks out and back in: Markdown (to read or paste), JSON (lossless) and W3C Web
Annotation JSON-LD (TextQuoteSelector + TextPositionSelector, for other tools).

JSON and Web Annotation imports round-trip every field; ids are stable, so importing the
same file twice adds nothing (see :meth:`BookmarkStore.merge`).  Annotations made by other
tools get an id derived from theirs (uuid5) for the same reason.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from itertools import groupby
from typing import Any
from urllib.parse import quote as url_quote
from urllib.parse import unquote, urlparse

from reader.core.bookmarks.palette import COLOURS, DEFAULT_COLOUR
from reader.core.bookmarks.store import (
    ANCHORED,
    Bookmark,
    normalise_tags,
    now_iso,
    validate,
)
from reader.core.library.dates import parse_date

FORMATS = ("md", "json", "w3c")
JSON_FORMAT = "reader-bookmarks"
JSON_VERSION = 1
ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
READER_NS = "urn:reader:"
ARTICLE_URN = "urn:reader:article:"


class ImportFormatError(ValueError):
    """The file is not a bookmarks export we can read; the message says why."""


# -- export -----------------------------------------------------------------------------------
def export(bookmarks: Sequence[Bookmark], fmt: str) -> str:
    if fmt == "md":
        return to_markdown(bookmarks)
    if fmt == "json":
        return to_json(bookmarks)
    if fmt == "w3c":
        return to_w3c(bookmarks)
    raise ValueError(f"unknown export format {fmt!r} (expected one of {', '.join(FORMATS)})")


def to_json(bookmarks: Sequence[Bookmark]) -> str:
    doc = {"format": JSON_FORMAT, "version": JSON_VERSION, "exported": now_iso(),
           "bookmarks": [b.to_dict() for b in bookmarks]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _date_fr(iso: str) -> str:
    return parse_date(iso).display() if iso else "sans date"


def citation(b: Bookmark) -> str:
    """``*Title*, Source, 28 mai 2024``."""
    parts = [f"*{b.article_title or b.article_id}*"]
    if b.article_source:
        parts.append(b.article_source)
    parts.append(_date_fr(b.article_date))
    return ", ".join(parts)


def to_markdown(bookmarks: Sequence[Bookmark]) -> str:
    """One section per article (in date order), each passage quoted with its citation."""
    lines = [f"# Marque-pages ({len(bookmarks)})", ""]
    ordered = sorted(bookmarks, key=lambda b: (b.article_date, b.article_id, b.start))
    for _article, group in groupby(ordered, key=lambda b: b.article_id):
        items = list(group)
        first = items[0]
        lines += [f"## {first.article_title or first.article_id}", ""]
        for b in items:
            quote_lines = b.quote.splitlines() or [""]
            lines.append(f"> « {quote_lines[0]}" + ("" if len(quote_lines) > 1 else " »"))
            for i, extra in enumerate(quote_lines[1:], start=2):
                lines.append(">")
                lines.append(f"> {extra}" + (" »" if i == len(quote_lines) else ""))
            lines += [">", f"> — {citation(b)}", ""]
            if b.status != ANCHORED:
                lines += [f"*({'passage introuvable' if b.status == 'orphaned' else 'passage modifié depuis'})*", ""]
            if b.note:
                lines += [b.note.strip(), ""]
            if b.tags:
                lines += [" ".join(f"`#{t}`" for t in b.tags), ""]
    return "\n".join(lines).rstrip() + "\n"


def _urn_uuid(bookmark_id: str) -> str:
    try:
        return uuid.UUID(hex=bookmark_id).urn
    except ValueError:
        return READER_NS + "bookmark:" + url_quote(bookmark_id, safe="")


def to_annotation(b: Bookmark) -> dict[str, Any]:
    body: list[dict[str, Any]] = []
    if b.note:
        body.append({"type": "TextualBody", "value": b.note, "format": "text/plain",
                     "language": "fr", "purpose": "commenting"})
    body += [{"type": "TextualBody", "value": t, "purpose": "tagging"} for t in b.tags]
    anno: dict[str, Any] = {
        "id": _urn_uuid(b.id),
        "type": "Annotation",
        "motivation": "commenting" if b.note else "highlighting",
        "created": b.created,
        "modified": b.modified,
        "target": {
            "source": ARTICLE_URN + url_quote(b.article_id, safe=""),
            "selector": [
                {"type": "TextQuoteSelector", "exact": b.quote, "prefix": b.prefix,
                 "suffix": b.suffix},
                {"type": "TextPositionSelector", "start": b.start, "end": b.end},
            ],
        },
        "reader:articleId": b.article_id,
        "reader:contentHash": b.content_hash,
        "reader:articleTitle": b.article_title,
        "reader:articleDate": b.article_date,
        "reader:articleSource": b.article_source,
        "reader:colour": b.colour,
        "reader:status": b.status,
    }
    if body:
        anno["body"] = body
    return anno


def to_w3c(bookmarks: Sequence[Bookmark]) -> str:
    doc = {
        "@context": [ANNO_CONTEXT, {"reader": READER_NS}],
        "type": "AnnotationCollection",
        "label": "Reader bookmarks",
        "total": len(bookmarks),
        "first": {"type": "AnnotationPage", "startIndex": 0,
                  "items": [to_annotation(b) for b in bookmarks]},
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


# -- import -----------------------------------------------------------------------------------
def parse_import(text: str, fmt: str = "auto") -> list[Bookmark]:
    """Bookmarks from a JSON or Web Annotation export (``fmt``: auto, json or w3c)."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(f"not JSON (line {exc.lineno}, column {exc.colno}: "
                                f"{exc.msg})") from None
    if fmt == "auto":
        fmt = "json" if isinstance(doc, dict) and doc.get("format") == JSON_FORMAT else "w3c"
    if fmt == "json":
        return _from_reader_json(doc)
    if fmt == "w3c":
        return [from_annotation(a) for a in _annotations(doc)]
    raise ImportFormatError(f"cannot import the {fmt!r} format (use json or w3c)")


def _from_reader_json(doc: Any) -> list[Bookmark]:
    if not isinstance(doc, dict) or not isinstance(doc.get("bookmarks"), list):
        raise ImportFormatError("not a Reader bookmarks file (no \"bookmarks\" list)")
    if int(doc.get("version", 1)) > JSON_VERSION:
        raise ImportFormatError(f"written by a newer Reader (version {doc['version']})")
    out = []
    for i, item in enumerate(doc["bookmarks"], start=1):
        if not isinstance(item, Mapping):
            raise ImportFormatError(f"bookmark {i} is not an object")
        try:
            out.append(Bookmark.from_dict(item))
        except ValueError as exc:
            raise ImportFormatError(f"bookmark {i}: {exc}") from None
    return out


def _annotations(doc: Any) -> Iterable[Mapping[str, Any]]:
    if isinstance(doc, list):
        items: Any = doc
    elif isinstance(doc, dict) and doc.get("type") == "Annotation":
        items = [doc]
    elif isinstance(doc, dict) and doc.get("type") == "AnnotationPage":
        items = doc.get("items", [])
    elif isinstance(doc, dict) and doc.get("type") == "AnnotationCollection":
        first = doc.get("first", {})
        items = first.get("items", []) if isinstance(first, dict) else []
    else:
        raise ImportFormatError("not a Web Annotation document (expected an Annotation, "
                                "AnnotationPage or AnnotationCollection)")
    for i, item in enumerate(items, start=1):
        if not isinstance(item, Mapping) or item.get("type") != "Annotation":
            raise ImportFormatError(f"item {i} is not an Annotation")
        yield item


def _stable_id(anno_id: str) -> str:
    if anno_id.startswith("urn:uuid:"):
        try:
            return uuid.UUID(anno_id[len("urn:uuid:"):]).hex
        except ValueError:
            pass
    if anno_id.startswith(READER_NS + "bookmark:"):
        return unquote(anno_id[len(READER_NS + "bookmark:"):])
    if not anno_id:
        raise ImportFormatError("an annotation has no id")
    return uuid.uuid5(uuid.NAMESPACE_URL, anno_id).hex


def _article_id(anno: Mapping[str, Any], source: str) -> str:
    if anno.get("reader:articleId"):
        return str(anno["reader:articleId"])
    if source.startswith(ARTICLE_URN):
        return unquote(source[len(ARTICLE_URN):])
    path = unquote(urlparse(source).path).rstrip("/")
    name = path.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name else name


def from_annotation(anno: Mapping[str, Any]) -> Bookmark:
    """One Bookmark from a Web Annotation (ours or another tool's)."""
    anno_id = str(anno.get("id", ""))
    target = anno.get("target")
    if isinstance(target, list):
        target = target[0] if target else None
    if isinstance(target, str) or not isinstance(target, Mapping):
        raise ImportFormatError(f"annotation {anno_id}: no target with a text selector")
    selectors = target.get("selector", [])
    if isinstance(selectors, Mapping):
        selectors = [selectors]
    by_type = {s.get("type"): s for s in selectors if isinstance(s, Mapping)}
    quote_sel = by_type.get("TextQuoteSelector")
    if quote_sel is None or not quote_sel.get("exact"):
        raise ImportFormatError(f"annotation {anno_id}: no TextQuoteSelector")
    exact = str(quote_sel["exact"])
    pos = by_type.get("TextPositionSelector") or {}
    start = int(pos.get("start", 0))
    end = int(pos.get("end", start + len(exact)))
    bodies = anno.get("body", [])
    if isinstance(bodies, Mapping | str):
        bodies = [bodies]
    notes, tags = [], []
    for body in bodies:
        if isinstance(body, str):
            notes.append(body)
        elif isinstance(body, Mapping) and body.get("purpose") == "tagging":
            tags.append(str(body.get("value", "")))
        elif isinstance(body, Mapping) and "value" in body:
            notes.append(str(body["value"]))
    created = str(anno.get("created") or "")  # not "now": a re-import must be identical
    colour = str(anno.get("reader:colour") or DEFAULT_COLOUR)
    try:
        return validate(Bookmark(
            id=_stable_id(anno_id),
            article_id=_article_id(anno, str(target.get("source", ""))),
            content_hash=str(anno.get("reader:contentHash", "")),
            start=start, end=end, quote=exact,
            prefix=str(quote_sel.get("prefix", "")), suffix=str(quote_sel.get("suffix", "")),
            note="\n\n".join(notes), colour=colour if colour in COLOURS else DEFAULT_COLOUR,
            tags=normalise_tags(tags), created=created,
            modified=str(anno.get("modified") or created),
            article_title=str(anno.get("reader:articleTitle", "")),
            article_date=str(anno.get("reader:articleDate", "")),
            article_source=str(anno.get("reader:articleSource", "")),
            status=str(anno.get("reader:status", ANCHORED))))
    except (ValueError, TypeError) as exc:
        raise ImportFormatError(f"annotation {anno_id}: {exc}") from None
