"""What a Linux screen reader (Orca) is given: Reader's AT-SPI tree, walked from outside.

Starts a virtual X display (Xvfb), a D-Bus session and the AT-SPI bus, launches
``reader seeds --new-window`` with ``QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1`` and fresh data,
settings and cache directories, then walks the accessibility tree with ``pyatspi`` (the
library Orca itself uses) and prints:

- objects: every object in the application's tree; interactive: visible controls a user
  acts on (buttons, check boxes, combos, text fields, tables, trees, lists, menu items…);
- unnamed: the visible interactive ones with no accessible name (each listed);
- combos without a label relation: combo boxes with no ``labelled-by`` relation (on Linux
  Qt gives a combo its current value as its name; Orca reads the label through this relation);
- the focus ring from the search box: F6 presses (list → reading pane → open docks → search
  box) and Tab presses, driven with xdotool, and the regions the focus reached.

Target: 0 unnamed, 0 combos without a label relation, every region reached by F6 and Tab.

    python benchmarks/audit_a11y.py [--docks reading|library|all|as-opened] [--tabs 80] [--verbose]

Needs the Debian/Ubuntu packages xvfb, at-spi2-core, python3-pyatspi, dbus-x11, xdotool, and
the libraries of Qt's xcb plugin (libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1…, found with
ldd): the script says which are missing.  ``pyatspi`` lives in the system Python:
when the running interpreter cannot import it, the script re-runs itself with
``/usr/bin/python3`` and launches Reader with the interpreter it was started with.
Exit status: 0 when the targets are met, 1 when not, 2 when a tool is missing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SYSTEM_PYTHON = "/usr/bin/python3"
ENV_APP_PYTHON = "READER_AUDIT_APP_PYTHON"
FIND_PYATSPI = "import importlib.util, sys; sys.exit(importlib.util.find_spec('pyatspi') is None)"
AT_SPI_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"

INTERACTIVE_ROLES = {
    "push button", "toggle button", "check box", "radio button", "combo box", "text", "entry",
    "password text", "table", "tree table", "tree", "list", "list box", "menu item",
    "check menu item", "radio menu item", "menu", "page tab", "spin button", "slider",
    "link", "push button menu", "progress bar", "document text", "document frame",
}
# named by their role and value in every toolkit: not counted as unnamed controls
UNNAMED_OK = {"scroll bar", "separator", "split pane", "filler", "panel"}


def missing_tools() -> list[str]:
    """The apt packages to install for what is absent."""
    missing = []
    for tool, package in (("Xvfb", "xvfb"), ("dbus-launch", "dbus-x11"),
                          ("xdotool", "xdotool")):
        if shutil.which(tool) is None:
            missing.append(package)
    if not Path(AT_SPI_LAUNCHER).exists():
        missing.append("at-spi2-core")
    # find_spec, not import: importing pyatspi without an AT-SPI bus aborts the process
    probe = subprocess.run([SYSTEM_PYTHON, "-c", FIND_PYATSPI], capture_output=True,
                           check=False) if Path(SYSTEM_PYTHON).exists() else None
    if probe is None or probe.returncode != 0:
        missing.append("python3-pyatspi")
    libs = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=False)
    if "libxcb-cursor.so" not in libs.stdout:
        missing.append("libxcb-cursor0")  # Qt's xcb platform plugin will not load without it
    missing += [p for p in _xcb_plugin_packages() if p not in missing]
    return missing


def _xcb_plugin_packages() -> list[str]:
    """Packages for the libraries Qt's xcb plugin cannot find (libxcb-icccm.so.4 →
    libxcb-icccm4), read with ldd from the PySide6 that will run Reader."""
    app_python = os.environ.get(ENV_APP_PYTHON, sys.executable)
    where = subprocess.run([app_python, "-c", "import os, PySide6; print(os.path.dirname("
                            "PySide6.__file__))"], capture_output=True, text=True, check=False)
    if where.returncode or shutil.which("ldd") is None:
        return []
    qt = Path(where.stdout.strip()) / "Qt"
    packages = []
    for lib in (qt / "plugins/platforms/libqxcb.so", qt / "lib/libQt6XcbQpa.so.6"):
        if not lib.exists():
            continue
        out = subprocess.run(["ldd", str(lib)], capture_output=True, text=True, check=False)
        for line in out.stdout.splitlines():
            if "not found" in line:
                name = line.split()[0]  # libxcb-icccm.so.4
                stem, _, version = name.partition(".so.")
                package = stem + ("-" if stem[-1].isdigit() else "") + version
                if package not in packages:
                    packages.append(package)
    return packages


# -- the environment ---------------------------------------------------------------------------
class Session:
    """Xvfb + D-Bus session + AT-SPI bus + Reader, torn down in reverse order."""

    def __init__(self, app_python: str, display: int = 94) -> None:
        self.app_python = app_python
        self.display = f":{display}"
        self.tmp = Path(tempfile.mkdtemp(prefix="reader-a11y-"))
        self.procs: list[subprocess.Popen] = []
        self.env = dict(os.environ)
        self.app: subprocess.Popen | None = None

    def _spawn(self, cmd: list[str], **kw: object) -> subprocess.Popen:
        proc = subprocess.Popen(cmd, env=self.env, stdout=subprocess.DEVNULL,  # noqa: S603
                                stderr=subprocess.DEVNULL, start_new_session=True, **kw)  # type: ignore[call-overload]
        self.procs.append(proc)
        return proc

    def start(self) -> None:
        self._spawn(["Xvfb", self.display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"])
        self.env["DISPLAY"] = self.display
        for _ in range(50):
            if subprocess.run(["xdotool", "getdisplaygeometry"], env=self.env,
                              capture_output=True, check=False).returncode == 0:
                break
            time.sleep(0.1)
        out = subprocess.run(["dbus-launch", "--sh-syntax"], env=self.env, capture_output=True,
                             text=True, check=True).stdout
        for line in out.splitlines():
            if "=" in line and line.startswith("DBUS_SESSION_BUS_"):
                key, value = line.rstrip(";").split("=", 1)
                self.env[key] = value.strip("'")
        self.dbus_pid = int(self.env.get("DBUS_SESSION_BUS_PID", "0"))
        self._spawn([AT_SPI_LAUNCHER, "--launch-immediately"])
        time.sleep(1.0)
        data = self.tmp / "data"
        self.env.update({
            "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1", "QT_ACCESSIBILITY": "1",
            "QT_QPA_PLATFORM": "xcb", "READER_CACHE_DIR": str(self.tmp / "cache"),
            "XDG_CONFIG_HOME": str(self.tmp / "config"), "PYTHONPATH": str(ROOT),
        })
        self.app_log = self.tmp / "reader.log"
        with self.app_log.open("wb") as log:
            self.app = subprocess.Popen(  # noqa: S603
                [self.app_python, "-m", "reader", str(ROOT / "seeds"), "--new-window", "--lang", "fr",
                 "--data-dir", str(data)], cwd=str(ROOT), env=self.env, stdout=log,
                stderr=subprocess.STDOUT, start_new_session=True)
        self.procs.append(self.app)

    def stop(self) -> None:
        for proc in reversed(self.procs):
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGTERM)
                    proc.wait(timeout=5)
                except (ProcessLookupError, subprocess.TimeoutExpired):
                    proc.kill()
        if getattr(self, "dbus_pid", 0):
            try:
                os.kill(self.dbus_pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        shutil.rmtree(self.tmp, ignore_errors=True)

    def key(self, *keys: str) -> None:
        subprocess.run(["xdotool", "key", "--clearmodifiers", *keys], env=self.env, check=False)
        time.sleep(0.35)

    def focus_window(self) -> None:
        assert self.app is not None
        found = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--pid",
                                str(self.app.pid), "--name", "Reader"], env=self.env,
                               capture_output=True, text=True, check=False, timeout=60)
        for wid in found.stdout.split():
            subprocess.run(["xdotool", "windowfocus", "--sync", wid], env=self.env, check=False)
            return


# -- the walk (system python, pyatspi) -------------------------------------------------------
def _app(pyatspi: object, pid: int, timeout: float = 90.0) -> object:
    desktop = pyatspi.Registry.getDesktop(0)  # type: ignore[attr-defined]
    end = time.time() + timeout
    while time.time() < end:
        for app in desktop:
            try:
                if app is not None and app.get_process_id() == pid and app.childCount:
                    return app
            except Exception:  # noqa: BLE001 - a dying app on the bus
                continue
        time.sleep(0.5)
    raise RuntimeError("Reader never appeared on the AT-SPI bus")


def _nodes(root: object) -> list[object]:
    out, stack = [], [root]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        out.append(node)
        try:
            role = node.getRoleName()  # type: ignore[attr-defined]
            if role in ("table", "tree table", "tree", "list", "list box"):
                continue  # cells are data, not controls
            stack.extend(node[i] for i in range(node.childCount - 1, -1, -1))  # type: ignore[index,attr-defined]
        except Exception:  # noqa: BLE001
            continue
    return out


def _visible(pyatspi: object, node: object) -> bool:
    states = node.getState()  # type: ignore[attr-defined]
    return bool(states.contains(pyatspi.STATE_SHOWING)  # type: ignore[attr-defined]
                and states.contains(pyatspi.STATE_VISIBLE))  # type: ignore[attr-defined]


def _path(node: object) -> str:
    parts = []
    while node is not None and len(parts) < 4:
        parts.append(f"{node.getRoleName()}:{node.name!r}")  # type: ignore[attr-defined]
        node = node.parent  # type: ignore[attr-defined]
    return " < ".join(parts)


def _focused(pyatspi: object, app: object) -> object | None:
    """The deepest focused object: a container whose focus proxy has the focus says it is
    focused too (Qt's ``hasFocus`` follows the proxy), the control comes after it."""
    found = []
    for node in _nodes(app):
        try:
            if node.getState().contains(pyatspi.STATE_FOCUSED):  # type: ignore[attr-defined]
                found.append(node)
        except Exception:  # noqa: BLE001
            continue
    # a scroll area's viewport says it is focused as well: the control is the one named
    controls = [n for n in found if n.getRoleName() not in ("filler", "panel")]  # type: ignore[attr-defined]
    return (controls or found or [None])[-1]


def _region(node: object | None) -> str:
    """The dock the focus is in (its title), else the focused control's own name."""
    if node is None:
        return "(none)"
    start = node
    while node is not None:
        try:
            attrs = dict(a.split(":", 1) for a in node.getAttributes() if ":" in a)  # type: ignore[attr-defined]
            cls = attrs.get("class", "")
            role = node.getRoleName()  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001
            break
        if "Dock" in cls or (role == "panel" and node.name  # type: ignore[attr-defined]
                             and node.parent is not None
                             and node.parent.getRoleName() == "frame"):  # type: ignore[attr-defined]
            return f"dock «{node.name}»"  # type: ignore[attr-defined]
        node = node.parent  # type: ignore[attr-defined]
    return f"{start.getRoleName()} «{start.name}»"  # type: ignore[attr-defined]


DOCKS = ("Entités de la bibliothèque", "Marque-pages", "Entités de l'article")


def _toggles(app: object) -> list[object]:
    """The dock toggles (toolbar check box, Affichage menu items), walking closed menus too."""
    out, stack = [], [app]
    while stack:
        node = stack.pop()
        try:
            role = node.getRoleName()  # type: ignore[attr-defined]
            if role in ("check box", "toggle button", "check menu item") and node.name in DOCKS:  # type: ignore[attr-defined]
                out.append(node)
            if role not in ("table", "tree table", "tree", "list", "list box"):
                stack.extend(node[i] for i in range(node.childCount))  # type: ignore[index,attr-defined]
        except Exception:  # noqa: BLE001
            continue
    return out


def _close_dock(app: object, title: str) -> None:
    """Press the Close button of the dock's title bar (its AT-SPI action)."""
    for node in _nodes(app):
        try:
            if node.getRoleName() != "panel" or node.name != title:  # type: ignore[attr-defined]
                continue
            for i in range(node.childCount):  # type: ignore[attr-defined]
                child = node[i]  # type: ignore[index]
                if child.getRoleName() == "push button" and child.name in ("Close", "Fermer"):
                    child.queryAction().doAction(0)
                    time.sleep(0.5)
                    return
        except Exception:  # noqa: BLE001
            continue


def _set_docks(pyatspi: object, app: object, wanted: set[str]) -> None:
    """Close the docks not in ``wanted`` (their Close buttons) and open the others (their
    toolbar or menu toggles), through AT-SPI actions as Orca would."""
    for title in DOCKS:
        if title not in wanted:
            _close_dock(app, title)
    done: set[str] = set()
    for node in _toggles(app):
        name = node.name  # type: ignore[attr-defined]
        if name in done:
            continue
        try:
            checked = node.getState().contains(pyatspi.STATE_CHECKED)  # type: ignore[attr-defined]
            done.add(name)
            if checked != (name in wanted):
                action = node.queryAction()  # type: ignore[attr-defined]
                names = [action.getName(i) for i in range(action.nActions)]
                # "Press" runs the tool button's action; "Toggle" only flips the button
                action.doAction(names.index("Press") if "Press" in names else 0)
                time.sleep(0.5)
                print(f"dock toggle {name!r}: actions {names}")
        except Exception:  # noqa: BLE001
            continue


def audit(args: argparse.Namespace) -> int:
    session = Session(os.environ.get(ENV_APP_PYTHON, sys.executable))
    try:
        session.start()
        os.environ.update(session.env)  # pyatspi connects to this session's bus on import
        import pyatspi  # noqa: PLC0415 - system python only, after the bus is up

        assert session.app is not None
        try:
            app = _app(pyatspi, session.app.pid)
        except RuntimeError as exc:
            print(exc, f"(exit status {session.app.poll()})")
            print(session.app_log.read_text(errors="replace")[-3000:])
            return 1
        time.sleep(args.settle)
        if args.docks != "as-opened":
            wanted = {"library": {DOCKS[0]}, "reading": set(DOCKS[1:]), "all": set(DOCKS)}
            _set_docks(pyatspi, app, wanted[args.docks])
            time.sleep(1.0)
        nodes = _nodes(app)
        visible = [n for n in nodes if _visible(pyatspi, n)]
        interactive = [n for n in visible if n.getRoleName() in INTERACTIVE_ROLES]
        unnamed = [n for n in interactive if not (n.name or "").strip()
                   and n.getRoleName() not in UNNAMED_OK]
        combos = [n for n in visible if n.getRoleName() == "combo box"]
        unlabelled = [n for n in combos if not any(
            r.getRelationType() == pyatspi.RELATION_LABELLED_BY for r in n.getRelationSet())]
        docks = sorted({_region(n) for n in visible if _region(n).startswith("dock")})
        print(f"docks shown: {len(docks)} {docks}")
        print(f"objects: {len(nodes)} (visible {len(visible)})")
        print(f"interactive: {len(interactive)}")
        print(f"unnamed: {len(unnamed)}")
        for n in unnamed:
            print("   ", _path(n))
        print(f"combos: {len(combos)}, without a label relation: {len(unlabelled)}")
        for n in unlabelled:
            print("   ", _path(n))
        if args.verbose:
            for n in combos:
                labels = [t.name for r in n.getRelationSet()
                          if r.getRelationType() == pyatspi.RELATION_LABELLED_BY
                          for t in (r.getTarget(i) for i in range(r.getNTargets()))]
                print(f"    combo {n.name!r} labelled by {labels}")

        # focus rings: from the search box (Ctrl+F focuses it)
        session.focus_window()
        expected = {"table «Articles»", "text «Article»",
                    "text «Rechercher dans la bibliothèque»", *docks}
        rings = {}
        for key, presses in (("F6", 8), ("Tab", args.tabs)):
            session.key("ctrl+f")
            start = _region(_focused(pyatspi, app))
            seen, back = [start], False
            for _ in range(presses):
                session.key(key)
                focused = _focused(pyatspi, app)
                region = _region(focused)
                if args.verbose:
                    print(f"    {key}: {_path(focused) if focused is not None else None}")
                if region == start:
                    back = True
                    break
                if region not in seen:
                    seen.append(region)
            rings[key] = (seen, back)
            print(f"{key} ring from {start}: {len(seen)} regions, back to the search box: "
                  f"{'yes' if back else 'no'}")
            print("    " + " → ".join(seen))
        missing = {k: sorted(expected - set(v[0])) for k, v in rings.items()}
        for key, regions in missing.items():
            print(f"regions not reached by {key}: {len(regions)} {regions if regions else ''}")
        ok = not unnamed and not unlabelled and not any(missing.values()) \
            and all(back for _, back in rings.values())
        print("targets met" if ok else "targets NOT met")
        return 0 if ok else 1
    finally:
        session.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docks", choices=["reading", "library", "all", "as-opened"],
                        default="reading",
                        help="docks to show: reading (Entités de l'article + Marque-pages), "
                             "library (Entités de la bibliothèque alone: it does not fit beside "
                             "the other two at 1600 px), all, or the window as it opens")
    parser.add_argument("--tabs", type=int, default=80, help="most Tab presses in the ring")
    parser.add_argument("--settle", type=float, default=4.0,
                        help="seconds to let the library open before walking")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    missing = missing_tools()
    if missing:
        print("missing: " + " ".join(missing))
        print("install: sudo apt-get install " + " ".join(missing))
        return 2
    if subprocess.run([sys.executable, "-c", FIND_PYATSPI], check=False).returncode:
        # the venv: walk with the system python, launch Reader with this one
        env = dict(os.environ, **{ENV_APP_PYTHON: sys.executable})
        return subprocess.run([SYSTEM_PYTHON, __file__, *sys.argv[1:]], env=env,
                              check=False).returncode
    return audit(args)


if __name__ == "__main__":
    sys.exit(main())
