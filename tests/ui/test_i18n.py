"""One language at a time: with English installed, Qt's own texts (the text context menu,
message box buttons) and ours are English; with French, French.  Dates follow."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QMessageBox

from reader.core.library.dates import PartialDate, Precision
from reader.core.library.parser import parse_text
from reader.services import i18n
from reader.services.settings import Settings
from reader.ui.reading.pane import ReadingPane

FRENCH_MARKS = set("éèàùçêâîôÉ")
FRENCH_WORDS = {"copier", "coller", "tout", "sélectionner", "annuler", "fermer", "oui",
                "non", "entités", "lieu", "personne", "navigation", "curseur"}


@pytest.fixture
def language(qapp, qm_dir: Path) -> Iterator[object]:
    saved = QLocale()

    def install(lang: str) -> i18n.Installed:
        done = i18n.install(lang, qm_dir)
        assert not done.missing, done.missing
        return done

    yield install
    i18n.uninstall()
    i18n.install("fr", qm_dir)  # the tests' default (conftest)
    QLocale.setDefault(saved)


def _visible_texts(qtbot) -> list[str]:
    pane = ReadingPane()
    qtbot.addWidget(pane)
    pane.show_article(parse_text(" date 2024-05 Titre (AFP)\n\nUn paragraphe à lire."))
    pane.select_range(0, 3)
    menu = pane.context_menu()
    texts = [a.text().replace("&", "").split("\t")[0] for a in menu.actions()
             if not a.isSeparator()]
    menu.deleteLater()
    box = QMessageBox(QMessageBox.Icon.Question, "t", "m",
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel
                      | QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Yes)
    texts += [b.text().replace("&", "") for b in box.buttons()]
    box.deleteLater()
    texts += [pane.legend.caption.text(), pane.act_caret.text(),
              pane.legend.buttons["LOC"].text(), pane.view.toPlainText()]
    return texts


def _french(text: str) -> bool:
    words = {w.strip(".,:;()").lower() for w in text.split()}
    return bool(FRENCH_MARKS & set(text) or FRENCH_WORDS & words)


def test_english_leaves_no_french_in_menus_and_dialogs(qtbot, language) -> None:
    language("en")
    texts = _visible_texts(qtbot)
    assert "Copy" in texts and "Select All" in texts and "Cancel" in texts
    assert "Entities:" in texts and "Place" in texts
    french = [t for t in texts[:-1] if _french(t)]
    assert not french, french
    # the article is French, its frame is not: the meta line is
    meta = texts[-1].splitlines()[1]
    assert "May 2024" in meta and "words" in meta


def test_french_is_french_including_qt_texts(qtbot, language) -> None:
    language("fr")
    texts = _visible_texts(qtbot)
    assert "Copier" in texts and "Tout sélectionner" in texts and "Annuler" in texts
    assert "Entités :" in texts and "Lieu" in texts
    assert not {"Copy", "Cancel", "Select All", "Close"} & set(texts)
    assert "mai 2024" in texts[-1].splitlines()[1]


def test_dates_keep_their_precision_in_both_languages(language) -> None:
    day = dt.date(2024, 5, 1)
    language("fr")
    assert i18n.display_date(PartialDate(day, Precision.MONTH)) == "mai 2024"
    assert i18n.display_date(PartialDate(day, Precision.DAY)) == "1er mai 2024"
    assert i18n.display_date(PartialDate(day, Precision.YEAR)) == "2024"
    language("en")
    assert i18n.display_date(PartialDate(day, Precision.MONTH)) == "May 2024"
    assert i18n.display_date(PartialDate(day, Precision.DAY)) == "1 May 2024"
    assert i18n.display_date(PartialDate(None, Precision.NONE)) == "undated"


def test_language_choice_command_line_then_setting_then_system(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "s.ini")
    assert i18n.choose_language("EN", "fr") == "en"
    settings.set_language("fr")
    assert i18n.choose_language(None, settings.language()) == "fr"
    settings.set_language("")
    assert settings.language() == ""
    assert i18n.choose_language(None, None) == i18n.system_language()
    assert i18n.choose_language("de", None) == i18n.system_language()  # logged, ignored
