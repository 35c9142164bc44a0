"""Dropping a folder on the window opens it as a library (an event filter, so the window
needs no drag-and-drop methods of its own)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QWidget


def _folders(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    data = event.mimeData()
    urls = data.urls() if data.hasUrls() else []
    return [Path(u.toLocalFile()) for u in urls
            if u.isLocalFile() and Path(u.toLocalFile()).is_dir()]


class FolderDrop(QObject):
    def __init__(self, widget: QWidget, open_folder: Callable[[Path], None]) -> None:
        super().__init__(widget)
        self._open = open_folder
        widget.setAcceptDrops(True)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QDragEnterEvent):
            if _folders(event):
                event.acceptProposedAction()
            else:
                event.ignore()
            return True
        if isinstance(event, QDropEvent):
            folders = _folders(event)
            if folders:
                event.acceptProposedAction()
                self._open(folders[0])
            else:
                event.ignore()
            return True
        return super().eventFilter(watched, event)
