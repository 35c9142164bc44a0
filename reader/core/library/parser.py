"""Parse article files in the seed format into :class:`Article` objects.

Format: optional leading white space, a header ``date <DATE> <CAPTION> (<SOURCE>)``, a blank
line, then paragraphs separated by blank lines.  A short line without final punctuation
standing alone is a section heading.

Offsets: ``Article.text`` is the blocks joined by one ``\\n``; every block also records where
it starts in the file's full text (after BOM removal and CRLF → LF), so offsets can be mapped
both ways.  A wrapped paragraph keeps its length: inner line breaks become spaces.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import NamedTuple

from reader.core.library.dates import UNDATED, PartialDate, looks_like_date_token, parse_date
from reader.core.text import ELLIPSIS, shorten

MAX_FILE_BYTES = 20 * 1024 * 1024
HEADING_MAX_CHARS = 120
HEADING_MAX_WORDS = 16
SNIPPET_CHARS = 160  # the list's snippet: about this many characters of the first paragraph
_FINAL_PUNCT = ".!?…:;,»\"”'’)]"
_BLANK_SPLIT = re.compile(r"\n[ \t]*\n")
_SOURCE_AT_END = re.compile(r"\(([^()]{1,80})\)\s*$")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s")
_HEADER_START = re.compile(r"date(\s|$)", re.IGNORECASE)
_TOKEN = re.compile(r"\S+")
DATE_TOKENS_MAX = 4  # a written date has at most four tokens ("le 1er mai 2024")
# every byte but the control characters other than \t \n \v \f \r (\r becomes \n)
_NOT_CONTROL = bytes(b for b in range(256) if not (b <= 0x08 or 0x0E <= b <= 0x1F))


class ParseError(Exception):
    """A file that cannot be read as an article; the message names the file and why.

    ``code`` and ``params`` say why in a form the UI can word in its own language (see
    :func:`reader.core.library.problems.word_problem`); ``reason`` is English, for logs."""

    def __init__(self, path: str | Path, reason: str, code: str = "other",
                 **params: int | str) -> None:
        self.path = os.fspath(path) if not isinstance(path, str) else path
        self.reason = reason
        self.code = code
        self.params: dict[str, int | str] = params
        super().__init__(f"{os.path.basename(self.path)}: {reason}")


@dataclass(frozen=True, slots=True)
class Block:
    kind: str  # "heading" or "paragraph"
    text: str
    start: int  # offset in Article.text
    file_start: int  # offset in the file's full (normalised) text

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(slots=True)
class Article:
    id: str
    path: str
    date: PartialDate
    title: str
    source: str
    caption: str
    blocks: list[Block]
    text: str
    content_hash: str
    header: str = ""
    caption_file_start: int = -1  # where the caption starts in the file text, -1 if none
    word_count: int = 0
    mtime: float = 0.0
    size: int = 0
    extra: dict[str, object] = field(default_factory=dict)

    def snippet(self, length: int = SNIPPET_CHARS) -> str:
        """First paragraph text on one line, for the list."""
        for block in self.blocks:
            if block.kind == "paragraph":
                return shorten(block.text, length)
        return shorten(self.text.replace("\n", " "), length)

    def file_offset(self, offset: int) -> int:
        """Map an offset in ``text`` to an offset in the file's full text."""
        for block in self.blocks:
            if block.start <= offset <= block.end:
                return block.file_start + (offset - block.start)
        raise ValueError(f"offset {offset} is outside the article text")


