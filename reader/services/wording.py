"""Core's typed errors and problems in the interface's language.

Why here: ``reader/core`` has no Qt; it describes a storage error by its kind and a bad
file by a code and parameters, with French templates marked for Qt Linguist
(``QT_TRANSLATE_NOOP``).  This module translates those templates with the installed
translators, so the same error reads "le disque est plein…" in French and "the disk is
full…" in English, with no raw bytes or exception text meant for logs.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from reader.core.library.problems import Problem, word_problem
from reader.core.storage_errors import TEMPLATES, THE_DATABASE, StorageError, word_storage_error


def problem_text(problem: Problem) -> str:
    return word_problem(problem, lambda t: QCoreApplication.translate("Problems", t))


def storage_error_text(exc: StorageError) -> str:
    return word_storage_error(exc, _tr)


def kind_text(kind: str) -> str:
    """A storage error's kind alone ("damaged", "newer_schema"…), in words."""
    template = TEMPLATES.get(kind, TEMPLATES["storage"])
    return _tr(template).format(name=_tr(THE_DATABASE))


def _tr(text: str) -> str:
    return QCoreApplication.translate("StorageErrors", text)
