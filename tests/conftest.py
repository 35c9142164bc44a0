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
def data_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, Path]]:
    """Fresh data and cache directories for one test, also exported to the environment."""
    data, cache = tmp_path / "data", tmp_path / "cache"
    monkeypatch.setenv("READER_DATA_DIR", str(data))
    monkeypatch.setenv("READER_CACHE_DIR", str(cache))
    yield data, cache


@pytest.fixture
def seed_text() -> str:
    return SEED_FILE.read_text(encoding="utf-8")
