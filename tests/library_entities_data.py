"""A four-article library with its entities, shared by the Library Entities service and
dock tests: Blinken (two forms), Kiev, Moscou, OTAN, MSF; one undated article."""

from __future__ import annotations

from pathlib import Path

from reader.core.entities.batch import quick_version
from reader.core.entities.extractor import ArticleEntities, Entity
from reader.core.entities.index import EntityIndex
from reader.core.entities.postprocess import entity_key
from reader.core.library.index import ArticleRow

VERSION = quick_version()


def ents(*mentions: tuple[str, str]) -> ArticleEntities:
    return ArticleEntities(tuple(Entity(i, i + len(t), lab, t, entity_key(t, lab))
                                 for i, (t, lab) in enumerate(mentions)), ())


LIBRARY = {
    "a1": ("2024-05-02", 3, ents(("Antony Blinken", "PER"), ("Kiev", "LOC"), ("OTAN", "ORG"))),
    "a2": ("2024-05-20", 3, ents(("Blinken", "PER"), ("Kiev", "LOC"))),
    "a3": ("2024-07-01", 2, ents(("Antony Blinken", "PER"), ("Moscou", "LOC"))),
    "a4": ("", 0, ents(("Kiev", "LOC"), ("Moscou", "LOC"), ("Médecins sans frontières", "ORG"))),
}


def rows(folder: Path) -> list[ArticleRow]:
    return [ArticleRow(i, aid, str(folder / f"{aid}.txt"), f"Titre {aid}", date, prec, "AFP",
                       "", 10, f"h-{aid}") for i, (aid, (date, prec, _e)) in
            enumerate(LIBRARY.items(), 1)]


def index_library(cache_dir: Path) -> None:
    """Put every article's entities in the mention index (no extraction needed)."""
    assert VERSION is not None
    index = EntityIndex(cache_dir)
    index.add_many((f"h-{aid}", VERSION, e) for aid, (_d, _p, e) in LIBRARY.items())
    index.close()
