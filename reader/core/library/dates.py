"""Article dates that keep their precision.

dateutil fills missing fields from a default date (today unless told otherwise), so
``2024-05`` would silently become the 25th of May.  We parse twice with two different
defaults: a field that differs between the two results was not in the text, which tells
the precision without guessing.
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
import re
from dataclasses import dataclass
from typing import Any


class Precision(enum.IntEnum):
    """How much of a date the source gave (ordered: YEAR < MONTH < DAY)."""

    NONE = 0
    YEAR = 1
    MONTH = 2
    DAY = 3


FRENCH_MONTHS = [
    ("janvier", "janv"),
    ("février", "fevrier", "févr", "fevr", "fév", "fev"),
    ("mars",),
    ("avril", "avr"),
    ("mai",),
    ("juin",),
    ("juillet", "juil"),
    ("août", "aout", "aoû"),
    ("septembre", "sept"),
    ("octobre", "oct"),
    ("novembre", "nov"),
    ("décembre", "decembre", "déc", "dec"),
]

_ENGLISH_MONTHS = [
    ("Jan", "January"),
    ("Feb", "February"),
    ("Mar", "March"),
    ("Apr", "April"),
    ("May", "May"),
    ("Jun", "June"),
    ("Jul", "July"),
    ("Aug", "August"),
    ("Sep", "Sept", "September"),
    ("Oct", "October"),
    ("Nov", "November"),
    ("Dec", "December"),
]

MONTH_NAMES_FR = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]


# each month's English then French names (dateutil's parserinfo.MONTHS)
_MONTHS = [tuple(en) + tuple(fr) for en, fr in zip(_ENGLISH_MONTHS, FRENCH_MONTHS, strict=True)]


@functools.cache
def _parser_info_class() -> type:
    """dateutil's parserinfo with French and English month names, day-first like French
    dates.  Built on first use: importing dateutil costs ~10 ms that the GUI's start does
    not need (dates come from the index; only a file being indexed is parsed)."""
    from dateutil import parser as dparser

    class BilingualParserInfo(dparser.parserinfo):  # type: ignore[misc]
        """French and English month names; day-first like French dates."""

        MONTHS = _MONTHS
        JUMP = dparser.parserinfo.JUMP + ["le", "er", "du", "en"]

        def __init__(self) -> None:
            super().__init__(dayfirst=True, yearfirst=False)

    return BilingualParserInfo


@functools.cache
def bilingual_parser() -> tuple[Any, Any]:
    """dateutil's ``parse`` and the bilingual parserinfo to give it (dateutil imported on
    first use)."""
    from dateutil import parser as dparser

    return dparser.parse, _parser_info_class()()


def __getattr__(name: str) -> Any:
    if name == "BilingualParserInfo":  # the class, made on first use (see above)
        return _parser_info_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_DEFAULT_A = _dt.datetime(1904, 1, 1)
_DEFAULT_B = _dt.datetime(1908, 2, 2)  # leap years both, so 29 Feb never fails
_MONTH_WORDS = {name.lower() for names in _MONTHS for name in names}
_ORDINAL = re.compile(r"^(\d{1,2})(er|e|ème)$", re.IGNORECASE)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUMERIC_DATE = re.compile(r"\d{1,4}([-/.]\d{1,2}){0,2}")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date with the precision its source gave; sorts by its first possible day."""

    value: _dt.date | None
    precision: Precision

    @property
    def is_known(self) -> bool:
        return self.value is not None and self.precision is not Precision.NONE

    def iso(self) -> str:
        """ISO text truncated to the precision: ``2024``, ``2024-05`` or ``2024-05-28``."""
        if self.value is None:
            return ""
        full = self.value.isoformat()
        return {Precision.YEAR: full[:4], Precision.MONTH: full[:7]}.get(self.precision, full)

    def sort_key(self) -> str:
        return self.value.isoformat() if self.value else ""

    def display(self) -> str:
        """French display at the date's own precision: ``2024``, ``mai 2024``, ``28 mai 2024``."""
        if self.value is None:
            return "sans date"
        month = MONTH_NAMES_FR[self.value.month - 1]
        if self.precision is Precision.YEAR:
            return str(self.value.year)
        if self.precision is Precision.MONTH:
            return f"{month} {self.value.year}"
        day = "1er" if self.value.day == 1 else str(self.value.day)
        return f"{day} {month} {self.value.year}"


UNDATED = PartialDate(None, Precision.NONE)


@functools.lru_cache(maxsize=4096)  # headers repeat these tokens (years, months, days)
def looks_like_date_token(token: str) -> bool:
    """True for tokens that can be part of a written date (numbers, month names, 1er)."""
    t = token.strip(",.").lower()
    if not t:
        return False
    if _NUMERIC_DATE.fullmatch(t):
        return True
    return t in _MONTH_WORDS or bool(_ORDINAL.match(t))


