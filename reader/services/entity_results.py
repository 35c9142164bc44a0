"""What the Library Entities service delivers: small frozen dataclasses, never tuples.

Why a module of their own: the service (:mod:`reader.services.library_entities`), the dock
and the tests all name these types; keeping them apart keeps the service module about
behaviour only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

from reader.services.view_state import EntityFilter

if TYPE_CHECKING:  # it imports the extractor: not at start-up
    from reader.core.entities.index import EntitySummary

Ref = tuple[str, str]  # (key, label)
TOP_LIMIT = 300


def stable_order(entities: list[EntitySummary]) -> tuple[EntitySummary, ...]:
    """Most articles first, then most mentions, ties broken by key and label: while the
    analysis runs the counts change every few seconds, and rows with equal counts must
    not swap places between two refreshes."""
    return tuple(sorted(entities, key=lambda e: (-e.article_count, -e.mention_count,
                                                 e.key, e.label)))


@dataclass(frozen=True)
class EntityQuery:
    """Which entities the list shows: one type (None: all), a text filter, how many."""

    label: str | None = None
    search: str = ""
    limit: int = TOP_LIMIT


@dataclass(frozen=True)
class TopEntities:
    """The most mentioned entities for ``query``.  ``provisional``: the library-wide
    analysis was still running, so the counts may grow (the dock says so)."""

    query: EntityQuery
    entities: tuple[EntitySummary, ...]
    provisional: bool = False


@dataclass(frozen=True)
class ChosenEntity:
    """An entity chosen in the dock: its grouped totals, its articles, the keys grouped
    with it (target first), and the list filter's table of row ids, built off the GUI
    thread (probing 100,000 ids there cost 82 ms for an entity found in most articles)."""

    summary: EntitySummary
    article_ids: frozenset[str]
    members: tuple[Ref, ...]
    rowid_table: bytearray = field(default_factory=bytearray, compare=False, repr=False)

    def as_filter(self) -> EntityFilter:
        """The view state's form: what the list, the delegate and the pane need."""
        keys = tuple(dict.fromkeys(k for k, _label in self.members)) or (self.summary.key,)
        return EntityFilter(self.summary.key, self.summary.label, self.summary.display, keys,
                            self.article_ids, self.rowid_table)

    def others(self) -> tuple[str, ...]:
        """The keys grouped under this entity, itself excluded."""
        return tuple(k for k, _label in self.members if k != self.summary.key)


@dataclass(frozen=True)
class CoMentions:
    """The entities most often mentioned in the same articles as ``chosen``
    (``article_count``: articles shared; ``mention_count``: their mentions there)."""

    chosen: EntitySummary
    entities: tuple[EntitySummary, ...]


class AliasKind(Enum):
    MERGE = "merge"
    SPLIT = "split"


@dataclass(frozen=True)
class AliasChange:
    """A merge (``members`` now grouped under ``target``) or a split (``members`` no
    longer grouped with ``target``; empty when it grouped nothing)."""

    kind: AliasKind
    target: EntitySummary
    members: tuple[Ref, ...]
