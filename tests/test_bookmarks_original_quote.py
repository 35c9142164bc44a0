"""A bookmark re-anchored on edited text (``moved``) keeps the quote it was made on beside
the new one: in the store (schema 2, migrated with a backup), in JSON and W3C exports."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from reader.core.bookmarks.export import parse_import, to_json, to_markdown, to_w3c
from reader.core.bookmarks.store import ANCHORED, MIGRATIONS, MOVED, BookmarkStore
from reader.core.library.parser import Article, parse_text
from reader.core.storage import ReadOnly

HEADER = " date 2024-05-28 Budget 2025 - France (AFP)"
BODY = ("Le gouvernement a présenté mardi son projet de budget pour l’année prochaine.\n\n"
        "Selon le ministre, le déficit public devrait être ramené à 4,4 % du produit intérieur "
        "brut d’ici la fin de l’année.\n\n"
        "L’opposition a aussitôt dénoncé un budget d’austérité qui pénalise les ménages.\n")
PASSAGE = "le déficit public devrait être ramené à 4,4 % du produit intérieur brut"


def article(body: str = BODY) -> Article:
    return parse_text(HEADER + "\n\n" + body, "/lib/budget.txt")


def add(store: BookmarkStore, a: Article, phrase: str = PASSAGE, note: str = "") -> str:
    start = a.text.index(phrase)
    return store.add(a, start, start + len(phrase), note=note).id


def test_moved_keeps_the_original_quote_through_several_edits(tmp_path: Path) -> None:
    store = BookmarkStore(tmp_path)
    a = article()
    bid = add(store, a, note="chiffre")
    assert store.get(bid).original_quote == ""
    edited = article(BODY.replace("4,4 % du produit intérieur", "4,5 % du produit national"))
    [moved] = store.reanchor(edited)
    assert moved.status == MOVED and moved.original_quote == PASSAGE
    assert moved.quote != PASSAGE and "4,5 %" in moved.quote
    assert store.get(bid) == moved and moved.note == "chiffre"
    again = article(BODY.replace("4,4 % du produit intérieur", "4,6 % du produit national"))
    [twice] = store.reanchor(again)
    assert twice.status == MOVED and twice.original_quote == PASSAGE  # the first one kept
    store.close()


def test_anchored_and_reattached(tmp_path: Path) -> None:
    store = BookmarkStore(tmp_path)
    a = article()
    bid = add(store, a)
    shifted = article("Un paragraphe ajouté en tête.\n\n" + BODY)
    [same] = store.reanchor(shifted)
    assert same.status == ANCHORED and same.original_quote == ""  # same text, new offset
    start = shifted.text.index("budget d’austérité")
    fixed = store.reattach(bid, shifted, start, start + len("budget d’austérité"))
    assert fixed.quote == "budget d’austérité" and fixed.original_quote == PASSAGE
    store.close()


def test_exports_carry_it(tmp_path: Path) -> None:
    store = BookmarkStore(tmp_path)
    add(store, article())
    store.reanchor(article(BODY.replace("4,4 % du produit intérieur", "4,5 % du produit national")))
    [moved] = store.all()
    store.close()
    assert json.loads(to_json([moved]))["bookmarks"][0]["original_quote"] == PASSAGE
    anno = json.loads(to_w3c([moved], creator="x"))["first"]["items"][0]
    assert anno["reader:originalQuote"] == PASSAGE
    assert parse_import(to_json([moved])) == [moved] == parse_import(to_w3c([moved]))
    assert f"Passage d'origine : « {PASSAGE} »" in to_markdown([moved])


def test_a_version_1_store_is_migrated_with_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0])
    conn.execute("INSERT INTO bookmarks (id, article_id, start_offset, end_offset, quote, "
                 "created, modified) VALUES ('b1', 'budget', 3, 9, 'budget', 't', 't')")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    store = BookmarkStore(tmp_path)
    [b] = store.all()
    assert (b.id, b.quote, b.original_quote) == ("b1", "budget", "")
    assert store.db.backups == [tmp_path / "bookmarks.sqlite3.bak-v1"]
    backup = sqlite3.connect(store.db.backups[0])
    assert backup.execute("SELECT id FROM bookmarks").fetchall() == [("b1",)]
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 1
    backup.close()
    assert store.db.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) == 2
    store.close()


def test_a_read_only_version_1_store_is_still_listed(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "bookmarks.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0])
    conn.execute("INSERT INTO bookmarks (id, article_id, start_offset, end_offset, quote, "
                 "created, modified) VALUES ('b1', 'budget', 3, 9, 'budget', 't', 't')")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    import reader.core.bookmarks.store as module

    def refuse(*_args: object, **_kw: object) -> None:
        raise ReadOnly("the data directory is read-only: changes cannot be saved")

    monkeypatch.setattr(module, "open_database", refuse)
    store = BookmarkStore(tmp_path)
    assert store.read_only
    assert [(b.id, b.original_quote) for b in store.all()] == [("b1", "")]
    store.close()
