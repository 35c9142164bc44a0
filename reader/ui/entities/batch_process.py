"""Qt side of the library-wide entity extraction: one child process, its progress, its end.

Why QProcess: its output arrives as Qt signals on the GUI thread (no polling timer, no
thread), and stopping it is a signal to the child: nothing it committed is lost, since the
worker writes in SQLite transactions (see :mod:`reader.core.entities.batch`).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, Signal

from reader.core.entities.batch import Item, write_jobs
from reader.core.entities.extractor import DEFAULT_MODEL

JOB_FILE = "entity_jobs.json"
STDERR_KEEP = 4000


class EntityBatchProcess(QObject):
    """Runs ``python -m reader.core.entities.batch``; one run at a time."""

    sig_progress = Signal(int, int)
    sig_problem = Signal(str, str)
    sig_finished = Signal(object)  # the worker's summary dict (never sent after stop())
    sig_failed = Signal(str)  # a crash, with the end of its error output

    def __init__(self, cache_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cache_dir = Path(cache_dir)
        self._proc: QProcess | None = None
        self._buffer = b""
        self._stderr = b""
        self._summary: dict[str, object] | None = None
        self.last_progress = (0, 0)

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
            write_jobs(jobs, items, model)
        proc = QProcess(self)
        proc.setProgram(sys.executable)
        proc.setArguments(["-m", "reader.core.entities.batch", "--cache-dir",
                           str(self.cache_dir), "--jobs", str(jobs)])
        proc.readyReadStandardOutput.connect(self._on_stdout)
        proc.readyReadStandardError.connect(self._on_stderr)
        proc.finished.connect(self._on_finished)
        proc.errorOccurred.connect(self._on_error)
        self._proc, self._buffer, self._stderr, self._summary = proc, b"", b"", None
        self.last_progress = (0, len(items))
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
                proc.kill()
                proc.waitForFinished(timeout_ms)
        proc.deleteLater()

    # -- output ----------------------------------------------------------------------------
    def _on_stdout(self) -> None:
        proc = self._proc
        if proc is None:
            return
        self._buffer += bytes(proc.readAllStandardOutput().data())
        *lines, self._buffer = self._buffer.split(b"\n")
        for raw in lines:
            self._handle(raw.decode("utf-8", "replace").rstrip("\r"))

    def _handle(self, line: str) -> None:
        kind, _, rest = line.partition(" ")
        if kind == "progress":
            done, total = (int(x) for x in rest.split())
            self.last_progress = (done, total)
            self.sig_progress.emit(done, total)
        elif kind == "problem":
            path, _, reason = rest.partition("\t")
            self.sig_problem.emit(path, reason)
        elif kind == "summary":
            self._summary = json.loads(rest)
        elif kind == "error":
            self._stderr += rest.encode() + b"\n"

    def _on_stderr(self) -> None:
        proc = self._proc
        if proc is not None:
            self._stderr = (self._stderr + bytes(proc.readAllStandardError().data())
                            )[-STDERR_KEEP:]

    def _on_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        proc = self._proc
        if proc is None:
            return
        self._on_stdout()
        self._on_stderr()
        self._proc = None
        proc.deleteLater()
        if status == QProcess.ExitStatus.NormalExit and code == 0 and self._summary is not None:
            self.sig_finished.emit(self._summary)
        else:
            tail = self._stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
            self.sig_failed.emit(f"l'extraction des entités s'est arrêtée (code {code})"
                                 + (f" : {' / '.join(tail)}" if tail else ""))

    def _on_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and self._proc is not None:
            proc, self._proc = self._proc, None
            proc.deleteLater()
            self.sig_failed.emit(f"impossible de lancer l'extraction des entités ({sys.executable})")
