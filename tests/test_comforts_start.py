"""Start-up comforts: the platform check before Qt, recent libraries, the start library,
the desktop entry (validated with desktop-file-validate)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader import desktop
from reader.platform_check import check, distribution, ensure_platform
from reader.services.recent import MAX_RECENT, RecentLibraries, startup_library
from reader.services.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


# -- platform check ---------------------------------------------------------------------------
def _os_release(tmp_path: Path, ident: str, like: str = "") -> Path:
    path = tmp_path / "os-release"
    path.write_text(f'NAME="X"\nID={ident}\nID_LIKE="{like}"\n', encoding="utf-8")
    return path


def _missing(name: str) -> str | None:
    return None


@pytest.mark.parametrize(("ident", "like", "package", "command"), [
    ("debian", "", "libxcb-cursor0", "apt"),
    ("linuxmint", "ubuntu debian", "libxcb-cursor0", "apt"),
    ("ubuntu", "debian", "libxcb-cursor0", "apt"),
    ("fedora", "", "xcb-util-cursor", "dnf"),
    ("arch", "", "xcb-util-cursor", "pacman"),
    ("endeavouros", "arch", "xcb-util-cursor", "pacman"),
])
def test_missing_xcb_cursor_names_the_package(tmp_path: Path, ident: str, like: str,
                                              package: str, command: str) -> None:
    env = {"DISPLAY": ":0"}
    result = check(env, _missing, _os_release(tmp_path, ident, like), "linux")
    assert not result.ok and result.package == package
    assert package in result.message and command in result.message


def test_present_library_or_other_platforms_start(tmp_path: Path) -> None:
    release = _os_release(tmp_path, "debian")
    assert check({"DISPLAY": ":0"}, lambda _n: "libxcb-cursor.so.0", release, "linux").ok
    assert check({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, _missing, release,
                 "linux").ok
    assert check({"DISPLAY": ":0"}, _missing, release, "darwin").ok
    assert check({}, _missing, release, "linux").ok  # no display: Qt says so itself


def test_wayland_session_is_used_when_xcb_cannot_load(tmp_path: Path) -> None:
    env = {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "QT_QPA_PLATFORM": "xcb"}
    result = check(env, _missing, _os_release(tmp_path, "fedora"), "linux")
    assert result.ok and result.platform == "wayland" and env["QT_QPA_PLATFORM"] == "wayland"
    # a Wayland session without a forced platform: Qt picks Wayland, nothing to do
    assert check({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, _missing,
                 _os_release(tmp_path, "fedora"), "linux").ok


def test_ensure_platform_prints_and_stops(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    env = {"DISPLAY": ":0"}
    assert ensure_platform(env, _missing, _os_release(tmp_path, "ubuntu"), "linux") == 1
    assert "sudo apt install libxcb-cursor0" in capsys.readouterr().err
    assert ensure_platform(env, lambda _n: "libxcb-cursor.so.0", platform="linux") == 0


def test_distribution_reads_os_release(tmp_path: Path) -> None:
    assert distribution(_os_release(tmp_path, "linuxmint", "ubuntu debian")) == (
        "linuxmint", "ubuntu", "debian")
    assert distribution(tmp_path / "missing") == ()


# -- recent libraries -------------------------------------------------------------------------
@pytest.fixture
def recent(qapp: object, tmp_path: Path) -> RecentLibraries:
    return RecentLibraries(Settings(tmp_path / "recent.ini"))


def test_recent_libraries_keep_ten_newest_first(recent: RecentLibraries, tmp_path: Path) -> None:
    folders = []
    for i in range(12):
        folder = tmp_path / f"lib{i}"
        folder.mkdir()
        folders.append(folder)
        recent.add(folder)
    recent.add(folders[5])
    paths = recent.paths()
    assert len(paths) == MAX_RECENT
    assert paths[0] == folders[5].resolve() and paths[1] == folders[11].resolve()
    assert paths.count(folders[5].resolve()) == 1


def test_missing_folder_is_listed_with_a_reason(recent: RecentLibraries, tmp_path: Path) -> None:
    gone, here, afile = tmp_path / "gone", tmp_path / "here", tmp_path / "file.txt"
    gone.mkdir()
    here.mkdir()
    afile.write_text("x")
    recent.add(here)
    recent.add(afile)
    recent.add(gone)
    gone.rmdir()
    entries = recent.entries()
    assert [e.path.name for e in entries] == ["gone", "file.txt", "here"]
    assert entries[0].reason == "Dossier introuvable" and not entries[0].available
    assert entries[1].reason == "N'est pas un dossier"
    assert entries[2].available
    start = startup_library(None, ROOT / "seeds", recent)
    assert start.path == here.resolve() and start.reason == "recent"
    assert [e.path.name for e in start.skipped] == ["gone", "file.txt"]


def test_start_library_argument_then_recent_then_seeds(recent: RecentLibraries,
                                                       tmp_path: Path) -> None:
    seeds = ROOT / "seeds"
    assert startup_library(None, seeds, recent).reason == "default"
    assert startup_library(str(tmp_path), seeds, recent).path == tmp_path
    recent.add(tmp_path)
    assert startup_library(None, seeds, recent).path == tmp_path.resolve()


# -- desktop entry ----------------------------------------------------------------------------
def test_install_desktop_into_xdg_data_home(tmp_path: Path) -> None:
    validate = shutil.which("desktop-file-validate")
    if validate is None:
        pytest.skip("desktop-file-validate (desktop-file-utils) is not installed")
    home = tmp_path / "xdg data"  # a space: the Exec line must quote it
    env = {**os.environ, "XDG_DATA_HOME": str(home), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "reader", "--install-desktop"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    entry, icon = desktop.targets(home)
    assert entry.is_file() and icon.is_file()
    text = entry.read_text(encoding="utf-8")
    assert "x-scheme-handler/reader" in text and "%u" in text
    checked = subprocess.run([validate, str(entry)], capture_output=True, text=True)
    assert checked.returncode == 0 and not checked.stdout.strip(), checked.stdout
    done = subprocess.run([sys.executable, "-m", "reader", "--uninstall-desktop"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert not entry.exists() and not icon.exists()


def test_exec_line_quotes_awkward_paths() -> None:
    line = desktop.desktop_entry(["/opt/my apps/bin/reader"])
    assert 'Exec="/opt/my apps/bin/reader" %u' in line
    assert desktop.desktop_entry(["/usr/bin/reader"]).count("Exec=/usr/bin/reader %u") == 1
