"""The one owner of what filters the article list: search query and terms, entity, period,
unread and starred only.

Why: the query, its terms, the chosen entity (with its merged members) and the period used
to live in about nine objects (window, proxy, delegate, pane, docks, timeline), each reset
by hand.  Here they have one owner with one signal per field, in the manner of napari's
evented models: the list proxy, the delegate, the reading pane, the Library Entities dock
and the timeline observe the fields they show, and ``clear()`` resets everything in one
place.  Payloads are small frozen dataclasses, never positional tuples.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal


@dataclass(frozen=True)
class EntityFilter:
    """An entity chosen in the Library Entities dock: the articles that mention it (or any
    of the keys merged into it) and how to find its mentions in an article."""

    key: str
    label: str
    display: str
    members: tuple[str, ...] = ()
    article_ids: frozenset[str] = frozenset()
    rowid_table: bytearray | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class FilterSummary:
    """What currently hides rows, for the line above the list and its "show all" button."""

    query: str
    entity: str
    period: str
    unread_only: bool = False
    starred_only: bool = False

    @property
    def active(self) -> bool:
        return bool(self.query or self.entity or self.period or self.unread_only
                    or self.starred_only)


class ViewState(QObject):
    sig_query_changed = Signal(str)  # the text in the search box, as typed
    sig_terms_changed = Signal(list)  # list[str]: the words to mark in the list and the pane
    sig_entity_changed = Signal(object)  # EntityFilter | None
    sig_period_changed = Signal(object)  # "YYYY-MM", "YYYY", "" (undated) or None
    sig_unread_only_changed = Signal(bool)  # "Non lus": only unread articles
    sig_starred_only_changed = Signal(bool)  # "Suivis": only starred articles
    sig_changed = Signal(FilterSummary)  # after any of the above

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._query = ""
        self._terms: list[str] = []
        self._entity: EntityFilter | None = None
        self._period: str | None = None
        self._unread_only = False
        self._starred_only = False

    @property
    def query(self) -> str:
        return self._query

    @property
    def terms(self) -> list[str]:
        return list(self._terms)

    @property
    def entity(self) -> EntityFilter | None:
        return self._entity

    @property
    def period(self) -> str | None:
        return self._period

    @property
    def unread_only(self) -> bool:
        return self._unread_only

    @property
    def starred_only(self) -> bool:
        return self._starred_only

    def summary(self) -> FilterSummary:
        return FilterSummary(self._query.strip(), self._entity.display if self._entity else "",
                             self._period or "", self._unread_only, self._starred_only)

    def set_query(self, query: str) -> None:
        if query != self._query:
            self._query = query
            self.sig_query_changed.emit(query)
            self.sig_changed.emit(self.summary())

    def set_terms(self, terms: list[str]) -> None:
        if terms != self._terms:
            self._terms = list(terms)
            self.sig_terms_changed.emit(list(terms))

    def set_entity(self, entity: EntityFilter | None) -> None:
        if entity != self._entity:
            self._entity = entity
            self.sig_entity_changed.emit(entity)
            self.sig_changed.emit(self.summary())

    def set_period(self, period: str | None) -> None:
        if period != self._period:
            self._period = period
            self.sig_period_changed.emit(period)
            self.sig_changed.emit(self.summary())

    def set_unread_only(self, on: bool) -> None:
        if on != self._unread_only:
            self._unread_only = on
            self.sig_unread_only_changed.emit(on)
            self.sig_changed.emit(self.summary())

    def set_starred_only(self, on: bool) -> None:
        if on != self._starred_only:
            self._starred_only = on
            self.sig_starred_only_changed.emit(on)
            self.sig_changed.emit(self.summary())

    def clear_library_filters(self) -> None:
        """Entity and period: what the Library Entities dock chose (when the dock closes)."""
        self.set_entity(None)
        self.set_period(None)

    def clear(self) -> None:
        """Every filter off: Esc in the search box, "show all", a new library."""
        self.set_terms([])
        self.set_query("")
        self.clear_library_filters()
        self.set_unread_only(False)
        self.set_starred_only(False)
