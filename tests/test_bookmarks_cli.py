"""``reader bookmarks list|export|import`` without a display."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.bookmarks_cli import main
from reader.core.bookmarks.store import BookmarkStore
from reader.core.library.parser import parse_text

TEXT = (" date 2024-05 Jens Stoltenberg - OTAN (AFP)\n\n"
        "Le secrétaire général de l'Alliance a appelé les alliés à livrer davantage d'armes.\n")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    store = BookmarkStore(folder)
    a = parse_text(TEXT, "/lib/stoltenberg.txt")
    start = a.text.index("livrer davantage")
    store.add(a, start, start + len("livrer davantage d'armes"), note="à suivre",
              tags=["otan"])
    store.close()
    return folder


def test_list(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--data-dir", str(data)]) == 0
    out = capsys.readouterr()
    assert "« livrer davantage d'armes »" in out.out and "#otan" in out.out
    assert "à suivre" in out.out and "1 marque-page" in out.err
    assert main(["--data-dir", str(data), "list", "--tag", "absent"]) == 0
    assert capsys.readouterr().out == ""


def test_export_import_round_trip(data: Path, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in ("json", "w3c"):
        out = tmp_path / f"export.{fmt}"
        assert main(["export", "--data-dir", str(data), "--format", fmt, "-o", str(out)]) == 0
        other = tmp_path / f"other-{fmt}"
        assert main(["import", "--data-dir", str(other), str(out)]) == 0
        assert "1 added" in capsys.readouterr().out
        assert main(["import", "--data-dir", str(other), str(out)]) == 0
        assert "0 added, 0 updated, 1 already present" in capsys.readouterr().out
        a, b = BookmarkStore(data), BookmarkStore(other)
        assert a.all() == b.all()
        a.close()
        b.close()


def test_export_markdown_to_stdout(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "*Jens Stoltenberg - OTAN*, AFP, mai 2024" in out


def test_import_errors(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "--data-dir", str(data), str(tmp_path / "missing.json")]) == 1
    assert "cannot read" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text('{"type": "nope"}', encoding="utf-8")
    assert main(["import", "--data-dir", str(data), str(bad)]) == 1
    assert "bad.json" in capsys.readouterr().err


def test_runs_without_display_or_widgets(data: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    code = ("import sys; from reader.__main__ import main; rc = main(['bookmarks', 'export', "
            f"'--format', 'json', '--data-dir', {str(data)!r}]); "
            "assert 'PySide6.QtWidgets' not in sys.modules, 'widgets imported'; "
            "assert 'PySide6.QtGui' not in sys.modules, 'gui imported'; sys.exit(rc)")
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["bookmarks"][0]["note"] == "à suivre"


def test_w3c_export_names_its_creator(data: Path, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(["export", "--data-dir", str(data), "--format", "w3c",
                 "--creator", "Marie Curie"]) == 0
    doc = json.loads(capsys.readouterr().out)
    [anno] = doc["first"]["items"]
    assert anno["creator"] == {"type": "Person", "name": "Marie Curie"}
    assert doc["id"].startswith("urn:uuid:") and doc["first"]["id"].startswith("urn:uuid:")
    monkeypatch.setenv("LOGNAME", "lecteur")
    assert main(["export", "--data-dir", str(data), "--format", "w3c"]) == 0
    [anno] = json.loads(capsys.readouterr().out)["first"]["items"]
    assert anno["creator"]["name"] == "lecteur"


def test_import_of_a_hostile_file_is_one_line(data: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "deep\x1b[31m.json"
    bad.write_text("[" * 100_000, encoding="utf-8")
    assert main(["import", "--data-dir", str(data), str(bad)]) == 1
    err = capsys.readouterr().err
    assert "nested more than" in err and "\x1b" not in err and "Traceback" not in err
