from __future__ import annotations

import datetime as dt

import pytest

from reader.core.dates import Precision, parse_date


@pytest.mark.parametrize(
    ("text", "value", "precision", "display"),
    [
        ("2024-05-28", dt.date(2024, 5, 28), Precision.DAY, "28 mai 2024"),
        ("2024-05", dt.date(2024, 5, 1), Precision.MONTH, "mai 2024"),
        ("28 mai 2024", dt.date(2024, 5, 28), Precision.DAY, "28 mai 2024"),
        ("mai 2024", dt.date(2024, 5, 1), Precision.MONTH, "mai 2024"),
        ("May 2024", dt.date(2024, 5, 1), Precision.MONTH, "mai 2024"),
        ("février 1937", dt.date(1937, 2, 1), Precision.MONTH, "février 1937"),
        ("1er août 1914", dt.date(1914, 8, 1), Precision.DAY, "1er août 1914"),
        ("2024", dt.date(2024, 1, 1), Precision.YEAR, "2024"),
    ],
)
def test_dates_keep_their_precision(text: str, value: dt.date, precision: Precision,
                                    display: str) -> None:
    parsed = parse_date(text)
    assert parsed.value == value
    assert parsed.precision is precision
    assert parsed.display() == display


@pytest.mark.parametrize("text", ["", "inconnue", "28 mai", "2024-13", "demain"])
def test_unreadable_dates_are_undated(text: str) -> None:
    assert not parse_date(text).is_known
