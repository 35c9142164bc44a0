"""One language at a time: French (the source strings) or English (a Qt Linguist file).

Why Qt's own translations too: OK/Cancel, file dialogs and the text context menu come from
Qt, so a French UI with an English "Copy" (or the reverse) is what users saw.  Both are
installed together: ``resources/i18n/reader_<lang>.qm`` (built by ``pyside6-lrelease``
from the ``.ts`` kept in the repository; none for French, the source language) and
``qtbase_<lang>.qm`` shipped with PySide6.  The default QLocale follows, so dates and
numbers read "mai 2024" / "May 2024".

QtCore only: this layer never imports widgets.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QLibraryInfo,
    QLocale,
    QTranslator,
)

from reader.core.library.dates import PartialDate, Precision

log = logging.getLogger("reader.i18n")

LANGUAGES = ("fr", "en")
SOURCE_LANGUAGE = "fr"
I18N_DIR = Path(__file__).resolve().parent.parent.parent / "resources" / "i18n"
_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


def system_language() -> str:
    """French on a French system, English everywhere else (the only other one we have)."""
    return "fr" if QLocale.system().language() == QLocale.Language.French else "en"


def choose_language(cli: str | None = None, saved: object = None) -> str:
    """The command line (``--lang``) wins, then the saved setting, then the system."""
    for value in (cli, saved):
        if isinstance(value, str) and value.lower() in LANGUAGES:
            return value.lower()
        if value not in (None, "", "system"):
            log.warning("unknown UI language %r ignored (use fr or en)", value)
    return system_language()


@dataclass
class Installed:
    """What :func:`install` put on the application (kept alive: Qt does not own them)."""

    language: str
    translators: list[QTranslator] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


_installed: list[Installed] = []


def install(lang: str, i18n_dir: Path | None = None) -> Installed:
    """Install the translators and default locale of ``lang``, replacing any earlier ones.

    A missing ``.qm`` is logged and reported in ``missing`` (the UI then shows the French
    source strings) rather than failing the start.
    """
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install() needs a QCoreApplication")
    uninstall()
    lang = lang if lang in LANGUAGES else SOURCE_LANGUAGE
    done = Installed(lang)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    wanted = [("qtbase_" + lang, qt_dir)]
    # French too: reader_fr holds the plural forms of the %n strings ("1 article",
    # "3 articles"), which the source text can only write as "%n article(s)"
    wanted.append(("reader_" + lang, str(i18n_dir or I18N_DIR)))
    for name, directory in wanted:
        translator = QTranslator(app)
        if translator.load(name, directory):
            app.installTranslator(translator)
            done.translators.append(translator)
        else:
            log.warning("translation %s not found in %s", name, directory)
            done.missing.append(name)
    QLocale.setDefault(QLocale(_LOCALES[lang]))
    _installed.append(done)
    return done


def setup(cli: str | None, saved: str | None, i18n_dir: Path | None = None) -> Installed:
    """At start-up, before any window: choose (``--lang``, then the saved choice from
    :class:`reader.services.settings.Settings`, then the system) and install."""
    return install(choose_language(cli, saved), i18n_dir)


def uninstall() -> None:
    """Remove the translators installed by :func:`install` (tests switch languages)."""
    app = QCoreApplication.instance()
    while _installed:
        for translator in _installed.pop().translators:
            if app is not None:
                app.removeTranslator(translator)
            translator.deleteLater()


def current_language() -> str:
    return _installed[-1].language if _installed else SOURCE_LANGUAGE


def display_date(date: PartialDate) -> str:
    """A date at its own precision in the UI language: ``2024``, ``mai 2024`` /
    ``May 2024``, ``28 mai 2024`` / ``28 May 2024`` (``1er mai`` in French)."""
    value = date.value
    if value is None or date.precision is Precision.NONE:
        return QCoreApplication.translate("Dates", "sans date")
    if date.precision is Precision.YEAR:
        return str(value.year)
    locale = QLocale()
    month = locale.standaloneMonthName(value.month, QLocale.FormatType.LongFormat)
    if locale.language() == QLocale.Language.French:
        month = month.lower()
    if date.precision is Precision.MONTH:
        return f"{month} {value.year}"
    if locale.language() == QLocale.Language.French:
        day = "1er" if value.day == 1 else str(value.day)
        return f"{day} {locale.monthName(value.month)} {value.year}"
    return locale.toString(QDate(value.year, value.month, value.day), "d MMMM yyyy")


def lrelease_command() -> str | None:
    """``pyside6-lrelease`` next to the running Python, else on PATH."""
    import shutil  # here: not on the start-up path

    beside = Path(sys.executable).parent / "pyside6-lrelease"
    return str(beside) if beside.exists() else shutil.which("pyside6-lrelease")


def compile_translations(ts_dir: Path, out_dir: Path) -> list[Path]:
    """Build ``.qm`` files from the ``.ts`` files of ``ts_dir`` (what ``make`` does; used by
    tests on a fresh checkout).  Returns the files written."""
    import subprocess  # here: not on the start-up path

    tool = lrelease_command()
    if tool is None:
        log.warning("pyside6-lrelease not found: translations not compiled")
        return []
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for ts in sorted(ts_dir.glob("*.ts")):
        qm = out_dir / (ts.stem + ".qm")
        result = subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)],
                                capture_output=True, text=True, check=False)
        if result.returncode != 0:
            log.warning("lrelease %s failed: %s", ts, result.stderr.strip())
            continue
        written.append(qm)
    return written
