# newsetl — everything a fresh machine with only Python 3.11+ needs.
#   make run    set up .venv, then ingest the bundled landing/ folder
#   make test   set up .venv, then lint and run the whole test suite (what CI runs)
#   make test-fast   the edit-test loop: lint + every test not marked slow (no servers, no subprocesses)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

export PREFECT_SERVER_ANALYTICS_ENABLED := false
export PREFECT_HOME ?= $(CURDIR)/.prefect

.PHONY: setup run test test-fast lint bench accuracy server clean

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "newsetl needs Python 3.11+"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/newsetl run

test: setup
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

test-fast: setup
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -m "not slow"

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: setup
	$(BIN)/python -m pip install -q -e '.[dev,bench]'
	$(BIN)/python bench/ingest.py --sizes 10000

# How well newsetl reads real pages: the dev corpus beside the repository, scored
accuracy: setup
	$(BIN)/python bench/accuracy.py ../shared/corpora/news-pages-dev --details 10

server: setup
	$(BIN)/newsetl server

clean:
	rm -rf $(VENV) .prefect warehouse/*.duckdb warehouse/*.duckdb.wal
