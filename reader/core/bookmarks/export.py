"""Bookmarks out: Markdown (to read or paste), JSON (lossless) and W3C Web Annotation
JSON-LD (TextQuoteSelector + TextPositionSelector, for other tools).

The W3C form is checked against the W3C's own test assertions (tests/test_w3c_conformance.py):
every annotation is valid on its own (it carries its ``@context``), the page and the
collection have ``urn:uuid`` ids, each annotation names one ``creator`` (the local user,
an Agent) and its ``generator`` (Reader and its version), and no timestamp is ever empty
(an unknown one is left out).  A bookmark without a note is a highlight
(``motivation: highlighting``, no body, as in the model's own example); its tags, if any,
are tagging bodies.

Reading them back is :mod:`reader.core.bookmarks.importing` (re-exported here).
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Sequence
from itertools import groupby
from typing import Any
from urllib.parse import quote as url_quote

from reader import __version__
from reader.core.bookmarks.citation import (
    cite,
    code_span,
    escape_markdown,
    one_line,
    reference,
)
from reader.core.bookmarks.formats import (
    ANNO_CONTEXT,
    ARTICLE_URN,
    CONTEXT,
    FORMATS,
    JSON_FORMAT,
    JSON_VERSION,
    READER_NS,
    default_creator,
    timestamp,
)
from reader.core.bookmarks.importing import (
    BookmarkImportError,
    ImportFormatError,
    from_annotation,
    import_file,
    parse_import,
    read_bookmarks,
)
from reader.core.bookmarks.store import ANCHORED, ORPHANED, Bookmark, now_iso

__all__ = ["ANNO_CONTEXT", "ARTICLE_URN", "FORMATS", "JSON_FORMAT", "JSON_VERSION",
           "READER_NS", "BookmarkImportError", "ImportFormatError", "citation", "export",
           "from_annotation", "import_file", "parse_import", "read_bookmarks", "to_annotation",
           "to_json", "to_markdown", "to_w3c"]

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # all but tab and line feed
# the highlight colours as CSS classes of the target (W3C model §4.4), for tools that style
# annotations; Reader itself reads ``reader:colour``
STYLE_CLASS = "reader-{}"
STYLESHEET = {
    "type": "CssStylesheet",
    "value": " ".join(f".reader-{name} {{ background-color: {css}; }}" for name, css in (
        ("yellow", "#fff59d"), ("green", "#c5e1a5"), ("blue", "#90caf9"),
        ("pink", "#f8bbd0"), ("purple", "#ce93d8"))),
}


def export(bookmarks: Sequence[Bookmark], fmt: str, *, creator: str | None = None) -> str:
    """``bookmarks`` as ``fmt`` (one of :data:`FORMATS`).  ``creator`` names the local user
    in W3C exports (None: the OS user name, see :func:`default_creator`)."""
    if fmt == "md":
        return to_markdown(bookmarks)
    if fmt == "json":
        return to_json(bookmarks)
    if fmt == "w3c":
        return to_w3c(bookmarks, creator=creator)
    raise ValueError(f"unknown export format {fmt!r} (expected one of {', '.join(FORMATS)})")


# -- JSON -------------------------------------------------------------------------------------
def to_json(bookmarks: Sequence[Bookmark]) -> str:
    doc = {"format": JSON_FORMAT, "version": JSON_VERSION, "exported": now_iso(),
           "bookmarks": [b.to_dict() for b in bookmarks]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


# -- Markdown ---------------------------------------------------------------------------------
def citation(b: Bookmark) -> str:
    """``*Title*, Source, 28 mai 2024`` (Markdown, escaped)."""
    return reference(b.article_title or b.article_id, b.article_source, b.article_date,
                     markdown=True)


def to_markdown(bookmarks: Sequence[Bookmark]) -> str:
    """One section per article (in date order), each passage quoted with its citation.

    Everything from the files or the user (titles, quotes, notes, tags) is escaped, so an
    export shows ``<img src=…>`` or ``*text*`` as written and never renders it."""
    lines = [f"# Marque-pages ({len(bookmarks)})", ""]
    ordered = sorted(bookmarks, key=lambda b: (b.article_date, b.article_id, b.start))
    for _article, group in groupby(ordered, key=lambda b: b.article_id):
        items = list(group)
        first = items[0]
        lines += [f"## {escape_markdown(one_line(first.article_title or first.article_id))}", ""]
        for b in items:
            quoted = cite(b.quote, title=b.article_title or b.article_id,
                          source=b.article_source, date=b.article_date).markdown
            lines += [quoted, ""]
            if b.status != ANCHORED:
                lines += [f"*({'passage introuvable' if b.status == ORPHANED else 'passage modifié depuis'})*", ""]
            if b.original_quote:
                lines += [f"Passage d'origine : « {escape_markdown(one_line(b.original_quote))} »", ""]
            if b.note.strip():
                lines += [escape_markdown(b.note.strip()), ""]
            if b.tags:
                lines += [" ".join(code_span(one_line(f"#{t}")) for t in b.tags), ""]
    # control characters (ESC, BEL...) mean nothing in Markdown and act in a terminal
    text = "\n".join(lines).rstrip().replace("\r\n", "\n")
    return _CONTROL.sub("\ufffd", text) + "\n"


# -- W3C Web Annotation -----------------------------------------------------------------------
def _urn_uuid(bookmark_id: str) -> str:
    try:
        return uuid.UUID(hex=bookmark_id).urn
    except ValueError:
        return READER_NS + "bookmark:" + url_quote(bookmark_id, safe="")


def agent(name: str) -> dict[str, Any]:
    """The local user as a W3C Agent (a Person with a name)."""
    return {"type": "Person", "name": name}


def generator() -> dict[str, Any]:
    return {"id": f"{READER_NS}software:reader:{url_quote(__version__, safe='')}",
            "type": "Software", "name": f"Reader {__version__}"}


def to_annotation(b: Bookmark, *, creator: str | None = None,
                  generated: str | None = None) -> dict[str, Any]:
    """One annotation, complete on its own (its own ``@context``)."""
    body: list[dict[str, Any]] = []
    if b.note:
        body.append({"type": "TextualBody", "value": b.note, "format": "text/plain",
                     "language": "fr", "purpose": "commenting"})
    body += [{"type": "TextualBody", "value": t, "purpose": "tagging"} for t in b.tags]
    anno: dict[str, Any] = {
        "@context": CONTEXT,
        "id": _urn_uuid(b.id),
        "type": "Annotation",
        "motivation": "commenting" if b.note else "highlighting",
    }
    for key, value in (("created", b.created), ("modified", b.modified)):
        stamp = timestamp(value)
        if stamp:  # never "": unknown times are left out
            anno[key] = stamp
    anno["creator"] = agent(creator or default_creator())
    anno["generator"] = generator()
    anno["generated"] = generated or now_iso()
    if body:
        anno["body"] = body
    anno["target"] = {
        "type": "SpecificResource",
        "source": ARTICLE_URN + url_quote(b.article_id, safe=""),
        "styleClass": STYLE_CLASS.format(b.colour),
        "selector": [
            {"type": "TextQuoteSelector", "exact": b.quote, "prefix": b.prefix,
             "suffix": b.suffix},
            {"type": "TextPositionSelector", "start": b.start, "end": b.end},
        ],
    }
    anno["stylesheet"] = STYLESHEET
    anno.update({
        "reader:articleId": b.article_id,
        "reader:contentHash": b.content_hash,
        "reader:articleTitle": b.article_title,
        "reader:articleDate": b.article_date,
        "reader:articleSource": b.article_source,
        "reader:colour": b.colour,
        "reader:status": b.status,
    })
    if b.original_quote:
        anno["reader:originalQuote"] = b.original_quote
    return anno


def to_w3c(bookmarks: Sequence[Bookmark], *, creator: str | None = None) -> str:
    """An AnnotationCollection with every annotation in its one embedded AnnotationPage."""
    name = creator or default_creator()
    stamp = now_iso()
    collection_id = uuid.uuid4().urn
    doc = {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": "Reader bookmarks",
        "total": len(bookmarks),
        "creator": agent(name),
        "generator": generator(),
        "generated": stamp,
        "first": {"id": uuid.uuid4().urn, "type": "AnnotationPage", "partOf": collection_id,
                  "startIndex": 0,
                  "items": [to_annotation(b, creator=name, generated=stamp) for b in bookmarks]},
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
