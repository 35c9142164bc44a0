"""The Bookmarks dock's small dialogs: tags, and the files to export to or import from.

Kept out of the dock so it stays a view; each function returns what the user chose (None
when cancelled) and changes nothing itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QWidget

from reader.core.bookmarks.store import normalise_tags


def export_filters() -> dict[str, str]:
    """Export format → file dialog filter."""
    return {
        "md": QCoreApplication.translate("BookmarkDialogs", "Markdown (*.md)"),
        "json": QCoreApplication.translate("BookmarkDialogs", "JSON Reader (*.json)"),
        "w3c": QCoreApplication.translate("BookmarkDialogs", "W3C Web Annotation (*.jsonld *.json)"),
    }


def format_for(path: Path, chosen: str) -> str:
    """The file name wins over the dialog's filter when they disagree."""
    suffix = path.suffix.lower()
    if suffix == ".md":
        return "md"
    if suffix == ".jsonld":
        return "w3c"
    if suffix == ".json" and chosen == "md":
        return "json"
    return chosen


def ask_tags(parent: QWidget | None, tags: Sequence[str]) -> tuple[str, ...] | None:
    text, ok = QInputDialog.getText(
        parent, QCoreApplication.translate("BookmarkDialogs", "Étiquettes"), QCoreApplication.translate("BookmarkDialogs", "Étiquettes (séparées par des espaces ou des virgules) :"),
        QLineEdit.EchoMode.Normal, " ".join(tags))
    return normalise_tags(text) if ok else None


def ask_export_path(parent: QWidget | None) -> tuple[Path, str] | None:
    """The file to export to and its format."""
    filters = export_filters()
    path, chosen_filter = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("BookmarkDialogs", "Exporter les marque-pages"), QCoreApplication.translate("BookmarkDialogs", "marque-pages.md"),
        ";;".join(filters.values()))
    if not path:
        return None
    fmt = next((k for k, v in filters.items() if v == chosen_filter), "md")
    return Path(path), format_for(Path(path), fmt)


def ask_import_path(parent: QWidget | None) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("BookmarkDialogs", "Importer des marque-pages"), "",
        QCoreApplication.translate("BookmarkDialogs", "Marque-pages (*.json *.jsonld);;Tous les fichiers (*)"))
    return Path(path) if path else None
