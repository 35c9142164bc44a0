"""Library-wide mention index: totals, grouping (Blinken ↔ Antony Blinken), co-mentions,
and the user's merges and splits remembered across re-opening."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from reader.core.entities.aliases import EntityAliases
from reader.core.entities.extractor import ArticleEntities, Entity
from reader.core.entities.index import EntityIndex, fold, surname_groups
from reader.core.entities.postprocess import entity_key

V = "test-model+rules1"


@dataclass(frozen=True)
class Row:
    id: str
    content_hash: str


def ents(*mentions: tuple[str, str]) -> ArticleEntities:
    """Entities from (surface, label) pairs; offsets do not matter to the index."""
    body = tuple(Entity(i, i + len(t), lab, t, entity_key(t, lab))
                 for i, (t, lab) in enumerate(mentions))
    return ArticleEntities(body, ())


LIBRARY = {
    "a1": ents(("Antony Blinken", "PER"), ("Blinken", "PER"), ("Kiev", "LOC"),
               ("l'OTAN", "ORG")),
    "a2": ents(("Blinken", "PER"), ("Kiev", "LOC"), ("OTAN", "ORG")),
    "a3": ents(("Antony Blinken", "PER"), ("Moscou", "LOC")),
    "a4": ents(("Kiev", "LOC"), ("Moscou", "LOC"), ("Vladimir Poutine", "PER")),
    "a5": ents(("Poutine", "PER"), ("Émmanuel Macron", "PER"), ("Macron", "PER"),
               ("Paris", "LOC"), ("Jean Macron", "PER")),
}


def build(tmp: Path, aliases: EntityAliases | None = None) -> EntityIndex:
    index = EntityIndex(tmp / "cache", aliases)
    index.add_many((f"h-{aid}", V, e) for aid, e in LIBRARY.items())
    index.set_scope([Row(aid, f"h-{aid}") for aid in LIBRARY], V)
    return index


@pytest.fixture
def index(tmp_path: Path):
    idx = build(tmp_path)
    yield idx
    idx.close()


def test_top_entities_counts_articles_and_mentions(index: EntityIndex) -> None:
    top = index.top_entities()
    by_key = {(s.key, s.label): s for s in top}
    kiev = by_key[("kiev", "LOC")]
    assert (kiev.article_count, kiev.mention_count, kiev.display) == (3, 3, "Kiev")
    assert top[0].article_count >= top[-1].article_count
    assert by_key[("otan", "ORG")].article_count == 2  # l'OTAN and OTAN are one key
    assert by_key[("otan", "ORG")].display in ("OTAN", "l'OTAN")
    assert [s.label for s in index.top_entities(label="LOC")] == ["LOC"] * 3


def test_surname_grouped_with_the_one_full_name_in_the_library(index: EntityIndex) -> None:
    blinken = index.summary("blinken", "PER")
    assert blinken is not None
    assert (blinken.key, blinken.display) == ("antony blinken", "Antony Blinken")
    assert blinken.article_count == 3  # a1 counted once although it has both forms
    assert blinken.mention_count == 4
    assert index.articles_for("blinken") == {"a1", "a2", "a3"}
    assert index.articles_for("antony blinken", "PER") == {"a1", "a2", "a3"}
    # Poutine: exactly one full name → grouped; Macron: two full names → left alone
    assert index.articles_for("poutine") == {"a4", "a5"}
    assert index.articles_for("macron") == {"a5"}
    keys = {s.key for s in index.top_entities(label="PER")}
    assert "blinken" not in keys and "macron" in keys
    assert sorted(index.members("blinken", "PER")) == [("antony blinken", "PER"),
                                                      ("blinken", "PER")]


def test_search_ignores_case_and_accents(index: EntityIndex) -> None:
    assert [s.key for s in index.top_entities(search="EMMANUEL")] == ["emmanuel macron"]
    assert [s.key for s in index.top_entities(search="émmanuel")] == ["emmanuel macron"]
    assert index.top_entities(search="100%_") == []
    assert fold("Émile") == "emile"


def test_co_mentions_rank_entities_sharing_articles(index: EntityIndex) -> None:
    co = index.co_mentions("kiev", "LOC")
    assert [(s.key, s.article_count) for s in co[:2]] == [("antony blinken", 2), ("otan", 2)]
    assert "kiev" not in {s.key for s in co}
    assert index.co_mentions("nobody") == []


def test_top_entities_of_a_subset(index: EntityIndex) -> None:
    top = index.top_entities(["a2", "a3"])
    by_key = {s.key: s.article_count for s in top}
    assert by_key == {"antony blinken": 2, "kiev": 1, "otan": 1, "moscou": 1}


def test_scope_limits_queries_and_duplicates_count_twice(tmp_path: Path) -> None:
    index = build(tmp_path)
    index.set_scope([Row("a1", "h-a1"), Row("copy", "h-a1"), Row("a4", "h-a4")], V)
    assert index.articles_for("kiev") == {"a1", "copy", "a4"}
    assert index.summary("kiev", "LOC").article_count == 3  # type: ignore[union-attr]
    assert index.summary("paris", "LOC") is None
    assert index.processed(V) == {f"h-{a}" for a in LIBRARY}
    assert index.processed("other") == set()
    index.close()


def test_merge_and_split_are_remembered(tmp_path: Path) -> None:
    aliases = EntityAliases(tmp_path / "data")
    index = build(tmp_path, aliases)
    aliases.merge(("kiev", "LOC"), [("moscou", "LOC")])
    index.invalidate()
    assert index.articles_for("moscou") == {"a1", "a2", "a3", "a4"}
    assert index.summary("kiev", "LOC").article_count == 4  # type: ignore[union-attr]
    aliases.split([("blinken", "PER")])  # undo an automatic grouping
    index.close()
    aliases.close()

    aliases = EntityAliases(tmp_path / "data")
    index = EntityIndex(tmp_path / "cache", aliases)
    index.set_scope([Row(aid, f"h-{aid}") for aid in LIBRARY], V)
    assert index.articles_for("moscou", "LOC") == {"a1", "a2", "a3", "a4"}
    assert "moscou" not in {s.key for s in index.top_entities()}
    assert index.articles_for("blinken") == {"a1", "a2"}
    assert index.articles_for("antony blinken") == {"a1", "a3"}
    aliases.split([m for m in index.members("kiev", "LOC") if m != ("kiev", "LOC")])
    index.invalidate()
    assert index.articles_for("moscou") == {"a3", "a4"}
    aliases.merge(("blinken", "PER"), [("antony blinken", "PER")])  # merge again, reversed
    index.invalidate()
    assert index.summary("antony blinken", "PER").key == "blinken"  # type: ignore[union-attr]
    index.close()
    aliases.close()


def test_purge_other_versions(tmp_path: Path) -> None:
    index = build(tmp_path)
    assert index.purge_other_versions("new") == len(LIBRARY)
    assert index.processed(V) == set()
    assert index.top_entities() == []
    index.close()


def test_surname_groups() -> None:
    assert surname_groups(["blinken", "antony blinken", "macron", "a macron", "b macron",
                           "dupont"]) == {"blinken": "antony blinken"}
