# Two commands: `make run` (set up and launch on seeds/) and `make test` (set up and test).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup lint screenshots screenshot-main clean install-desktop uninstall-desktop

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/reader seeds

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q
	$(BIN)/ruff check reader tests benchmarks
	$(BIN)/mypy reader
	$(BIN)/lint-imports

lint: $(STAMP)
	$(BIN)/ruff check reader tests benchmarks
	$(BIN)/mypy reader
	$(BIN)/lint-imports

screenshot-main: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/reader seeds --screenshot resources/screenshot.png

# the launcher entry, icon and reader:// handler, per user (under $XDG_DATA_HOME)
install-desktop: $(STAMP)
	$(BIN)/reader --install-desktop

uninstall-desktop:
	test -x $(BIN)/reader && $(BIN)/reader --uninstall-desktop || \
		rm -f "$${XDG_DATA_HOME:-$$HOME/.local/share}/applications/reader.desktop" \
		      "$${XDG_DATA_HOME:-$$HOME/.local/share}/icons/hicolor/scalable/apps/reader.svg"

clean:
	rm -rf $(VENV) build *.egg-info

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/make_screenshots.py resources
