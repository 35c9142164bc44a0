"""reader/core must stay free of widgets (napari-style import rule)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "reader" / "core"


def test_core_sources_do_not_mention_widgets() -> None:
    for path in CORE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "QtWidgets" not in text, path.name


def test_importing_core_loads_no_widgets() -> None:
    modules = sorted(".".join(p.relative_to(CORE).with_suffix("").parts) for p in CORE.rglob("*.py")
                     if p.stem != "__init__")
    code = (
        "import sys\n"
        + "".join(f"import reader.core.{m}\n" for m in modules)
        + "bad = [m for m in sys.modules if m.startswith('PySide6.QtWidgets')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_importing_services_loads_no_widgets() -> None:
    services = CORE.parent / "services"
    modules = sorted(p.stem for p in services.glob("*.py") if p.stem != "__init__")
    code = (
        "import sys\n"
        + "".join(f"import reader.services.{m}\n" for m in modules)
        + "bad = [m for m in sys.modules if m.startswith('PySide6.QtWidgets')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
