"""Library Entities operations: who and what the whole library talks about, without widgets.

Why a service: the dock used to own the mention index, the alias store, a job runner and
the extraction process, and wrote SQLite on the GUI thread.  Here one QObject owns them:
every query (most mentioned entities, an entity's articles and co-mentions, timeline
buckets) and every write (merge, split) runs through the background-operation helper
(:class:`reader.services.jobs.JobRunner`) and comes back as a frozen dataclass
(:mod:`reader.services.entity_results`); the chosen entity goes to the
:class:`~reader.services.view_state.ViewState`, which the list, the pane and the dock
observe.  Extraction for the whole library runs in a child process
(:class:`reader.services.entity_batch.EntityBatchProcess`); while it runs, the list is
refreshed every few seconds and marked provisional.  Failures are logged and reported
through :mod:`reader.services.messages`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from reader.core.entities import DEFAULT_MODEL
from reader.core.entities.batch_protocol import BatchReport, Progress
from reader.core.library.index import ArticleRow
from reader.core.library.rows import Buckets, bucket_rows, rowid_bitmap
from reader.core.storage import StorageError
from reader.services import messages
from reader.services.entity_batch import EntityBatchProcess
from reader.services.entity_results import (
    AliasChange,
    AliasKind,
    ChosenEntity,
    CoMentions,
    EntityQuery,
    TopEntities,
    stable_order,
)
from reader.services.jobs import JobContext, JobFailure, JobRunner
from reader.services.view_state import EntityFilter, ViewState

if TYPE_CHECKING:  # the entity modules import the extractor and its rules: not at start
    from reader.core.entities.aliases import EntityAliases
    from reader.core.entities.batch import Item
    from reader.core.entities.index import EntityIndex, EntitySummary

log = logging.getLogger("reader.entities")

CO_LIMIT = 20
REFRESH_MS = 3000  # while extraction runs, the list is refreshed at most this often


@dataclass(frozen=True)
class _Scoped:
    """A library's first answer: what the child process must extract, and the list."""

    todo: tuple[Item, ...]
    top: TopEntities


