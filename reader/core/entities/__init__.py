"""Named entities: the spaCy model and French-press rules, their cache, and the library-wide mention index."""
