"""What entity extraction returns: an article's entities as character spans.

Why a module of its own: the entity cache, the reading pane and the GUI's services name
these two types; importing them from :mod:`reader.core.entities.extractor` pulled in the
extractor, its rules and their compiled patterns (~50 ms) at the application's start.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Entity:
    start: int
    end: int
    label: str
    text: str
    key: str  # normalised grouping key (see entity_key); surnames get the full name's key


@dataclass(frozen=True, slots=True)
class ArticleEntities:
    body: tuple[Entity, ...]  # offsets into article.text
    caption: tuple[Entity, ...]  # offsets into article.caption
    # The header's source in parentheses ("(AFP)"), outside the caption: offsets into
    # article.source.  Always ORG (a news agency or paper).
    source: tuple[Entity, ...] = ()
