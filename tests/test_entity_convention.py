"""The span convention: a person span is the name, a date span is the date without its
preposition (issue 13).  The pure functions are checked without the model; the last tests
run the real extractor (trained ner + rules)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from reader.core.entities.extractor import EntityExtractor
from reader.core.entities.postprocess import name_bounds
from reader.core.entities.rules import find_dates


@pytest.mark.parametrize(("span", "name"), [
    ("M. Gambetta", "Gambetta"),
    ("le général Dufour", "Dufour"),
    ("M. le prince de Bismarck", "de Bismarck"),
    ("MM. le conseiller fédéral Bavier", "Bavier"),
    ("Mme de Staël", "de Staël"),
    ("M. Jules Mahias", "Jules Mahias"),
    ("l'abbé Pierre", "Pierre"),
    ("M. et Mme Dupont", "Dupont"),
    ("Président Wilson", "Wilson"),
    ("Le Pen", "Le Pen"),  # an article that is part of the name
    ("Marie Curie", "Marie Curie"),
    ("Général", "Général"),  # nothing would remain: kept whole
    ("État Blinken", "Blinken"),  # the function's complement, after "le secrétaire d'"
])
def test_person_span_is_the_name(span: str, name: str) -> None:
    text = f"Hier, le secrétaire d'{span} est arrivé."
    at = text.index(span)
    start, end = name_bounds(text, at, at + len(span))
    assert text[start:end] == name


@pytest.mark.parametrize(("text", "dates"), [
    ("la mobilisation du 3 août 1914 fut", ["3 août 1914"]),
    ("Paris, le 14 juillet 1789.", ["14 juillet 1789"]),
    ("en mai 1968 les étudiants", ["mai 1968"]),
    ("depuis 1914, rien", ["1914"]),
])
def test_date_span_has_no_preposition(text: str, dates: list[str]) -> None:
    assert [text[s:e] for s, e in find_dates(text)] == dates


@pytest.fixture(scope="module")
def extractor() -> Iterator[EntityExtractor]:
    ex = EntityExtractor()
    ex.load()
    yield ex


@pytest.mark.slow
def test_extractor_marks_names_and_dates(extractor: EntityExtractor) -> None:
    text = ("M. le prince de Bismarck a reçu hier à Berlin le général Dufour et M. Ronjat, "
            "sénateur. La conférence du 3 août 1914 s'est tenue à Genève.")
    ents = {(e.text, e.label) for e in extractor.extract(text)}
    assert ("de Bismarck", "PER") in ents
    assert ("Dufour", "PER") in ents
    assert ("Ronjat", "PER") in ents
    assert ("3 août 1914", "DATE") in ents
    assert ("Berlin", "LOC") in ents and ("Genève", "LOC") in ents
    assert not any(t.startswith(("M.", "le général", "du ")) for t, _ in ents)
