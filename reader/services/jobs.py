"""The one background-job helper: QThreadPool + QRunnable with signals on a QObject.

Why: anything over ~50 ms must leave the GUI thread.  Each job gets a request id; a newer
job of the same *kind* makes older results stale, and stale results are dropped, so a fast
series of clicks never shows the wrong article.  Exceptions are caught in the worker and
delivered as a signal.  Workers never touch widgets: they return plain data.
"""

from __future__ import annotations

import itertools
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from reader.services import messages

T = TypeVar("T")


@dataclass
class JobContext:
    """Handed to the job function: progress reporting and cancellation."""

    request_id: int
    _signals: _JobSignals
    cancel_event: threading.Event = field(default_factory=threading.Event)

    def progress(self, done: int, total: int, message: str = "") -> None:
        self._signals.sig_progress.emit(self.request_id, done, total, message)

    def partial(self, payload: object) -> None:
        """Send an intermediate result (e.g. the first rows of a library) to the GUI."""
        self._signals.sig_partial.emit(self.request_id, payload)

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()


class _JobSignals(QObject):
    sig_done = Signal(int, object)
    sig_failed = Signal(int, object)
    sig_progress = Signal(int, int, int, str)
    sig_partial = Signal(int, object)


@dataclass
class JobFailure:
    """An exception raised in a worker, with its formatted traceback."""

    error: BaseException
    traceback: str

    def __str__(self) -> str:
        return str(self.error) or type(self.error).__name__


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[JobContext], Any], ctx: JobContext) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._ctx = ctx

    def run(self) -> None:
        signals = self._ctx._signals
        try:
            result = self._fn(self._ctx)
        except BaseException as exc:  # noqa: BLE001 - delivered to the failure handler
            signals.sig_failed.emit(
                self._ctx.request_id, JobFailure(exc, traceback.format_exc())
            )
        else:
            signals.sig_done.emit(self._ctx.request_id, result)


@dataclass
class _Pending:
    kind: str
    ctx: JobContext
    on_done: Callable[[Any], None] | None
    on_error: Callable[[JobFailure], None] | None
    on_progress: Callable[[int, int, str], None] | None
    on_partial: Callable[[Any], None] | None
    runnable: _Runnable


