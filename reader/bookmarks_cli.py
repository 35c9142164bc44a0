"""``reader bookmarks list|export|import``: the bookmark store from a terminal.

No QApplication and no display needed (only the platform data directory lookup uses QtCore
when neither ``--data-dir`` nor ``$READER_DATA_DIR`` is given).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from reader.core.bookmarks.export import FORMATS, ImportFormatError, export, parse_import
from reader.core.bookmarks.store import Bookmark, BookmarkStore
from reader.core.library.read_state import DB_NAME as READ_STATE_DB
from reader.core.library.read_state import ReadStateStore, add_to_export, states_in_export
from reader.core.storage import StorageError
from reader.core.text import fold, shorten
from reader.paths import data_dir


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
    parts = [b.id[:8], b.article_date or "----", b.article_title or b.article_id,
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
        print(f"reader bookmarks: {exc}", file=sys.stderr)
        return 1
    try:
        if store.notice:
            print(f"reader bookmarks: {store.notice}", file=sys.stderr)
        return _run(args, store)
    except StorageError as exc:
        print(f"reader bookmarks: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()


def _run(args: argparse.Namespace, store: BookmarkStore) -> int:
    folder = store.path.parent
    if args.command == "list":
        chosen = _select(store.all(), args.article, args.tag)
        for b in chosen:
            print(_line(b))
        print(f"{len(chosen)} marque-page(s) — {store.path}", file=sys.stderr)
        return 0
    if args.command == "export":
        text = export(_select(store.all(), args.article, args.tag), args.format)
        if args.format == "json" and not (args.article or args.tag):
            text = _with_read_states(folder, text)
        if not args.output or args.output == "-":
            sys.stdout.write(text)
            return 0
        out = Path(args.output)
        tmp = out.with_name(out.name + ".tmp")
        try:
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, out)
        except OSError as exc:
            print(f"reader bookmarks: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        return 0
    path = Path(args.file)
    try:
        bookmarks = parse_import(path.read_text(encoding="utf-8"), args.format)
    except OSError as exc:
        print(f"reader bookmarks: cannot read {path}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except (UnicodeDecodeError, ImportFormatError) as exc:
        print(f"reader bookmarks: {path.name}: {exc}", file=sys.stderr)
        return 1
    added, updated, unchanged = store.merge(bookmarks)
    print(f"{path.name}: {added} added, {updated} updated, {unchanged} already present")
    return _import_read_states(folder, path)


def _with_read_states(folder: Path, text: str) -> str:
    """A full JSON export also carries the read and starred states (``read_state``)."""
    if not (folder / READ_STATE_DB).exists():
        return text
    with ReadStateStore(folder) as states:
        return add_to_export(text, states.all())


def _import_read_states(folder: Path, path: Path) -> int:
    try:
        states = states_in_export(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        print(f"reader bookmarks: {path.name}: {exc}", file=sys.stderr)
        return 1
    if states:
        with ReadStateStore(folder) as store:
            added, updated, unchanged = store.merge(states)
        print(f"{path.name}: read states: {added} added, {updated} updated, "
              f"{unchanged} already present")
    return 0


if __name__ == "__main__":
    sys.exit(main())
