"""Rules that need no model: dates, quantities, span boundaries, keys."""

from __future__ import annotations

import pytest

from reader.core.entity_postprocess import clean_bounds, entity_key, titled_names
from reader.core.entity_rules import find_dates, find_quantities, valid_date


def _spans(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[s:e] for s, e in spans]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Elle est née le 28 mai 2024 à Lyon.", ["28 mai 2024"]),
        ("Depuis le 1er janvier 1937, rien.", ["1er janvier 1937"]),
        ("Le texte date de mai 2024.", ["mai 2024"]),
        ("En 1937, la ville a grandi.", ["1937"]),
        ("Rendez-vous lundi 3 juin.", ["lundi 3 juin"]),
        ("Signé le 28/05/2024.", ["28/05/2024"]),
        ("Le 1er janvier, tout recommence.", ["1er janvier"]),
    ],
)
def test_dates(text: str, expected: list[str]) -> None:
    assert _spans(text, find_dates(text)) == expected


def test_invalid_dates_are_rejected() -> None:
    assert not valid_date("31 février")
    text = "Le 31 février 2023 n'existe pas."
    assert _spans(text, find_dates(text)) == ["février 2023"]


def test_year_followed_by_counted_noun_is_a_quantity() -> None:
    text = "Il y avait 2000 personnes et 150.000 personnes en 1990."
    assert _spans(text, find_quantities(text)) == ["2000 personnes", "150.000 personnes"]
    assert _spans(text, find_dates(text)) == ["1990"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("150.000 personnes", ["150.000 personnes"]),
        ("une hausse de 12,5 % cette année", ["12,5 %"]),
        ("10 millions de dollars", ["10 millions de dollars"]),
        ("depuis plus de deux ans", ["deux ans"]),
        ("3 l'armée", []),
    ],
)
def test_quantities(text: str, expected: list[str]) -> None:
    assert _spans(text, find_quantities(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("l'OTAN", "OTAN"),
        ("l’OTAN", "OTAN"),
        ("d'Ukraine", "Ukraine"),
        ("«Paris»,", "Paris"),
        ("“Kiev”.", "Kiev"),
        ("Jens Stoltenberg - OTAN", "Jens Stoltenberg"),
        ("J. R. R. Tolkien", "J. R. R. Tolkien"),
        ("U.S.A.", "U.S.A."),
    ],
)
def test_clean_bounds(text: str, expected: str) -> None:
    bounds = clean_bounds(text, 0, len(text))
    assert bounds is not None
    assert text[bounds[0]:bounds[1]] == expected


@pytest.mark.parametrize("text", ["qu'", "qu’", "l'", "ailleurs", "« »", "de"])
def test_clean_bounds_rejects_non_names(text: str) -> None:
    assert clean_bounds(text, 0, len(text)) is None


def test_keys() -> None:
    assert entity_key("l’OTAN", "ORG") == "otan"
    assert entity_key("M. Jean Dupont", "PER") == "jean dupont"
    assert entity_key("le général Éric Lefèvre", "PER") == "eric lefevre"
    assert entity_key("Mme Hélène Carrère", "PER") == entity_key("Helene Carrere", "PER")


def test_titled_names() -> None:
    text = "Selon M. Dupont et Mme Jeanne de La Tour, rien."
    assert _spans(text, titled_names(text)) == ["M. Dupont", "Mme Jeanne de La Tour"]
