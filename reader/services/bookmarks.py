"""Bookmark operations, without a widget: the one writer of the bookmark store.

Why: the Bookmarks dock used to write the store, implement undo, import/export and
re-anchoring, and the window added bookmarks *through the dock*.  Here they have one owner
that the window, the dock and the Ctrl+D dialog call, tested without a window.  Every
change is undoable (``undo_stack``) and announced once on :attr:`sig_changed` with a typed
:class:`BookmarkChange`; every failure is logged and told through
:mod:`reader.services.messages` (and :attr:`sig_notice` for the dock's own line), never
raised out of a slot.  A store that cannot be opened is a state (:class:`StoreState`), not
an exception: the app still starts and says why bookmarks are unavailable.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoStack

from reader.core.bookmarks.formats import BookmarkImportError, default_creator
from reader.core.bookmarks.palette import DEFAULT_COLOUR
from reader.core.bookmarks.recovery import Recovery
from reader.core.bookmarks.store import (
    ORPHANED,
    Bookmark,
    BookmarkStore,
    damaged_copies,
    normalise_tags,
)
from reader.core.library.parser import Article
from reader.core.storage import StorageError
from reader.services import messages
from reader.services.bookmark_commands import add_command, delete_command, edit_command
from reader.services.bookmark_types import (
    BookmarkChange,
    ChangeKind,
    ExportResult,
    ImportResult,
    Notice,
    StoreState,
)
from reader.services.jobs import JobContext, JobRunner
from reader.services.wording import storage_error_text

log = logging.getLogger("reader.bookmarks")


class BookmarkService(QObject):
    """Owns the :class:`BookmarkStore` of ``data_dir`` and the undo stack of its changes.

    Reads are served from memory (``bookmarks()``, ``get()``, ``tags()``), refreshed by
    :meth:`reload`; writes go to the store first, then to memory, then out as one
    :class:`BookmarkChange`.
    """

    sig_changed = Signal(BookmarkChange)  # after every add/edit/delete/undo/redo/reload
    sig_notice = Signal(Notice)  # the last failure or result, for the dock's line
    sig_state_changed = Signal(StoreState)
    sig_exported = Signal(ExportResult)
    sig_imported = Signal(ImportResult)

    def __init__(self, data_dir: str | Path, runner: JobRunner,
                 undo_stack: QUndoStack | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.creator = ""  # the W3C creator's name (settings; empty: the OS user name)
        self.runner = runner
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self._store: BookmarkStore | None = None
        self._state = StoreState.UNAVAILABLE
        self._bookmarks: dict[str, Bookmark] = {}
        self._job_ids = itertools.count(1)
        self._notice = Notice("")
        self.sig_notice.connect(self._keep_notice)
        self._open()

    # -- state -------------------------------------------------------------------------------
    def _open(self) -> None:
        try:
            store = BookmarkStore(self.data_dir)
        except StorageError as exc:
            self._set_state(StoreState.UNAVAILABLE)
            self._report(self.tr("Marque-pages indisponibles"), exc, sticky=True)
            return
        except Exception as exc:  # noqa: BLE001 - the app must start without its bookmarks
            log.exception("bookmarks store %s could not be opened", self.data_dir)
            self._set_state(StoreState.UNAVAILABLE)
            self._report(self.tr("Marque-pages indisponibles"), exc, sticky=True)
            return
        self._store = store
        if store.read_only:
            self._set_state(StoreState.READ_ONLY)
            reason = store.read_only_reason
            self._warn(self.tr("Les marque-pages sont en lecture seule : ils sont affichés "
                               "mais aucune modification ne sera enregistrée."),
                       storage_error_text(reason) if reason is not None else store.notice)
        else:
            self._set_state(StoreState.READY)
            report = store.salvage_report
            if report is not None:
                self._warn(self.tr("Le fichier des marque-pages était endommagé : %n "
                                   "marque-page(s) récupéré(s) ; l'original est conservé dans "
                                   "{path}.", "", report.recovered).format(
                                       path=report.original), "")
            elif store.db.moved_aside is not None:
                self._warn(self.tr("Le fichier des marque-pages était endommagé : il a été "
                                   "conservé sous le nom {name} et un nouveau fichier a été "
                                   "commencé.").format(name=store.db.moved_aside.name),
                           store.notice)
        self.reload()

    def _warn(self, text: str, detail: str) -> None:
        """Something the user must keep in view (sticky), told once at opening."""
        messages.warning(text, detail, sticky=True)
        self.sig_notice.emit(Notice(text))

    def _set_state(self, state: StoreState) -> None:
        if state != self._state:
            self._state = state
            self.sig_state_changed.emit(state)

    @property
    def state(self) -> StoreState:
        return self._state

    @property
    def writable(self) -> bool:
        return self._state == StoreState.READY

    @property
    def notice(self) -> Notice:
        """The last notice sent (a view built later shows it too)."""
        return self._notice

    def _keep_notice(self, notice: Notice) -> None:
        self._notice = notice

    @property
    def store(self) -> BookmarkStore | None:
        """The open store (None when unavailable): for the command line and tests."""
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
        self._set_state(StoreState.UNAVAILABLE)

    # -- reading -----------------------------------------------------------------------------
    def reload(self) -> None:
        """Re-read everything from the store (another window may have written)."""
        if self._store is None:
            return
        try:
            found = self._store.all()
        except StorageError as exc:
            self._report(self.tr("Impossible de lire les marque-pages"), exc)
            return
        self._bookmarks = {b.id: b for b in found}
        self.sig_changed.emit(BookmarkChange(ChangeKind.RELOADED))

    def bookmarks(self) -> list[Bookmark]:
        return list(self._bookmarks.values())

    def get(self, bookmark_id: str) -> Bookmark | None:
        return self._bookmarks.get(bookmark_id)

    def tags(self) -> list[str]:
        """Every tag in use, sorted case-insensitively."""
        return sorted({t for b in self._bookmarks.values() for t in b.tags}, key=str.casefold)

    def for_article(self, article_id: str) -> list[Bookmark]:
        """The article's bookmarks as stored now (another window's included), in text
        order; those in memory when the store cannot be read."""
        if self._store is not None:
            try:
                return self._store.for_article(article_id)
            except StorageError as exc:
                log.warning("bookmarks of %s not read: %s", article_id, exc)
        return sorted((b for b in self._bookmarks.values() if b.article_id == article_id),
                      key=lambda b: (b.start, b.created))

    def at(self, article_id: str, offset: int) -> list[Bookmark]:
        """The article's anchored bookmarks covering ``offset`` (hovering a highlight shows
        their notes), from memory: called on every mouse move."""
        return [b for b in self._bookmarks.values()
                if b.article_id == article_id and b.start <= offset < b.end
                and b.status != ORPHANED]

    # -- changes (each one undoable) ---------------------------------------------------------
    def add(self, article: Article, start: int, end: int, note: str = "",
            colour: str = DEFAULT_COLOUR, tags: Iterable[str] | str = ()) -> Bookmark | None:
        """Save a bookmark on ``article.text[start:end]`` (durable when this returns);
        None when it could not be saved (the failure has been reported)."""
        if self._store is None:
            self._report(self.tr("Marque-page non enregistré : les marque-pages sont "
                                 "indisponibles"))
            return None
        try:
            bookmark = self._store.add(article, start, end, note, colour, normalise_tags(tags))
        except (StorageError, ValueError) as exc:  # ValueError: an unknown colour
            self._report(self.tr("Marque-page non enregistré"), exc)
            return None
        self._bookmarks[bookmark.id] = bookmark
        self.undo_stack.push(add_command(self, bookmark))
        self._clear_notice()
        self._emit(ChangeKind.ADDED, [bookmark])
        return bookmark

    def set_note(self, bookmark: Bookmark, note: str) -> Bookmark | None:
        return self._edit(bookmark, self.tr("Modifier la note"), note=note)

    def set_colour(self, bookmark: Bookmark, colour: str) -> Bookmark | None:
        return self._edit(bookmark, self.tr("Changer la couleur"), colour=colour)

    def set_tags(self, bookmark: Bookmark, tags: Iterable[str] | str) -> Bookmark | None:
        return self._edit(bookmark, self.tr("Modifier les étiquettes"),
                          tags=normalise_tags(tags))

    def edit(self, bookmark: Bookmark, *, note: str | None = None, colour: str | None = None,
             tags: Iterable[str] | str | None = None) -> Bookmark | None:
        """Change several fields as one undo step (the note dialog); None = unchanged."""
        return self._edit(bookmark, self.tr("Modifier le marque-page"), note=note,
                          colour=colour, tags=None if tags is None else normalise_tags(tags))

    def set_colour_many(self, bookmarks: Sequence[Bookmark], colour: str) -> int:
        """One undo step for the lot; returns how many changed."""
        chosen = [b for b in bookmarks if b.colour != colour]
        with self._macro(self.tr("Changer la couleur"), len(chosen)):
            return sum(self.set_colour(b, colour) is not None for b in chosen)

    def delete(self, bookmark: Bookmark) -> bool:
        if self._store is None:
            return False
        try:
            before = self._store.delete(bookmark.id)
        except StorageError as exc:
            self._report(self.tr("Suppression impossible"), exc)
            return False
        except KeyError:
            before = bookmark  # already gone (another window)
        self._bookmarks.pop(bookmark.id, None)
        self.undo_stack.push(delete_command(self, before))
        self._emit(ChangeKind.DELETED, [before])
        return True

    def delete_many(self, bookmarks: Sequence[Bookmark]) -> int:
        """One undo step for the lot; returns how many were deleted."""
        text = self.tr("Supprimer %n marque-page(s)", "", len(bookmarks))
        with self._macro(text, len(bookmarks)):
            return sum(self.delete(b) for b in bookmarks)

    def reattach(self, bookmark: Bookmark, article: Article, start: int, end: int
                 ) -> Bookmark | None:
        """Anchor ``bookmark`` (typically an orphan) to a passage the user selected."""
        if self._store is None:
            return None
        try:
            after = self._store.reattach(bookmark.id, article, start, end)
        except StorageError as exc:
            self._report(self.tr("Rattachement non enregistré"), exc)
            return None
        except KeyError:
            self._gone()
            return None
        except ValueError as exc:  # an empty or out-of-range selection
            self._report(self.tr("Sélection inutilisable"), exc)
            return None
        self._bookmarks[after.id] = after
        self.undo_stack.push(edit_command(self, self.tr("Rattacher le marque-page"),
                                          bookmark, after))
        self._clear_notice()
        self._emit(ChangeKind.EDITED, [after], [bookmark])
        return after

    def undo(self) -> None:
        self.undo_stack.undo()

    def redo(self) -> None:
        self.undo_stack.redo()

    def _edit(self, bookmark: Bookmark, text: str, *, note: str | None = None,
              colour: str | None = None, tags: Sequence[str] | None = None
              ) -> Bookmark | None:
        if self._store is None:
            return None
        try:
            after = self._store.update(bookmark.id, note=note, colour=colour, tags=tags)
        except (StorageError, ValueError) as exc:  # ValueError: an unknown colour
            self._report(self.tr("Modification non enregistrée"), exc)
            return None
        except KeyError:
            self._gone()
            return None
        self._bookmarks[after.id] = after
        self.undo_stack.push(edit_command(self, text, bookmark, after))
        self._clear_notice()
        self._emit(ChangeKind.EDITED, [after], [bookmark])
        return after

    def apply_state(self, bookmark_id: str, state: Bookmark | None,
                    leaving: Bookmark | None = None) -> None:
        """Undo/redo: go from ``leaving`` to ``state`` (None = absent), writing only the
        fields that differ.  Failures are reported (they cannot propagate out of
        QUndoStack)."""
        if self._store is None:
            self._report(self.tr("Annulation impossible : les marque-pages sont indisponibles"))
            return
        try:
            if state is None:
                gone = self._bookmarks.get(bookmark_id) or leaving
                if self._store.get(bookmark_id) is not None:
                    gone = self._store.delete(bookmark_id)
                self._bookmarks.pop(bookmark_id, None)
                if gone is not None:
                    self._emit(ChangeKind.DELETED, [gone])
                return
            if leaving is None:
                self._store.restore(state)
                self._bookmarks[state.id] = state
                self._emit(ChangeKind.ADDED, [state])
                return
            wanted, was = asdict(state), asdict(leaving)
            changes = {name: value for name, value in wanted.items()
                       if name != "modified" and value != was[name]}
            after = self._store.patch(bookmark_id, changes)
        except StorageError as exc:
            self._report(self.tr("Annulation impossible"), exc)
            return
        except KeyError:
            self._gone()
            return
        self._bookmarks[after.id] = after
        self._emit(ChangeKind.EDITED, [after], [leaving])

    # -- articles that changed, files that moved ---------------------------------------------
    def reanchor(self, article: Article) -> list[Bookmark]:
        """Re-anchor the article's bookmarks if its text changed (call when it opens);
        returns those that moved.  Not undoable: it follows the file, not the user."""
        if self._store is None or not self.writable:
            return []
        try:
            changed = self._store.reanchor(article)
        except StorageError as exc:
            self._report(self.tr("Marque-pages non recalés"), exc)
            return []
        if not changed:
            return []
        previous = [self._bookmarks.get(b.id, b) for b in changed]
        for b in changed:
            self._bookmarks[b.id] = b
        orphans = sum(1 for b in changed if b.status == ORPHANED)
        if orphans:
            text = self.tr(
                "%n passage(s) marqué(s) introuvable(s) dans la nouvelle version de « {title} » : "
                "sélectionnez le passage et choisissez « Rattacher à la sélection », ou "
                "supprimez le marque-page.", "", orphans).format(title=article.title)
            messages.warning(text)
            self.sig_notice.emit(Notice(text))
        self._emit(ChangeKind.EDITED, changed, previous)
        return changed

    def relink_library(self, hashes_to_ids: Mapping[str, str]) -> int:
        """After a library (re)load: bookmarks whose file was renamed or moved follow it,
        recognised by its content hash (``{row.content_hash: row.id for row in rows}``).
        Then everything is re-read (another window may have written).  Returns how many
        bookmarks moved."""
        moved = 0
        if self._store is not None and self.writable and hashes_to_ids:
            try:
                moved = self._store.relink_by_hash(hashes_to_ids)
            except StorageError as exc:
                self._report(self.tr("Marque-pages non rattachés"), exc)
        self.reload()
        return moved

    def retry(self) -> None:
        """Open the store again (the disk was full, the folder read-only…): nothing was
        moved, so the bookmarks come back as they were."""
        self.close()
        self._open()

    def damaged_copies(self) -> list[Path]:
        return damaged_copies(self.data_dir)

    def recover_from(self, path: Path) -> None:
        """Merge every readable bookmark of a damaged copy (or any store file) off the GUI
        thread, through a connection of its own; the outcome is told."""
        data_dir = self.data_dir

        def work(_ctx: JobContext) -> Recovery:
            with BookmarkStore(data_dir) as store:
                return store.recover_from(path)

        def done(result: Recovery) -> None:
            self.reload()
            text = self.tr("{name} : {added} marque-page(s) récupéré(s), {updated} mis à jour, "
                           "{unchanged} déjà présent(s), {lost} illisible(s).").format(
                               name=path.name, added=result.added, updated=result.updated,
                               unchanged=result.unchanged,
                               lost=result.rejected + result.unreadable)
            messages.info(text)
            self.sig_notice.emit(Notice(text, error=False))

        (self.runner.op(f"bookmarks-recover-{next(self._job_ids)}", work).success(done)
         .failure(lambda f: self._report(self.tr("Récupération impossible depuis {name}")
                                         .format(name=path.name), f.error)).run())

    # -- export and import (in the background) -----------------------------------------------
    def export(self, bookmarks: Sequence[Bookmark], path: Path, fmt: str) -> int:
        """Write ``bookmarks`` to ``path`` as ``fmt`` ("md", "json", "w3c") off the GUI
        thread; the outcome arrives on :attr:`sig_exported` and through messages.
        Returns the job's request id."""
        chosen = tuple(bookmarks)  # immutable values: safe to hand to the worker
        creator = self.creator or default_creator()  # the W3C annotations' creator

        def work(_ctx: JobContext) -> ExportResult:
            from reader.core.bookmarks.export import export  # with ijson: not at start-up

            tmp = path.with_name(path.name + ".tmp")
            try:
                tmp.write_text(export(chosen, fmt, creator=creator), encoding="utf-8")
                tmp.replace(path)
            except OSError as exc:
                log.warning("export to %s failed: %s", path, exc)
                return ExportResult(path, 0, exc.strerror or str(exc))
            return ExportResult(path, len(chosen))

        kind = f"bookmarks-export-{next(self._job_ids)}"  # every export is reported
        return (self.runner.op(kind, work).success(self._on_exported)
                .failure(lambda f: self._on_exported(ExportResult(path, 0, str(f)))).run())

    def _on_exported(self, result: ExportResult) -> None:
        if result.ok:
            text = self.tr("%n marque-page(s) exporté(s) vers {path}", "",
                           result.count).format(path=result.path)
            messages.info(text)
            self.sig_notice.emit(Notice(text, error=False))
        else:
            self._report(self.tr("Export impossible vers {path}").format(path=result.path),
                         result.error)
        self.sig_exported.emit(result)

    def import_file(self, path: Path) -> int:
        """Merge a JSON / Web Annotation export (not undoable: importing twice is
        harmless), off the GUI thread through a connection of its own; the outcome arrives
        on :attr:`sig_imported`.  Returns the job's request id (0 when refused)."""
        if not self.writable:
            self._on_imported(ImportResult(path, error=self.tr(
                "les marque-pages ne peuvent pas être modifiés")))
            return 0
        data_dir = self.data_dir

        def work(_ctx: JobContext) -> ImportResult:
            from reader.core.bookmarks.importing import import_file  # not at start-up

            try:  # streamed, one transaction: a bad file saves nothing
                with BookmarkStore(data_dir) as store:  # like another window: WAL + queueing
                    added, updated, unchanged = import_file(store, path)
            except BookmarkImportError as exc:
                log.warning("import of %s refused: %s", path, exc)
                return ImportResult(path, error=import_error_text(exc))
            except StorageError as exc:
                return ImportResult(path, error=str(exc))
            return ImportResult(path, added, updated, unchanged)

        kind = f"bookmarks-import-{next(self._job_ids)}"
        return (self.runner.op(kind, work).success(self._on_imported)
                .failure(lambda f: self._on_imported(ImportResult(path, error=str(f)))).run())

    def _on_imported(self, result: ImportResult) -> None:
        if result.ok:
            self.reload()
            text = self.tr("{name} : {added} ajouté(s), {updated} mis à jour, {unchanged} déjà "
                           "présent(s).").format(name=result.path.name, added=result.added,
                                                 updated=result.updated,
                                                 unchanged=result.unchanged)
            messages.info(text)
            self.sig_notice.emit(Notice(text, error=False))
        else:
            self._report(self.tr("Import impossible de {name}").format(name=result.path.name),
                         result.error)
        self.sig_imported.emit(result)

    # -- internals ---------------------------------------------------------------------------
    def _emit(self, kind: ChangeKind, now: Sequence[Bookmark],
              before: Sequence[Bookmark | None] = ()) -> None:
        articles = {b.article_id for b in now} | {b.article_id for b in before if b is not None}
        if kind == ChangeKind.DELETED:
            change = BookmarkChange(kind, removed=tuple(b.id for b in now),
                                    article_ids=frozenset(articles))
        else:
            change = BookmarkChange(kind, tuple(now), article_ids=frozenset(articles))
        self.sig_changed.emit(change)

    def _report(self, text: str, detail: object = "", *, sticky: bool = False) -> None:
        """A failure: logged and told (messages bus), and shown in the dock's line."""
        detail_text = storage_error_text(detail) if isinstance(detail, StorageError) \
            else str(detail)
        messages.error(text, detail_text, sticky=sticky)
        self.sig_notice.emit(Notice(f"{text} : {detail_text}" if detail_text else text))

    def _clear_notice(self) -> None:
        self.sig_notice.emit(Notice(""))

    def _gone(self) -> None:
        self._report(self.tr("Ce marque-page a été supprimé entre-temps (autre fenêtre ?)."))
        self.reload()

    def _macro(self, text: str, count: int) -> _Macro:
        return _Macro(self.undo_stack, text, count > 1)


