"""Shows the session's articles in the reading pane and the article's entities dock.

Why apart from the window: opening an article has several steps (a document built off the
GUI thread, cached highlights or a wait for the model, the focused entity's mentions, the
status of the analysis, what screen readers are told).  The presenter owns that sequence;
it observes :class:`LibrarySession` and the :class:`ViewState` and drives the two views
through their own methods.  ``sig_article_shown`` lets the window place a pending
selection or the remembered reading position.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal

from reader.core.entities.spans import ArticleEntities
from reader.core.library.index import ArticleRow
from reader.core.library.parser import Article
from reader.services import messages
from reader.services.library_session import (
    ArticleLoaded,
    EntitiesReady,
    LibrarySession,
    ModelState,
)
from reader.services.view_state import EntityFilter, ViewState
from reader.ui.common.status_bar import StatusBar
from reader.ui.reading.entities_panel import EntitiesPanel
from reader.ui.reading.find_bar import FindBar
from reader.ui.reading.pane import BuiltDocument, ReadingPane, build_document, by_position


class ArticlePresenter(QObject):
    sig_article_shown = Signal(Article)  # rendered (before entities)
    sig_entities_applied = Signal(str)  # article id, once highlights are on
    sig_model_ready = Signal(bool)

    def __init__(self, session: LibrarySession, view_state: ViewState, pane: ReadingPane,
                 entities: EntitiesPanel, status: StatusBar, parent: QObject | None = None
                 ) -> None:
        super().__init__(parent)
        self.session, self.view_state = session, view_state
        self.pane, self.entities_panel, self.status = pane, entities, status
        self.entities: ArticleEntities | None = None
        session.sig_article_loaded.connect(self._on_loaded)
        session.sig_article_failed.connect(self._on_failed)
        session.sig_article_marks.connect(self._on_marks)
        session.sig_entities_ready.connect(self._on_entities_ready)
        session.sig_entities_failed.connect(self._on_entities_failed)
        session.sig_model_state.connect(self._on_model_state)
        view_state.sig_terms_changed.connect(pane.set_search_terms)
        view_state.sig_entity_changed.connect(self._focus)
        entities.sig_entity_activated.connect(self._on_entity_activated)
        self.find_bar = FindBar(pane, lambda: view_state.terms)
        pane.add_bar(self.find_bar)

    def show_row(self, row: ArticleRow) -> None:
        """The list moved to this article: load it unless it is already shown (the list
        was only re-filtered or re-sorted)."""
        shown = self.pane.article
        if shown is None or shown.id != row.id or shown.content_hash != row.content_hash:
            self.load(row.id)

    def load(self, article_id: str) -> None:
        font, enabled, gui = self.pane.default_font(), self.pane.enabled_labels(), self.thread()

        def build(article: Article, ents: ArticleEntities | None) -> BuiltDocument:
            # built off the GUI thread (50,000 words: ~25 ms less on it); only attached here
            built = build_document(article, by_position(ents.body) if ents else [], enabled,
                                   font)
            built.document.moveToThread(gui)
            return built

        self.session.load_article(article_id, build)

    def _on_failed(self, reason: str) -> None:
        self.pane.show_placeholder(QCoreApplication.translate("ArticlePresenter", "Impossible d'afficher cet article : %1")
                                   .replace("%1", reason))
        self.entities_panel.clear()
        messages.warning(QCoreApplication.translate("ArticlePresenter", "Article illisible"), reason)

    def _on_loaded(self, loaded: ArticleLoaded) -> None:
        article, ents = loaded.article, loaded.entities
        built = loaded.built if isinstance(loaded.built, BuiltDocument) else None
        self.pane.show_article(article, ents.body if ents is not None else None, built)
        self.pane.set_search_terms(self.view_state.terms)
        self.entities = None
        self.entities_panel.clear()
        self.sig_article_shown.emit(article)
        if ents is not None and not loaded.provisional:
            self._apply(article, ents, already_shown=True)
            return
        if ents is not None:  # the model-free marks, completed when the model answers
            self.entities_panel.set_entities(list(ents.caption) + list(ents.body))
        waiting = self.session.model.state != "ready"
        self.pane.set_entity_status(QCoreApplication.translate("ArticlePresenter", "entités : en attente du modèle…") if waiting
                                    else QCoreApplication.translate("ArticlePresenter", "entités : analyse…"))
        self.entities_panel.set_status(self.status.model_label.text() if waiting
                                       else QCoreApplication.translate("ArticlePresenter", "Analyse des entités…"))
        self._focus(self.view_state.entity)

    def _on_marks(self, marks: EntitiesReady) -> None:
        """The model-free marks of the article shown, found after its text (first start):
        painted onto it, until the model's entities replace them."""
        shown = self.pane.article
        if self.entities is not None or shown is None \
                or shown.content_hash != marks.article.content_hash:
            return  # the model answered first, or the user moved on
        self.pane.set_entities(marks.entities.body)
        self.entities_panel.set_entities(list(marks.entities.caption)
                                         + list(marks.entities.body))

    def _on_entities_ready(self, ready: EntitiesReady) -> None:
        self._apply(ready.article, ready.entities)

    def _on_entities_failed(self, reason: str) -> None:
        self.pane.set_entity_status(QCoreApplication.translate("ArticlePresenter", "entités : échec"))
        self.entities_panel.set_status(QCoreApplication.translate("ArticlePresenter", "Analyse impossible : %1").replace("%1", reason))

    def _apply(self, article: Article, ents: ArticleEntities, already_shown: bool = False
               ) -> None:
        if self.pane.article is None or self.pane.article.content_hash != article.content_hash:
            return  # the user moved on
        self.entities = ents
        if not already_shown:
            self.pane.set_entities(ents.body)
        self.entities_panel.set_entities(list(ents.caption) + list(ents.body))
        self.pane.set_entity_status(self.tr("%n entité(s)", "", len(ents.body)))
        self.entities_panel.set_status("")
        self._focus(self.view_state.entity)
        self.sig_entities_applied.emit(article.id)

    def _focus(self, entity: EntityFilter | None) -> None:
        if entity is None:
            self.pane.set_focus_entity(None)
        else:
            self.pane.set_focus_entity(entity.key, entity.display, entity.members)

    def _on_model_state(self, state: ModelState) -> None:
        if state.state == "loading":
            self.status.set_model_status(QCoreApplication.translate("ArticlePresenter", "Chargement du modèle d'entités…"))
        elif state.state == "ready":
            self.status.set_model_status(
                QCoreApplication.translate("ArticlePresenter", "Entités : %1 prêt").replace("%1", state.model_name), state.detail)
            self.sig_model_ready.emit(True)
        elif state.state == "failed":
            self.status.set_model_status(QCoreApplication.translate("ArticlePresenter", "Entités indisponibles"), state.detail)
            self.pane.set_entity_status(QCoreApplication.translate("ArticlePresenter", "entités indisponibles"))
            self.sig_model_ready.emit(False)

    def _on_entity_activated(self, key: str, _label: str, text: str) -> None:
        if self.pane.set_focus_entity(key, text):
            self.pane.step_mention(True)
