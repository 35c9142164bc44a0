"""Bookmarks: the durable store (``store``), re-anchoring on changed text (``anchoring``),
export (``export``: Markdown, JSON, W3C Web Annotation) and streaming import (``importing``),
the formats' shared vocabulary (``formats``), copy with citation (``citation``) and
``reader://`` links to a passage (``links``)."""
