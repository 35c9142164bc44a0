# Two commands: `make run` (set up and launch on seeds/) and `make test` (set up and test).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup lint screenshots screenshot-main clean model

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

# Retrain Reader's ner component from data/train (CC BY 4.0), about 1-3 minutes on 2 cores;
# see reader/models/ner/MODEL_CARD.md.  The result is committed: `make run` does not need it.
model: $(STAMP)
	$(BIN)/python -m reader.train

screenshot-main: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/reader seeds --screenshot resources/screenshot.png

clean:
	rm -rf $(VENV) build *.egg-info

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/make_screenshots.py resources
