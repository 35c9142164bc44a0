# Two commands: `make run` (set up and launch on seeds/) and `make test` (set up and test).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Translations: the .ts (Qt Linguist source, kept in the repository) is updated from the code
# by `make translations`; the .qm the app loads is built from it here, never committed.
I18N := resources/i18n
# reader_en.ts: every string in English; reader_fr.ts: only the French plural forms of
# the %n strings (the source language's numerus forms, as Qt Linguist recommends)
TS := $(I18N)/reader_en.ts $(I18N)/reader_fr.ts
QM := $(TS:.ts=.qm)
LUPDATE_FLAGS := -extensions py -locations none -no-obsolete -source-language fr_FR

.PHONY: run test setup lint screenshots screenshot-main clean translations install-desktop uninstall-desktop model

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

$(I18N)/%.qm: $(I18N)/%.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

setup: $(STAMP) $(QM)

translations: $(STAMP)
	$(BIN)/pyside6-lupdate $(LUPDATE_FLAGS) -target-language en_GB reader -ts $(I18N)/reader_en.ts
	$(BIN)/pyside6-lupdate $(LUPDATE_FLAGS) -target-language fr_FR -pluralonly reader -ts $(I18N)/reader_fr.ts

run: $(STAMP) $(QM)
	$(BIN)/reader seeds

test: $(STAMP) $(QM)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q
	$(BIN)/ruff check reader tests benchmarks
	$(BIN)/mypy reader
	$(BIN)/lint-imports

lint: $(STAMP)
	$(BIN)/ruff check reader tests benchmarks
	$(BIN)/mypy reader
	$(BIN)/lint-imports

# Retrain Reader's ner component from data/train (CC BY 4.0), about 1-3 minutes on 2 cores;
# see reader/models/ner/MODEL_CARD.md.  The result is committed: `make run` does not need it.
model: $(STAMP)
	$(BIN)/python -m reader.train

screenshot-main: $(STAMP) $(QM)
	QT_QPA_PLATFORM=offscreen $(BIN)/reader seeds --screenshot resources/screenshot.png

# the launcher entry, icon and reader:// handler, per user (under $XDG_DATA_HOME)
install-desktop: $(STAMP)
	$(BIN)/reader --install-desktop

uninstall-desktop:
	test -x $(BIN)/reader && $(BIN)/reader --uninstall-desktop || \
		rm -f "$${XDG_DATA_HOME:-$$HOME/.local/share}/applications/reader.desktop" \
		      "$${XDG_DATA_HOME:-$$HOME/.local/share}/icons/hicolor/scalable/apps/reader.svg"

clean:
	rm -rf $(VENV) build *.egg-info $(QM)

screenshots: $(STAMP) $(QM)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/make_screenshots.py resources
