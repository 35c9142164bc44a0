"""The Entities dock: the open article's entities grouped by type, with counts."""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.ui.common import theme
from reader.ui.common.entity_style import ORDER, style_for

KeyRole = Qt.ItemDataRole.UserRole + 1
LabelRole = Qt.ItemDataRole.UserRole + 2


class EntitiesPanel(QDockWidget):
    """Activating an entity emits ``sig_entity_activated(key, label, text)``."""

    sig_entity_activated = Signal(str, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Entités de l'article"))
        self.setObjectName("entitiesDock")
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # may carry a failure's text
        self.status.setObjectName("entitiesStatus")
        self.tree = QTreeWidget(body)
        self.tree.setHeaderLabels([self.tr("Entité"), self.tr("Mentions")])
        self.tree.setRootIsDecorated(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setAccessibleName(self.tr("Entités de l'article"))
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, self.tree.header().ResizeMode.Stretch)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        # names stay readable (not "U…") without taking the reading column's room
        body.setMinimumWidth(self.fontMetrics().averageCharWidth() * 22)
        self.tree.itemActivated.connect(self._on_activated)
        self.tree.itemDoubleClicked.connect(self._on_activated)
        layout.addWidget(self.status)
        layout.addWidget(self.tree, 1)
        self.setWidget(body)
        theme.notifier.sig_changed.connect(self._recolour)

    def set_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def clear(self) -> None:
        self.tree.clear()

    def set_entities(self, entities: Iterable[Any]) -> None:
        """Group by label then key; the display text is the most frequent surface form."""
        groups: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
        for ent in entities:
            groups[ent.label][ent.key or ent.text][ent.text] += 1
        self.tree.clear()
        for label in ORDER:
            if label not in groups:
                continue
            style = style_for(label)
            keys = groups[label]
            total = sum(sum(c.values()) for c in keys.values())
            top = QTreeWidgetItem([f"{style.plural} · {label}", str(total)])
            top.setForeground(0, QBrush(QColor(style.colour)))
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            top.setData(0, LabelRole, label)
            top.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole,
                        f"{len(keys)} {(style.name if len(keys) == 1 else style.plural).lower()}")
            ranked = sorted(keys.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
            for key, forms in ranked:
                text = forms.most_common(1)[0][0]
                child = QTreeWidgetItem([text, str(sum(forms.values()))])
                child.setData(0, KeyRole, key)
                child.setData(0, LabelRole, label)
                child.setToolTip(0, html.escape(
                    self.tr("%1 — %2 (%3) — activer pour aller à la mention suivante")
                    .replace("%1", text).replace("%2", style.name).replace("%3", label),
                    quote=False))
                child.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole, style.name)
                child.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
                top.addChild(child)
            top.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)
        self.tree.resizeColumnToContents(1)

    def _recolour(self, _palette: object = None) -> None:
        """Group names in the new scheme's entity colours."""
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is not None:
                top.setForeground(0, QBrush(QColor(style_for(str(top.data(0, LabelRole)))
                                                   .colour)))

    def _on_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        key = item.data(0, KeyRole)
        if key:
            self.sig_entity_activated.emit(str(key), str(item.data(0, LabelRole)), item.text(0))
