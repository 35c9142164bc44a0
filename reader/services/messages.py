"""One bridge for what the user must be told: ``error()``, ``warning()``, ``info()``.

Why: in the manner of qutebrowser's ``utils/message.py``, every layer reports through the
same three calls.  Each call is logged (so a failure is never silent, even without a
window) and emitted once as a typed :class:`Message`; the status bar, the notice label and
dialogs subscribe to :data:`bus` instead of being reached into by whoever has news.
Text is plain: views show it with ``Qt.PlainText``.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

log = logging.getLogger("reader")


class Level(enum.IntEnum):
    INFO = logging.INFO
    WARNING = logging.WARNING
    ERROR = logging.ERROR


@dataclass(frozen=True)
class Message:
    """What to tell the user.  ``sticky`` messages stay visible until dismissed (a store
    moved aside, bookmarks read-only); others are shown for a few seconds."""

    level: Level
    text: str
    detail: str = ""
    sticky: bool = False


class MessageBus(QObject):
    sig_message = Signal(Message)

    def __init__(self) -> None:
        super().__init__()
        self.history: list[Message] = []

    def post(self, message: Message) -> None:
        log.log(int(message.level), "%s%s", message.text,
                f" ({message.detail})" if message.detail else "")
        self.history.append(message)
        del self.history[:-200]
        self.sig_message.emit(message)


bus = MessageBus()


def error(text: str, detail: str = "", *, sticky: bool = False) -> None:
    bus.post(Message(Level.ERROR, text, detail, sticky))


def warning(text: str, detail: str = "", *, sticky: bool = False) -> None:
    bus.post(Message(Level.WARNING, text, detail, sticky))


def info(text: str, detail: str = "") -> None:
    bus.post(Message(Level.INFO, text, detail))
