"""How a scan parses the files it (re)indexes: in this thread, or with spawned parsing
processes beside it (:mod:`reader.core.library.parse_worker`) for a first index.

Why a module of its own: :class:`reader.core.library.index.LibraryIndex` writes SQLite;
this is the producer it writes from — batches of :data:`BATCH_FILES` parsed files, in file
order, whatever parsed them, so row ids are the same as a scan in one thread.  The pool
parses quarter batches ahead; the writer parses whatever the pool has not handed out
rather than wait (it takes the share of the parsing that keeps both cores busy).
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, wait
from typing import TYPE_CHECKING

from reader.core.library.parse_worker import Parsed as _Parsed
from reader.core.library.parse_worker import parse_chunk_plain, parse_file, warm_up
from reader.core.lifetime import die_with_parent

if TYPE_CHECKING:  # multiprocessing's pool: ~10 ms of imports, only for a first index
    from concurrent.futures import ProcessPoolExecutor

BATCH_FILES = 500
POOL_MIN_FILES = 5_000  # below this, starting worker processes costs more than it saves
PIECES_PER_BATCH = 4  # the pool parses quarter batches: the writer helps in small steps


def parse_chunk(root: str, chunk: list[tuple[str, int, int]]) -> list[_Parsed]:
    return [parse_file(root, rel, size, mtime_ns) for rel, size, mtime_ns in chunk]


def start_pool(workers: int) -> ProcessPoolExecutor | None:
    """``workers`` *spawned* parsing processes (fork is unsafe under Qt threads), already
    starting (a first task makes them import this module), or None if they cannot."""
    from concurrent.futures.process import BrokenProcessPool, ProcessPoolExecutor
    from multiprocessing import get_context

    try:
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"),
                                   initializer=die_with_parent)
        pool.submit(warm_up)
    except (OSError, ValueError, RuntimeError, BrokenProcessPool):
        return None
    return pool


class EarlyPool:
    """The parsing pool of a first index, started while the walk is still listing: once
    :data:`POOL_MIN_FILES` files are listed the pool will be needed, and a spawned worker
    takes ~0.2 s to be ready (the walk of 100,000 files takes 0.4 s).  Not for rescans,
    whose listed files are mostly unchanged."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.pool: ProcessPoolExecutor | None = None

    def listed(self, count: int) -> None:
        if count >= POOL_MIN_FILES and self.workers > 0:
            self.pool = start_pool(self.workers)
            self.workers = 0  # once

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None


def parsed_batches(root: str, files: list[tuple[str, int, int]],
                    cancelled: Callable[[], bool] | None, workers: int,
                    started: ProcessPoolExecutor | None = None
                    ) -> Iterator[tuple[list[_Parsed], bool]]:
    """Yield ``(parsed batch, cancelled)`` in file order, :data:`BATCH_FILES` at a time.

    With ``workers`` > 0, batches are parsed by that many *spawned* processes (fork is unsafe
    under Qt threads; ``started``: a pool already starting) while the caller writes the
    previous ones; if the pool cannot start, parsing falls back to this thread.
    Cancellation is checked per file here, per batch in the pool."""
    chunks = [files[i:i + BATCH_FILES] for i in range(0, len(files), BATCH_FILES)]
    pool = started
    if pool is None and workers > 0:
        pool = start_pool(workers)
    if pool is None or workers <= 0:
        for chunk in chunks:
            batch: list[_Parsed] = []
            for rel, size, mtime_ns in chunk:
                if cancelled is not None and cancelled():
                    yield batch, True
                    return
                batch.append(parse_file(root, rel, size, mtime_ns))
            yield batch, False
        return
    try:
        yield from pooled_batches(pool, workers, root, chunks, cancelled)
    finally:
        if pool is not started:  # a pool passed in is its owner's to shut down
            pool.shutdown(wait=False, cancel_futures=True)


def pooled_batches(pool: ProcessPoolExecutor, workers: int, root: str,
                    chunks: list[list[tuple[str, int, int]]],
                    cancelled: Callable[[], bool] | None
                    ) -> Iterator[tuple[list[_Parsed], bool]]:
    """The pool parses ahead while the caller writes, in pieces of a quarter batch.  When
    the next piece due is not back, this thread parses the next piece not yet handed out
    instead of waiting (a few milliseconds: it takes the share of the parsing that keeps
    both cores busy); when none is left, it waits twice a piece's time, then parses the
    late piece itself (the pool's copy is dropped).  The first batch is parsed here while
    the pool starts.  Batches are still written whole and in file order (row ids are the
    same as a scan in one thread)."""
    from concurrent.futures.process import BrokenProcessPool

    pieces: list[list[tuple[str, int, int]]] = []
    bounds = [0]  # batch k is pieces[bounds[k]:bounds[k + 1]]
    for chunk in chunks:
        size = -(-len(chunk) // PIECES_PER_BATCH)
        pieces += [chunk[i:i + size] for i in range(0, len(chunk), size)]
        bounds.append(len(pieces))
    # piece index → its future, or its files parsed here (or None: parse it here)
    pending: deque[tuple[int, Future[list[tuple]] | list[_Parsed] | None]] = deque()  # type: ignore[type-arg]
    next_piece = bounds[1] if chunks else 0
    broken = False  # a worker died (killed, out of memory…): parse the rest here
    ahead = (workers + 1) * PIECES_PER_BATCH  # pieces in the pool's hands: bounded memory
    piece_seconds = 0.0  # how long this thread took to parse its last piece

    def parse_here(index: int) -> list[_Parsed]:
        nonlocal piece_seconds
        start = time.perf_counter()
        parsed = parse_chunk(root, pieces[index])
        piece_seconds = time.perf_counter() - start
        return parsed

    def hand_out() -> None:
        """Keep ``ahead`` pieces in the pool's hands."""
        nonlocal next_piece, broken
        in_pool = sum(1 for _, item in pending if isinstance(item, Future))
        while next_piece < len(pieces) and in_pool < ahead and not broken:
            try:
                future = pool.submit(parse_chunk_plain, root, pieces[next_piece])
            except (BrokenProcessPool, OSError, RuntimeError):
                broken = True
                return
            pending.append((next_piece, future))
            next_piece += 1
            in_pool += 1

    hand_out()  # the first batch: parsed here while the pool starts on the next ones
    pending.extendleft(reversed([(i, parse_here(i)) for i in range(next_piece and bounds[1])]))
    for number in range(len(chunks)):
        batch: list[_Parsed] = []
        for index in range(bounds[number], bounds[number + 1]):
            hand_out()
            if not pending:  # not handed out (the pool broke): parse it here
                pending.append((next_piece, None))
                next_piece += 1
            item = pending[0][1]
            while isinstance(item, Future) and not item.done():
                if next_piece < len(pieces) and len(pending) <= 2 * ahead:
                    pending.append((next_piece, parse_here(next_piece)))
                    next_piece += 1
                    continue
                if not wait([item], timeout=2 * piece_seconds).done:
                    item.cancel()  # (a piece already sent to a worker runs to its end)
                    item = None
                break
            pending.popleft()
            parsed: list[_Parsed] | None = None
            if isinstance(item, Future):
                try:
                    parsed = list(map(_Parsed._make, item.result()))
                except (BrokenProcessPool, OSError):
                    broken = True
            elif item is not None:
                parsed = item
            batch += parsed if parsed is not None else parse_here(index)
        stop = cancelled is not None and cancelled()
        yield batch, stop
        if stop:
            return
