# The two commands of the README:
#   make build   install everything into .venv, then dbt build on the bundled sample
#   make test    install (if needed) and run the whole test suite (what CI runs)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
export DBT_SEND_ANONYMOUS_USAGE_STATS := false

.PHONY: build test install lint sample clean

$(BIN)/dbt: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -e .
	touch $(BIN)/dbt

install: $(BIN)/dbt

build: install
	$(BIN)/dbt build

test: install
	$(BIN)/python -m pytest tests/python

lint: install
	$(BIN)/sqlfluff lint models tests/singular
	$(BIN)/ruff check src tests/python

# Regenerate the bundled sample (deterministic).
sample: install
	$(BIN)/tietopohja generate --residents 1500 --years 2 --county 01 --county 17 --seed 20240101 --out sample_data/landing

clean:
	rm -rf target logs $(VENV)
