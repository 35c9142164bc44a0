"""Articles per month (or per year) as a bar chart; clicking a bar chooses that period.

Why: the volume of coverage over time is the first question an analyst asks about a
person or a place.  Rows dated only to the year, and undated rows, cannot be placed on a
month axis: they are counted apart under the chart rather than guessed.  Long spans are
aggregated by year (beyond :data:`MAX_MONTHS` bars the labels become unreadable), and the
axis title says so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QPainter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from reader.core.library.dates import Precision
from reader.ui.common.icons import icon

MAX_MONTHS = 60
_MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
           "nov.", "déc.")


@dataclass(frozen=True)
class Buckets:
    """What the chart shows: ``keys`` ("YYYY-MM" or "YYYY"), their labels and counts."""

    keys: list[str]
    labels: list[str]
    counts: list[int]
    by_year: bool
    undated: int
    year_only: int  # dated to the year only: counted apart in month mode

    @property
    def total(self) -> int:
        return sum(self.counts) + self.undated + self.year_only


def _month_range(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    ly, lm = int(last[:4]), int(last[5:7])
    out = []
    while (y, m) <= (ly, lm):
        out.append(f"{y:04d}-{m:02d}")
        m += 1
        if m > 12:
            y, m = y + 1, 1
    return out


def _nice_step(top: int, max_ticks: int = 5) -> int:
    """1, 2 or 5 × 10^k, so that ``top`` fits in at most ``max_ticks`` integer steps."""
    magnitude = 1
    while True:
        for base in (1, 2, 5):
            step = base * magnitude
            if top <= step * max_ticks:
                return step
        magnitude *= 10


def bucket_rows(rows: Sequence[Any], max_months: int = MAX_MONTHS) -> Buckets:
    """Count rows per month (every month between the first and last, zeros included), or
    per year when that would make more than ``max_months`` bars."""
    months: Counter[str] = Counter()
    years: Counter[str] = Counter()
    undated = 0
    for row in rows:
        iso = row.date_iso
        if not iso or row.precision <= Precision.NONE:
            undated += 1
            continue
        years[iso[:4]] += 1
        if row.precision >= Precision.MONTH:
            months[iso[:7]] += 1
    year_only = sum(years.values()) - sum(months.values())
    span = _month_range(min(months), max(months)) if months else []
    if len(span) > max_months or (not months and years):
        first, last = int(min(years)), int(max(years))
        keys = [str(y) for y in range(first, last + 1)]
        return Buckets(keys, keys, [years[k] for k in keys], True, undated, 0)
    labels = [f"{_MONTHS[int(k[5:7]) - 1]} {k[2:4]}" for k in span]
    return Buckets(span, labels, [months[k] for k in span], False, undated, year_only)


class TimelineChart(QWidget):
    """Bar chart of articles per period; ``sig_month_chosen`` gives "YYYY-MM", "YYYY"
    (year mode) or None when the choice is cleared."""

    sig_month_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Chronologie des articles")
        self.setAccessibleDescription(
            "Nombre d'articles par mois pour le filtre courant ; cliquer une barre filtre "
            "la liste sur cette période.")
        self.buckets = Buckets([], [], [], False, 0, 0)
        self.chosen: str | None = None
        self.chart = self._new_chart()
        self.view = QChartView(self.chart, self)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(160)
        self.view.setAccessibleName("Histogramme des articles par période")
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        self.info.setAccessibleName("Résumé de la chronologie")
        self.clear_button = QToolButton(self)
        self.clear_button.setIcon(icon("clear"))
        self.clear_button.setText("Toute la période")
        self.clear_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.clear_button.setAccessibleName("Effacer le filtre de période")
        self.clear_button.clicked.connect(self.clear_choice)
        self.clear_button.setVisible(False)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.info, 1)
        bottom.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        self._series: QBarSeries | None = None
        self._set: QBarSet | None = None
        self._render()

    @staticmethod
    def _new_chart() -> QChart:
        chart = QChart()
        chart.legend().hide()
        chart.setMargins(QMargins(2, 2, 2, 2))
        chart.setBackgroundRoundness(0)
        return chart

    # -- data ------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any]) -> None:
        """Show ``rows`` (the articles currently listed).  While a period is chosen the
        list is filtered to it, so the bars are kept (they stay the context of the choice)."""
        if self.chosen is not None:
            return
        self.set_buckets(bucket_rows(rows))

    def set_buckets(self, buckets: Buckets) -> None:
        """Show buckets computed elsewhere (off the GUI thread for large libraries)."""
        if self.chosen is not None:
            return
        self.buckets = buckets
        self._render()

    def _render(self) -> None:
        b = self.buckets
        old, self.chart = self.chart, self._new_chart()
        self.view.setChart(self.chart)  # a fresh chart: re-used axes left ghosts behind
        old.deleteLater()
        series = QBarSeries()
        bars = QBarSet("Articles")
        bars.append([float(c) for c in b.counts])
        bars.setColor(QColor("#5c6bc0"))
        bars.setSelectedColor(QColor("#ff8f00"))
        series.append(bars)
        series.setBarWidth(0.9)
        bars.clicked.connect(self._on_bar_clicked)
        bars.hovered.connect(self._on_bar_hovered)
        self.chart.addSeries(series)
        x = QBarCategoryAxis()
        x.append(b.labels or [""])
        if len(b.labels) > 12:  # unreadable under the bars: the range goes in the title
            x.setLabelsVisible(False)
        x.setTitleText(self._axis_title())
        y = QValueAxis()
        y.setLabelFormat("%d")
        top = max(b.counts, default=0)
        step = _nice_step(top)
        ceiling = max(step, step * -(-top // step))  # whole steps: every label is exact
        y.setRange(0, ceiling)
        y.setTickCount(ceiling // step + 1)
        self.chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)
        self._series, self._set = series, bars
        if self.chosen in b.keys:
            bars.selectBar(b.keys.index(self.chosen))
        self.info.setText(self._info_text())
        self.view.setAccessibleDescription(self._info_text())
        self.clear_button.setVisible(self.chosen is not None)

    def _axis_title(self) -> str:
        b = self.buckets
        span = f" · {b.labels[0]} → {b.labels[-1]}" if len(b.labels) > 12 else ""
        if b.by_year:
            return f"Articles par année (plus de {MAX_MONTHS} mois){span}"
        return f"Articles par mois{span}"

    def _on_bar_hovered(self, status: bool, index: int) -> None:
        b = self.buckets
        if status and 0 <= index < len(b.keys):
            QToolTip.showText(QCursor.pos(), f"{b.labels[index]} : {b.counts[index]} "
                              "article(s) — cliquer pour filtrer", self.view)
        else:
            QToolTip.hideText()

    def _info_text(self) -> str:
        b = self.buckets
        parts = [f"{sum(b.counts)} article(s) sur le graphique"]
        if b.year_only:
            parts.append(f"{b.year_only} daté(s) à l'année seulement")
        if b.undated:
            parts.append(f"{b.undated} sans date")
        if self.chosen is not None:
            parts.append(f"période choisie : {self.chosen}")
        return " · ".join(parts)

    # -- choosing --------------------------------------------------------------------------
    def _on_bar_clicked(self, index: int) -> None:
        self.choose_index(index)

    def choose_index(self, index: int) -> None:
        """Choose the bar at ``index`` (choosing the chosen one again clears it)."""
        if not 0 <= index < len(self.buckets.keys):
            return
        key = self.buckets.keys[index]
        if key == self.chosen:
            self.clear_choice()
            return
        self.chosen = key
        if self._set is not None:
            self._set.deselectAllBars()
            self._set.selectBar(index)
        self.info.setText(self._info_text())
        self.clear_button.setVisible(True)
        self.sig_month_chosen.emit(key)

    def clear_choice(self) -> None:
        if self.chosen is None:
            return
        self.chosen = None
        if self._set is not None:
            self._set.deselectAllBars()
        self.info.setText(self._info_text())
        self.clear_button.setVisible(False)
        self.sig_month_chosen.emit(None)
