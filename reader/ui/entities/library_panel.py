"""The Library Entities dock: who and what the whole library talks about.

Most mentioned entities by type with article counts, a filter box (accent-insensitive),
manual Merge/Split, the entities most often mentioned together with the chosen one, and a
timeline of the listed articles.  A view only: the
:class:`~reader.services.library_entities.LibraryEntityService` runs every query, write
and the extraction process, and the chosen entity and period live in the
:class:`~reader.services.view_state.ViewState`, which this dock observes (so clearing the
filters anywhere clears its choice, and closing it clears its filters).

Built when first shown: the dock is hidden in the default layout, and its widgets (the
timeline's chart above all) took ~11 ms of every start.  Until then the service's signals are
kept (the last of each, in order) and given to the widgets once they exist, so the dock
shows what it would have shown had it been built at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.services.entity_results import ChosenEntity, CoMentions, EntityQuery, TopEntities
from reader.services.library_entities import LibraryEntityService
from reader.services.view_state import EntityFilter, ViewState
from reader.ui.common.a11y import name_clear_button
from reader.ui.common.entity_style import style_for
from reader.ui.common.icons import icon
from reader.ui.entities.models import (
    COL_ARTICLES,
    EntityFilterProxy,
    EntityListModel,
    KeyRole,
    LabelRole,
    SummaryRole,
)

if TYPE_CHECKING:  # annotations only (the entity index imports the extractor)
    from reader.core.entities.index import EntitySummary
    from reader.core.library.rows import Buckets

SEARCH_DELAY_MS = 250
MAX_OTHERS_SHOWN = 8


class LibraryEntitiesPanel(QDockWidget):
    """See the module docstring."""

    def __init__(self, service: LibraryEntityService, view_state: ViewState,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Entités de la bibliothèque"))
        self.setObjectName("libraryEntitiesDock")
        self.setAccessibleName(self.tr("Entités de la bibliothèque"))
        self.service, self.view_state = service, view_state
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._send_query)
        self._built = False
        self._missed: dict[str, tuple[Any, ...]] = {}  # slot → its last arguments, in order
        # bound methods (not lambdas): disconnected when the dock is deleted
        service.sig_top.connect(self._got_top)
        service.sig_co_mentions.connect(self._got_co_mentions)
        service.sig_status.connect(self._got_status)
        service.sig_progress.connect(self._got_progress)
        service.sig_extracting.connect(self._got_extracting)
        service.sig_buckets.connect(self._got_buckets)
        view_state.sig_entity_changed.connect(self._got_entity)
        self.toggleViewAction().triggered.connect(self._on_toggled)
        if service.top is not None:
            self._deliver("_show", service.top)
        self._deliver("_set_status", service.status)
        self._deliver("_on_extracting", service.is_extracting())
        self._deliver("_set_buckets", service.buckets)

    # -- widgets ---------------------------------------------------------------------------
    def _deliver(self, slot: str, *args: Any) -> None:
        """Call ``slot`` now if the widgets exist, else when they are built."""
        if self._built:
            getattr(self, slot)(*args)
        else:
            self._missed.pop(slot, None)
            self._missed[slot] = args

    def _got_top(self, top: TopEntities) -> None:
        self._deliver("_show", top)

    def _got_co_mentions(self, co: CoMentions) -> None:
        self._deliver("_show_co_mentions", co)

    def _got_status(self, text: str) -> None:
        self._deliver("_set_status", text)

    def _got_progress(self, done: int, total: int) -> None:
        self._deliver("_on_progress", done, total)

    def _got_extracting(self, running: bool) -> None:
        self._deliver("_on_extracting", running)

    def _got_buckets(self, buckets: Buckets) -> None:
        self._deliver("_set_buckets", buckets)

    def _got_entity(self, entity: EntityFilter | None) -> None:
        self._deliver("_on_entity_changed", entity)

    def ensure_built(self) -> None:
        """Make the widgets (on first show, or before an operation that needs them) and
        give them what the service said meanwhile.  Hidden in the default layout, the
        dock (and QtCharts) cost the start ~11 ms otherwise."""
        if self._built:
            return
        self._built = True
        self._build()
        missed, self._missed = self._missed, {}
        for slot, args in missed.items():
            getattr(self, slot)(*args)

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure_built()
        super().showEvent(event)

    def _set_buckets(self, buckets: Buckets) -> None:
        self.timeline.set_buckets(buckets)

    def _build(self) -> None:
        from reader.ui.entities.timeline import TimelineChart  # QtCharts: imported here

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._build_filters(body))
        layout.addLayout(self._build_progress(body))
        self.status = QLabel(body)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        # no fixed accessible name: a screen reader must read the changing text itself
        self.status.setAccessibleDescription(self.tr("État des entités de la bibliothèque"))
        self.status.setVisible(False)
        layout.addWidget(self.status)

        self.model = EntityListModel(self)
        self.proxy = EntityFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = self._table(body, self.proxy, self.tr("Entités les plus citées"))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.activated.connect(self._on_activated)
        self.view.clicked.connect(self._on_clicked)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.chosen_label = QLabel(self.tr("Aucune entité choisie"), body)
        self.chosen_label.setWordWrap(True)
        self.chosen_label.setTextFormat(Qt.TextFormat.PlainText)
        self.chosen_label.setAccessibleDescription(self.tr("Entité choisie"))
        list_box = QWidget(body)
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.view, 1)
        list_layout.addLayout(self._build_buttons(body))
        list_layout.addWidget(self.chosen_label)

        self.co_model = EntityListModel(self)
        self.co_proxy = EntityFilterProxy(self)
        self.co_proxy.setSourceModel(self.co_model)
        co_box = QWidget(body)
        co_layout = QVBoxLayout(co_box)
        co_layout.setContentsMargins(0, 0, 0, 0)
        self.co_title = QLabel(self.tr("Cités avec l'entité choisie"), co_box)
        self.co_title.setTextFormat(Qt.TextFormat.PlainText)
        self.co_view = self._table(co_box, self.co_proxy,
                                   self.tr("Entités citées dans les mêmes articles"))
        self.co_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.co_view.activated.connect(self._on_co_activated)
        co_layout.addWidget(self.co_title)
        co_layout.addWidget(self.co_view, 1)

        self.timeline = TimelineChart(self.view_state, body)
        self.splitter = QSplitter(Qt.Orientation.Vertical, body)
        self.splitter.addWidget(list_box)
        self.splitter.addWidget(co_box)
        self.splitter.addWidget(self.timeline)
        for i, stretch in enumerate((3, 1, 2)):
            self.splitter.setStretchFactor(i, stretch)
        layout.addWidget(self.splitter, 1)
        self.setWidget(body)
        self._update_buttons()

    def _build_filters(self, body: QWidget) -> QHBoxLayout:
        top = QHBoxLayout()
        self.type_combo = QComboBox(body)
        for text, label in ((self.tr("Tous les types"), ""),
                            (self.tr("Personnes (PER)"), "PER"),
                            (self.tr("Lieux (LOC)"), "LOC"),
                            (self.tr("Organisations (ORG)"), "ORG"),
                            (self.tr("Dates (DATE)"), "DATE"),
                            (self.tr("Divers (MISC)"), "MISC")):
            self.type_combo.addItem(text, label)
        self.type_combo.setAccessibleName(self.tr("Type d'entité"))
        self.type_combo.setAccessibleDescription(self.tr("Limiter la liste à un type d'entité"))
        self.type_combo.currentIndexChanged.connect(lambda _i: self._send_query())
        self.search_edit = QLineEdit(body)
        self.search_edit.setPlaceholderText(self.tr("Filtrer les entités…"))
        self.search_edit.setClearButtonEnabled(True)
        name_clear_button(self.search_edit)
        self.search_edit.setAccessibleName(self.tr("Filtrer les entités"))
        self.search_edit.setAccessibleDescription(self.tr(
            "Filtre sur le nom, sans tenir compte des accents ni des majuscules"))
        self.search_edit.textChanged.connect(self._on_search_text)
        self.type_label = QLabel(self.tr("Type :"), body)
        self.type_label.setTextFormat(Qt.TextFormat.PlainText)
        self.type_label.setBuddy(self.type_combo)  # AT-SPI labelled-by (see bookmarks panel)
        top.addWidget(self.type_label)
        top.addWidget(self.type_combo)
        top.addWidget(self.search_edit, 1)
        return top

    def _build_progress(self, body: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        self.progress = QProgressBar(body)
        self.progress.setAccessibleName(self.tr("Progression de l'extraction des entités"))
        self.progress.setFormat(self.tr("Analyse : %v / %m articles"))
        self.progress.setVisible(False)
        self.stop_button = QToolButton(body)
        self.stop_button.setIcon(icon("cancel"))
        self.stop_button.setToolTip(
            self.tr("Arrêter l'analyse (elle reprendra à la prochaine ouverture)"))
        self.stop_button.setAccessibleName(self.tr("Arrêter l'analyse des entités"))
        self.stop_button.clicked.connect(self.service.stop_extraction)
        self.stop_button.setVisible(False)
        row.addWidget(self.progress, 1)
        row.addWidget(self.stop_button)
        return row

    def _build_buttons(self, body: QWidget) -> QHBoxLayout:
        buttons = QHBoxLayout()
        self.merge_button = QPushButton(icon("entities"), self.tr("Fusionner"), body)
        self.merge_button.setToolTip(self.tr("Regrouper les entités sélectionnées sous la "
                                             "plus citée"))
        self.merge_button.setAccessibleName(self.tr("Fusionner les entités sélectionnées"))
        self.merge_button.clicked.connect(self.merge_selected)
        self.split_button = QPushButton(icon("undo"), self.tr("Séparer"), body)
        self.split_button.setToolTip(self.tr("Défaire le regroupement de l'entité "
                                             "sélectionnée"))
        self.split_button.setAccessibleName(self.tr("Séparer l'entité sélectionnée"))
        self.split_button.clicked.connect(self.split_selected)
        self.clear_button = QPushButton(icon("clear"), self.tr("Effacer"), body)
        self.clear_button.setToolTip(self.tr("Ne plus filtrer les articles sur une entité"))
        self.clear_button.setAccessibleName(self.tr("Effacer le choix d'entité"))
        self.clear_button.clicked.connect(self.clear_choice)
        for b in (self.merge_button, self.split_button, self.clear_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        return buttons

    def _table(self, parent: QWidget, model: EntityFilterProxy, name: str) -> QTreeView:
        view = QTreeView(parent)
        view.setModel(model)
        view.setRootIsDecorated(False)
        view.setUniformRowHeights(True)
        view.setAlternatingRowColors(True)
        view.setAllColumnsShowFocus(True)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)  # the full name is the tooltip
        view.setAccessibleName(name)
        view.setAccessibleDescription(self.tr("Nom, type (PER, LOC, ORG…), nombre d'articles "
                                              "et de mentions ; Entrée choisit l'entité"))
        header = view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        metrics = view.fontMetrics()
        for col, sample in ((1, "MISC"), (2, "Articles"), (3, "Mentions")):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, metrics.horizontalAdvance(sample) + 40)
        view.setSortingEnabled(True)
        view.sortByColumn(COL_ARTICLES, Qt.SortOrder.DescendingOrder)
        return view

    def _set_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
        self._update_buttons()  # the stores may have become unavailable

    def _update_buttons(self) -> None:
        selected = self._selected()
        available = self.service.available
        self.merge_button.setEnabled(available and len(selected) >= 2)
        self.split_button.setEnabled(available and len(selected) == 1)
        self.clear_button.setEnabled(self.view_state.entity is not None)

    def _selected(self) -> list[EntitySummary]:
        rows = self.view.selectionModel().selectedRows(0)
        return [r.data(SummaryRole) for r in rows if r.data(SummaryRole) is not None]

    # -- service results -------------------------------------------------------------------
    def _show(self, top: TopEntities) -> None:
        keep = {(e.key, e.label) for e in self._selected()}
        self.model.set_items(top.entities, top.provisional)
        selection = self.view.selectionModel()
        for i in range(self.proxy.rowCount()):
            idx = self.proxy.index(i, 0)
            if (idx.data(KeyRole), idx.data(LabelRole)) in keep:
                selection.select(idx, selection.SelectionFlag.Select
                                 | selection.SelectionFlag.Rows)
        self._update_buttons()

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _on_extracting(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.stop_button.setVisible(running)

    def _on_entity_changed(self, entity: EntityFilter | None) -> None:
        """The view state's entity changed (here or elsewhere): say which, or forget it."""
        if entity is None:
            self.chosen_label.setText(self.tr("Aucune entité choisie"))
            self.co_title.setText(self.tr("Cités avec l'entité choisie"))
            self.co_model.set_items([])
            self.view.clearSelection()
        else:
            chosen = self.service.chosen
            if chosen is not None and chosen.summary.key == entity.key:
                self.chosen_label.setText(self._describe(chosen))
            else:
                self.chosen_label.setText(self.tr("{name} : {n} article(s)").format(
                    name=entity.display, n=len(entity.article_ids)))
        self._update_buttons()

    def _describe(self, chosen: ChosenEntity) -> str:
        s = chosen.summary
        text = self.tr("{name} ({type}, {label}) : {n} article(s), {m} mention(s)").format(
            name=s.display, type=style_for(s.label).name, label=s.label,
            n=len(chosen.article_ids), m=s.mention_count)
        others = chosen.others()
        if others:
            text += "\n" + self.tr("regroupe aussi : {keys}").format(
                keys=", ".join(others[:MAX_OTHERS_SHOWN]))
            if len(others) > MAX_OTHERS_SHOWN:
                text += self.tr(" et {n} autre(s)").format(n=len(others) - MAX_OTHERS_SHOWN)
        return text

    def _show_co_mentions(self, co: CoMentions) -> None:
        self.co_title.setText(self.tr("Cités avec {name}").format(name=co.chosen.display))
        self.co_model.set_items(co.entities)

    # -- user actions ----------------------------------------------------------------------
    def _send_query(self) -> None:
        self.service.set_query(EntityQuery(self.type_combo.currentData() or None,
                                           self.search_edit.text()))

    def _on_search_text(self, text: str) -> None:
        self.proxy.set_text(text)  # instant, on what is loaded
        self._search_timer.start()  # then the index, for entities beyond the top list

    def _on_clicked(self, index: QModelIndex) -> None:
        if len(self.view.selectionModel().selectedRows(0)) == 1:
            self._on_activated(index)

    def _on_activated(self, index: QModelIndex) -> None:
        summary = index.siblingAtColumn(0).data(SummaryRole)
        if summary is not None:
            self.choose(summary.key, summary.label)

    def _on_co_activated(self, index: QModelIndex) -> None:
        summary = index.siblingAtColumn(0).data(SummaryRole)
        if summary is None:
            return
        row = self.model.row_of(summary.key, summary.label)
        if row >= 0:
            self.view.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))
        self.choose(summary.key, summary.label)

    def choose(self, key: str, label: str | None = None) -> None:
        """Choose an entity: its articles reach the view state, its co-mentions follow."""
        self.ensure_built()
        self.co_model.set_items([])
        self.co_title.setText(self.tr("Cités avec… (calcul en cours)"))
        self.service.choose(key, label)

    def clear_choice(self) -> None:
        """Stop filtering on an entity."""
        self.service.clear_choice()

    def merge_selected(self) -> None:
        """Group the selected entities under the most cited one (remembered)."""
        self.ensure_built()
        self.service.merge(self._selected())

    def split_selected(self) -> None:
        """Undo the grouping (manual or automatic) of the selected entity (remembered)."""
        self.ensure_built()
        selected = self._selected()
        if len(selected) == 1:
            self.service.split(selected[0])
        elif self.service.chosen is not None:
            self.service.split(self.service.chosen.summary)

    def is_extracting(self) -> bool:
        return self.service.is_extracting()

    def closeEvent(self, event: QCloseEvent) -> None:
        """A closed dock hides its choices: they stop filtering the list too."""
        self.view_state.clear_library_filters()
        super().closeEvent(event)

    def _on_toggled(self, shown: bool) -> None:
        """Hidden from the View menu: the same as closing it."""
        if not shown:
            self.view_state.clear_library_filters()
