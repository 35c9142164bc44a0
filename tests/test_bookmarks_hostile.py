"""Hostile bookmark files: the JSON and W3C importers raise nothing but
:class:`BookmarkImportError` with a worded reason, and a bad file saves nothing."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.bookmarks.export import to_json, to_w3c
from reader.core.bookmarks.importing import (
    MAX_DEPTH,
    BookmarkImportError,
    import_file,
    parse_import,
)
from reader.core.bookmarks.store import Bookmark, BookmarkStore

GOOD = {"id": "b1", "article_id": "a", "content_hash": "h", "start": 0, "end": 5,
        "quote": "texte", "prefix": "", "suffix": "", "note": "", "colour": "yellow",
        "tags": [], "created": "2024-05-28T10:00:00.000000+00:00",
        "modified": "2024-05-28T10:00:00.000000+00:00", "status": "anchored"}
ANNO = {"id": "urn:x:1", "type": "Annotation",
        "target": {"source": "urn:reader:article:a",
                   "selector": [{"type": "TextQuoteSelector", "exact": "texte"},
                                {"type": "TextPositionSelector", "start": 0, "end": 5}]}}


def reader_file(**changes: Any) -> str:
    return json.dumps({"format": "reader-bookmarks", "version": 1,
                       "bookmarks": [{**GOOD, **changes}]})


def w3c_file(**changes: Any) -> str:
    return json.dumps({"@context": "http://www.w3.org/ns/anno.jsonld",
                       "type": "AnnotationCollection",
                       "first": {"type": "AnnotationPage", "items": [{**ANNO, **changes}]}})


def with_selector(**changes: Any) -> str:
    target = {**ANNO["target"], "selector": [{"type": "TextQuoteSelector", "exact": "texte"},
                                             {"type": "TextPositionSelector", **changes}]}
    return w3c_file(target=target)


CASES = [
    ("[" * 100_000 + "]" * 100_000, "too_deep"),
    ('{"a":' * 50_000 + "1" + "}" * 50_000, "too_deep"),
    (json.dumps({"format": "reader-bookmarks", "version": "abc", "bookmarks": []}),
     "bad_version"),
    (json.dumps({"format": "reader-bookmarks", "version": True, "bookmarks": []}),
     "bad_version"),
    (json.dumps({"bookmarks": [GOOD], "format": "reader-bookmarks", "version": 7}),
     "newer_version"),  # the version after the list: found at the end, still refused
    (json.dumps({"bookmarks": [GOOD]}), "not_bookmarks"),
    (reader_file(modified=5), "bad_item"),
    (reader_file(note={}), "bad_item"),
    (reader_file(quote=[]), "bad_item"),
    (reader_file(start=10**30), "bad_item"),
    (reader_file(start=-1), "bad_item"),
    (reader_file(start=1.5), "bad_item"),
    (reader_file(end=True), "bad_item"),
    (reader_file(start=9, end=2), "bad_item"),
    (reader_file(tags=[1, 2]), "bad_item"),
    (reader_file(tags={"a": 1}), "bad_item"),
    (reader_file(colour="#ff0000"), "bad_item"),
    (reader_file(status="gone"), "bad_item"),
    (reader_file(id=None), "bad_item"),
    (json.dumps({"format": "reader-bookmarks", "bookmarks": [5]}), "bad_item"),
    (json.dumps({"format": "reader-bookmarks", "bookmarks": 5}), "not_bookmarks"),
    (json.dumps({"type": "AnnotationPage", "items": 5}), "not_bookmarks"),
    (json.dumps({"type": "AnnotationCollection", "first": {"items": 5}}), "not_bookmarks"),
    (json.dumps({"type": "AnnotationCollection", "first": "https://x/page1"}),
     "not_bookmarks"),
    (json.dumps({"type": "AnnotationCollection", "first": 5}), "not_bookmarks"),
    (w3c_file(target={"source": "x", "selector": 5}), "bad_item"),
    (w3c_file(target={"source": "x", "selector": [{"type": "TextQuoteSelector",
                                                   "exact": 7}]}), "bad_item"),
    (w3c_file(target=5), "bad_item"),
    (w3c_file(target={"source": 5, "selector": {"type": "TextQuoteSelector",
                                                 "exact": "x"}}), "bad_item"),
    (with_selector(start="x"), "bad_item"),
    (with_selector(start=3, end=1), "bad_item"),
    (with_selector(end=2**63), "bad_item"),
    (w3c_file(body={"type": "TextualBody", "value": {"x": 1}}), "bad_item"),
    (w3c_file(created=5), "bad_item"),
    (w3c_file(id=5), "bad_item"),
    (w3c_file(**{"reader:articleTitle": ["x"]}), "bad_item"),
    (w3c_file(type="Note"), "bad_item"),
    (json.dumps([{"type": "Annotation"}]), "bad_item"),
    (json.dumps("Annotation"), "not_bookmarks"),
    ("5", "not_bookmarks"),
    ("", "not_json"),
    ("{oops", "not_json"),
    ('{"a": NaN}', "not_json"),
    (w3c_file() + ' {"b": 2}', "not_json"),
    (reader_file() + " x", "not_json"),
    ("\ufeff{", "not_json"),
]


@pytest.mark.parametrize("text, code", CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_hostile_files_give_one_typed_worded_error(text: str, code: str) -> None:
    with pytest.raises(BookmarkImportError) as info:
        parse_import(text)
    assert info.value.code == code, str(info.value)
    assert str(info.value) and len(str(info.value)) < 400


def test_the_item_and_field_at_fault_are_named() -> None:
    doc = {"format": "reader-bookmarks", "version": 1,
           "bookmarks": [GOOD, {**GOOD, "id": "b2", "note": {}}]}
    with pytest.raises(BookmarkImportError, match="bookmark 2: note is not text") as info:
        parse_import(json.dumps(doc))
    assert (info.value.item, info.value.field) == (2, "note")
    with pytest.raises(BookmarkImportError, match="TextPositionSelector.start") as info:
        parse_import(with_selector(start="x"))
    assert info.value.item == 1


def test_lone_surrogates_and_controls_are_made_safe() -> None:
    [b] = parse_import(reader_file(note="a\ud800b", quote="\udfffx"))
    assert b.note == "a\ufffdb" and b.quote == "\ufffdx"
    item = json.dumps({**GOOD, "note": "x"}).replace('"x"', '"\\ud83d \\ud800 \\udfff"')
    raw = '{"format": "reader-bookmarks", "bookmarks": [' + item + "]}"
    [b] = parse_import(raw)
    b.note.encode("utf-8")  # storable and printable
    [w] = parse_import(w3c_file(body={"type": "TextualBody", "value": "\ud800"}))
    w.note.encode("utf-8")


def test_not_utf8_and_bom(tmp_path: Path) -> None:
    store = BookmarkStore(tmp_path / "data")
    bad = tmp_path / "latin1.json"
    bad.write_bytes(reader_file(note="é").replace("\\u00e9", "é").encode("latin-1"))
    with pytest.raises(BookmarkImportError) as info:
        import_file(store, bad)
    assert info.value.code in ("not_utf8", "not_json")
    bom = tmp_path / "bom.json"
    bom.write_bytes(b"\xef\xbb\xbf" + reader_file().encode())
    assert import_file(store, bom) == (1, 0, 0)
    store.close()


def test_timestamps_that_are_not_dates_are_left_out() -> None:
    [b] = parse_import(reader_file(created="hier", modified="2024-05-28"))
    assert b.created == "" and b.modified == "2024-05-28T00:00:00.000000+00:00"
    [w] = parse_import(w3c_file(created="2024-13-45T99:00:00Z"))
    assert w.created == "" and w.modified == ""


def test_a_bad_file_saves_nothing(tmp_path: Path) -> None:
    store = BookmarkStore(tmp_path / "data")
    many = [{**GOOD, "id": f"b{i}"} for i in range(50)]
    doc = {"format": "reader-bookmarks", "bookmarks": many + [{**GOOD, "start": "x"}]}
    path = tmp_path / "late-error.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(BookmarkImportError, match="bookmark 51"):
        import_file(store, path)
    late = tmp_path / "late-version.json"
    late.write_text(json.dumps({"bookmarks": many, "format": "reader-bookmarks",
                                "version": 99}), encoding="utf-8")
    with pytest.raises(BookmarkImportError, match="newer"):
        import_file(store, late)
    assert store.count() == 0
    store.close()


def test_files_that_are_not_files(tmp_path: Path) -> None:
    store = BookmarkStore(tmp_path / "data")
    with pytest.raises(BookmarkImportError, match="cannot read") as info:
        import_file(store, tmp_path / "missing.json")
    assert info.value.code == "unreadable"
    with pytest.raises(BookmarkImportError, match="not a regular file"):
        import_file(store, tmp_path)
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    with pytest.raises(BookmarkImportError, match="not a regular file"):
        import_file(store, fifo)  # must not wait for a writer
    store.close()


def test_nesting_just_under_the_limit_is_still_json() -> None:
    inner = MAX_DEPTH - 4  # inside the collection, its page, the items, an annotation
    ok = w3c_file(**{"reader:extra": json.loads("[" * inner + "]" * inner)})
    assert len(parse_import(ok)) == 1
    deeper = w3c_file(**{"reader:extra": json.loads("[" * (inner + 1) + "]" * (inner + 1))})
    with pytest.raises(BookmarkImportError, match="nested"):
        parse_import(deeper)


# -- fuzz -------------------------------------------------------------------------------------
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20)
KEYS = ["id", "article_id", "content_hash", "start", "end", "quote", "prefix", "suffix", "note",
        "colour", "tags", "created", "modified", "status", "original_quote", "type", "target",
        "selector", "source", "exact", "body", "value", "purpose", "items", "first",
        "bookmarks", "format", "version", "reader:colour", "reader:status", "bodyValue"]


def mutate(doc: Any, data: st.DataObject) -> Any:
    """Replace one value somewhere in ``doc`` by a random JSON value."""
    if isinstance(doc, dict) and doc and data.draw(st.booleans()):
        key = data.draw(st.sampled_from(sorted(doc) + KEYS))
        if key in doc and data.draw(st.booleans()):
            return {**doc, key: mutate(doc[key], data)}
        return {**doc, key: data.draw(json_values)}
    if isinstance(doc, list) and doc and data.draw(st.booleans()):
        i = data.draw(st.integers(0, len(doc) - 1))
        return doc[:i] + [mutate(doc[i], data)] + doc[i + 1:]
    return data.draw(json_values) if data.draw(st.booleans()) else doc


def _sample_files() -> list[Any]:
    b = Bookmark(id="0123456789abcdef0123456789abcdef", article_id="art", content_hash="h",
                 start=3, end=8, quote="texte", prefix="le ", suffix=" ici", note="n",
                 tags=("t",), created="2024-05-28T10:00:00.000000+00:00",
                 modified="2024-05-28T10:00:00.000000+00:00", original_quote="text")
    return [json.loads(to_json([b])), json.loads(to_w3c([b], creator="x")),
            json.loads(w3c_file()), [ANNO], ANNO]


SAMPLES = _sample_files()


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_fuzz_mutated_exports_never_crash(data: st.DataObject) -> None:
    doc = data.draw(st.sampled_from(SAMPLES))
    for _ in range(data.draw(st.integers(1, 4))):
        doc = mutate(doc, data)
    text = json.dumps(doc, allow_nan=False)
    try:
        imported = parse_import(text, data.draw(st.sampled_from(["auto", "json", "w3c"])))
    except BookmarkImportError as exc:
        assert exc.code in BookmarkImportError.CODES and str(exc)
        return
    for b in imported:  # what is accepted is storable as is
        for value in (b.id, b.quote, b.note, b.created, b.article_id, *b.tags):
            value.encode("utf-8")
        assert 0 <= b.start <= b.end < 2**31


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_fuzz_random_bytes_never_crash(raw: bytes) -> None:
    try:
        parse_import(raw.decode("utf-8", "surrogateescape"))
    except BookmarkImportError as exc:
        assert exc.code in BookmarkImportError.CODES
