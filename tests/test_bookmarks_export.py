"""Export (Markdown, JSON, W3C Web Annotation) and import: lossless, idempotent."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.bookmarks.export import (
    ImportFormatError,
    export,
    parse_import,
    to_json,
    to_markdown,
    to_w3c,
)
from reader.core.bookmarks.store import Bookmark, BookmarkStore
from reader.core.library.parser import parse_text

TEXT = (" date 28 mai 2024 Sommet de l'OTAN - Vilnius (AFP)\n\n"
        "Les dirigeants de l'Alliance se retrouvent à Vilnius pour deux jours.\n\n"
        "« Nous devons tenir bon », a déclaré le secrétaire général devant la presse.\n")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[BookmarkStore]:
    s = BookmarkStore(tmp_path / "src")
    a = parse_text(TEXT, "/lib/otan-vilnius.txt")
    start = a.text.index("« Nous")
    s.add(a, start, start + len("« Nous devons tenir bon »"),
          note="Citation clé.\nÀ recouper.", colour="purple", tags=["otan", "citation"])
    start = a.text.index("Vilnius pour")
    s.add(a, start, start + len("Vilnius"))
    other = parse_text(" date 2023 Autre (Reuters)\n\nUn autre texte très court.\n",
                       "/lib/autre fichier.txt")
    s.add(other, 0, 9, tags=["divers"])
    yield s
    s.close()


@pytest.mark.parametrize("fmt", ["json", "w3c"])
def test_round_trip_loses_nothing_and_twice_adds_nothing(store: BookmarkStore, tmp_path: Path,
                                                         fmt: str) -> None:
    original = store.all()
    text = export(original, fmt)
    target = BookmarkStore(tmp_path / f"dst-{fmt}")
    imported = parse_import(text)
    assert sorted(imported, key=lambda b: b.id) == sorted(original, key=lambda b: b.id)
    assert target.merge(imported) == (3, 0, 0)
    assert target.merge(parse_import(text)) == (0, 0, 3)
    assert target.all() == original
    target.close()


def test_w3c_shape(store: BookmarkStore) -> None:
    doc = json.loads(to_w3c(store.all()))
    assert doc["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert doc["type"] == "AnnotationCollection" and doc["total"] == 3
    anno = next(a for a in doc["first"]["items"] if a["motivation"] == "commenting")
    assert anno["type"] == "Annotation" and anno["id"].startswith("urn:uuid:")
    kinds = {s["type"]: s for s in anno["target"]["selector"]}
    assert kinds["TextQuoteSelector"]["exact"] == "« Nous devons tenir bon »"
    assert kinds["TextQuoteSelector"]["suffix"].startswith(", a déclaré")
    pos = kinds["TextPositionSelector"]
    assert pos["end"] - pos["start"] == len("« Nous devons tenir bon »")
    assert {b["purpose"] for b in anno["body"]} == {"commenting", "tagging"}
    assert anno["target"]["source"] == "urn:reader:article:otan-vilnius"


def test_markdown_cites_the_article(store: BookmarkStore) -> None:
    md = to_markdown(store.all())
    assert md.startswith("# Marque-pages (3)")
    assert "## Sommet de l'OTAN - Vilnius" in md
    assert "> « « Nous devons tenir bon » »" in md
    assert "> — *Sommet de l'OTAN - Vilnius*, AFP, 28 mai 2024" in md
    assert "Citation clé.\nÀ recouper." in md
    assert "`#otan` `#citation`" in md
    assert "*Autre*, Reuters, 2023" in md


def test_json_is_versioned(store: BookmarkStore) -> None:
    doc = json.loads(to_json(store.all()))
    assert doc["format"] == "reader-bookmarks" and doc["version"] == 1
    assert [b["tags"] for b in doc["bookmarks"]] == [["divers"], [], ["otan", "citation"]]


def test_foreign_annotation_gets_a_stable_id() -> None:
    anno = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "https://hypothes.is/a/abc123",
        "type": "Annotation",
        "body": {"type": "TextualBody", "value": "intéressant"},
        "target": {"source": "file:///home/me/lib/otan%20vilnius.txt",
                   "selector": {"type": "TextQuoteSelector", "exact": "Vilnius"}},
    }
    [one] = parse_import(json.dumps(anno))
    [two] = parse_import(json.dumps({"type": "AnnotationPage", "items": [anno]}))
    assert one == two and one.article_id == "otan vilnius" and one.note == "intéressant"
    assert (one.start, one.end, one.content_hash) == (0, 7, "")  # re-anchored on opening


@pytest.mark.parametrize("text, message", [
    ("{oops", "not JSON"),
    ('{"format": "reader-bookmarks"}', "bookmarks"),
    ('{"format": "reader-bookmarks", "version": 9, "bookmarks": []}', "newer"),
    ('{"format": "reader-bookmarks", "bookmarks": [{"id": "x"}]}', "bookmark 1"),
    ('{"type": "Something"}', "Web Annotation"),
    ('[{"type": "Annotation", "id": "a", "target": "http://x"}]', "selector"),
    ('[{"type": "Annotation", "id": "a", "target": {"selector": []}}]', "TextQuoteSelector"),
])
def test_bad_files_are_clear_errors(text: str, message: str) -> None:
    with pytest.raises(ImportFormatError, match=message):
        parse_import(text)


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="format"):
        export([], "pdf")
    assert isinstance(Bookmark.from_dict, object)
