from __future__ import annotations

import datetime as dt

import pytest

from reader.core.library.dates import UNDATED, Precision, parse_date


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


def test_common_forms_skip_dateutil_with_the_same_result() -> None:
    """The fast path for ``1937`` / ``mai 2024`` / ``28 mai 2024`` must agree with dateutil
    on every form it accepts, and leave the rest (invalid days, unknown words) to it."""
    from reader.core.library.dates import _MONTH_NUMBER, _parse_common, _parse_with_dateutil

    words = [*_MONTH_NUMBER, "Mai", "JUIN", "Décembre", "Sept", "lundi", "foo"]
    cases = []
    for year in ("0001", "0999", "1000", "1854", "1900", "1937", "2000", "2024", "2999", "3000"):
        cases.append(year)
        for word in words:
            cases.append(f"{word} {year}")
            cases += [f"{day} {word} {year}" for day in ("0", "1", "01", "28", "29", "30", "31",
                                                       "32", "99")]
    fast = 0
    for text in cases:
        quick = _parse_common(text)
        if quick is not None:
            fast += 1
            assert quick == _parse_with_dateutil(text), text
    assert fast > 1000  # the common forms do take the fast path
    assert _parse_common("31 février 2024") is None  # invalid: dateutil decides
    assert parse_date("31 février 2024") == UNDATED
