"""Listing a library's files: what is an article candidate, and what is refused and why.

Why apart from the index: the walk meets the hostile part of a library (names that are
not UTF-8, FIFOs, devices, symlinks out of the library, unreadable folders); keeping it
here keeps the index about storage.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable

from reader.core.library.problems import (
    NOT_REGULAR,
    SYMLINK_OUTSIDE,
    UNREADABLE_FOLDER,
    safe_text,
)

__all__ = ["Refused", "os_path", "walk_library"]


Refused = dict[str, tuple[str, str, dict[str, int | str]]]


LISTED_STEP = 1_000  # ``listed`` is called each time this many more files are listed


def walk_library(root: str, refused: Refused | None = None,
                 listed: Callable[[int], None] | None = None) -> list[tuple[str, int, int]]:
    """``(relative path, size, mtime_ns)`` of every ``*.txt`` under ``root``, sorted.

    Hidden files and directories (``.name``) are skipped (editor temp files, ``.git``);
    directory symlinks are not followed (no loops).  Entries vanishing mid-walk are skipped.
    Names are as the OS gives them (a name that is not UTF-8 holds lone surrogates).

    With ``refused``, entries that are not articles are listed too and explained there
    (``rel → (reason, code, params)``): a FIFO, device or socket named ``*.txt``, a
    ``*.txt`` symlink leading out of the library, an unreadable folder.  Without it they
    are skipped silently.  ``listed(count)`` hears how many files are listed so far, every
    :data:`LISTED_STEP` files (the index starts its parsing processes early on a big walk).
    """
    out: list[tuple[str, int, int]] = []
    sep = os.sep
    stack = [""]
    real_root = os.path.realpath(root)

    def refuse(rel: str, st: os.stat_result | None, reason: str, code: str,
               **params: int | str) -> None:
        if refused is not None:
            refused[rel] = (reason, code, params)
            out.append((rel, st.st_size if st else 0, st.st_mtime_ns if st else 0))

    while stack:
        reldir = stack.pop()
        try:
            it = os.scandir(os.path.join(root, reldir) if reldir else root)
        except OSError as exc:
            if reldir:
                error = exc.strerror or str(exc)
                refuse(reldir, None, f"cannot read the folder ({error})", UNREADABLE_FOLDER,
                       error=error)
            continue
        with it:
            for entry in it:
                name = entry.name
                if name.startswith("."):
                    continue
                rel = reldir + sep + name if reldir else name  # os.path.join, inlined
                try:
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(rel)
                    elif name[-4:].lower() == ".txt":
                        if entry.is_symlink():
                            target = os.path.realpath(entry.path)
                            if os.path.commonpath([real_root, target]) != real_root:
                                refuse(rel, entry.stat(follow_symlinks=False),
                                       "symlink to a file outside the library",
                                       SYMLINK_OUTSIDE)
                                continue
                        if entry.is_file():
                            st = entry.stat()
                            out.append((rel, st.st_size, st.st_mtime_ns))
                            if listed is not None and len(out) % LISTED_STEP == 0:
                                listed(len(out))
                        elif not entry.is_dir():
                            st = entry.stat(follow_symlinks=False)
                            kind = _special_kind(entry)
                            refuse(rel, st, f"not a regular file ({kind})", NOT_REGULAR,
                                   kind=kind)
                except (OSError, ValueError):
                    continue
    out.sort()
    return out


def _special_kind(entry: os.DirEntry[str]) -> str:
    try:
        mode = entry.stat().st_mode
    except OSError:
        return "special"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special"


def os_path(root: str, rel: str) -> str:
    """The path on disk of a stored ``rel``: a name that is not UTF-8 was stored with its
    bad bytes as ``\\xff``, so find the entry whose safe form matches, part by part."""
    path = os.path.join(root, rel)
    if "\\x" not in rel or os.path.lexists(path):
        return path
    current = root
    for part in rel.split(os.sep):
        candidate = os.path.join(current, part)
        if not os.path.lexists(candidate):
            try:
                names = os.listdir(current)
            except OSError:
                return path
            match = next((n for n in names if safe_text(n) == part), None)
            if match is None:
                return path
            candidate = os.path.join(current, match)
        current = candidate
    return current
