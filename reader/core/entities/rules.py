"""Rule-based DATE and QUANTITY spans, which the statistical French model does not tag.

Dates are found by pattern and then *validated* by dateutil (with the project's bilingual
month names), so ``31 février`` or ``45 mai`` are rejected.  A bare four-digit number is a
year (DATE) unless a counted noun follows it (``2000 personnes`` is a QUANTITY).
"""

from __future__ import annotations

import datetime as _dt
import re

from reader.core.lazy_re import lazy_compile
from reader.core.library.dates import FRENCH_MONTHS, bilingual_parser

_DEFAULT = _dt.datetime(2000, 1, 1)  # a leap year: "29 février" without a year is valid

_MONTHS_FR = sorted({m for names in FRENCH_MONTHS for m in names if len(m) >= 3}, key=len,
                    reverse=True)
_MONTH = r"(?:" + "|".join(re.escape(m) for m in _MONTHS_FR) + r")"
_WEEKDAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
_DAY = r"(?:1er|1re|[12]\d|3[01]|0?[1-9])"
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"

# "lundi 28 mai 2024", "1er janvier 1937", "28 mai", "28 mai 2024"
_DAY_MONTH = lazy_compile(
    rf"(?<![\w.,])(?:{_WEEKDAY}\s+)?{_DAY}\s+{_MONTH}(?:\s+{_YEAR})?(?![\w])",
    re.IGNORECASE,
)
# "mai 2024", "en janvier 1937"
_MONTH_YEAR = lazy_compile(rf"(?<![\w])(?:{_MONTH})\s+{_YEAR}(?![\w])", re.IGNORECASE)
# 28/05/2024, 28.05.2024, 2024-05-28
_NUMERIC = lazy_compile(
    r"(?<![\w./-])(?:\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})(?![\w/-]|[.,]\d)"
)
_YEAR_ALONE = lazy_compile(rf"(?<![\w.,'’-]){_YEAR}(?![\w]|[.,]\d|\s\d{{3}}\b)")
_WEEKDAY_RE = lazy_compile(_WEEKDAY, re.IGNORECASE)
_ORDINAL = lazy_compile(r"\b(\d{1,2})(?:er|re|e|ème)\b", re.IGNORECASE)

# --- quantities -----------------------------------------------------------------------------
_NUMBER_WORDS = (
    "deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|"
    "vingt|trente|quarante|cinquante|soixante|cent|cents|mille|une dizaine|une vingtaine|"
    "une trentaine|une quarantaine|une cinquantaine|une centaine|un millier|des milliers|"
    "des centaines|des dizaines"
)
_DIGITS = r"\d{1,3}(?:[.\u00a0\u202f ]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_SCALE = r"(?:\s+(?:millions?|milliards?|mille|billions?))?"
# Units and counted nouns that make a number a quantity (a small closed vocabulary of the
# language, not names).
_UNITS = (
    r"%|‰|pour\s*cent|€|\$|£|euros?|dollars?|francs?|fr\.?|frs?\.?|livres?|marks?|roubles?|"
    r"yens?|yuans?|centimes?|sous|"
    r"km²|km|kilomètres?|m²|m³|mètres?|cm|mm|kg|kilos?|kilogrammes?|grammes?|tonnes?|"
    r"litres?|hectares?|ha|hectolitres?|hl|lieues?|milles?|pieds?|"
    r"ans|années?|mois|semaines?|jours?|heures?|h|minutes?|min|secondes?|siècles?|"
    r"degrés?|°C?|kW|MW|GW|kWh|watts?|volts?|"
    r"personnes?|habitants?|morts?|victimes?|blessés?|soldats?|hommes?|femmes?|enfants?|"
    r"élèves?|ouvriers?|employés?|salariés?|réfugiés?|civils?|militaires?|manifestants?|"
    r"voix|votes?|sièges?|exemplaires?|voitures?|maisons?|logements?|chevaux|têtes?|"
    r"membres?|députés?|électeurs?|prisonniers?|otages?|détenus?|migrants?|touristes?|"
    r"visiteurs?|spectateurs?|abonnés?|points?|fois|étages?|lits?|navires?|avions?|chars?|"
    r"missiles?|obus|drones?|bataillons?|divisions?|régiments?"
)
_QUANTITY = lazy_compile(
    rf"(?<![\w.,])(?:(?:{_DIGITS}){_SCALE}|(?:{_NUMBER_WORDS})(?:[\s-](?:{_NUMBER_WORDS}))*{_SCALE})"
    rf"(?:\s+d[e'’]\s*|\s*)(?:{_UNITS})(?![\w])",
    re.IGNORECASE,
)
_NUMBER_START = lazy_compile(rf"^(?:{_DIGITS})$")


def valid_date(text: str) -> bool:
    """dateutil (French and English months) accepts the text as a calendar date."""
    cleaned = _ORDINAL.sub(r"\1", _WEEKDAY_RE.sub("", text)).strip()
    parse, info = bilingual_parser()  # dateutil: imported when a date is first checked
    try:
        parse(cleaned, parserinfo=info, default=_DEFAULT)
    except (ValueError, OverflowError, TypeError):
        return False
    return True


def find_dates(text: str) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans of written dates, longest first."""
    spans: list[tuple[int, int]] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for pattern in (_DAY_MONTH, _NUMERIC, _MONTH_YEAR):
        for m in pattern.finditer(text):
            s, e = m.span()
            if not free(s, e):
                continue
            if valid_date(m.group()):
                spans.append((s, e))
                taken.append((s, e))
    quantities = find_quantities(text)
    for m in _YEAR_ALONE.finditer(text):
        s, e = m.span()
        if free(s, e) and all(e <= a or s >= b for a, b in quantities):
            spans.append((s, e))
            taken.append((s, e))
    spans.sort()
    return spans


def find_quantities(text: str) -> list[tuple[int, int]]:
    """Numbers with a unit, currency, percentage or counted noun."""
    return [m.span() for m in _QUANTITY.finditer(text)]


# A dispatch opens with its place and date: "Berne, 5 novembre. —", "Vienne, 26 (AFP).", "On
# mande de Rome, le 25 mai".  The caller drops dictionary words ("Mardi", "Enfin").
_DATELINE = lazy_compile(
    r"(?:^|(?<=[.!?»—–-][^\S\n])|(?<=[.!?»][^\S\n]{2})|(?<=[^\S\n]de[^\S\n]))"
    r"([A-ZÀ-Ý][\w'’-]*(?:[^\S\n](?:de|du|sur|en|la|le)?[^\S\n]?[A-ZÀ-Ý][\w'’-]*){0,2}),"
    rf"[^\S\n]+(?:le[^\S\n]+)?(?i:(?:{_WEEKDAY}[^\S\n]+)?{_DAY}(?:[^\S\n]+{_MONTH}(?![\w])"
    r"|[^\S\n]*\())",
    re.MULTILINE,
)


def find_datelines(text: str) -> list[tuple[int, int]]:
    """Places that open a dispatch before its date ("Londres, 14 juillet.")."""
    return [m.span(1) for m in _DATELINE.finditer(text)]
