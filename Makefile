# Two commands: `make run` (set up and launch on seeds/) and `make test` (set up and test).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Translations: the .ts (Qt Linguist source, kept in the repository) is updated from the code
# by `make translations`; the .qm the app loads is built from it here, never committed.
I18N := resources/i18n
TS := $(I18N)/reader_en.ts
QM := $(TS:.ts=.qm)
LUPDATE_FLAGS := -extensions py -locations none -no-obsolete -source-language fr_FR -target-language en_GB

.PHONY: run test setup lint screenshots screenshot-main clean translations install-desktop uninstall-desktop

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

$(QM): $(TS) $(STAMP)
	$(BIN)/pyside6-lrelease -silent $(TS) -qm $(QM)

setup: $(STAMP) $(QM)

translations: $(STAMP)
	$(BIN)/pyside6-lupdate $(LUPDATE_FLAGS) reader -ts $(TS)

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
