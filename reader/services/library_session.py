"""A library session: opening and rescanning a folder, search, snippets, article loads and
the NER model's lifecycle, as named background operations with typed results.

Why: this control flow lived in the main window (scan orchestration, the bookmark relink
map, query rules, article loading, the model's start and failures).  The window now only
connects this object's signals to its views; the session can be driven and tested without
any widget.  Every job goes through :class:`reader.services.jobs.JobRunner`'s operations,
so results arrive on the GUI thread and stale ones (a newer search, another article) are
dropped.  Failures are logged and reported through :mod:`reader.services.messages`.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal

from reader.core.entities import CACHE_FILE, DEFAULT_MODEL
from reader.core.entities.cache import EntityCache
from reader.core.entities.spans import ArticleEntities
from reader.core.library.index import ArticleRow, LibraryIndex, Problem, ScanResult, SearchHits
from reader.core.library.parser import Article, ParseError
from reader.core.library.search_query import as_you_type, match_snippet
from reader.core.storage import StorageError
from reader.services import messages
from reader.services.jobs import JobContext, JobFailure, JobRunner
from reader.services.wording import kind_text, storage_error_text

if TYPE_CHECKING:  # both import the extractor and its rules (~50 ms): made on first use
    from reader.core.entities.extractor import EntityExtractor
    from reader.core.entities.process import ProcessExtractor

log = logging.getLogger("reader.session")



@dataclass(frozen=True)
class LibraryOpened:
    """A scan finished: every row, the files that could not be read, and the content
    hash → article id map the bookmarks use to follow renamed files."""

    folder: Path
    result: ScanResult
    rows: list[ArticleRow]
    problems: list[Problem]
    hashes: dict[str, str]


@dataclass(frozen=True)
class RowsArrived:
    """Rows to show before the scan ends: the saved snapshot (``replace``) or a new batch."""

    rows: list[ArticleRow]
    replace: bool


@dataclass(frozen=True)
class SearchDone:
    query: str
    hits: SearchHits | None  # None: no search (every row)
    terms: list[str]


@dataclass(frozen=True)
class ArticleLoaded:
    """An article read from its file, its cached entities if any, and whatever the view's
    builder made of them off the GUI thread (the reading pane's document).  Without cached
    entities, ``provisional`` holds the marks found without the model (gazetteer places,
    dates, quantities), shown at once and replaced when the model answers."""

    article: Article
    entities: ArticleEntities | None
    built: object
    provisional: bool = False
    marks_pending: bool = False  # the model-free marks follow (sig_article_marks)


@dataclass(frozen=True)
class EntitiesReady:
    article: Article
    entities: ArticleEntities


@dataclass(frozen=True)
class ModelState:
    """The entity model: ``idle``, ``checking`` (whether a library's first articles will
    need it), ``loading``, ``ready`` or ``failed`` (with the reason)."""

    state: str
    model_name: str
    detail: str = ""

    @property
    def busy(self) -> bool:
        """Checked for or loading: a second spaCy load (the library analysis) waits."""
        return self.state in ("checking", "loading")


class LibrarySession(QObject):
    sig_opening = Signal(Path)
    sig_rows = Signal(RowsArrived)
    sig_progress = Signal(int, int)  # files indexed, files to index
    sig_opened = Signal(LibraryOpened)
    sig_open_failed = Signal(str)
    sig_search_done = Signal(SearchDone)
    sig_snippets = Signal(dict)  # article id -> the text around its first match ("": none)
    sig_article_loaded = Signal(ArticleLoaded)
    sig_article_failed = Signal(str)
    sig_article_marks = Signal(EntitiesReady)  # the model-free marks, after the text
    sig_entities_ready = Signal(EntitiesReady)
    sig_entities_failed = Signal(str)
    sig_model_state = Signal(ModelState)

    def __init__(self, cache_dir: Path, runner: JobRunner, parent: QObject | None = None,
                 ner: ProcessExtractor | None = None) -> None:
        """Raises :class:`StorageError` when the library index cannot be opened at all.

        ``ner``: the model's child when the app started it at launch (a fresh cache:
        :func:`reader.core.entities.process.start_on_fresh_cache`), closed with this
        session; None: made when first needed."""
        super().__init__(parent)
        self.jobs = runner
        self.index = LibraryIndex.open_or_temporary(cache_dir / "library.sqlite3")
        if self.index.temporary_reason is not None:  # the library opens all the same
            messages.warning(QCoreApplication.translate("LibrarySession", "Cache inutilisable (%1) : cache temporaire pour cette "
                                 "session").replace("%1", storage_error_text(
                                     self.index.temporary_reason)), sticky=True)
            cache_dir = self.index.db_path.parent
        elif self.index.rebuilt:  # a cache: rebuilt from the files, nothing is lost
            messages.info(QCoreApplication.translate("LibrarySession", "L'index de la bibliothèque était illisible (%1) : il a été "
                              "reconstruit à partir des fichiers.").replace(
                                  "%1", kind_text(self.index.rebuilt)))
        # the cache key and the model-free marks (self.extractor); the model itself runs in
        # self.ner: both made on first use, not while the window starts
        self._entities_dir = cache_dir
        self._extractor: EntityExtractor | None = None
        self._extractor_lock = threading.Lock()
        if ner is not None and ner.cache_dir != cache_dir:
            ner.close()  # started for a cache this session cannot use (made temporary)
            ner = None
        self._ner: ProcessExtractor | None = ner
        self.entity_cache: EntityCache | None
        try:
            self.entity_cache = EntityCache(cache_dir / CACHE_FILE)
        except StorageError as exc:
            self.entity_cache = None
            messages.warning(QCoreApplication.translate("LibrarySession", "Cache des entités indisponible"), storage_error_text(exc),
                             sticky=True)
        self.folder: Path | None = None
        self.problems: list[Problem] = []
        self.terms: list[str] = []
        self.model = ModelState("idle", DEFAULT_MODEL)
        self._pending_article: Article | None = None  # waits for the model
        self._closed = False

    @property
    def extractor(self) -> EntityExtractor:
        """The entity cache's key (``version``) and the marks found without the model;
        made by whichever thread needs it first (an article's load, normally)."""
        with self._extractor_lock:
            if self._extractor is None:
                from reader.core.entities.extractor import EntityExtractor

                self._extractor = EntityExtractor(cache_dir=self._entities_dir)
            return self._extractor

    @property
    def ner(self) -> ProcessExtractor:
        """The model's child process (started by its first call)."""
        if self._ner is None:
            from reader.core.entities.process import ProcessExtractor

            self._ner = ProcessExtractor(DEFAULT_MODEL, cache_dir=self._entities_dir)
        return self._ner

    # -- library ---------------------------------------------------------------------------
    def open(self, folder: Path) -> None:
        """Show the indexed rows at once (``sig_rows``), then rescan changed files."""
        self.folder = folder
        self.problems = []
        self.terms = []
        self.sig_opening.emit(folder)
        index = self.index

        def work(ctx: JobContext) -> LibraryOpened:
            ctx.partial(RowsArrived(index.rows(folder), replace=True))
            result = index.scan(
                folder,
                progress=lambda done, total: ctx.progress(done, total, ""),
                cancelled=lambda: ctx.cancelled,
                on_batch=lambda rows: ctx.partial(RowsArrived(rows, replace=False)),
            )
            rows = index.rows(folder)
            # for the bookmarks' relink, built here: 100,000 rows cost 0.15 s
            hashes = {r.content_hash: r.id for r in rows}
            return LibraryOpened(folder, result, rows, index.problems(folder), hashes)

        def partial(payload: object) -> None:
            assert isinstance(payload, RowsArrived)
            if payload.replace:
                _freeze_long_lived()
            self.sig_rows.emit(payload)

        def done(opened: LibraryOpened) -> None:
            _freeze_long_lived()
            self.problems = list(opened.problems)
            self.sig_opened.emit(opened)

        def failed(failure: JobFailure) -> None:
            messages.error(QCoreApplication.translate("LibrarySession", "Impossible d'ouvrir la bibliothèque"), str(failure))
            self.sig_open_failed.emit(str(failure))

        (self.jobs.op("library", work).with_partial(partial)
         .with_progress(lambda done, total, _m: self.sig_progress.emit(done, total))
         .success(done).failure(failed).run())
        self.warm_up()  # the model loads beside the scan when it will be needed

    def cancel_scan(self) -> None:
        self.jobs.cancel("library")

    def reload(self) -> None:
        if self.folder is not None:
            self.open(self.folder)

    # -- search ----------------------------------------------------------------------------
    def search(self, query: str, *, ranked: bool) -> None:
        """Run ``query`` (the word being typed searched as a prefix); ``sig_search_done``."""
        folder = self.folder
        query = query.strip()
        if not query or folder is None:
            self.terms = []
            self.sig_search_done.emit(SearchDone(query, None, []))
            return
        live = as_you_type(query)
        index = self.index

        def work(_ctx: JobContext) -> SearchDone:
            hits = index.search(folder, live)
            hits.bitmap()  # built here rather than on the GUI thread
            if ranked:
                hits.rank_of  # noqa: B018 - ranked here too (bm25 costs 2-4 µs a hit)
            return SearchDone(query, hits, list(index.match_terms(live)))

        def done(result: SearchDone) -> None:
            self.terms = list(result.terms)
            self.sig_search_done.emit(result)

        (self.jobs.op("search", work).success(done)
         .failure(lambda f: messages.warning(QCoreApplication.translate("LibrarySession", "Recherche impossible"), str(f))).run())

    def request_snippets(self, article_ids: Sequence[str]) -> None:
        """Read these articles off the GUI thread; ``sig_snippets`` gives the text around
        each one's first match (results of an older search are dropped)."""
        terms, folder = list(self.terms), self.folder
        if not terms or folder is None or not article_ids:
            return
        index, ids = self.index, list(article_ids)

        def work(ctx: JobContext) -> dict[str, str]:
            found: dict[str, str] = {}
            for aid in ids:
                if ctx.cancelled:
                    break
                try:
                    text = index.load_article(aid, folder).text
                except (KeyError, OSError, ParseError) as exc:  # gone or broken since
                    log.info("no snippet for %s: %s", aid, exc)
                    text = ""
                found[aid] = match_snippet(text, terms) or ""  # "": the stored first line
            return found

        def done(found: dict[str, str]) -> None:
            if terms == self.terms and folder == self.folder:
                self.sig_snippets.emit(found)

        # a failure leaves the stored first lines, which are still right: logged only
        (self.jobs.op("snippets", work).success(done)
         .failure(lambda f: log.info("snippets not read: %s", f)).run())

    # -- articles --------------------------------------------------------------------------
    def load_article(self, article_id: str,
                     build: Callable[[Article, ArticleEntities | None], object]) -> None:
        """Read the article and its cached entities; ``build`` runs in the worker too."""
        folder = self.folder
        if folder is None:
            return
        index, cache = self.index, self.entity_cache

        def work(_ctx: JobContext) -> ArticleLoaded:
            extractor = self.extractor  # its first use imports it: here, off the GUI thread
            article = index.load_article(article_id, folder)
            ents = cache.get(article.content_hash, extractor.version) if cache else None
            if ents is not None:
                return ArticleLoaded(article, ents, build(article, ents))
            if not extractor.model_free_ready():  # a first start: the text first, the
                # marks once the gazetteer is built (0.5 s, more beside the model's load)
                return ArticleLoaded(article, None, build(article, None), marks_pending=True)
            try:  # marks that need no model, painted now (50 ms), never cached
                quick = extractor.model_free_entities(article)
            except Exception:  # noqa: BLE001 - only a head start: the model still runs
                log.exception("model-free marks of %s failed", article_id)
                return ArticleLoaded(article, None, build(article, None))
            return ArticleLoaded(article, quick, build(article, quick), provisional=True)

        def done(loaded: ArticleLoaded) -> None:
            self.sig_article_loaded.emit(loaded)
            if loaded.marks_pending:
                self._model_free_marks(loaded.article)
            if loaded.entities is None or loaded.provisional:
                self._need_entities(loaded.article)

        (self.jobs.op("article", work).success(done)
         .failure(lambda f: self.sig_article_failed.emit(str(f))).run())

    # -- entities --------------------------------------------------------------------------
    def _model_free_marks(self, article: Article) -> None:
        """The marks that need no model, for an article already shown without them."""
        extractor = self.extractor

        def work(_ctx: JobContext) -> EntitiesReady:
            return EntitiesReady(article, extractor.model_free_entities(article))

        (self.jobs.op("marks", work).success(self.sig_article_marks.emit)
         .failure(lambda f: log.warning("model-free marks of %s failed: %s", article.id, f))
         .run())

    def _need_entities(self, article: Article) -> None:
        if self.model.state == "ready":
            self.extract(article)
        elif self.model.state != "failed":  # failed: said once, not retried per article
            self._pending_article = article
            self.load_model()

    def warm_up(self) -> None:
        """When a library opens: when nothing was ever analysed with this model (a
        fresh machine, a new model), start the model now, in parallel with the library
        scan, instead of after the first article.  The check runs in the background (it
        imports the extractor: ~20 ms the window's start no longer waits for); meanwhile
        the model's state is ``checking``."""
        cache = self.entity_cache
        if self.model.state != "idle" or cache is None:
            return
        self._set_model(ModelState("checking", DEFAULT_MODEL))

        def work(_ctx: JobContext) -> bool:
            return not cache.has_version(self.extractor.version)

        def done(needed: bool) -> None:
            if self.model.state != "checking":
                return  # an article asked for the model meanwhile
            self._set_model(ModelState("idle", DEFAULT_MODEL))
            if needed:
                self.load_model()

        def failed(failure: JobFailure) -> None:  # the cache says so again when it is used
            log.warning("entity cache not read: %s", failure)
            if self.model.state == "checking":
                self._set_model(ModelState("idle", DEFAULT_MODEL))

        self.jobs.op("warm-up", work).success(done).failure(failed).run()

    def load_model(self) -> None:
        """Start the model child; the article waiting for it is analysed once it answers."""
        if self.model.state in ("loading", "ready") or self._closed:
            return
        self._set_model(ModelState("loading", self.extractor.model_name))
        ner = self.ner

        def done(version: str) -> None:
            self._set_model(ModelState("ready", self.extractor.model_name, version))
            pending, self._pending_article = self._pending_article, None
            if pending is not None:
                self.extract(pending)

        def failed(failure: JobFailure) -> None:
            messages.error(QCoreApplication.translate("LibrarySession", "Le modèle d'entités n'a pas pu être chargé"), str(failure))
            self._set_model(ModelState("failed", self.extractor.model_name, str(failure)))

        self.jobs.op("model", lambda _ctx: ner.load()).serial().success(done).failure(failed).run()

    def extract(self, article: Article) -> None:
        extractor, cache, ner = self.extractor, self.entity_cache, self.ner

        def work(_ctx: JobContext) -> EntitiesReady:
            version = extractor.version
            ents = cache.get(article.content_hash, version) if cache is not None else None
            if ents is None:
                ents = ner.extract_article(article)  # in the child: the GIL stays here
                if cache is not None:
                    try:
                        cache.put(article.content_hash, version, ents)
                    except StorageError as exc:  # shown anyway; recomputed next time
                        log.warning("entity cache not written: %s", exc)
            return EntitiesReady(article, ents)

        (self.jobs.op("entities", work).serial().success(self.sig_entities_ready.emit)
         .failure(lambda f: self.sig_entities_failed.emit(str(f))).run())

    def _set_model(self, state: ModelState) -> None:
        self.model = state
        self.sig_model_state.emit(state)

    # -- shutdown --------------------------------------------------------------------------
    def close(self) -> None:
        """Stop the model child and the workers, close the stores (idempotent)."""
        if self._closed:
            return
        self._closed = True
        if self._ner is not None:
            self._ner.close()  # first: a job waiting on the child returns at once
        self.jobs.shutdown()
        if self.entity_cache is not None:
            try:
                self.entity_cache.close()
            except StorageError as exc:
                log.warning("entity cache not closed cleanly: %s", exc)
        try:
            self.index.close()
        except StorageError as exc:
            log.warning("library index not closed cleanly: %s", exc)


def _freeze_long_lived() -> None:
    """Move every object alive now (the library's rows, the index's maps: ~10 objects per
    article) out of the cyclic garbage collector's reach.  Why: with 100,000 articles a
    full collection walks a million objects, 0.3 s holding the GIL, and allocations in any
    thread trigger one now and then: the window froze.  They are still freed by reference
    counting; only reference cycles among them would never be collected."""
    gc.freeze()
