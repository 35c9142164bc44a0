"""Read and starred articles for the open library, as NetNewsWire and RSS Guard do them.

Why a service: the list (bold unread rows, its "Non lus"/"Suivis" filters), the status bar
count, the window title and the keys ``M``/``S`` all read or change the same states; here
they have one owner that keeps them in memory for the library shown (a set lookup per
painted row), writes every change through :class:`ReadStateStore` at once, and says what
changed with typed signals.  An article opened stays unread for a short dwell
(``Settings.read_dwell_ms``) so skimming through the list with the arrow keys
does not mark everything read.  User changes go on the undo stack; the automatic marking
does not (as in NetNewsWire).

Writes of many articles ("Tout marquer comme lu" over 100,000 articles: 0.75 s of SQLite)
leave the GUI thread: the list changes at once, the store is written by one writer thread
in the order of the changes, and a failure is reported as for any write.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from reader.core.library.read_state import ReadState, ReadStateStore, library_key
from reader.core.storage import StorageError
from reader.services import messages
from reader.services.jobs import JobFailure, JobRunner

log = logging.getLogger("reader.read_state")
DEFAULT_DWELL_MS = 1500  # long enough to skip past an article with the arrow keys
SYNC_LIMIT = 2000  # articles: a change this small is written at once (a few ms)


@dataclass(frozen=True)
class ReadCounts:
    """For the status bar and the window title: articles in the library, unread, starred."""

    total: int = 0
    unread: int = 0
    starred: int = 0


@dataclass(frozen=True)
class ReadStateChange:
    """Articles whose state changed, and the new value of what changed when it is the same
    for all (None: unchanged, or mixed after an undo: ask the service)."""

    article_ids: tuple[str, ...]
    read: bool | None = None
    starred: bool | None = None


Before = list[ReadState] | Callable[[], list[ReadState]]


class ReadStateCommand(QUndoCommand):
    """Undo/redo of one user change.  The change is made before the push (so a storage
    failure reaches the caller, not ``QUndoStack.push``): the first ``redo()`` is skipped."""

    def __init__(self, service: ReadStateService, text: str, before: Before,
                 read: bool | None, starred: bool | None) -> None:
        super().__init__(text)
        self.service = service
        self._before = before
        self.read = read
        self.starred = starred
        self._first = True

    @property
    def before(self) -> list[ReadState]:
        """The states before the change: from the store once its write is done, else
        from memory (built on first use: 100,000 of them cost 0.1 s)."""
        if callable(self._before):
            self._before = self._before()
        return self._before

    @before.setter
    def before(self, states: Before) -> None:
        self._before = states

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        ids = [s.article_id for s in self.before]
        library = self.before[0].library if self.before else ""
        self.service._set(ids, read=self.read, starred=self.starred, library=library)

    def undo(self) -> None:
        self.service._restore(self.before)


class ReadStateService(QObject):
    sig_changed = Signal(ReadStateChange)
    sig_counts_changed = Signal(ReadCounts)
    sig_reset = Signal()  # another library (or a rescan): every row may have changed

    def __init__(self, store: ReadStateStore | None, undo_stack: QUndoStack | None = None,
                 *, dwell_ms: int = DEFAULT_DWELL_MS, parent: QObject | None = None) -> None:
        """``store`` None keeps states in memory only (the store could not be opened: the
        caller has said so).  ``dwell_ms`` (``Settings.read_dwell_ms``): negative, never
        mark read automatically; 0, as soon as an article is opened."""
        super().__init__(parent)
        self.store = store
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self._dwell_ms = dwell_ms
        self._library = ""
        self._hashes: dict[str, str] = {}  # article id → content hash, for the library shown
        self._read: set[str] = set()
        self._starred: set[str] = set()
        self._pending = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._dwell_elapsed)
        # big writes, in order (one thread); while one is queued, small ones follow it
        self._writer = JobRunner(self, max_threads=1)
        self._write_ids = itertools.count(1)
        # while a library's states are read in the background: the changes made meanwhile
        # (article id, read, starred; None: unchanged), applied to what the read returns
        self._since_load: list[tuple[str, bool | None, bool | None]] | None = None

    # -- the library ---------------------------------------------------------------------------
    @property
    def library(self) -> str:
        return self._library

    def set_library(self, folder: str | Path | None,
                    articles: Iterable[tuple[str, str]] = ()) -> None:
        """The library shown and its ``(article id, content hash)`` pairs (from the index's
        rows): load their states (renamed files relinked by hash)."""
        self._timer.stop()
        self._pending = ""
        self._library = library_key(folder) if folder is not None else ""
        self._hashes = {}
        self._load(articles, keep_shown=False)

    def update_articles(self, articles: Iterable[tuple[str, str]]) -> None:
        """After a rescan: the library's articles now (new, renamed, removed files); the
        states shown stay until the new ones are read."""
        self._load(articles, keep_shown=True)

    def _load(self, articles: Iterable[tuple[str, str]], *, keep_shown: bool) -> None:
        """Read the states of ``articles``: at once for a small library, else by the writer
        thread after the writes queued before (100,000 articles: 0.1-0.2 s, 0.9 s when a
        moved library's states are taken over); changes made meanwhile are kept."""
        self._hashes = hashes = dict(articles)
        if not keep_shown:
            self._read, self._starred = set(), set()
        store, library = self.store, self._library
        if store is None or not library:
            self._read, self._starred = set(), set()
            self._since_load = None
            self._loaded()
            return
        if len(hashes) <= SYNC_LIMIT and not self._writer.pending_count:
            try:
                self._read, self._starred = store.flags(library, hashes)
            except StorageError as exc:
                self._load_failed(exc)
            self._since_load = None
            self._loaded()
            return
        self._since_load = []
        if not keep_shown:
            self._loaded()  # the rows, unread until their states arrive

        def done(flags: tuple[set[str], set[str]]) -> None:
            read, starred = flags
            for article_id, now_read, now_starred in self._since_load or ():
                if now_read is not None:
                    (read.add if now_read else read.discard)(article_id)
                if now_starred is not None:
                    (starred.add if now_starred else starred.discard)(article_id)
            self._since_load = None
            self._read, self._starred = read, starred
            self._loaded()

        (self._writer.op("load", lambda _ctx: store.flags(library, hashes)).success(done)
         .failure(self._load_failed).run())

    def _loaded(self) -> None:
        self.sig_reset.emit()
        self.sig_counts_changed.emit(self.counts())

    def _load_failed(self, failure: StorageError | JobFailure) -> None:
        self._since_load = None
        log.warning("read states not read: %s", failure)
        messages.error(self.tr("Impossible de lire les articles lus et suivis"), str(failure))

    # -- queries -------------------------------------------------------------------------------
    def is_read(self, article_id: str) -> bool:
        return article_id in self._read

    def is_starred(self, article_id: str) -> bool:
        return article_id in self._starred

    def read_ids(self) -> frozenset[str]:
        return frozenset(self._read)

    def starred_ids(self) -> frozenset[str]:
        return frozenset(self._starred)

    def counts(self) -> ReadCounts:
        return ReadCounts(len(self._hashes), len(self._hashes) - len(self._read),
                          len(self._starred))

    # -- marking read on opening ---------------------------------------------------------------
    @property
    def dwell_ms(self) -> int:
        return self._dwell_ms

    def set_dwell_ms(self, ms: int) -> None:
        """Change the dwell before an opened article counts as read (the caller keeps it
        in :class:`reader.services.settings.Settings`)."""
        self._dwell_ms = int(ms)

    @classmethod
    def open(cls, data_dir: Path, undo_stack: QUndoStack | None = None, *,
             dwell_ms: int = DEFAULT_DWELL_MS, parent: QObject | None = None
             ) -> ReadStateService:
        """The service over ``<data dir>/read_state.sqlite3``; when the store cannot be
        opened, states are kept in memory for the session and the user is told."""
        try:
            store: ReadStateStore | None = ReadStateStore(data_dir)
        except StorageError as exc:
            messages.error(QCoreApplication.translate("ReadStateService",
                                                      "Lus et suivis non enregistrés"),
                           str(exc), sticky=True)
            store = None
        return cls(store, undo_stack, dwell_ms=dwell_ms, parent=parent)

    def close(self) -> None:
        """Stop the dwell timer, let queued writes land, close the store (window close)."""
        self._timer.stop()
        self._writer.wait()
        if self.store is not None:
            self.store.close()

    def article_opened(self, article_id: str) -> None:
        """The reading pane shows ``article_id``: mark it read after the dwell."""
        self._timer.stop()
        self._pending = article_id
        if self._dwell_ms < 0 or not article_id or article_id in self._read:
            return
        if self._dwell_ms == 0:
            self._dwell_elapsed()
        else:
            self._timer.start(self._dwell_ms)

    def article_closed(self) -> None:
        """Nothing shown any more (placeholder, another library): nothing to mark."""
        self._timer.stop()
        self._pending = ""

    def _dwell_elapsed(self) -> None:
        if self._pending and self._pending in self._hashes and self._pending not in self._read:
            self._set([self._pending], read=True, starred=None)

    # -- user changes (undoable) ---------------------------------------------------------------
    def toggle_read(self, article_id: str) -> None:
        """``M``: read ↔ unread.  Marking unread the article shown also stops the dwell, so
        it is not marked read again under the user's eyes."""
        if article_id not in self._hashes:
            return
        read = article_id not in self._read
        if not read and article_id == self._pending:
            self._timer.stop()
        self._user_change([article_id], read=read, starred=None,
                          text=self.tr("Marquer comme lu") if read
                          else self.tr("Marquer comme non lu"))

    def toggle_star(self, article_id: str) -> None:
        """``S`` or ``*``: starred ↔ not starred."""
        if article_id not in self._hashes:
            return
        starred = article_id not in self._starred
        self._user_change([article_id], read=None, starred=starred,
                          text=self.tr("Suivre l'article") if starred
                          else self.tr("Ne plus suivre l'article"))

    def mark_read(self, article_ids: Sequence[str], read: bool = True) -> int:
        """Mark these articles read (or unread) as one undoable step; returns how many
        changed.  "Tout marquer comme lu" passes the ids the list shows."""
        wanted = [i for i in dict.fromkeys(article_ids)
                  if i in self._hashes and (i in self._read) != read]
        if not wanted:
            return 0
        text = (self.tr("Marquer %n article(s) comme lu(s)", "", len(wanted)) if read
                else self.tr("Marquer %n article(s) comme non lu(s)", "", len(wanted)))
        self._user_change(wanted, read=read, starred=None, text=text)
        return len(wanted)

    def mark_all_read(self, shown_ids: Sequence[str]) -> int:
        """Every article shown (the list's current filter) becomes read, one undo step."""
        return self.mark_read(shown_ids, True)

    def _user_change(self, ids: list[str], *, read: bool | None, starred: bool | None,
                     text: str) -> None:
        command = ReadStateCommand(self, text, [], read, starred)
        command.before = self._set(ids, read=read, starred=starred, command=command)
        self.undo_stack.push(command)

    # -- applying ------------------------------------------------------------------------------
    def _set(self, ids: Sequence[str], *, read: bool | None, starred: bool | None,
             library: str | None = None, command: ReadStateCommand | None = None,
             ) -> Before:
        """Write, then change memory and tell; returns the states before the change.  A
        storage failure is reported and the change is still shown (it is lost on restart,
        which the message says).  ``library``: a redo after another library was opened
        writes to its own library and leaves the one shown alone.  A big change is written
        by the writer thread: what is returned then builds the states from memory when
        asked, and ``command`` gets the stored ones (with their dates) once written."""
        library = self._library if library is None else library
        shown, hashes = self._library, self._hashes  # replaced, never changed in place
        read_before, starred_before = frozenset(self._read), frozenset(self._starred)

        def snapshot() -> list[ReadState]:
            return [ReadState(shown, i, hashes.get(i, ""), i in read_before,
                              i in starred_before) for i in ids]

        before: Before = snapshot
        if self.store is not None and library:
            store = self.store

            def write() -> list[ReadState]:
                pairs = [(i, hashes.get(i, "") if library == shown else "") for i in ids]
                return store.set_flags(library, pairs, read=read, starred=starred)

            if self._in_background(len(ids)):
                self._write(write, command)
            else:
                try:
                    before = write()
                except StorageError as exc:
                    self._write_failed(exc)
        if library != self._library:
            return before
        if read is not None:
            (self._read.update if read else self._read.difference_update)(ids)
        if starred is not None:
            (self._starred.update if starred else self._starred.difference_update)(ids)
        if self._since_load is not None:
            self._since_load.extend((i, read, starred) for i in ids)
        self.sig_changed.emit(ReadStateChange(tuple(ids), read, starred))
        self.sig_counts_changed.emit(self.counts())
        return before

    def _in_background(self, n: int) -> bool:
        """Many articles, or a big write still queued (the order of writes is kept)."""
        return n > SYNC_LIMIT or self._writer.pending_count > 0

    def _write(self, work: Callable[[], object], command: ReadStateCommand | None) -> None:
        def done(result: object) -> None:
            if command is not None and isinstance(result, list):
                command.before = result  # the stored states, read_at dates included

        (self._writer.op(f"write-{next(self._write_ids)}", lambda _ctx: work())
         .success(done).failure(self._write_failed).run())

    def _write_failed(self, failure: StorageError | JobFailure) -> None:
        log.warning("read state not written: %s", failure)
        messages.error(self.tr("L'état lu/suivi n'a pas pu être enregistré"), str(failure))

    def _restore(self, states: Sequence[ReadState]) -> None:
        if self.store is not None and self._library:
            store, saved = self.store, list(states)
            if self._in_background(len(saved)):
                self._write(lambda: store.restore(saved), None)
            else:
                try:
                    store.restore(saved)
                except StorageError as exc:
                    self._write_failed(exc)
        shown = [s for s in states if s.library == self._library and s.article_id in self._hashes]
        for s in shown:
            (self._read.add if s.read else self._read.discard)(s.article_id)
            (self._starred.add if s.starred else self._starred.discard)(s.article_id)
        if self._since_load is not None:
            self._since_load.extend((s.article_id, s.read, s.starred) for s in shown)
        ids = tuple(s.article_id for s in shown)
        if ids:
            self.sig_changed.emit(ReadStateChange(ids, None, None))
        self.sig_counts_changed.emit(self.counts())