class JobRunner(QObject):
    """Runs callables in a thread pool and delivers results on the GUI thread.

    ``kind`` groups jobs whose results supersede each other ("article", "search"...).
    ``serial=True`` kinds go to a one-thread pool (the NER model is not re-entrant).
    """

    sig_busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._serial_pool = QThreadPool(self)
        self._serial_pool.setMaxThreadCount(1)
        self._signals = _JobSignals(self)
        self._signals.sig_done.connect(self._on_done)
        self._signals.sig_failed.connect(self._on_failed)
        self._signals.sig_progress.connect(self._on_progress)
        self._signals.sig_partial.connect(self._on_partial)
        self._ids = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        self._latest: dict[str, int] = {}

    def submit(
        self,
        kind: str,
        fn: Callable[[JobContext], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[JobFailure], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        on_partial: Callable[[Any], None] | None = None,
        *,
        serial: bool = False,
    ) -> int:
        """Start ``fn(ctx)`` in the background; older jobs of ``kind`` become stale."""
        rid = next(self._ids)
        previous = self._latest.get(kind)
        if previous is not None and previous in self._pending:
            self._pending[previous].ctx.cancel_event.set()
        self._latest[kind] = rid
        ctx = JobContext(rid, self._signals)
        runnable = _Runnable(fn, ctx)
        was_idle = not self._pending
        self._pending[rid] = _Pending(kind, ctx, on_done, on_error, on_progress, on_partial,
                                      runnable)
        (self._serial_pool if serial else self._pool).start(runnable)
        if was_idle:
            self.sig_busy_changed.emit(True)
        return rid

    def op(self, kind: str, work: Callable[[JobContext], T]) -> Operation[T]:
        """An :class:`Operation` of ``kind`` to configure and ``run()``."""
        return Operation(self, kind, work)

    def cancel(self, kind: str) -> None:
        rid = self._latest.get(kind)
        if rid is not None and rid in self._pending:
            self._pending[rid].ctx.cancel_event.set()

    def is_running(self, kind: str) -> bool:
        rid = self._latest.get(kind)
        return rid is not None and rid in self._pending

    def _current(self, rid: int) -> _Pending | None:
        job = self._pending.get(rid)
        if job is None or self._latest.get(job.kind) != rid:
            return None  # stale: a newer job of the same kind was submitted
        return job

    def _finish(self, rid: int) -> _Pending | None:
        job = self._current(rid)
        self._pending.pop(rid, None)
        if not self._pending:
            self.sig_busy_changed.emit(False)
        return job

    @Slot(int, object)
    def _on_done(self, rid: int, result: object) -> None:
        job = self._finish(rid)
        if job is not None and job.on_done is not None and not job.ctx.cancelled:
            job.on_done(result)

    @Slot(int, object)
    def _on_failed(self, rid: int, failure: object) -> None:
        job = self._finish(rid)
        if job is None or job.ctx.cancelled:
            return
        assert isinstance(failure, JobFailure)
        if job.on_error is not None:
            job.on_error(failure)
        else:
            messages.log.error("background job %s failed:\n%s", job.kind, failure.traceback)
            messages.error(f"{job.kind}: {failure}")

    @Slot(int, int, int, str)
    def _on_progress(self, rid: int, done: int, total: int, message: str) -> None:
        job = self._current(rid)
        if job is not None and job.on_progress is not None:
            job.on_progress(done, total, message)

    @Slot(int, object)
    def _on_partial(self, rid: int, payload: object) -> None:
        job = self._current(rid)
        if job is not None and job.on_partial is not None and not job.ctx.cancelled:
            job.on_partial(payload)

    def shutdown(self, timeout_ms: int = 30_000) -> bool:
        """Cancel everything and wait for the workers (on close and in tests)."""
        for job in self._pending.values():
            job.ctx.cancel_event.set()
        self._pool.clear()
        self._serial_pool.clear()
        ok = self._pool.waitForDone(timeout_ms) and self._serial_pool.waitForDone(timeout_ms)
        return bool(ok)

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Wait for every job to finish, cancelling none: writes that must land before
        their store closes."""
        return bool(self._pool.waitForDone(timeout_ms)
                    and self._serial_pool.waitForDone(timeout_ms))

    @property
    def pending_count(self) -> int:
        return len(self._pending)


class Operation(Generic[T]):
    """A named background operation, configured then run, in the manner of Anki's
    ``QueryOp(...).failure(...).with_progress(...).run_in_background()``::

        runner.op("search", lambda ctx: index.search(q)).success(show).failure(report).run()

    Why: one shape for every job (the window, the sessions and the docks all use it), so
    a failure path is always chosen explicitly; without ``failure()`` the failure is logged
    and reported through :mod:`reader.services.messages`, never dropped."""

    def __init__(self, runner: JobRunner, kind: str, work: Callable[[JobContext], T]) -> None:
        self._runner, self._kind, self._work = runner, kind, work
        self._done: Callable[[T], None] | None = None
        self._error: Callable[[JobFailure], None] | None = None
        self._progress: Callable[[int, int, str], None] | None = None
        self._partial: Callable[[Any], None] | None = None
        self._serial = False

    def success(self, fn: Callable[[T], None]) -> Operation[T]:
        self._done = fn
        return self

    def failure(self, fn: Callable[[JobFailure], None]) -> Operation[T]:
        def logged(failure: JobFailure) -> None:
            messages.log.warning("%s failed: %s\n%s", self._kind, failure, failure.traceback)
            fn(failure)

        self._error = logged
        return self

    def with_progress(self, fn: Callable[[int, int, str], None]) -> Operation[T]:
        self._progress = fn
        return self

    def with_partial(self, fn: Callable[[Any], None]) -> Operation[T]:
        self._partial = fn
        return self

    def serial(self) -> Operation[T]:
        """Run on the one-thread pool (the NER child is not re-entrant)."""
        self._serial = True
        return self

    def run(self) -> int:
        return self._runner.submit(self._kind, self._work, self._done, self._error,
                                   self._progress, self._partial, serial=self._serial)
