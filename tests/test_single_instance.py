"""One Reader per user, display and data directory: a second process hands its folder to
the first (real processes), and a socket left by a SIGKILLed instance is replaced."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from reader.services.single_instance import OpenRequest, display_name, socket_path

ROOT = Path(__file__).resolve().parent.parent
CHILD = ROOT / "tests" / "instance_child.py"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    return {**os.environ, "XDG_RUNTIME_DIR": str(runtime), "QT_QPA_PLATFORM": "offscreen",
            "PYTHONPATH": str(ROOT), "READER_DATA_DIR": str(tmp_path / "data")}


def _start(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, str(CHILD), env["READER_DATA_DIR"], *args],
                            env=env, stdout=subprocess.PIPE, text=True)


def _line(proc: subprocess.Popen[str]) -> str:
    assert proc.stdout is not None
    return proc.stdout.readline().strip()


def test_second_process_hands_its_folder_to_the_first(env: dict[str, str], tmp_path: Path) -> None:
    first = _start(env)
    try:
        assert _line(first) == "primary"
        second = _start(env, str(tmp_path))
        assert second.wait(timeout=60) == 0
        assert _line(second) == "forwarded"
        assert _line(first) == f"open {tmp_path}"
        assert first.wait(timeout=60) == 0
    finally:
        first.kill()
        first.wait()


def test_reader_command_forwards_to_the_running_instance(env: dict[str, str],
                                                         tmp_path: Path) -> None:
    """``reader FOLDER`` (the real command line) exits after handing FOLDER over."""
    first = _start(env)
    try:
        assert _line(first) == "primary"
        library = tmp_path / "library"
        library.mkdir()
        done = subprocess.run([sys.executable, "-m", "reader", str(library)], env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert _line(first) == f"open {library}"
        first.wait(timeout=60)
    finally:
        first.kill()
        first.wait()


def test_stale_socket_after_sigkill_is_replaced(env: dict[str, str], tmp_path: Path) -> None:
    first = _start(env)
    assert _line(first) == "primary"
    first.send_signal(signal.SIGKILL)
    first.wait()
    path = socket_path(env["READER_DATA_DIR"], env)
    assert path.exists()  # left behind by the crash
    second = _start(env)
    try:
        assert _line(second) == "primary"
        third = _start(env, str(tmp_path))
        assert third.wait(timeout=60) == 0 and _line(third) == "forwarded"
        assert _line(second) == f"open {tmp_path}"
        second.wait(timeout=60)
    finally:
        second.kill()
        second.wait()


def test_socket_name_is_per_display_and_data_directory(tmp_path: Path) -> None:
    base = {"XDG_RUNTIME_DIR": str(tmp_path), "DISPLAY": ":0"}
    assert display_name({"DISPLAY": ":1"}) == "1"
    assert display_name({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}) == "wayland-0"
    assert socket_path("a", base) != socket_path("b", base)
    assert socket_path("a", base) != socket_path("a", {**base, "DISPLAY": ":1"})
    assert socket_path("a", base).parent == tmp_path


def test_request_round_trip_and_garbage() -> None:
    request = OpenRequest("/x/ü", "reader://open?library=%2Fx")
    assert OpenRequest.decode(request.encode().strip()) == request
    for bad in (b"nonsense", b'{"version": 99}', b'{"version": 1, "library": 3}'):
        with pytest.raises(ValueError):
            OpenRequest.decode(bad)


class _Window:
    """What on_open_request uses of the main window."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.calls: list[tuple[str, object]] = []

    def open_library(self, folder: Path) -> None:
        self.calls.append(("open_library", folder))
        self.folder = folder

    def open_link(self, url: str) -> None:
        self.calls.append(("open_link", url))

    def isMinimized(self) -> bool:  # noqa: N802 (Qt's name)
        return True

    def showNormal(self) -> None:  # noqa: N802
        self.calls.append(("showNormal", None))

    def raise_(self) -> None:
        self.calls.append(("raise_", None))

    def activateWindow(self) -> None:  # noqa: N802
        self.calls.append(("activateWindow", None))


def test_open_request_opens_the_folder_and_brings_the_window_forward(tmp_path: Path) -> None:
    from reader.app import on_open_request, split_target

    window = _Window(tmp_path / "old")
    added: list[Path] = []

    class Recent:
        def add(self, folder: Path) -> None:
            added.append(folder)

    on_open_request(window, Recent(), OpenRequest(str(tmp_path), "reader://open?library=x"))
    assert window.calls == [("open_library", tmp_path), ("open_link", "reader://open?library=x"),
                            ("showNormal", None), ("raise_", None), ("activateWindow", None)]
    assert added == [tmp_path]
    window.calls.clear()
    on_open_request(window, None, OpenRequest(str(tmp_path / "missing")))
    assert window.calls[0] == ("showNormal", None)  # nothing to open: only comes forward
    assert split_target("file:///tmp/a%20b") == ("/tmp/a b", None)
    assert split_target("/x") == ("/x", None)
    assert split_target(None) == (None, None)
    assert split_target("reader://open?library=%2Fx")[1] == "reader://open?library=%2Fx"
