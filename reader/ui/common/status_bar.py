"""The window's status bar: messages from :mod:`reader.services.messages`, scan progress,
the model's state, the library-wide analysis and the unreadable files.

Why here: five other objects used to write into these labels.  Now the bar subscribes to
the message bus (everything logged is also shown) and offers small typed setters; sticky
messages (a store moved aside, bookmarks unavailable) stay visible in the notice label.
Every text is plain: a file name with ``<b>`` shows the brackets.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QToolButton, QWidget

from reader.services import messages
from reader.services.messages import Level, Message
from reader.ui.common.icons import icon

NOTICE_CHARS = 90


class StatusBar(QStatusBar):
    sig_cancel_scan = Signal()
    sig_show_problems = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._notices: list[str] = []
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.progress.setVisible(False)
        self.progress.setAccessibleName(self.tr("Indexation"))
        self.cancel_button = QToolButton(self)
        self.cancel_button.setIcon(icon("cancel"))
        self.cancel_button.setToolTip(self.tr("Arrêter l'indexation"))
        self.cancel_button.setAccessibleName(self.tr("Arrêter l'indexation"))
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.sig_cancel_scan)
        self.model_label = self._label("modelStatus")
        self.batch_label = self._label("batchStatus")
        self.batch_label.setVisible(False)
        self.read_label = self._label("readCounts")
        self.read_label.setVisible(False)
        self.problems_button = QToolButton(self)
        self.problems_button.setIcon(icon("problems"))
        self.problems_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.problems_button.setAutoRaise(True)
        self.problems_button.setVisible(False)
        self.problems_button.clicked.connect(self.sig_show_problems)
        self.notice_label = self._label("noticeLabel")
        self.notice_label.setProperty("role", "notice")
        self.notice_label.setVisible(False)
        self.insertPermanentWidget(0, self.notice_label, 1)
        self.addPermanentWidget(self.read_label)
        self.addPermanentWidget(self.problems_button)
        self.addPermanentWidget(self.progress)
        self.addPermanentWidget(self.cancel_button)
        self.addPermanentWidget(self.batch_label)
        self.addPermanentWidget(self.model_label)
        messages.bus.sig_message.connect(self.show)

    def _label(self, name: str) -> QLabel:
        label = QLabel("", self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def show(self, message: Message) -> None:  # type: ignore[override]
        text = message.text + (f" : {message.detail}" if message.detail else "")
        if message.sticky:
            self._notice(text)
        timeout = 4000 if message.level == Level.INFO else 15000
        self.say(text, timeout)

    def say(self, text: str, timeout: int = 5000) -> None:
        """A transient message, also announced to screen readers."""
        self.showMessage(text, timeout)
        self.setAccessibleDescription(text)
        QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.Alert))

    def _notice(self, text: str) -> None:
        self._notices.append(text)
        self.notice_label.setText("⚠ " + self._notices[-1][:NOTICE_CHARS])
        self.notice_label.setToolTip("\n".join(self._notices))
        self.notice_label.setAccessibleName(self._notices[-1])
        self.notice_label.setVisible(True)

    @property
    def notices(self) -> list[str]:
        return list(self._notices)

    # -- typed setters ---------------------------------------------------------------------
    def scanning(self, done: int | None, total: int = 0) -> None:
        """``None``: not scanning; ``done < 0``: starting; else files indexed of total."""
        self.progress.setVisible(done is not None)
        self.cancel_button.setVisible(done is not None)
        if done is None:
            return
        if done < 0:
            self.progress.setRange(0, 0)
        else:
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done)
            self.progress.setFormat(self.tr("Indexation %v / %m"))

    def library_opened(self, articles: int, problems: int, interrupted: bool) -> None:
        """The scan ended: how many articles, unreadable files, and whether it stopped."""
        self.scanning(None)
        parts = [self.tr("%n article(s)", "", articles)]
        if interrupted:
            parts.append(self.tr("indexation interrompue (reprendra à la prochaine ouverture)"))
        if problems:
            parts.append(self.tr("%n fichier(s) illisible(s)", "", problems))
        self.set_problems(problems)
        self.say(" · ".join(parts), 15000)

    def set_problems(self, count: int) -> None:
        self.problems_button.setText(self.tr("%n problème(s)", "", count))
        self.problems_button.setToolTip(self.tr("Voir les fichiers qui n'ont pas pu être lus"))
        self.problems_button.setVisible(count > 0)

    def set_model_status(self, text: str, tooltip: str = "") -> None:
        self.model_label.setText(text)
        self.model_label.setToolTip(tooltip)

    def set_read_counts(self, unread: int, starred: int) -> None:
        """Unread and starred articles of the library (permanent, beside the problems)."""
        parts = [self.tr("%n non lu(s)", "", unread)] if unread else []
        if starred:
            parts.append(self.tr("%n suivi(s)", "", starred))
        self.read_label.setText(" · ".join(parts))
        self.read_label.setVisible(bool(parts))

    def set_batch(self, done: int, total: int) -> None:
        running = bool(total) and done < total
        self.batch_label.setText(
            self.tr("Entités de la bibliothèque : %1/%2").replace("%1", str(done))
            .replace("%2", str(total)) if running else "")
        self.batch_label.setVisible(running)

    def set_batch_detail(self, text: str) -> None:
        self.batch_label.setToolTip(text)
