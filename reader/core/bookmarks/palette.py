"""The bookmark colours, by name: the one list that the store validates, exports carry,
the dock offers and the reading pane paints.

Why here: the names are data (stored in SQLite and in exports), so they live in core; how
each one looks (its RGB) and what it is called in the UI belong to the views
(``reader/ui/common/bookmark_palette.py``).
"""

from __future__ import annotations

COLOURS: tuple[str, ...] = ("yellow", "green", "blue", "pink", "purple")
DEFAULT_COLOUR = "yellow"
