"""Articles per month (or per year) as a bar chart; choosing a bar filters the list on it.

Why: the volume of coverage over time is the first question an analyst asks about a
person or a place.  The counts come from :func:`reader.core.library.rows.bucket_rows`
(rows dated only to the year, and undated rows, are counted apart under the chart rather
than guessed; long spans are counted per year, and the axis title says so).  The chosen
period lives in the :class:`~reader.services.view_state.ViewState`: the chart sets it
and shows whatever it holds, so clearing the filters anywhere clears the bar here.

Keyboard: the chart takes the focus; Left/Right (Home/End) move between bars, the current
bar is framed and said in the summary line, Enter or Space filters on it, Escape clears.
Beside it, the same periods and counts as a table (what a screen reader reads): Up/Down
move the same current bar, Enter filters.
"""

from __future__ import annotations

from PySide6.QtCharts import (
    QAbstractAxis,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QValueAxis,
)
from PySide6.QtCore import QLocale, QMargins, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QCursor, QFocusEvent, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from reader.core.library.rows import MAX_MONTHS, Buckets
from reader.services.view_state import ViewState
from reader.ui.common import theme
from reader.ui.common.icons import icon


def period_label(key: str) -> str:
    """``2024-05`` → ``mai 24`` / ``May 24`` (the UI language's short month name); a year
    stays as it is."""
    if len(key) == 7:
        month = QLocale().standaloneMonthName(int(key[5:7]), QLocale.FormatType.ShortFormat)
        return f"{month} {key[2:4]}"
    return key


def _nice_step(top: int, max_ticks: int = 5) -> int:
    """1, 2 or 5 × 10^k, so that ``top`` fits in at most ``max_ticks`` integer steps."""
    magnitude = 1
    while True:
        for base in (1, 2, 5):
            step = base * magnitude
            if top <= step * max_ticks:
                return step
        magnitude *= 10


