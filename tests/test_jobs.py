"""The background-job helper: results on the GUI thread, stale ones dropped, errors sent."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread

from reader.services.jobs import JobRunner


def test_result_arrives_on_gui_thread(qtbot) -> None:
    runner = JobRunner()
    seen: list[object] = []
    main_thread = QThread.currentThread()

    def work(ctx):
        assert QThread.currentThread() is not main_thread
        ctx.progress(1, 2, "")
        return 42

    runner.submit("k", work, lambda r: seen.append((r, QThread.currentThread() is main_thread)))
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [(42, True)]
    assert runner.shutdown()


def test_stale_results_are_dropped(qtbot) -> None:
    runner = JobRunner()
    gate = threading.Event()
    seen: list[str] = []

    def slow(_ctx):
        gate.wait(5)
        return "old"

    runner.submit("article", slow, seen.append)
    runner.submit("article", lambda _ctx: "new", seen.append)
    qtbot.waitUntil(lambda: seen == ["new"])
    gate.set()
    qtbot.waitUntil(lambda: runner.pending_count == 0)
    assert seen == ["new"]
    assert runner.shutdown()


def test_exceptions_become_failures(qtbot) -> None:
    runner = JobRunner()
    failures: list[object] = []

    def boom(_ctx):
        raise ValueError("bad file")

    runner.submit("k", boom, on_error=failures.append)
    qtbot.waitUntil(lambda: bool(failures))
    assert "bad file" in str(failures[0])
    assert "ValueError" in failures[0].traceback  # type: ignore[attr-defined]
    assert runner.shutdown()
