"""A quoted passage with the line that says where it comes from, as plain text and as
Markdown ("Copier avec la référence"; also the Markdown export's citation line).

Pure functions: the caller passes what the article knows (title, source, date at its own
precision, file name).  The Markdown form escapes everything that came from the files, so
a title like ``<img src=x>`` or ``*bold*`` is shown as written, never rendered.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from reader.core.library.dates import PartialDate, parse_date

# ASCII punctuation that Markdown (CommonMark, and GitHub's tables/strikethrough) may treat
# as syntax anywhere in a line; HTML's own characters become entities instead
_INLINE = re.compile(r"([\\`*_\[\]{}|~!#])")
# markers that only count at the start of a line (block quotes are &gt; already): bullets,
# thematic breaks and setext underlines, then numbered lists ("1." → "1\.")
_LINE_MARK = re.compile(r"^(\s*)([-+=])", re.MULTILINE)
_LINE_NUMBER = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)


class Citation(NamedTuple):
    """The two clipboard flavours of one quoted passage."""

    plain: str
    markdown: str


def escape_markdown(text: str) -> str:
    """``text`` shown literally by any Markdown renderer: HTML special characters become
    entities (no tag, comment or entity from a file is ever rendered) and Markdown syntax
    is backslash-escaped."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", text)
    text = _LINE_MARK.sub(r"\1\\\2", text)
    return _LINE_NUMBER.sub(r"\1\\\2", text)


def one_line(text: str) -> str:
    """Runs of white space (line breaks included) as one space: for titles and headings,
    where a line break would end the heading and start a paragraph of file text."""
    return " ".join(text.split())


def date_text(date: PartialDate | str) -> str:
    """``28 mai 2024``, ``mai 2024``, ``2024`` (the date's own precision) or "" if unknown."""
    parsed = parse_date(date) if isinstance(date, str) else date
    return parsed.display() if parsed.is_known else ""


def reference(title: str, source: str = "", date: PartialDate | str = "",
              file_name: str = "", *, markdown: bool = False) -> str:
    """``Title, Source, 28 mai 2024, file.txt`` (title in italics in Markdown); the parts
    that are unknown are left out, "sans date" stands for a missing date."""
    title = one_line(title) or one_line(file_name) or "Sans titre"
    when = date_text(date) or "sans date"
    parts = [title, one_line(source), when, one_line(file_name)]
    if markdown:
        parts = [f"*{escape_markdown(title)}*", escape_markdown(parts[1]), parts[2],
                 code_span(parts[3]) if parts[3] else ""]  # code spans show text as is
    return ", ".join(p for p in parts if p)


def code_span(text: str) -> str:
    """``text`` in a code span whose fence is longer than any backtick run inside it."""
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or longest else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def cite(quote: str, *, title: str, source: str = "", date: PartialDate | str = "",
         file_name: str = "") -> Citation:
    """The passage and where it comes from.

    Plain text: ``« passage »`` then ``— Title, Source, 28 mai 2024, file.txt``.
    Markdown: the passage as a block quote (each of its lines quoted, escaped) followed by
    the citation line ``> — *Title*, Source, 28 mai 2024, `file.txt` ``.
    """
    body = quote.strip("\n")
    plain_ref = reference(title, source, date, file_name)
    plain = f"« {body} »\n— {plain_ref}"
    lines = body.split("\n")
    quoted = [f"> « {escape_markdown(lines[0])}" + (" »" if len(lines) == 1 else "")]
    for i, line in enumerate(lines[1:], start=2):
        text = escape_markdown(line)
        quoted.append(f"> {text}" + (" »" if i == len(lines) else "") if text else ">")
    md_ref = reference(title, source, date, file_name, markdown=True)
    markdown = "\n".join([*quoted, ">", f"> — {md_ref}"])
    return Citation(plain, markdown)