class _Macro:
    """``with``: several changes as one undo step (only when there are several)."""

    def __init__(self, stack: QUndoStack, text: str, active: bool) -> None:
        self._stack, self._text, self._active = stack, text, active

    def __enter__(self) -> None:
        if self._active:
            self._stack.beginMacro(self._text)

    def __exit__(self, *exc: object) -> None:
        if self._active:
            self._stack.endMacro()


def import_error_text(exc: BookmarkImportError) -> str:
    """Why a file could not be imported, in the interface's language (core's text is for
    logs)."""
    texts = {
        "unreadable": QCoreApplication.translate("BookmarkService", "le fichier ne peut pas être lu"),
        "not_utf8": QCoreApplication.translate("BookmarkService", "le fichier n'est pas en UTF-8"),
        "not_json": QCoreApplication.translate("BookmarkService", "ce n'est pas un fichier JSON valide"),
        "too_deep": QCoreApplication.translate("BookmarkService", "le fichier est trop imbriqué pour être un export de marque-pages"),
        "not_bookmarks": QCoreApplication.translate("BookmarkService", "ce fichier ne contient pas de marque-pages"),
        "newer_version": QCoreApplication.translate("BookmarkService", "le fichier vient d'une version plus récente de Reader"),
        "bad_version": QCoreApplication.translate("BookmarkService", "la version du fichier est illisible"),
        "unknown_format": QCoreApplication.translate("BookmarkService", "format de fichier inconnu"),
    }
    if exc.code == "bad_item":
        return (QCoreApplication.translate("BookmarkService", "marque-page n° %1 invalide (champ « %2 »)")
                .replace("%1", str(exc.item)).replace("%2", exc.field or "?"))
    return texts.get(exc.code, QCoreApplication.translate("BookmarkService", "fichier invalide"))
