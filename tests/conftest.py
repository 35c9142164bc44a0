"""Test set-up: offscreen Qt and temporary data/cache directories, so no test ever touches
a real user's files.  Set before anything imports Qt."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_SESSION_TMP = tempfile.mkdtemp(prefix="reader-tests-")
os.environ["READER_DATA_DIR"] = os.path.join(_SESSION_TMP, "data")
os.environ["READER_CACHE_DIR"] = os.path.join(_SESSION_TMP, "cache")
os.environ["XDG_DATA_HOME"] = os.path.join(_SESSION_TMP, "xdg-data")
os.environ["XDG_CACHE_HOME"] = os.path.join(_SESSION_TMP, "xdg-cache")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_SESSION_TMP, "xdg-config")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_FILE = next(iter(sorted(SEEDS.glob("*.txt"))))


@pytest.fixture
def seed_text() -> str:
    return SEED_FILE.read_text(encoding="utf-8")


def _proc_state(stat: Path) -> tuple[str, str] | None:
    """``(state, parent pid)`` from a ``/proc/PID/stat`` file; None once the process is gone."""
    try:
        fields = stat.read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return fields[0], fields[1]


def running(pid: int) -> bool:
    """Whether a process runs, from the kernel's view (/proc), not multiprocessing's
    bookkeeping: a child reaped by another thread's wait() stays 'started' there forever."""
    state = _proc_state(Path(f"/proc/{pid}/stat"))
    return state is not None and state[0] not in ("Z", "X")


def _live_children() -> list[str]:
    """Child processes of this test run that are still running (zombies don't count)."""
    me = str(os.getpid())
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        fields = _proc_state(stat)
        if fields is None:
            continue
        if fields[1] == me and fields[0] != "Z":
            try:
                cmdline = (stat.parent / "cmdline").read_bytes()
            except OSError:
                continue
            if b"resource_tracker" in cmdline:  # multiprocessing's own, lives with us
                continue
            shown = cmdline.replace(bytes(1), b" ")[:120]
            out.append(f"{stat.parent.name}: {shown!r}")
    return out


@pytest.fixture(autouse=True)
def _no_leftover_workers() -> Iterator[None]:
    """Fail a test that leaves a worker process or a pooled thread running (napari-style)."""
    yield
    if not Path("/proc").is_dir():
        return
    import time

    deadline = time.monotonic() + 10
    while _live_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _live_children(), f"test left child processes running: {_live_children()}"
    try:
        from PySide6.QtCore import QThreadPool
    except ImportError:
        return
    pool = QThreadPool.globalInstance()
    assert pool.waitForDone(10_000), "test left jobs running in the global thread pool"


@pytest.fixture(scope="session", autouse=True)
def _french_translations(request: pytest.FixtureRequest) -> None:
    """The app installs its translators before any window (``reader/app.py``); the tests do
    the same, in French, when the .qm files are built (``make test`` builds them): plural
    forms then read "3 articles", as users see them."""
    from reader.services import i18n

    request.getfixturevalue("qapp")
    folder = i18n.I18N_DIR
    if not (folder / "reader_fr.qm").exists():  # pytest run without make: build them aside
        folder = Path(_SESSION_TMP) / "i18n"
        if not i18n.compile_translations(i18n.I18N_DIR, folder):
            return
    i18n.install("fr", folder)


@pytest.fixture(scope="session")
def qm_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The translations compiled from the repository's .ts files (as ``make`` does), for
    the tests that switch languages."""
    from reader.services import i18n

    out = tmp_path_factory.mktemp("i18n")
    if not i18n.compile_translations(i18n.I18N_DIR, out):
        pytest.skip("pyside6-lrelease not available")
    return out
