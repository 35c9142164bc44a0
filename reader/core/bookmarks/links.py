"""``reader://`` links to a passage ("Copier le lien"), and their parsing when the desktop
hands one to the app.

Form: ``reader://open?library=<folder>&article=<id>&exact=<quote>&prefix=<before>&suffix=<after>``.

- ``library`` and ``article`` are file-system names: percent-encoded from their bytes
  (``os.fsencode``), so a folder or file name that is not valid UTF-8 survives the trip;
- ``exact``, ``prefix`` and ``suffix`` are a W3C TextQuoteSelector (the quote and a few
  characters of context), percent-encoded UTF-8; the app re-anchors them like a bookmark,
  so the link still finds its passage after the article was edited.

Only ``library`` is required (a link to the library), ``article`` to open an article,
``exact`` to select a passage.  Unknown parameters are ignored (newer versions may add some).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import quote, quote_from_bytes, unquote, unquote_to_bytes, urlsplit

SCHEME = "reader"
ACTION = "open"
MAX_LINK = 64 * 1024  # a link is pasted or passed on a command line: refuse megabytes


class LinkError(ValueError):
    """Not a link this version can open; ``reason`` is one of ``REASONS`` (worded by the UI)."""

    REASONS = ("not_reader_link", "unknown_action", "no_library", "bad_encoding",
               "too_long", "selector_without_article")

    def __init__(self, reason: str, detail: str = "") -> None:
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason}: {detail}" if detail else reason)


@dataclass(frozen=True, slots=True)
class PassageLink:
    library: str  # the library folder (absolute path, as the app opened it)
    article_id: str = ""
    exact: str = ""
    prefix: str = ""
    suffix: str = ""


def _fs(value: str) -> str:
    return quote_from_bytes(os.fsencode(value), safe="/")


def _text(value: str) -> str:
    return quote(value, safe="", encoding="utf-8", errors="replace")  # no lone surrogates


def build_link(link: PassageLink) -> str:
    """The ``reader://`` URL of ``link`` (``exact`` needs ``article_id``)."""
    if not link.library:
        raise LinkError("no_library")
    if link.exact and not link.article_id:
        raise LinkError("selector_without_article")
    params = [("library", _fs(link.library))]
    if link.article_id:
        params.append(("article", _fs(link.article_id)))
    if link.exact:
        params += [("exact", _text(link.exact)), ("prefix", _text(link.prefix)),
                   ("suffix", _text(link.suffix))]
    return f"{SCHEME}://{ACTION}?" + "&".join(f"{k}={v}" for k, v in params)


def parse_link(url: str) -> PassageLink:
    """The passage a ``reader://`` URL points to; raise :class:`LinkError` saying why not."""
    if len(url) > MAX_LINK:
        raise LinkError("too_long", f"{len(url)} characters")
    parts = urlsplit(url.strip())
    if parts.scheme.lower() != SCHEME:
        raise LinkError("not_reader_link", parts.scheme)
    if parts.netloc.lower() != ACTION:
        raise LinkError("unknown_action", parts.netloc)
    values: dict[str, str] = {}
    for pair in parts.query.split("&"):
        key, _, raw = pair.partition("=")
        if key in values or key not in ("library", "article", "exact", "prefix", "suffix"):
            continue  # first one wins; unknown keys are for newer versions
        try:
            if key in ("library", "article"):
                values[key] = os.fsdecode(unquote_to_bytes(raw))
            else:
                values[key] = unquote(raw, encoding="utf-8", errors="strict")
        except UnicodeDecodeError as exc:
            raise LinkError("bad_encoding", key) from exc
    if not values.get("library"):
        raise LinkError("no_library")
    if values.get("exact") and not values.get("article"):
        raise LinkError("selector_without_article")
    return PassageLink(values["library"], values.get("article", ""), values.get("exact", ""),
                       values.get("prefix", ""), values.get("suffix", ""))
