"""Reading a library: the article file format, dates, the SQLite + FTS5 index and its query language."""
