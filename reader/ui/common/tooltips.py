"""Tooltips that show text from files as it is written.

Why: Qt guesses whether a tooltip is rich text (``Qt::mightBeRichText``), so a note
containing ``<b>`` would turn bold, and a plain string escaped by hand would show
``&lt;b&gt;``.  Wrapping the escaped text in a paragraph makes the guess certain: the
text shows literally, keeps its line breaks and wraps when long.
"""

from __future__ import annotations

import html


def plain_tooltip(text: str) -> str:
    """Rich-text markup that displays ``text`` literally (an empty text stays empty)."""
    if not text:
        return ""
    return "<p style='white-space:pre-wrap'>" + html.escape(text) + "</p>"