# dateutil is slow; libraries repeat dates a lot (100,000 articles over 35 years hold
# ~13,000 distinct days)
@functools.lru_cache(maxsize=32768)
def parse_date(text: str) -> PartialDate:
    """Parse a written date, keeping precision; unreadable text gives :data:`UNDATED`."""
    text = text.strip()
    if _ISO_DAY.fullmatch(text):  # the commonest form, first (what the steps below give it)
        try:
            return PartialDate(_dt.date.fromisoformat(text), Precision.DAY)
        except ValueError:
            return UNDATED
    if not text or not any(ch.isdigit() for ch in text):
        return UNDATED
    cleaned = _ORDINAL.sub(r"\1", " ".join(_ORDINAL.sub(r"\1", w) for w in text.split()))
    if re.fullmatch(r"\d{4}-\d{1,2}", cleaned):  # ISO year-month: dateutil reads it fine too,
        year, month = (int(p) for p in cleaned.split("-"))  # but be explicit and strict
        if 1 <= month <= 12:
            return PartialDate(_dt.date(year, month, 1), Precision.MONTH)
        return UNDATED
    if _ISO_DAY.fullmatch(cleaned):  # ISO is year-month-day whatever dayfirst says (dateutil
        # with dayfirst=True read 2024-05-06 as 5 June); also skips dateutil (~0.1 ms)
        try:
            return PartialDate(_dt.date.fromisoformat(cleaned), Precision.DAY)
        except ValueError:
            return UNDATED
    fast = _parse_common(cleaned)
    if fast is not None:
        return fast
    return _parse_with_dateutil(cleaned)


_MONTH_NUMBER = {name.lower(): i + 1 for i, names in enumerate(_MONTHS)
                 for name in names}
# four digits, zero-padded ones too: dateutil reads "0001" as 2001 and "0099" as 1999
_YEAR = re.compile(r"\d{4}")
_MONTH_YEAR = re.compile(r"([^\W\d_]+) (\d{4})")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2}) ([^\W\d_]+) (\d{4})")
_PADDED_YEAR = re.compile(r"(?<!\d)0\d{3}(?!\d)")
_STAND_IN_YEAR = "1604"  # a leap year, so 29 Feb parses; the real year is checked after


def _parse_common(cleaned: str) -> PartialDate | None:
    """``1937``, ``mai 2024``, ``28 mai 2024`` without dateutil (0.2 ms for two parses,
    most of indexing a file's header); None for anything else, including invalid dates,
    which dateutil then judges as before (tests check both agree)."""
    try:
        if _YEAR.fullmatch(cleaned):
            return PartialDate(_dt.date(int(cleaned), 1, 1), Precision.YEAR)
        m = _MONTH_YEAR.fullmatch(cleaned)
        if m:
            month = _MONTH_NUMBER.get(m.group(1).lower())
            if month is None:
                return None
            return PartialDate(_dt.date(int(m.group(2)), month, 1), Precision.MONTH)
        m = _DAY_MONTH_YEAR.fullmatch(cleaned)
        if m:
            month = _MONTH_NUMBER.get(m.group(2).lower())
            if month is None:
                return None
            return PartialDate(_dt.date(int(m.group(3)), month, int(m.group(1))),
                               Precision.DAY)
    except ValueError:
        return None
    return None


def _parse_with_dateutil(cleaned: str) -> PartialDate:
    # a zero-padded year ("0001", "0099"): dateutil reads it as a day or a two-digit year,
    # so parse with a stand-in four-digit year and put the real one back
    padded = _PADDED_YEAR.findall(cleaned)
    year = None
    if len(padded) == 1:
        year = int(padded[0])
        cleaned = _PADDED_YEAR.sub(_STAND_IN_YEAR, cleaned)
    elif padded:
        return UNDATED
    parse, info = bilingual_parser()
    try:
        a = parse(cleaned, parserinfo=info, default=_DEFAULT_A)
        b = parse(cleaned, parserinfo=info, default=_DEFAULT_B)
        if year is not None:
            if a.year != int(_STAND_IN_YEAR) or b.year != a.year:
                return UNDATED
            a, b = a.replace(year=year), b.replace(year=year)
    except (ValueError, OverflowError, TypeError):
        return UNDATED
    if a.year != b.year:
        return UNDATED  # no year: "28 mai" alone is not an article date
    if a.month != b.month:
        return PartialDate(_dt.date(a.year, 1, 1), Precision.YEAR)
    if a.day != b.day:
        return PartialDate(_dt.date(a.year, a.month, 1), Precision.MONTH)
    return PartialDate(a.date(), Precision.DAY)
