"""Named entities: the spaCy model and French-press rules, their cache, and the library-wide mention index."""

# the spaCy model (here, not in extractor.py: the GUI names it at start-up without importing
# the extractor and its rules)
DEFAULT_MODEL = "fr_core_news_md"
