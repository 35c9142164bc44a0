"""Bookmarks: the durable store, re-anchoring on changed text, and export/import formats."""
