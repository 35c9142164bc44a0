"""The legend bar above the article: one toggle per entity type, the search position,
and the entity status ("analyse…", "12 entités")."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QResizeEvent, QTextCharFormat
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

from reader.ui.common import theme
from reader.ui.common.entity_style import ORDER, STYLES
from reader.ui.common.tooltips import plain_tooltip

_MIN_STATUS = 90  # px: a status shortened below this is not worth reading: left out


def css_line(style: QTextCharFormat.UnderlineStyle) -> str:
    """The CSS border style closest to an underline style (the swatch under the name)."""
    if style in (QTextCharFormat.UnderlineStyle.DotLine,):
        return "dotted"
    if style in (QTextCharFormat.UnderlineStyle.DashUnderline,
                 QTextCharFormat.UnderlineStyle.DashDotLine,
                 QTextCharFormat.UnderlineStyle.DashDotDotLine):
        return "dashed"
    if style is QTextCharFormat.UnderlineStyle.WaveUnderline:
        return "double"
    return "solid"


class LegendBar(QWidget):
    """One toggle per entity type: colour swatch, name and underline style."""

    sig_toggled = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = self._row = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        layout.setSpacing(4)
        self.caption = QLabel(self)
        self.caption.setObjectName("legendCaption")
        layout.addWidget(self.caption)
        self._compact = False
        self._full_width = 0
        self._status_text = ""
        self.buttons: dict[str, QToolButton] = {}
        for label in ORDER:
            button = QToolButton(self)
            button.setCheckable(True)
            button.setChecked(True)
            button.setObjectName(f"legend_{label}")
            button.toggled.connect(lambda on, lab=label: self.sig_toggled.emit(lab, on))
            layout.addWidget(button)
            self.buttons[label] = button
        layout.addStretch(1)
        # the legend may be clipped on narrow windows rather than widen the reading pane
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        # where F3 / Shift+F3 are among the search's matches in this article
        self.matches = QLabel("", self)
        self.matches.setObjectName("legendMatches")
        self.matches.setTextFormat(Qt.TextFormat.PlainText)
        self.matches.setVisible(False)
        layout.addWidget(self.matches)
        self.status = QLabel("", self)
        self.status.setObjectName("legendStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.status)
        self.retranslate()
        self.restyle()
        theme.notifier.sig_changed.connect(self.restyle)

    def retranslate(self) -> None:
        """Names in the UI language (also after a language switch)."""
        self.caption.setText(self.tr("Entités :"))
        for label, button in self.buttons.items():
            style = STYLES[label]
            button.setText(label if self._compact else style.name)
            button.setToolTip(self.tr("Afficher ou masquer : %1 (%2)")
                              .replace("%1", style.plural).replace("%2", label))
            button.setAccessibleName(self.tr("Surligner les entités de type %1")
                                     .replace("%1", style.name))
        self._full_width = 0

    def restyle(self, _palette: object = None) -> None:
        """Swatch colours of the current scheme."""
        p = theme.current()
        for label, button in self.buttons.items():
            style = STYLES[label]
            button.setStyleSheet(
                f"QToolButton {{ border: 1px solid {style.colour};"
                f" border-bottom: 3px {css_line(style.underline)} {style.colour};"
                f" background: {style.background}; border-radius: 3px; padding: 1px 6px;"
                f" color: {p.text}; }}"
                f"QToolButton:!checked {{ background: transparent; color: {p.muted};"
                f" border-color: {p.border}; }}"
                f"QToolButton:focus {{ border: 2px solid {p.accent}; }}"
            )
        self.matches.setStyleSheet(f"background: {p.search}; color: {p.text};"
                                   " border-radius: 3px; padding: 1px 6px;")
        self._full_width = 0  # measured again with these borders

    def type_actions(self, parent: QObject) -> list[QAction]:
        """One checkable action per type, kept in step with its toggle (for a menu: the
        legend may be clipped on a narrow pane, the menu never is)."""
        actions = []
        for label, button in self.buttons.items():
            action = QAction(STYLES[label].name, parent)
            action.setCheckable(True)
            action.setChecked(button.isChecked())
            action.setData(label)
            action.toggled.connect(button.setChecked)
            button.toggled.connect(action.setChecked)
            actions.append(action)
        return actions

    def enabled_labels(self) -> set[str]:
        return {label for label, b in self.buttons.items() if b.isChecked()}

    def show_match_position(self, current: int, n: int, shown: bool) -> None:
        """Short ("2 / 5": the bar is narrow), spelled out for tooltips and readers;
        ``current`` is 0-based, -1 before the first F3."""
        current += 1
        self.matches.setText(f"{current or '–'} / {n}")
        full = (self.tr("Occurrence %1 sur %2 de la recherche").replace("%1", str(current))
                .replace("%2", str(n)) if current
                else self.tr("%1 occurrence(s) de la recherche").replace("%1", str(n)))
        self.matches.setToolTip(full + " (F3 / Maj+F3)")
        self.matches.setAccessibleName(full)
        self.matches.setVisible(n > 0 and shown)

    def set_status(self, text: str) -> None:
        """``text`` shortened with "…" when the bar is narrow (whole in its tooltip)."""
        self._status_text = text
        self.status.setToolTip(plain_tooltip(text) if text else "")
        self.status.setAccessibleName(text)
        self._relayout()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout()

    def _relayout(self) -> None:
        """The type names while they fit, the type codes (PER, ORG…) only on a pane too
        narrow for them; the status line takes what is left, shortened with "…", and is
        left out below a readable width (the entity panel and the status bar say it too)."""
        metrics = self.fontMetrics()
        spacing = self._row.spacing()
        if self._full_width == 0:  # the names' width, measured in either mode
            self._full_width = sum(
                metrics.horizontalAdvance(STYLES[label].name)
                + button.sizeHint().width() - metrics.horizontalAdvance(button.text())
                + spacing for label, button in self.buttons.items()
            ) + metrics.horizontalAdvance(self.caption.text()) + 2 * spacing + 16
        matches = self.matches.sizeHint().width() + spacing if self.matches.isVisible() else 0
        compact = self.width() < self._full_width + matches
        if compact != self._compact:
            self._compact = compact
            self.caption.setVisible(not compact)
            for label, button in self.buttons.items():
                button.setText(label if compact else STYLES[label].name)
        used = (self._full_width if not compact
                else sum(b.sizeHint().width() + spacing for b in self.buttons.values()) + 16)
        room = self.width() - used - matches - spacing
        text = self._status_text
        if metrics.horizontalAdvance(text) > room:
            text = (metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
                    if room >= _MIN_STATUS else "")
        self.status.setText(text)
