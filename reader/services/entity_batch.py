"""The library-wide entity extraction's child process: start it, read its events, stop it.

Why QProcess: its output arrives as Qt signals on the GUI thread (no polling timer, no
thread), and stopping it is a signal to the child: nothing it committed is lost, since the
worker writes in SQLite transactions (see :mod:`reader.core.entities.batch`).  Its stdout
lines are decoded by :mod:`reader.core.entities.batch_protocol`, the module the child
encodes them with.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QProcess, Signal

from reader.core.entities import DEFAULT_MODEL
from reader.core.entities.batch_protocol import (
    BatchReport,
    ErrorLine,
    LineDecoder,
    Problem,
    Progress,
)

if TYPE_CHECKING:  # the batch module (and the extractor it imports) only when one runs
    from reader.core.entities.batch import Item

log = logging.getLogger("reader.entities.batch")

JOB_FILE = "entity_jobs.json"
STDERR_KEEP = 4000


class EntityBatchProcess(QObject):
    """Runs ``python -m reader.core.entities.batch``; one run at a time."""

    sig_progress = Signal(Progress)
    sig_finished = Signal(BatchReport)  # never sent after stop()
    sig_failed = Signal(str)  # a crash, worded, with the end of its error output

    def __init__(self, cache_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cache_dir = Path(cache_dir)
        self._proc: QProcess | None = None
        self._decoder = LineDecoder()
        self._stderr = b""
        self._report: BatchReport | None = None
        self.last_progress = Progress(0, 0)

    def is_running(self) -> bool:
        return self._proc is not None and self._proc.state() != QProcess.ProcessState.NotRunning

    @property
    def jobs_file(self) -> Path:
        return self.cache_dir / JOB_FILE

    def start(self, items: Sequence[Item], model: str = DEFAULT_MODEL,
              jobs_written: bool = False) -> None:
        """Start extracting ``items`` (a running job is stopped first).  With
        ``jobs_written`` the caller already wrote them to :attr:`jobs_file` off the GUI
        thread."""
        self.stop()
        jobs = self.jobs_file
        if not jobs_written:
            from reader.core.entities.batch import write_jobs

            write_jobs(jobs, items, model)
        proc = QProcess(self)
        proc.setProgram(sys.executable)
        proc.setArguments(["-m", "reader.core.entities.batch", "--cache-dir",
                           str(self.cache_dir), "--jobs", str(jobs)])
        proc.readyReadStandardOutput.connect(self._on_stdout)
        proc.readyReadStandardError.connect(self._on_stderr)
        proc.finished.connect(self._on_finished)
        proc.errorOccurred.connect(self._on_error)
        self._proc, self._decoder, self._stderr, self._report = proc, LineDecoder(), b"", None
        self.last_progress = Progress(0, len(items))
        proc.start()

    def stop(self, timeout_ms: int = 5000) -> None:
        """Stop the worker and wait for it (terminate, then kill); no signal follows."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        for signal in (proc.readyReadStandardOutput, proc.readyReadStandardError,
                       proc.finished, proc.errorOccurred):
            signal.disconnect()
        if proc.state() != QProcess.ProcessState.NotRunning:
            proc.terminate()
            if not proc.waitForFinished(timeout_ms):
                log.warning("the entity extraction process ignored terminate(); killed")
                proc.kill()
                proc.waitForFinished(timeout_ms)
        proc.deleteLater()

    # -- output ----------------------------------------------------------------------------
    def _on_stdout(self, final: bool = False) -> None:
        proc = self._proc
        if proc is None:
            return
        events = self._decoder.feed(bytes(proc.readAllStandardOutput().data()))
        if final:
            events += self._decoder.flush()
        for event in events:
            if isinstance(event, Progress):
                self.last_progress = event
                self.sig_progress.emit(event)
            elif isinstance(event, Problem):
                log.warning("entity extraction skipped %s: %s", event.path, event.reason)
            elif isinstance(event, BatchReport):
                self._report = event
            elif isinstance(event, ErrorLine):
                self._stderr += event.text.encode() + b"\n"

    def _on_stderr(self) -> None:
        proc = self._proc
        if proc is not None:
            self._stderr = (self._stderr + bytes(proc.readAllStandardError().data())
                            )[-STDERR_KEEP:]

    def _on_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        proc = self._proc
        if proc is None:
            return
        self._on_stdout(final=True)
        self._on_stderr()
        self._proc = None
        proc.deleteLater()
        if (status == QProcess.ExitStatus.NormalExit and code == 0
                and self._report is not None):
            self.sig_finished.emit(self._report)
            return
        errors = self._stderr.decode("utf-8", "replace").strip()
        log.error("entity extraction process ended with code %s:\n%s", code, errors)
        tail = errors.splitlines()[-3:]
        text = self.tr("l'extraction des entités s'est arrêtée (code {code})").format(code=code)
        self.sig_failed.emit(text + (f" : {' / '.join(tail)}" if tail else ""))

    def _on_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and self._proc is not None:
            proc, self._proc = self._proc, None
            proc.deleteLater()
            log.error("cannot start the entity extraction process (%s)", sys.executable)
            self.sig_failed.emit(self.tr("impossible de lancer l'extraction des entités ({exe})")
                                 .format(exe=sys.executable))