class _BarView(QChartView):
    """The chart's view: moves a current bar with the keyboard and frames it."""

    def __init__(self, owner: TimelineChart, chart: QChart) -> None:
        super().__init__(chart, owner)
        self._owner = owner
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        owner, key = self._owner, Qt.Key(event.key())
        n = len(owner.buckets.keys)
        moves = {Qt.Key.Key_Left: owner.current - 1, Qt.Key.Key_Right: owner.current + 1,
                 Qt.Key.Key_Home: 0, Qt.Key.Key_End: n - 1}
        if key in moves and n:
            owner.set_current(max(0, min(n - 1, moves[key])))
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            owner.choose_index(owner.current)
        elif key == Qt.Key.Key_Escape and owner.chosen is not None:
            owner.clear_choice()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._owner.set_current(self._owner.current)  # framed and said

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._owner.set_current(self._owner.current)

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        super().drawForeground(painter, rect)
        owner = self._owner
        series, i = owner.series, owner.current
        if not self.hasFocus() or series is None or not 0 <= i < len(owner.buckets.counts):
            return
        chart = self.chart()
        top = chart.mapToPosition(QPointF(i - 0.5, owner.buckets.counts[i]), series)
        bottom = chart.mapToPosition(QPointF(i + 0.5, 0), series)
        frame = QRectF(chart.mapToScene(top), chart.mapToScene(bottom)).normalized()
        pen = QPen(self.palette().highlight().color(), 2, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(frame.adjusted(-1, -3, 1, 1))


class TimelineChart(QWidget):
    """Bar chart of articles per period, choosing a period in ``view_state``."""

    def __init__(self, view_state: ViewState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view_state = view_state
        self.setAccessibleName(self.tr("Chronologie des articles"))
        self.setAccessibleDescription(self.tr(
            "Nombre d'articles par période pour le filtre courant ; les flèches passent "
            "d'une barre à l'autre, Entrée filtre la liste sur la période."))
        self.buckets = Buckets()
        self.chosen: str | None = view_state.period
        self.current = 0  # the bar the keyboard is on
        self.series: QBarSeries | None = None
        self._set: QBarSet | None = None
        self.chart = self._new_chart()
        self.view = _BarView(self, self.chart)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(160)
        self.view.setAccessibleName(self.tr("Histogramme des articles par période"))
        self.view.viewport().setAccessibleName(self.tr("Histogramme des articles par période"))
        self.table = self._build_table()
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        self.info.setAccessibleDescription(self.tr("Résumé de la chronologie"))
        theme.notifier.sig_changed.connect(self._on_scheme)
        self.clear_button = QToolButton(self)
        self.clear_button.setIcon(icon("clear"))
        self.clear_button.setText(self.tr("Toute la période"))
        self.clear_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.clear_button.setAccessibleName(self.tr("Effacer le filtre de période"))
        self.clear_button.clicked.connect(self.clear_choice)
        self.clear_button.setVisible(False)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.info, 1)
        bottom.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.table)  # below the chart: the dock keeps its narrow width
        layout.addLayout(bottom)
        view_state.sig_period_changed.connect(self._on_period_changed)
        self._render()

    def _build_table(self) -> QTableWidget:
        """The chart's data as a table: a screen reader cannot read bars drawn in a
        graphics scene, so periods and counts are also rows (WCAG 1.1.1, a text
        alternative for a chart).  Arrows move the current bar with the row; Enter filters."""
        table = QTableWidget(0, 2, self)
        table.setHorizontalHeaderLabels([self.tr("Période"), self.tr("Articles")])
        table.setAccessibleName(self.tr("Articles par période"))
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setTabKeyNavigation(False)
        table.setMaximumHeight(table.fontMetrics().height() * 6)
        table.setMinimumWidth(0)
        table.currentCellChanged.connect(self._on_table_row)
        table.activated.connect(lambda index: self.choose_index(index.row()))
        return table

    def _fill_table(self) -> None:
        b, table = self.buckets, self.table
        table.blockSignals(True)
        table.setRowCount(len(b.keys))
        for row, (key, count) in enumerate(zip(b.keys, b.counts, strict=False)):
            table.setItem(row, 0, QTableWidgetItem(period_label(key)))
            item = QTableWidgetItem(str(count))
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, 1, item)
        if 0 <= self.current < len(b.keys):
            table.setCurrentCell(self.current, 0)
        table.blockSignals(False)

    def _on_table_row(self, row: int, *_: int) -> None:
        if 0 <= row < len(self.buckets.keys) and row != self.current:
            self.set_current(row)

    @staticmethod
    def _new_chart() -> QChart:
        """A chart in the current scheme's colours (QtCharts paints white otherwise, a
        bright block in the dark scheme)."""
        p = theme.current()
        chart = QChart()
        chart.legend().hide()
        chart.setMargins(QMargins(2, 2, 2, 2))
        chart.setBackgroundRoundness(0)
        chart.setBackgroundBrush(QColor(p.base))
        chart.setBackgroundPen(QPen(QColor(p.border)))
        return chart

    @staticmethod
    def _style_axis(axis: QAbstractAxis) -> None:
        p = theme.current()
        axis.setLabelsBrush(QColor(p.text))
        axis.setTitleBrush(QColor(p.text))
        axis.setLinePenColor(QColor(p.border))
        axis.setGridLineColor(QColor(p.border))

    # -- data ------------------------------------------------------------------------------
    def set_buckets(self, buckets: Buckets) -> None:
        """Show the counts of the listed articles (computed off the GUI thread).  While a
        period is chosen the list is filtered to it, so the bars are kept: they stay the
        context of the choice."""
        if self.chosen is not None:
            return
        self.buckets = buckets
        self.current = min(self.current, max(len(buckets.keys) - 1, 0))
        self._render()

    def _render(self) -> None:
        b = self.buckets
        old, self.chart = self.chart, self._new_chart()
        self.view.setChart(self.chart)  # a fresh chart: re-used axes left ghosts behind
        old.deleteLater()
        series = QBarSeries()
        bars = QBarSet(self.tr("Articles"))
        bars.append([float(c) for c in b.counts])
        bars.setColor(QColor("#5c6bc0"))
        bars.setSelectedColor(QColor("#ff8f00"))
        series.append(bars)
        series.setBarWidth(0.9)
        bars.clicked.connect(self.choose_index)
        bars.hovered.connect(self._on_bar_hovered)
        self.chart.addSeries(series)
        labels = [period_label(k) for k in b.keys]
        x = QBarCategoryAxis()
        x.append(labels or [""])
        if len(labels) > 12:  # unreadable under the bars: the range goes in the title
            x.setLabelsVisible(False)
        x.setTitleText(self._axis_title(labels))
        y = QValueAxis()
        y.setLabelFormat("%d")
        y.setTitleText(self.tr("Articles"))
        top = max(b.counts, default=0)
        step = _nice_step(top)
        ceiling = max(step, step * -(-top // step))  # whole steps: every label is exact
        y.setRange(0, ceiling)
        y.setTickCount(ceiling // step + 1)
        for axis in (x, y):
            self._style_axis(axis)
        self.chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)
        self.series, self._set = series, bars
        self._fill_table()
        self._show_choice()

    def _on_scheme(self, _palette: object) -> None:
        """Light ↔ dark: the chart is drawn again in the new colours."""
        self._render()

    def _axis_title(self, labels: list[str]) -> str:
        span = f" · {labels[0]} → {labels[-1]}" if len(labels) > 12 else ""
        if self.buckets.by_year:
            return self.tr("Période : années (plus de {n} mois)").format(n=MAX_MONTHS) + span
        return self.tr("Période : mois") + span

    def _show_choice(self) -> None:
        keys = self.buckets.keys
        if self._set is not None:
            self._set.deselectAllBars()
            if self.chosen in keys:
                self._set.selectBar(keys.index(self.chosen))
        text = self._info_text()
        self.info.setText(text)
        self.view.setAccessibleDescription(text)
        self.clear_button.setVisible(self.chosen is not None)
        self.view.viewport().update()

    def _on_bar_hovered(self, status: bool, index: int) -> None:
        b = self.buckets
        if status and 0 <= index < len(b.keys):
            QToolTip.showText(QCursor.pos(), self.tr(
                "{period} : {n} article(s) — cliquer pour filtrer").format(
                    period=period_label(b.keys[index]), n=b.counts[index]), self.view)
        else:
            QToolTip.hideText()

    def _info_text(self) -> str:
        b = self.buckets
        parts = [self.tr("{n} article(s) sur le graphique").format(n=sum(b.counts))]
        if b.year_only:
            parts.append(self.tr("{n} daté(s) à l'année seulement").format(n=b.year_only))
        if b.undated:
            parts.append(self.tr("{n} sans date").format(n=b.undated))
        if self.view.hasFocus() and 0 <= self.current < len(b.keys):
            parts.append(self.tr("barre : {period}, {n} article(s)").format(
                period=period_label(b.keys[self.current]), n=b.counts[self.current]))
        if self.chosen is not None:
            parts.append(self.tr("période choisie : {period}").format(
                period=period_label(self.chosen)))
        return " · ".join(parts)

    # -- choosing --------------------------------------------------------------------------
    def set_current(self, index: int) -> None:
        """Move the keyboard's bar (framed, and said in the summary line)."""
        self.current = index
        if self.table.currentRow() != index and 0 <= index < self.table.rowCount():
            self.table.blockSignals(True)
            self.table.setCurrentCell(index, 0)
            self.table.blockSignals(False)
        self._show_choice()

    def choose_index(self, index: int) -> None:
        """Filter on the bar at ``index`` (choosing the chosen one again clears it)."""
        if not 0 <= index < len(self.buckets.keys):
            return
        self.current = index
        key = self.buckets.keys[index]
        self.view_state.set_period(None if key == self.chosen else key)

    def clear_choice(self) -> None:
        self.view_state.set_period(None)

    def _on_period_changed(self, period: str | None) -> None:
        self.chosen = period
        self._show_choice()
