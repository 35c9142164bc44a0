"""``reader bookmarks list|export|import``: the bookmark store from a terminal.

No QApplication and no display needed (only the platform data directory lookup uses QtCore
when neither ``--data-dir`` nor ``$READER_DATA_DIR`` is given).

Everything printed that came from files (titles, quotes, notes, file names, error texts) has
its control characters replaced: a note holding ``ESC ]0;… BEL`` must not retitle or
reprogram the terminal, nor a bidi override reorder what is shown.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from reader.core.bookmarks.export import FORMATS, export
from reader.core.bookmarks.formats import default_creator
from reader.core.bookmarks.importing import BookmarkImportError, import_file
from reader.core.bookmarks.store import Bookmark, BookmarkStore
from reader.core.library.read_state import DB_NAME as READ_STATE_DB
from reader.core.library.read_state import ReadStateStore, add_to_export, states_in_export
from reader.core.storage import StorageError
from reader.core.text import fold, shorten
from reader.paths import data_dir

# C0 and C1 controls (ESC, BEL, CSI...) and DEL, and the bidi embeddings/overrides/isolates
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def safe(text: str) -> str:
    """``text`` fit for a terminal: each control character becomes U+FFFD, except line
    breaks and tabs (kept; list lines have none left), and lone surrogates are replaced
    too so that printing never fails."""
    out = _UNSAFE.sub(lambda m: m.group() if m.group() in "\n\t" else "\ufffd", text)
    return out.encode("utf-8", "replace").decode("utf-8")


def _err(message: str) -> None:
    print(safe(f"reader bookmarks: {message}"), file=sys.stderr)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reader bookmarks",
                                     description="List, export and import Reader bookmarks.")
    parser.add_argument("--data-dir", help="data directory (default: $READER_DATA_DIR or the "
                                           "platform's application data directory)")
    sub = parser.add_subparsers(dest="command", required=True)
    ls = sub.add_parser("list", help="one line per bookmark")
    ls.add_argument("--article", help="only this article id")
    ls.add_argument("--tag", help="only bookmarks with this tag")
    ex = sub.add_parser("export", help="write bookmarks as Markdown, JSON or W3C annotations")
    ex.add_argument("--format", choices=FORMATS, default="md")
    ex.add_argument("-o", "--output", help="file to write (default: standard output)")
    ex.add_argument("--article", help="only this article id")
    ex.add_argument("--tag", help="only bookmarks with this tag")
    ex.add_argument("--creator", metavar="NAME",
                    help="the author named in W3C exports (default: the OS user name)")
    im = sub.add_parser("import", help="merge a JSON or W3C export (importing twice is harmless)")
    im.add_argument("file")
    im.add_argument("--format", choices=("auto", "json", "w3c"), default="auto")
    for p in (ls, ex, im):  # also accepted after the sub-command
        p.add_argument("--data-dir", dest="sub_data_dir", help=argparse.SUPPRESS)
    return parser


def _select(bookmarks: list[Bookmark], article: str | None, tag: str | None) -> list[Bookmark]:
    if article:
        bookmarks = [b for b in bookmarks if b.article_id == article]
    if tag:
        wanted = fold(tag.lstrip("#"))
        bookmarks = [b for b in bookmarks if wanted in {fold(t) for t in b.tags}]
    return bookmarks


def _line(b: Bookmark) -> str:
    quote = shorten(b.quote, 69)
    flag = {"moved": " [modifié]", "orphaned": " [introuvable]"}.get(b.status, "")
    tags = " ".join(f"#{t}" for t in b.tags)
    note = " ".join(b.note.split())
    title = " ".join((b.article_title or b.article_id).split())
    parts = [b.id[:8], b.article_date or "----", title,
             f"« {quote} »{flag}"]
    if note:
        parts.append(f"— {note}")
    if tags:
        parts.append(tags)
    return "  ".join(parts)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    folder = data_dir(args.sub_data_dir or args.data_dir)
    try:
        store = BookmarkStore(folder)
    except StorageError as exc:
        _err(str(exc))
        return 1
    try:
        if store.notice:
            _err(store.notice)
        return _run(args, store)
    except StorageError as exc:
        _err(str(exc))
        return 1
    finally:
        store.close()


def _run(args: argparse.Namespace, store: BookmarkStore) -> int:
    folder = store.path.parent
    if args.command == "list":
        chosen = _select(store.all(), args.article, args.tag)
        for b in chosen:
            print(safe(_line(b)))
        print(safe(f"{len(chosen)} marque-page(s) — {store.path}"), file=sys.stderr)
        return 0
    if args.command == "export":
        text = export(_select(store.all(), args.article, args.tag), args.format,
                      creator=args.creator or default_creator())
        if args.format == "json" and not (args.article or args.tag):
            text = _with_read_states(folder, text)
        if not args.output or args.output == "-":
            # a terminal interprets what a file would only store
            sys.stdout.write(safe(text) if sys.stdout.isatty() else text)
            return 0
        out = Path(args.output)
        tmp = out.with_name(out.name + ".tmp")
        try:
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, out)
        except OSError as exc:
            _err(f"cannot write {out}: {exc.strerror or exc}")
            return 1
        return 0
    path = Path(args.file)
    try:  # streamed: a big file costs about its bookmarks, not several times its size
        added, updated, unchanged = import_file(store, path, args.format)
    except BookmarkImportError as exc:
        _err(f"{path.name}: {exc}")
        return 1
    print(safe(f"{path.name}: {added} added, {updated} updated, {unchanged} already present"))
    return _import_read_states(folder, path)


def _with_read_states(folder: Path, text: str) -> str:
    """A full JSON export also carries the read and starred states (``read_state``)."""
    if not (folder / READ_STATE_DB).exists():
        return text
    with ReadStateStore(folder) as states:
        return add_to_export(text, states.all())


def _import_read_states(folder: Path, path: Path) -> int:
    try:  # the bookmarks were streamed; the states section is read whole (Reader's own files)
        states = states_in_export(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        _err(f"{path.name}: {exc}")
        return 1
    if states:
        with ReadStateStore(folder) as store:
            added, updated, unchanged = store.merge(states)
        print(f"{path.name}: read states: {added} added, {updated} updated, "
              f"{unchanged} already present")
    return 0


if __name__ == "__main__":
    sys.exit(main())
