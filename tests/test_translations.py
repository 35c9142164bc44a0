"""Every string of the interface is in the Qt Linguist files, translated: lupdate run over
the code today finds nothing new in ``reader_en.ts`` (no string forgotten, none filed under
a context the app does not use at run time) and nothing unfinished in either file."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
LUPDATE = Path(sys.executable).with_name("pyside6-lupdate")


def _unfinished(ts: Path) -> list[tuple[str, str]]:
    out = []
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for message in ctx.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") in ("unfinished", "vanished"):
                out.append((name, message.findtext("source") or ""))
    return out


@pytest.mark.parametrize("lang,extra", [("en", []), ("fr", ["-pluralonly"])])
def test_every_string_is_extracted_and_translated(tmp_path: Path, lang: str,
                                                  extra: list[str]) -> None:
    if not LUPDATE.exists():
        pytest.skip("pyside6-lupdate not installed beside this Python")
    ts = tmp_path / f"reader_{lang}.ts"
    shutil.copy(I18N / ts.name, ts)
    subprocess.run([str(LUPDATE), "-extensions", "py", "-locations", "none", "-no-obsolete",
                    "-source-language", "fr_FR", "-target-language",
                    "en_GB" if lang == "en" else "fr_FR", *extra, str(ROOT / "reader"),
                    "-ts", str(ts)], check=True, capture_output=True)
    assert _unfinished(ts) == []
