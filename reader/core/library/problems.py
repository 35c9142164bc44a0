"""Files of a library that could not be indexed, and why, in a form the UI can word.

Why typed: "caractère invalide à l'octet 14" is the UI's sentence to write (and to
translate), so core records a ``code`` and its parameters.  :func:`word_problem` is the
default French wording; the UI may replace it.  ``reason`` stays English, for logs.

A problem's code and parameters are kept in the index's ``error`` column as a small JSON
object (older rows hold a plain English sentence: code ``"other"``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from reader.core.text import QT_TRANSLATE_NOOP

Params = tuple[tuple[str, int | str], ...]

# codes: every ParseError code, plus those of the walk
EMPTY, BINARY, NOT_UTF8, BAD_UTF16 = "empty", "binary", "not_utf8", "bad_utf16"
NO_TEXT, NO_TEXT_AFTER_HEADER = "no_text", "no_text_after_header"
TOO_LARGE, UNREADABLE, NOT_REGULAR = "too_large", "unreadable", "not_regular"
VANISHED, SYMLINK_OUTSIDE, UNREADABLE_FOLDER = "vanished", "symlink_outside", "unreadable_folder"
OTHER = "other"


@dataclass(frozen=True, slots=True)
class Problem:
    """One file (or folder) of a library that is not an article: ``path`` as text safe to
    show (a name that is not UTF-8 has its bad bytes as ``\\xff``)."""

    path: str
    reason: str  # English, for logs
    code: str = OTHER
    params: Params = field(default=())

    @property
    def args(self) -> dict[str, int | str]:
        return dict(self.params)


def encode_error(reason: str, code: str, params: Mapping[str, int | str]) -> str:
    """What the index stores in ``articles.error``."""
    return json.dumps({"c": code, "p": dict(params), "r": reason}, ensure_ascii=False)


def decode_error(text: str) -> tuple[str, str, Params]:
    """``(reason, code, params)`` from ``articles.error`` (plain old sentences too)."""
    if text.startswith('{"c"'):
        try:
            data = json.loads(text)
            params = tuple(sorted((str(k), v) for k, v in dict(data.get("p", {})).items()
                                  if isinstance(v, int | str)))
            return str(data.get("r", "")), str(data.get("c", OTHER)), params
        except (ValueError, TypeError, AttributeError):
            pass
    return text, OTHER, ()


def problem_from_row(path: str, error: str) -> Problem:
    reason, code, params = decode_error(error)
    return Problem(path, reason, code, params)


def _size(n: object) -> str:
    return f"{int(n) / (1024 * 1024):.1f}" if isinstance(n, int) else "?"


KINDS = {"fifo": QT_TRANSLATE_NOOP("Problems", "un tube nommé (FIFO)"),
         "device": QT_TRANSLATE_NOOP("Problems", "un périphérique"),
         "folder": QT_TRANSLATE_NOOP("Problems", "un dossier"),
         "special": QT_TRANSLATE_NOOP("Problems", "un fichier spécial"),
         "socket": QT_TRANSLATE_NOOP("Problems", "une socket")}

# each problem's wording: a template (French source) with {byte}, {size}, {limit}, {error},
# {kind} filled from the problem's parameters
TEMPLATES: dict[str, str] = {
    EMPTY: QT_TRANSLATE_NOOP("Problems", "fichier vide"),
    BINARY: QT_TRANSLATE_NOOP("Problems", "fichier binaire, pas un article"),
    NOT_UTF8: QT_TRANSLATE_NOOP("Problems", "caractère invalide à l'octet {byte} (le fichier "
                                            "n'est pas en UTF-8)"),
    BAD_UTF16: QT_TRANSLATE_NOOP("Problems", "texte UTF-16 invalide à l'octet {byte}"),
    NO_TEXT: QT_TRANSLATE_NOOP("Problems", "aucun texte"),
    NO_TEXT_AFTER_HEADER: QT_TRANSLATE_NOOP("Problems", "aucun texte après l'en-tête"),
    TOO_LARGE: QT_TRANSLATE_NOOP("Problems", "fichier trop gros ({size} Mo, limite {limit} Mo)"),
    UNREADABLE: QT_TRANSLATE_NOOP("Problems", "fichier illisible ({error})"),
    NOT_REGULAR: QT_TRANSLATE_NOOP("Problems", "pas un fichier ordinaire : {kind}"),
    VANISHED: QT_TRANSLATE_NOOP("Problems", "le fichier a disparu pendant l'analyse"),
    SYMLINK_OUTSIDE: QT_TRANSLATE_NOOP("Problems", "lien symbolique vers un fichier hors de la "
                                                   "bibliothèque (ignoré)"),
    UNREADABLE_FOLDER: QT_TRANSLATE_NOOP("Problems", "dossier illisible ({error}) : son contenu "
                                                     "n'a pas été lu"),
}
UNKNOWN = QT_TRANSLATE_NOOP("Problems", "fichier illisible")


def problem_params(problem: Problem, translate: Callable[[str], str] = str) -> dict[str, str]:
    """The template's fields for ``problem``; ``translate`` words the kind of file."""
    a = problem.args
    return {"byte": str(a.get("byte", "?")), "size": _size(a.get("size")),
            "limit": _size(a.get("limit")), "error": str(a.get("error", "?")),
            "kind": translate(KINDS.get(str(a.get("kind")), "?"))}


def word_problem(problem: Problem, translate: Callable[[str], str] = str) -> str:
    """The problem in words: French by default (the CLI); the UI passes its translation of
    the templates (context "Problems")."""
    template = TEMPLATES.get(problem.code)
    if template is None:
        return problem.reason or translate(UNKNOWN)
    return translate(template).format(**problem_params(problem, translate))


def safe_text(name: str) -> str:
    """A file name as text that can be stored and shown: a name that is not valid UTF-8
    (Python holds its bad bytes as lone surrogates) gets them as ``\\xff``."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        pass
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that is not an escaped byte
        return name.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


_CONTROL = {c: "\ufffd" for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20),
                                   *range(0x7F, 0xA0))}
_CONTROL_ONE_LINE = {**_CONTROL, 0x09: " ", 0x0A: " ", 0x0D: " "}


def printable(text: str, *, one_line: bool = True) -> str:
    """Text from files with control characters (terminal escapes…) replaced by U+FFFD,
    and line breaks by spaces when ``one_line``: safe to print on a terminal."""
    return safe_text(text).translate(_CONTROL_ONE_LINE if one_line else _CONTROL)