def content_hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _utf16(data: bytes) -> str | None:
    """UTF-16 text (with a BOM, or NUL bytes in every other position): its encoding."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    head = data[:4096]
    if len(head) >= 4 and len(head) % 2 == 0:
        if head[1::2].count(0) > 0.9 * (len(head) // 2):
            return "utf-16-le"
        if head[0::2].count(0) > 0.9 * (len(head) // 2):
            return "utf-16-be"
    return None


def decode(data: bytes, path: str | Path) -> str:
    """Bytes → normalised text (BOM removed, CRLF/CR → LF); raise ParseError on bad input.
    UTF-16 (with a BOM, or recognisably so) is decoded too."""
    return decode_as(data, path)[0]


def decode_as(data: bytes, path: str | Path) -> tuple[str, bool]:
    """:func:`decode`, and whether ``data`` is the UTF-8 of the text (no BOM, no CR, not
    UTF-16): then the content hash is taken on ``data`` without encoding the text again."""
    if not data or data.isspace():  # bytes.isspace: the white space bytes.strip() removes
        raise ParseError(path, "the file is empty", "empty")
    encoding = _utf16(data) if data.find(b"\x00", 0, 8192) >= 0 else None
    if encoding is not None:
        try:
            text = data.decode(encoding).lstrip("\ufeff")
        except UnicodeDecodeError as exc:
            raise ParseError(path, f"invalid UTF-16 at byte {exc.start}", "bad_utf16",
                             byte=exc.start) from None
        if "\x00" in text[:4096]:
            raise ParseError(path, "binary file (contains NUL bytes), not an article",
                             "binary")
        data = text.encode("utf-8", "surrogatepass")
        same = False
    elif data.find(b"\x00", 0, 8192) >= 0:
        raise ParseError(path, "binary file (contains NUL bytes), not an article", "binary")
    else:
        try:
            text = data.decode("utf-8-sig")
            same = not data.startswith(b"\xef\xbb\xbf")
        except UnicodeDecodeError as exc:
            raise ParseError(
                path, f"not valid UTF-8 at byte {exc.start} ({data[exc.start:exc.start + 1]!r})",
                "not_utf8", byte=exc.start, value=data[exc.start]) from None
    if not text or text.isspace():
        raise ParseError(path, "the file is empty", "empty")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        same = False
    # control characters in the first 8 KB (counted on bytes: UTF-8 continuation bytes are
    # never below 0x80; bytes.translate is 10x faster than a regex over the text)
    head = data[:8192]
    control = len(head.translate(None, _NOT_CONTROL))  # what is left: the control bytes
    if control > 8:
        raise ParseError(path, "binary file (control characters), not an article", "binary")
    return text, same


def read_bounded(path: str, limit: int = MAX_FILE_BYTES) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file of at most ``limit`` bytes, checked *after* opening
    (the file may have been replaced since it was listed): a FIFO, a device or a directory
    is refused without blocking, a file over the limit is refused, and at most
    ``limit + 1`` bytes are ever read (a file growing meanwhile, ``/proc`` files...)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise ParseError(path, f"cannot read the file ({exc.strerror or exc})", "unreadable",
                         error=exc.strerror or str(exc)) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = ("folder" if stat.S_ISDIR(st.st_mode) else "fifo"
                    if stat.S_ISFIFO(st.st_mode) else "device"
                    if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "special")
            raise ParseError(path, f"not a regular file ({kind})", "not_regular", kind=kind)
        if st.st_size > limit:
            raise ParseError(path, f"file too large ({st.st_size // (1024 * 1024)} MB, limit "
                                   f"{limit // (1024 * 1024)} MB)", "too_large",
                             size=st.st_size, limit=limit)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise ParseError(path, f"file too large (over {limit // (1024 * 1024)} MB, limit "
                                   f"{limit // (1024 * 1024)} MB)", "too_large",
                             size=total, limit=limit)
        return b"".join(chunks), st
    except OSError as exc:
        raise ParseError(path, f"cannot read the file ({exc.strerror or exc})", "unreadable",
                         error=exc.strerror or str(exc)) from None
    finally:
        os.close(fd)


def read_article(path: str | Path) -> Article:
    """Read and parse one file; raise :class:`ParseError` naming the file on bad input."""
    p = os.fspath(path)  # plain os calls: pathlib costs ~15% of parsing a typical file
    data, st = read_bounded(p)
    article = parse_text(decode(data, p), p)
    article.mtime = st.st_mtime
    article.size = st.st_size
    return article


def is_heading(text: str) -> bool:
    """A short single line without final punctuation."""
    if "\n" in text or len(text) > HEADING_MAX_CHARS:
        return False
    if len(text.split()) > HEADING_MAX_WORDS:
        return False
    return bool(text) and text[-1] not in _FINAL_PUNCT and any(ch.isalpha() for ch in text)


@dataclass(slots=True)
class Header:
    date: PartialDate
    caption: str
    source: str
    caption_start: int  # relative to the header line


_UNKNOWN_DATE = frozenset({"unknown", "inconnue", "inconnu", "?", "-"})


def parse_header(line: str) -> Header | None:
    """Parse ``date <DATE> <CAPTION> (<SOURCE>)``; None when the line is not a header."""
    stripped = line.lstrip()
    if not _HEADER_START.match(stripped):
        return None
    rest_start = len(line) - len(stripped) + 4
    # only the first tokens matter (the date's, then where the caption starts): a long
    # caption is not cut into words
    tokens = [(m.start(), m.group())
              for m in islice(_TOKEN.finditer(line, rest_start), DATE_TOKENS_MAX + 1)]
    date, used = UNDATED, 0
    if tokens and tokens[0][1].lower() in _UNKNOWN_DATE:
        used = 1
    else:
        date_like = 0
        while (date_like < min(DATE_TOKENS_MAX, len(tokens))
               and looks_like_date_token(tokens[date_like][1])):
            date_like += 1
        for n in range(date_like, 0, -1):  # longest prefix that parses as a date
            candidate = parse_date(" ".join(t for _, t in tokens[:n]))
            if candidate.is_known:
                date, used = candidate, n
                break
        if not date.is_known:
            used = date_like  # unreadable date: drop its tokens, keep the caption
    if used < len(tokens):
        caption_start = tokens[used][0]
        caption = line[caption_start:].strip()
    else:
        caption_start, caption = len(line), ""
    source = ""
    m = _SOURCE_AT_END.search(caption)
    if m:
        source = m.group(1).strip()
        caption = caption[: m.start()].rstrip()
    return Header(date, caption, source, caption_start)


def parse_text(text: str, path: str | Path = "<text>") -> Article:
    """Parse normalised text (LF line ends, no BOM) into an Article."""
    p = os.fspath(path)
    if not text.strip():
        raise ParseError(p, "the file is empty", "empty")
    # first non-blank line may be a header
    body_from = 0
    header: Header | None = None
    header_line = ""
    caption_file_start = -1
    first_nl = text.find("\n", len(text) - len(text.lstrip("\n")))
    first_line_end = len(text) if first_nl < 0 else first_nl
    first_line_start = len(text) - len(text.lstrip("\n"))
    candidate = text[first_line_start:first_line_end]
    header = parse_header(candidate)
    if header is not None:
        header_line = candidate
        body_from = first_line_end
        if header.caption:
            caption_file_start = first_line_start + header.caption_start
    blocks: list[Block] = []
    offset = 0
    pos = body_from
    for chunk in _BLANK_SPLIT.split(text[body_from:]) if body_from < len(text) else []:
        # locate chunk in text to keep file offsets exact
        idx = text.find(chunk, pos)
        pos = idx + len(chunk)
        lstripped = chunk.lstrip()
        if not lstripped.strip():
            continue
        start_in_file = idx + (len(chunk) - len(lstripped))
        block_text = lstripped.rstrip().replace("\n", " ").replace("\t", " ")
        kind = "heading" if is_heading(block_text) else "paragraph"
        blocks.append(Block(kind, block_text, offset, start_in_file))
        offset += len(block_text) + 1
    if not blocks:
        raise ParseError(p, "no article text after the header" if header else "no text",
                         "no_text_after_header" if header else "no_text")
    body = "\n".join(b.text for b in blocks)
    date = header.date if header else UNDATED
    caption = header.caption if header else ""
    source = header.source if header else ""
    title = caption or _first_sentence(body)
    return Article(
        id=os.path.splitext(os.path.basename(p))[0],
        path=p,
        date=date,
        title=title,
        source=source,
        caption=caption,
        blocks=blocks,
        text=body,
        content_hash=content_hash(text),
        header=header_line,
        caption_file_start=caption_file_start,
        word_count=len(body.split()),  # 3x faster than counting \w+ runs; same to ~4%
    )


def _first_sentence(body: str) -> str:
    first = body.split("\n", 1)[0]
    m = _SENTENCE_END.search(first)
    sentence = first[: m.start()] if m else first
    return shorten(sentence, 100) or "(sans titre)"


class Summary(NamedTuple):
    """What the index keeps of an article: :func:`parse_text`'s fields without the blocks."""

    title: str
    date: PartialDate
    source: str
    snippet: str
    word_count: int
    content_hash: str
    text: str  # Article.text: the blocks joined by "\n"


