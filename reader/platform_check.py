"""Before Qt starts: can its platform plugin load on this desktop?

Why: since Qt 6.5 the xcb (X11) plugin needs the system library libxcb-cursor, which
minimal desktops lack; PySide6 apps then abort with "Could not load the Qt platform plugin
xcb" and a wall of text.  Here the library is looked for (``ctypes.util.find_library``)
before QApplication exists; when it is missing, Reader uses Wayland if the session offers
it, else it says which package to install for the distribution and stops cleanly.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass
from pathlib import Path

# distribution (os-release ID or ID_LIKE word) → package that provides libxcb-cursor.so.0
PACKAGES = {
    "debian": "libxcb-cursor0", "ubuntu": "libxcb-cursor0", "linuxmint": "libxcb-cursor0",
    "pop": "libxcb-cursor0", "elementary": "libxcb-cursor0", "raspbian": "libxcb-cursor0",
    "fedora": "xcb-util-cursor", "rhel": "xcb-util-cursor", "centos": "xcb-util-cursor",
    "arch": "xcb-util-cursor", "manjaro": "xcb-util-cursor", "endeavouros": "xcb-util-cursor",
    "opensuse": "libxcb-cursor0", "suse": "libxcb-cursor0",
    "alpine": "xcb-util-cursor", "void": "xcb-util-cursor", "gentoo": "x11-libs/xcb-util-cursor",
}
# how each family installs a package
_COMMANDS = (
    (("debian", "ubuntu", "linuxmint", "pop", "elementary", "raspbian"), "sudo apt install {}"),
    (("fedora", "rhel", "centos"), "sudo dnf install {}"),
    (("arch", "manjaro", "endeavouros"), "sudo pacman -S {}"),
    (("opensuse", "suse"), "sudo zypper install {}"),
    (("alpine",), "sudo apk add {}"),
    (("void",), "sudo xbps-install {}"),
    (("gentoo",), "sudo emerge {}"),
)


@dataclass(frozen=True)
class PlatformCheck:
    """``ok``: Qt may start (``platform``: what was chosen, "" = Qt's own choice);
    otherwise ``message`` says what to install."""

    ok: bool
    platform: str = ""
    message: str = ""
    package: str = ""


def _tr(text: str) -> str:
    try:
        from PySide6.QtCore import QCoreApplication
    except ImportError:  # pragma: no cover - PySide6 is a dependency
        return text
    return QCoreApplication.translate("PlatformCheck", text)


def distribution(os_release: Path = Path("/etc/os-release")) -> tuple[str, ...]:
    """The os-release ``ID`` followed by its ``ID_LIKE`` words (lower case); () if unknown."""
    try:
        text = os_release.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ()
    values: dict[str, str] = {}
    for line in text.splitlines():
        key, _, value = line.partition("=")
        values[key.strip()] = value.strip().strip('"').strip("'").lower()
    return tuple(w for w in [values.get("ID", "")] + values.get("ID_LIKE", "").split() if w)


def package_for(ids: tuple[str, ...]) -> str:
    for word in ids:
        for key, package in PACKAGES.items():
            if word == key or word.startswith(key):
                return package
    return ""


def install_command(ids: tuple[str, ...], package: str) -> str:
    for word in ids:
        for family, command in _COMMANDS:
            if any(word == key or word.startswith(key) for key in family):
                return command.format(package)
    return package


def _find_library(name: str) -> str | None:
    """``ctypes.util.find_library``, imported only when asked (it costs ~6 ms of the start
    and is only needed on X11 without a platform chosen)."""
    import ctypes.util

    return ctypes.util.find_library(name)


def check(env: MutableMapping[str, str] | None = None,
          find_library: Callable[[str], str | None] = _find_library,
          os_release: Path = Path("/etc/os-release"), platform: str = sys.platform,
          ) -> PlatformCheck:
    """Decide before QApplication; sets ``QT_QPA_PLATFORM=wayland`` in ``env`` when that
    is the way out.  Only Linux and the xcb plugin are concerned."""
    env = os.environ if env is None else env
    if not platform.startswith("linux"):
        return PlatformCheck(True)
    chosen = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0]
    wayland = bool(env.get("WAYLAND_DISPLAY")) or env.get("XDG_SESSION_TYPE") == "wayland"
    if chosen and chosen != "xcb":
        return PlatformCheck(True, chosen)  # offscreen, wayland…: the user chose
    if not chosen and wayland:
        return PlatformCheck(True, "")  # Qt picks its Wayland plugin in a Wayland session
    if not chosen and not env.get("DISPLAY"):
        return PlatformCheck(True, "")  # no display at all: Qt's own message says so
    if find_library("xcb-cursor"):
        return PlatformCheck(True, chosen)
    if wayland and env.get("WAYLAND_DISPLAY"):
        env["QT_QPA_PLATFORM"] = "wayland"
        return PlatformCheck(True, "wayland", _tr(
            "libxcb-cursor est absente : Reader utilise Wayland."))
    ids = distribution(os_release)
    package = package_for(ids)
    if package:
        how = install_command(ids, package)
        message = _tr("Reader ne peut pas démarrer : la bibliothèque système libxcb-cursor "
                      "manque (Qt en a besoin pour afficher ses fenêtres sous X11).\n"
                      "Installez le paquet {package} :\n    {command}").format(
            package=package, command=how)
    else:
        message = _tr("Reader ne peut pas démarrer : la bibliothèque système libxcb-cursor "
                      "manque (Qt en a besoin pour afficher ses fenêtres sous X11).\n"
                      "Installez libxcb-cursor0 (Debian, Ubuntu, Mint) ou xcb-util-cursor "
                      "(Fedora, Arch).")
    return PlatformCheck(False, "xcb", message, package)


def ensure_platform(env: MutableMapping[str, str] | None = None,
                    find_library: Callable[[str], str | None] | None = None,
                    os_release: Path = Path("/etc/os-release"),
                    platform: str = sys.platform) -> int:
    """Run :func:`check`, tell the user (stderr) when something is wrong; 0 to go on,
    1 to stop (better than Qt's abort)."""
    result = check(env, find_library or _find_library, os_release, platform)
    if result.message:
        print(f"reader: {result.message}", file=sys.stderr)
    return 0 if result.ok else 1
