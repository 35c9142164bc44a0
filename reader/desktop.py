"""``reader --install-desktop`` / ``--uninstall-desktop``: the launcher entry and icon.

Why: installed with pip into a virtual environment, Reader has no menu entry, no icon and
no handler for ``reader://`` links.  This writes ``resources/reader.desktop`` (with an
``Exec`` line that runs this very installation) and the icon under ``$XDG_DATA_HOME``
(default ``~/.local/share``), the per-user place every freedesktop launcher reads; no root
needed, and uninstalling removes exactly those files.  No Qt: it runs without a display.
"""

from __future__ import annotations

import logging
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

log = logging.getLogger("reader.desktop")
RESOURCES = Path(__file__).resolve().parent.parent / "resources"
DESKTOP_ID = "reader.desktop"
ICON_NAME = "reader"


def data_home(env: dict[str, str] | None = None) -> Path:
    env = dict(os.environ) if env is None else env
    value = env.get("XDG_DATA_HOME", "")
    return Path(value) if value and os.path.isabs(value) else Path.home() / ".local" / "share"


def targets(home: Path) -> tuple[Path, Path]:
    """Where the desktop file and the icon go."""
    return (home / "applications" / DESKTOP_ID,
            home / "icons" / "hicolor" / "scalable" / "apps" / f"{ICON_NAME}.svg")


def _quote_exec(arg: str) -> str:
    """An Exec argument per the Desktop Entry spec: double-quoted when needed, with
    ``"`` ``` ` ``` ``$`` ``\\`` escaped, and ``%`` doubled."""
    arg = arg.replace("%", "%%")
    if not any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`"):
        return arg
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
    return f'"{escaped}"'


def launch_command() -> list[str]:
    """How to run this installation: the ``reader`` script next to this Python (a venv's
    bin/), else ``reader`` on PATH, else ``python -m reader``."""
    beside = Path(sys.executable).with_name("reader")
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)]
    found = shutil.which("reader")
    if found:
        return [found]
    return [sys.executable, "-m", "reader"]


def desktop_entry(command: list[str] | None = None) -> str:
    """The bundled desktop file with its ``Exec`` line pointing at ``command``."""
    exec_line = " ".join(_quote_exec(a) for a in (command or launch_command())) + " %u"
    lines = []
    for line in (RESOURCES / DESKTOP_ID).read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            line = f"Exec={exec_line}"
        elif line.startswith("TryExec="):
            continue
        lines.append(line)
    return "\n".join(lines) + "\n"


def _refresh_caches(home: Path) -> None:
    """Best effort: the MIME cache (for ``reader://``) and the icon cache."""
    for tool, args in (("update-desktop-database", [str(home / "applications")]),
                       ("gtk-update-icon-cache", ["-q", "-t", str(home / "icons" / "hicolor")])):
        path = shutil.which(tool)
        if path is None:
            continue
        try:
            subprocess.run([path, *args], check=False, capture_output=True, timeout=30)
        except (OSError, subprocess.SubprocessError) as exc:
            log.info("%s failed: %s", tool, exc)


def install(home: Path | None = None, command: list[str] | None = None) -> list[Path]:
    """Write the desktop file and icon; returns what was written.  Raises OSError."""
    home = data_home() if home is None else home
    desktop, icon = targets(home)
    desktop.parent.mkdir(parents=True, exist_ok=True)
    icon.parent.mkdir(parents=True, exist_ok=True)
    tmp = desktop.with_name(desktop.name + ".tmp")
    tmp.write_text(desktop_entry(command), encoding="utf-8")
    os.replace(tmp, desktop)
    shutil.copyfile(RESOURCES / "reader.svg", icon)
    _refresh_caches(home)
    return [desktop, icon]


def uninstall(home: Path | None = None) -> list[Path]:
    """Remove what :func:`install` wrote; returns what was removed."""
    home = data_home() if home is None else home
    removed = []
    for path in targets(home):
        try:
            path.unlink()
            removed.append(path)
        except FileNotFoundError:
            pass
    _refresh_caches(home)
    return removed


def main(action: str) -> int:
    """``install`` or ``uninstall``, reporting on the terminal."""
    try:
        paths = install() if action == "install" else uninstall()
    except OSError as exc:
        print(f"reader: cannot {action} the desktop entry: {exc}", file=sys.stderr)
        return 1
    verb = "installed" if action == "install" else "removed"
    for path in paths:
        print(f"{verb} {path}")
    if action == "install":
        print("exec: " + shlex.join(launch_command()))
    elif not paths:
        print("nothing to remove")
    return 0