class LibraryEntityService(QObject):
    """See the module docstring.  Owned by the main window; the dock only shows its results
    and calls its operations."""

    sig_top = Signal(TopEntities)  # the list for the current query
    sig_co_mentions = Signal(CoMentions)  # the chosen entity's companions (after the choice)
    sig_buckets = Signal(Buckets)  # the timeline of the listed articles
    sig_aliases_changed = Signal(AliasChange)  # a merge or split was saved
    sig_progress = Signal(int, int)  # articles analysed, of how many (done == total: over)
    sig_extracting = Signal(bool)  # the child process started / ended
    sig_batch_finished = Signal(BatchReport)
    sig_status = Signal(str)  # the dock's status line (plain text; "" hides it)

    def __init__(self, cache_dir: Path, data_dir: Path, view_state: ViewState,
                 parent: QObject | None = None, *, runner: JobRunner | None = None,
                 model: str = DEFAULT_MODEL) -> None:
        super().__init__(parent)
        self.cache_dir, self.data_dir, self.model_name = Path(cache_dir), Path(data_dir), model
        self.view_state = view_state
        self.folder: Path | None = None
        self.rows: list[ArticleRow] = []
        self.query = EntityQuery()
        self.top: TopEntities | None = None
        self.chosen: ChosenEntity | None = None
        self.buckets = Buckets()
        self.status = ""
        # the extractor's version (None: no model): found by the first job, off the GUI
        # thread, since it imports the extractor and hashes the trained weights (~60 ms)
        self._version: str | None = None
        self._version_known = False
        # opened by the first job (the index's integrity check reads the whole file)
        self._index: EntityIndex | None = None
        self._aliases: EntityAliases | None = None
        self._stores_lock = threading.Lock()
        self._failed = False  # the stores could not be opened: nothing more is tried
        self._stopped = False
        self._held = False  # the reading model is loading: the analysis waits for it
        self._waiting: tuple[Item, ...] = ()  # what it will analyse then
        self._own_runner = runner is None
        self.jobs = runner if runner is not None else JobRunner(self, max_threads=1)
        self.batch = EntityBatchProcess(self.cache_dir, self)
        self.batch.sig_progress.connect(self._on_batch_progress)
        self.batch.sig_finished.connect(self._on_batch_finished)
        self.batch.sig_failed.connect(self._on_batch_failed)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_MS)
        self._refresh_timer.timeout.connect(self._periodic_refresh)
        view_state.sig_entity_changed.connect(self._on_entity_changed)

    # -- state -----------------------------------------------------------------------------
    @property
    def version(self) -> str | None:
        """The extractor version the mention index is keyed by; None when the model is not
        installed.  Worked out on first use (by a job, normally)."""
        if not self._version_known:
            from reader.core.entities.batch import quick_version

            self._version = quick_version(self.model_name)
            self._version_known = True
        return self._version

    @property
    def available(self) -> bool:
        """False once stopped, or when the stores or the model are missing (a model not
        looked for yet counts as present)."""
        return not (self._stopped or self._failed
                    or (self._version_known and self._version is None))

    def is_extracting(self) -> bool:
        """Running, or waiting for the reading model to start."""
        return self.batch.is_running() or bool(self._waiting)

    def _kind(self, name: str) -> str:
        # a shared runner supersedes jobs by kind: ours must not collide with others'
        return f"entities.{name}"

    def _set_status(self, text: str) -> None:
        self.status = text
        self.sig_status.emit(text)

    def _stores(self) -> EntityIndex:
        """The mention index (with the alias store it applies), opened on first use by a
        job: never on the GUI thread."""
        with self._stores_lock:
            if self._stopped:
                raise StorageError("the entity stores are closed")
            if self._index is None:
                from reader.core.entities.aliases import EntityAliases
                from reader.core.entities.index import EntityIndex

                try:
                    self._aliases = EntityAliases(self.data_dir)
                except StorageError:
                    self._failed = True  # the user's merges are unreadable: no more tries
                    raise
                try:
                    self._index = EntityIndex(self.cache_dir, self._aliases)
                except BaseException:
                    self._aliases.close()
                    self._aliases = None
                    raise
                for notice in (self._aliases.notice, self._index.notice):
                    if notice:
                        log.warning("%s", notice)
            return self._index

    def _aliases_store(self) -> EntityAliases:
        self._stores()
        assert self._aliases is not None
        return self._aliases

    def _report(self, what: str) -> Callable[[JobFailure], None]:
        """The failure path of one kind of operation: the dock's status line says it and
        the message bus logs and reports it (the helper already logged the traceback)."""

        def report(failure: JobFailure) -> None:
            if self._failed:
                text = self.tr("Entités de la bibliothèque indisponibles : {error}")
            elif what == "merge":
                text = self.tr("Fusion impossible : {error}")
            elif what == "split":
                text = self.tr("Séparation impossible : {error}")
            else:
                text = self.tr("Requête sur les entités impossible : {error}")
            text = text.format(error=failure)
            self._set_status(text)
            messages.warning(text)

        return report

    # -- library ---------------------------------------------------------------------------
    def set_library(self, folder: Path, rows: Sequence[ArticleRow]) -> None:
        """A library was (re)loaded: scope the queries to ``rows`` and extract what is
        missing in the background (nothing is started, and spaCy never loaded, when every
        article is already indexed).  A different folder drops the dock's choices."""
        if self.folder is not None and Path(folder) != self.folder:
            self.clear_choice()
            self.view_state.set_period(None)
        self.folder = Path(folder)
        self.rows = list(rows)
        self.set_visible_rows(self.rows)
        if self._stopped or self._failed:
            return
        if self._version_known and self._version is None:
            self._no_model()
            return
        snapshot, query = list(self.rows), self.query
        jobs_file, model = self.batch.jobs_file, self.model_name

        def work(_ctx: JobContext) -> _Scoped | None:
            from reader.core.entities.batch import pending, write_jobs

            version = self.version
            if version is None:
                return None
            index = self._stores()
            index.set_scope(snapshot, version)
            index.refresh()
            todo = pending(((r.path, r.content_hash) for r in snapshot if r.content_hash),
                           index, version)
            if todo:  # 100,000 items: half a second of JSON, kept off the GUI thread
                write_jobs(jobs_file, todo, model)
            top = stable_order(index.top_entities(None, query.label, query.search, query.limit))
            return _Scoped(tuple(todo), TopEntities(query, top, provisional=bool(todo)))

        (self.jobs.op(self._kind("scope"), work).success(self._on_scoped)
         .failure(self._report("scope")).run())

    def _no_model(self) -> None:
        text = self.tr("Modèle d'entités {model} introuvable : entités de la bibliothèque "
                       "indisponibles.").format(model=self.model_name)
        self._set_status(text)
        messages.warning(text)

    def set_visible_rows(self, rows: Sequence[ArticleRow]) -> None:
        """The articles currently listed (text filter, entity...): the timeline follows,
        except while a period is chosen (its bars stay the context of the choice).
        Bucketing 100,000 dates takes ~0.3 s, so it runs in the background."""
        if self.view_state.period is not None:
            return
        snapshot = list(rows)
        (self.jobs.op(self._kind("buckets"), lambda _ctx: bucket_rows(snapshot))
         .success(self._on_buckets).failure(self._report("buckets")).run())

    def _on_buckets(self, buckets: Buckets) -> None:
        if self.view_state.period is not None:
            return  # a period was chosen meanwhile: keep the bars it was chosen on
        self.buckets = buckets
        self.sig_buckets.emit(buckets)

    def hold_extraction(self, held: bool) -> None:
        """While the article being read waits for its model, the library-wide analysis
        waits too, then starts.  Why: it loads a second spaCy model, and on a two-core
        machine the two loads at once delayed the first highlight by 0.3-0.8 s; the
        library's counts can come a few seconds later, the article in front of the reader
        cannot."""
        self._held = held
        if not held and self._waiting and not self._stopped:
            todo, self._waiting = self._waiting, ()
            self._start_batch(todo)

    def stop(self) -> None:
        """Stop the worker process, background queries and timers; close the stores."""
        self._waiting = ()
        self._refresh_timer.stop()
        self.batch.stop()
        if self._own_runner:
            self.jobs.shutdown()
        else:
            for name in ("scope", "top", "choose", "buckets", "merge", "split"):
                self.jobs.cancel(self._kind(name))
        with self._stores_lock:
            self._stopped = True
            if self._index is not None:
                self._index.close()  # waits for a query in progress (the index's lock)
                self._index = None
            if self._aliases is not None:
                self._aliases.close()
                self._aliases = None

    # -- extraction ------------------------------------------------------------------------
    def _on_scoped(self, scoped: _Scoped | None) -> None:
        if scoped is None:  # the model is not installed
            self._no_model()
            return
        self._show(scoped.top)
        self._rechoose()
        if not scoped.todo:
            total = len(self.rows)
            self.sig_progress.emit(total, total)
            return
        self._set_status(self.tr("Analyse des entités de {n} article(s) en arrière-plan "
                                 "(décomptes provisoires)…")
                         .format(n=len(scoped.todo)))
        self.sig_extracting.emit(True)
        self.sig_progress.emit(0, len(scoped.todo))
        if self._held:
            self._waiting = scoped.todo
        else:
            self._start_batch(scoped.todo)

    def _start_batch(self, todo: tuple[Item, ...]) -> None:
        self.batch.start(todo, self.model_name, jobs_written=True)

    def _on_batch_progress(self, progress: Progress) -> None:
        self.sig_progress.emit(progress.done, progress.total)
        if progress.done and not self._refresh_timer.isActive():
            self._refresh_timer.start()

    def _on_batch_finished(self, report: BatchReport) -> None:
        self._refresh_timer.stop()
        text = self.tr("Entités de la bibliothèque à jour ({extracted} analysé(s), "
                       "{cached} depuis le cache)").format(extracted=report.extracted,
                                                           cached=report.from_cache)
        if report.problems:
            text += self.tr(" ; {n} fichier(s) illisible(s)").format(n=len(report.problems))
        self._set_status(text)
        self.sig_extracting.emit(False)
        self.sig_progress.emit(report.total, report.total)
        self.sig_batch_finished.emit(report)
        self.refresh()
        self._rechoose()

    def _on_batch_failed(self, message: str) -> None:
        self._refresh_timer.stop()
        text = self.tr("Analyse interrompue : {error}").format(error=message)
        self._set_status(text)
        messages.warning(text)
        self.sig_extracting.emit(False)
        self.refresh()

    def stop_extraction(self) -> None:
        """Stop the background analysis; it resumes where it stopped next time."""
        if not self.is_extracting():
            return
        self._waiting = ()  # not started yet (the reading model loads): it will not be
        self.batch.stop()
        self._refresh_timer.stop()
        self._set_status(self.tr("Analyse arrêtée ; elle reprendra à la prochaine ouverture."))
        self.sig_extracting.emit(False)
        self.refresh()

    # -- queries ---------------------------------------------------------------------------
    def set_query(self, query: EntityQuery) -> None:
        """Show ``query``'s entities (a type or text filter changed)."""
        if query != self.query:
            self.query = query
            self.refresh()

    def refresh(self) -> None:
        """Reload the list (after new mentions, a merge, a query change)."""
        if not self.available or self.folder is None:
            return
        query, provisional = self.query, self.batch.is_running()

        def work(_ctx: JobContext) -> TopEntities:
            index = self._stores()
            index.invalidate()
            top = index.top_entities(None, query.label, query.search, query.limit)
            return TopEntities(query, stable_order(top), provisional)

        self.jobs.op(self._kind("top"), work).success(self._show).failure(
            self._report("top")).run()

    def _periodic_refresh(self) -> None:
        """While extraction runs: reload, but never queue a rebuild behind a running one
        (on 100,000 articles a rebuild takes seconds)."""
        if self.jobs.is_running(self._kind("top")) or self.jobs.is_running(self._kind("scope")):
            self._refresh_timer.start()
            return
        self.refresh()

    def _show(self, top: TopEntities) -> None:
        self.top = top
        if not self.status or self.status == self._nothing_text():
            self._set_status("" if top.entities or self.batch.is_running()
                             else self._nothing_text())
        self.sig_top.emit(top)

    def _nothing_text(self) -> str:
        return self.tr("Aucune entité pour ce filtre.")

    # -- choosing --------------------------------------------------------------------------
    def choose(self, key: str, label: str | None = None) -> None:
        """Choose an entity: the view state gets its articles as soon as they are known;
        the co-mentions (slower for very frequent entities) follow on ``sig_co_mentions``."""
        if not self.available:
            return
        rows = self.rows

        def work(ctx: JobContext) -> CoMentions | None:
            index = self._stores()
            summary = index.summary(key, label)
            if summary is None:
                return None
            ids = frozenset(index.articles_for(summary.key, summary.label))
            members = tuple(index.members(summary.key, summary.label))
            ctx.partial(ChosenEntity(summary, ids, members, rowid_bitmap(rows, ids)))
            if ctx.cancelled:
                return None
            co = index.co_mentions(summary.key, summary.label, CO_LIMIT)
            return CoMentions(summary, stable_order(co))

        (self.jobs.op(self._kind("choose"), work).with_partial(self._on_chosen)
         .success(self._on_co_mentions).failure(self._report("choose")).run())

    def _on_chosen(self, chosen: ChosenEntity) -> None:
        self.chosen = chosen
        self.view_state.set_entity(chosen.as_filter())

    def _on_co_mentions(self, co: CoMentions | None) -> None:
        if co is None:
            if self.chosen is not None:  # it left the library (a rescan, a merge)
                self.clear_choice()
            self._set_status(self.tr("Cette entité n'est plus dans la bibliothèque."))
            return
        self.sig_co_mentions.emit(co)

    def _rechoose(self) -> None:
        """The library or its mentions changed: send the chosen entity's articles again."""
        if self.chosen is not None:
            self.choose(self.chosen.summary.key, self.chosen.summary.label)

    def clear_choice(self) -> None:
        """Stop filtering on an entity."""
        self.jobs.cancel(self._kind("choose"))
        self.chosen = None
        self.view_state.set_entity(None)

    def _on_entity_changed(self, entity: EntityFilter | None) -> None:
        """The view state changed (maybe from elsewhere: "show all", Esc): forget a choice
        it no longer holds, and drop a choice still being computed."""
        chosen = self.chosen
        if chosen is not None and (entity is None or (entity.key, entity.label)
                                   != (chosen.summary.key, chosen.summary.label)):
            self.chosen = None
        if entity is None:
            self.jobs.cancel(self._kind("choose"))

    # -- merge / split ---------------------------------------------------------------------
    def merge(self, entities: Sequence[EntitySummary]) -> None:
        """Group ``entities`` under the most cited one (remembered in the data directory);
        written in the background."""
        if len(entities) < 2 or not self.available:
            return
        target = max(entities, key=lambda e: (e.article_count, e.mention_count))
        refs = tuple((e.key, e.label) for e in entities)

        def work(_ctx: JobContext) -> AliasChange:
            aliases = self._aliases_store()
            aliases.merge((target.key, target.label), refs)
            self._stores().invalidate()
            members = tuple(r for r in refs if r != (target.key, target.label))
            return AliasChange(AliasKind.MERGE, target, members)

        (self.jobs.op(self._kind("merge"), work).success(self._on_alias_change)
         .failure(self._report("merge")).run())

    def split(self, target: EntitySummary) -> None:
        """Undo the grouping (manual or automatic) of ``target`` (remembered); written in
        the background."""
        if not self.available:
            return

        def work(_ctx: JobContext) -> AliasChange:
            index = self._stores()
            others = tuple(m for m in index.members(target.key, target.label)
                           if m != (target.key, target.label))
            if others:
                self._aliases_store().split(others)
                index.invalidate()
            return AliasChange(AliasKind.SPLIT, target, others)

        (self.jobs.op(self._kind("split"), work).success(self._on_alias_change)
         .failure(self._report("split")).run())

    def _on_alias_change(self, change: AliasChange) -> None:
        target = change.target
        if change.kind is AliasKind.MERGE:
            self._set_status(self.tr("{n} entités regroupées sous « {name} ».")
                             .format(n=len(change.members) + 1, name=target.display))
        elif not change.members:
            self._set_status(self.tr("« {name} » ne regroupe aucune autre forme.")
                             .format(name=target.display))
            return
        else:
            self._set_status(self.tr("« {name} » séparé de : {others}").format(
                name=target.display, others=", ".join(k for k, _l in change.members)))
        self.sig_aliases_changed.emit(change)
        self.refresh()
        if self.chosen is not None:
            self.choose(target.key, target.label)