def summarize(text: str, path: str = "<text>", utf8: bytes | None = None) -> Summary:
    """The fields :func:`parse_text` would give the index, equal to them, at about 70% of
    the cost: no :class:`Block` objects, no file offsets, headings looked for only up to the
    first paragraph, the snippet shortened from the paragraph's head (tests compare both on
    generated libraries and on hostile text).  ``utf8``: the text's UTF-8 when the caller
    has it (:func:`decode_as`), hashed as is."""
    if not text or text.isspace():
        raise ParseError(path, "the file is empty", "empty")
    lead = len(text) - len(text.lstrip("\n"))
    nl = text.find("\n", lead)
    end = len(text) if nl < 0 else nl
    header = parse_header(text[lead:end])
    rest = text[end:] if header is not None else text
    if "\t" in rest:
        # once for the whole text rather than per block: _BLANK_SPLIT and strip() treat a
        # tab as a space, so the blocks come out the same
        rest = rest.replace("\t", " ")
    blocks = []
    for chunk in _BLANK_SPLIT.split(rest):
        block = chunk.strip()
        if block:
            blocks.append(block.replace("\n", " "))
    if not blocks:
        raise ParseError(path, "no article text after the header" if header else "no text",
                         "no_text_after_header" if header else "no_text")
    body = "\n".join(blocks)
    if header is not None:
        date, caption, source = header.date, header.caption, header.source
    else:
        date, caption, source = UNDATED, "", ""
    for block in blocks:  # Article.snippet: the first paragraph, else the whole text
        if not is_heading(block):
            snippet = _shorten_head(block, SNIPPET_CHARS)
            break
    else:
        snippet = _shorten_head(body, SNIPPET_CHARS)
    digest = (content_hash(text) if utf8 is None
              else hashlib.blake2b(utf8, digest_size=16).hexdigest())
    return Summary(caption or _first_sentence(blocks[0]), date, source, snippet,
                   len(body.split()), digest, body)


def _shorten_head(text: str, length: int) -> str:
    """``shorten(text, length)`` looking at the head of ``text`` only when it can: the
    words of a head, joined, are a prefix of the words of the whole, joined, so once that
    prefix is longer than ``length`` it decides the cut (a 5,000-character first paragraph
    is not split into words for a 160-character snippet)."""
    head = text[: 4 * length]
    if len(head) < len(text):
        joined = " ".join(head.split())
        if len(joined) > length:
            cut = joined.rfind(" ", 0, length)
            return joined[: cut if cut > length // 2 else length].rstrip(" ,;:") + ELLIPSIS
    return shorten(text, length)
