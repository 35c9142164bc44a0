"""Print and PDF: the document of an article (title, meta line, highlights, notes as
footnotes) and ``reader FILE --pdf out.pdf`` headless, read back with pdftotext."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor

from reader.core.bookmarks.store import BookmarkStore
from reader.core.library.parser import parse_text, read_article
from reader.services.article_document import meta_line
from reader.services.printing import (
    PRINT_COLOURS,
    PrintOptions,
    build_print_document,
    write_pdf,
)

ROOT = Path(__file__).resolve().parent.parent
TEXT = (" date 2024-05-28 Le conseil municipal vote le budget (La Gazette)\n\n"
        "Le maire a présenté hier soir un budget en hausse de trois pour cent.\n\n"
        "Les débats\n\n"
        "L'opposition a dénoncé <b>une fuite en avant</b> & des dépenses mal maîtrisées.\n")


def _pdftotext() -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return tool


def test_document_has_title_meta_highlights_and_notes(qapp: object, tmp_path: Path) -> None:
    article = parse_text(TEXT, tmp_path / "budget.txt")
    with BookmarkStore(tmp_path / "data") as store:
        start = article.text.index("une fuite")
        noted = store.add(article, start, start + len("une fuite en avant"),
                          note="Formule reprise par <i>le maire</i>", colour="green")
        plain = store.add(article, 3, 8)
    marks = []

    def entity_format(label: str, base: QTextCharFormat) -> QTextCharFormat:
        marks.append(label)
        fmt = QTextCharFormat(base)
        fmt.setUnderlineColor(QColor("#ad1457"))
        return fmt

    class Entity:
        start, end, label = 0, 2, "PER"

    doc = build_print_document(article, PrintOptions(
        bookmarks=[noted, plain], entities=[Entity()], entity_format=entity_format))
    text = doc.toPlainText()
    assert text.startswith(article.title)
    assert meta_line(article) in text and "La Gazette" in text
    assert "<b>une fuite en avant[1]</b>" in text  # plain text, marker after the passage
    assert "Notes" in text
    assert "[1] « une fuite en avant » — Formule reprise par <i>le maire</i>" in text
    assert text.count("[") == 2  # the bookmark without a note has no marker
    cursor = QTextCursor(doc)
    cursor.setPosition(text.index("fuite") + 1)
    assert cursor.charFormat().background().color() == QColor(PRINT_COLOURS["green"])
    assert set(marks) == {"PER"}  # one format per type and kind of block
    body = text.index(article.text[:20])
    cursor.setPosition(body + 1)
    assert cursor.charFormat().underlineColor() == QColor("#ad1457")  # the entity, marked
    cursor.setPosition(body + 4)
    assert cursor.charFormat().underlineColor() != QColor("#ad1457")


def test_orphaned_bookmark_note_is_kept(qapp: object, tmp_path: Path) -> None:
    article = parse_text(TEXT, tmp_path / "budget.txt")
    with BookmarkStore(tmp_path / "data") as store:
        b = store.add(article, 3, 8, note="perdue")
    edited = parse_text(TEXT.replace("Le maire a présenté", "Xyz wvu tsr")
                        .replace("budget en hausse", "qpo nml kji"), tmp_path / "budget.txt")
    from dataclasses import replace
    gone = replace(b, quote="entièrement introuvable ici", prefix="", suffix="")
    text = build_print_document(edited, PrintOptions(bookmarks=[gone])).toPlainText()
    assert "perdue" in text and "(passage introuvable)" in text


def test_write_pdf_refuses_an_unwritable_place(qapp: object, tmp_path: Path) -> None:
    article = parse_text(TEXT, tmp_path / "a.txt")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OSError):
        write_pdf(build_print_document(article), blocker / "out.pdf")


def test_headless_pdf_holds_title_and_note(tmp_path: Path) -> None:
    tool = _pdftotext()
    library = tmp_path / "lib"
    library.mkdir()
    source = library / "budget.txt"
    source.write_text(TEXT, encoding="utf-8")
    article = read_article(source)
    data = tmp_path / "data"
    with BookmarkStore(data) as store:
        start = article.text.index("trois pour cent")
        store.add(article, start, start + len("trois pour cent"),
                  note="Chiffre à vérifier auprès de la préfecture")
    out = tmp_path / "out.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY",
                                                           "WAYLAND_DISPLAY")}
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run([sys.executable, "-m", "reader", str(source), "--pdf", str(out),
                           "--data-dir", str(data)], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    text = subprocess.run([tool, "-layout", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(unicodedata.normalize("NFKC", text).split())  # ligatures (ﬁ) split
    assert "Le conseil municipal vote le budget" in flat
    assert "Chiffre à vérifier auprès de la préfecture" in flat
    assert "La Gazette" in flat


def test_headless_pdf_marks_the_entities_the_cache_holds(qapp: object, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str],
                                                         ) -> None:
    """``reader FILE --pdf``: entity marks as the window shows them when the article was
    analysed (from the cache, no model); otherwise none, and stderr says how to get them."""
    from reader.core.entities.cache import EntityCache
    from reader.core.entities.extractor import ArticleEntities, Entity, EntityExtractor
    from reader.pdf_cli import print_options

    source = tmp_path / "budget.txt"
    source.write_text(TEXT, encoding="utf-8")
    article = read_article(source)
    cache_dir = tmp_path / "cache"
    options = print_options(article, tmp_path / "data", cache_dir)
    assert options.entities == [] and "reader entities" in capsys.readouterr().err
    start = article.text.index("maire")
    cache = EntityCache(cache_dir)
    cache.put(article.content_hash, EntityExtractor(cache_dir=cache_dir).version,
              ArticleEntities((Entity(start, start + 5, "PER", "maire", "maire"),), ()))
    cache.close()
    options = print_options(article, tmp_path / "data", cache_dir)
    assert [e.label for e in options.entities] == ["PER"]
    doc = build_print_document(article, options)
    cursor = QTextCursor(doc)
    cursor.setPosition(doc.toPlainText().index("maire") + 2)
    assert cursor.charFormat().underlineStyle() != QTextCharFormat.UnderlineStyle.NoUnderline
