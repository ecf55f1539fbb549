# cspplan: `make run` and `make test` are all a new checkout needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PLAN   := plans/spelthorne-2024-26.yaml

.PHONY: run test bench docs clean

$(BIN)/cspplan: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.test-deps: $(BIN)/cspplan
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

$(VENV)/.bench-deps: $(BIN)/cspplan
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	@touch $@

## run: install into .venv and validate the example plan
run: $(BIN)/cspplan
	$(BIN)/cspplan validate $(PLAN)

## test: install the test dependencies and run the whole suite
test: $(VENV)/.test-deps
	$(BIN)/python -m pytest

## bench: start-up, per-file cost and scaling, beside check-jsonschema and PyYAML alone
bench: $(VENV)/.bench-deps
	$(BIN)/python bench/run.py

## docs: regenerate docs/rules.md from the rules (a test fails when it is stale)
docs: $(BIN)/cspplan
	$(BIN)/cspplan rules --all --format markdown > docs/rules.md.tmp && mv docs/rules.md.tmp docs/rules.md

clean:
	rm -rf $(VENV) build dist .pytest_cache .hypothesis
