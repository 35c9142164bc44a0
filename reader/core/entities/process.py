"""Entity extraction for the article being read, in a child process.

Why a process: spaCy holds the GIL for most of its work.  In a worker thread, loading the
model stalled the GUI for 1-2 s at a time and every extraction made it stutter; in a child
process the GUI thread keeps the interpreter.  The library-wide extraction already runs in
its own process (:mod:`reader.core.entities.batch`); this one serves one article at a time.

The child is started (``spawn``: forking under Qt threads is unsafe) on first use and keeps
its model loaded; the caller blocks on the result in a worker thread, never on the GUI
thread.  If the child dies (killed, out of memory), the call fails with
:class:`EntityProcessError` and the next call starts a new one.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.entities import DEFAULT_MODEL, is_fresh_cache, tables
from reader.core.entities.spans import ArticleEntities
from reader.core.library.parser import Article
from reader.core.lifetime import die_with_parent

if TYPE_CHECKING:
    from reader.core.entities.extractor import EntityExtractor

log = logging.getLogger("reader.entities.process")


class EntityProcessError(RuntimeError):
    """The extraction process stopped or could not start (message says why)."""


class ProcessExtractor:
    """Thread-safe: calls may come from any worker thread; one child serves them in order."""

    def __init__(self, model: str = DEFAULT_MODEL, cache_dir: Path | None = None) -> None:
        """``cache_dir``: Reader's cache directory (the gazetteer's pre-built table)."""
        self.model = model
        self.cache_dir = cache_dir
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._pid: Future[int] | None = None
        self._builder: BaseProcess | None = None  # the rules' tables, on a first start
        self._closed = False

    def preload(self) -> None:
        """Start the child and its model load now, without waiting: the first call that
        needs the model then waits only for what is left of the load.  A failure shows at
        that call."""
        try:
            self._submit(_load)
        except EntityProcessError as exc:
            log.warning("model not started early: %s", exc)

    def load(self) -> str:
        """Start the child and load its model; return the extractor version."""
        return str(self._call(_load))

    def extract_article(self, article: Article) -> ArticleEntities:
        result = self._call(_extract, article)
        assert isinstance(result, ArticleEntities)
        return result

    def close(self) -> None:
        """Stop the child now, even in the middle of an article (pending calls fail)."""
        with self._lock:
            self._closed = True
            pool, self._pool = self._pool, None
            builder, self._builder = self._builder, None
        if pool is not None:
            _stop(pool, self._pid)
        tables.stop_builder(builder, self.cache_dir)

    def _call(self, fn: Any, *args: Any) -> Any:
        future = self._submit(fn, *args)
        try:
            return future.result()
        except BrokenProcessPool as exc:
            with self._lock:
                if self._pool is not None:
                    _stop(self._pool, self._pid)
                self._pool = None
            raise EntityProcessError(f"the entity process stopped ({exc})") from None

    def _submit(self, fn: Any, *args: Any) -> Future[Any]:
        with self._lock:
            if self._closed:
                raise EntityProcessError("the entity process was closed")
            if self._pool is None:
                try:
                    self._pool = ProcessPoolExecutor(
                        max_workers=1, mp_context=get_context("spawn"),
                        initializer=_init, initargs=(self.model, self.cache_dir))
                    # the child's pid, first thing it answers: to stop it mid-article
                    self._pid = self._pool.submit(os.getpid)
                    if self.cache_dir is not None and self._builder is None:
                        # on a first start, the tables are built on the other core while
                        # the child loads the model
                        self._builder = tables.start_builder(self.cache_dir, self.model)
                except (OSError, ValueError) as exc:
                    raise EntityProcessError(f"cannot start the entity process ({exc})") from None
            try:
                return self._pool.submit(fn, *args)
            except (BrokenProcessPool, RuntimeError) as exc:
                _stop(self._pool, self._pid)
                self._pool = None
                raise EntityProcessError(f"the entity process stopped ({exc})") from None


def start_on_fresh_cache(cache_dir: Path, model: str = DEFAULT_MODEL,
                         ) -> ProcessExtractor | None:
    """A child already loading the model when ``cache_dir`` holds no entity cache yet: a
    first start on this machine (or with this cache), when the first article will need the
    model.  Called at launch before Qt is imported, so that the model's seconds of loading
    start with the process rather than after the window (~0.3 s later); the test is one
    ``stat`` and this module imports neither spaCy nor the rules, so a start whose cache
    exists pays nothing.  None when the cache exists (the window's session starts the model
    when it is needed, e.g. for a new model version)."""
    if not is_fresh_cache(cache_dir):
        return None
    ner = ProcessExtractor(model, cache_dir=Path(cache_dir))
    ner.preload()
    return ner


def _stop(pool: ProcessPoolExecutor, pid: Future[int] | None) -> None:
    """Shut the pool down without waiting for a running extraction (a 50,000-word article
    takes seconds): its child is sent SIGTERM (the pool's own thread then reaps it).  The
    child's pid comes from its first task, not from the executor's internals."""
    pool.shutdown(wait=False, cancel_futures=True)
    if pid is None:
        return
    try:
        child = pid.result(timeout=10)  # at once, unless the child is still starting
    except (CancelledError, FutureTimeout, BrokenProcessPool, OSError) as exc:
        log.info("entity process not signalled: %s", exc)  # it exits with the pool
        return
    try:
        os.kill(child, signal.SIGTERM)
    except ProcessLookupError:  # already gone
        pass
    except PermissionError as exc:  # the pid was reused by a process not ours
        log.warning("entity process %s not signalled: %s", child, exc)


# -- in the child ------------------------------------------------------------------------
_EXTRACTOR: EntityExtractor | None = None


def _init(model: str, cache_dir: Path | None = None) -> None:
    global _EXTRACTOR
    die_with_parent()  # a SIGKILLed window must not leave this child (and its model) behind
    from reader.core.entities.extractor import EntityExtractor  # here: the window's process
    # imports this module first thing on a first start, and needs none of the rules

    _EXTRACTOR = EntityExtractor(model, cache_dir=cache_dir)


def _load() -> str:
    assert _EXTRACTOR is not None
    _EXTRACTOR.load()
    return _EXTRACTOR.version


def _extract(article: Article) -> ArticleEntities:
    assert _EXTRACTOR is not None
    return _EXTRACTOR.extract_article(article)
