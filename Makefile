# cspplan: `make run` and `make test` are all a new checkout needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PLAN   := plans/spelthorne-2024-26.yaml

.PHONY: run test lint bench docs template clean

$(BIN)/cspplan: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.test-deps: $(BIN)/cspplan
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

$(VENV)/.lint-deps: $(BIN)/cspplan
	$(BIN)/python -m pip install --quiet -e '.[lint]'
	@touch $@

$(VENV)/.bench-deps: $(BIN)/cspplan
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	@touch $@

REVIEW := plans/spelthorne-2024-26-review-2025-11.yaml

## run: install into .venv, validate the example plans, render the committee papers, and diff the two versions
run: $(BIN)/cspplan
	$(BIN)/cspplan validate plans/
	@mkdir -p out
	$(BIN)/cspplan render $(PLAN) -o out/spelthorne-2024-26.docx
	$(BIN)/cspplan render $(REVIEW) -o out/spelthorne-2024-26-review-2025-11.docx --changes-since $(PLAN)
	@# diff exits 1 when the versions differ, as diff(1) does
	$(BIN)/cspplan diff $(PLAN) $(REVIEW) --format markdown > out/changes-since-1.0.md; test $$? -eq 1
	@echo "wrote out/changes-since-1.0.md"
	$(BIN)/cspplan review $(REVIEW)

## test: install the test dependencies and run the whole suite
test: $(VENV)/.test-deps
	$(BIN)/python -m pytest

## lint: ruff, mypy (settings in pyproject.toml) and the import layers (lint-imports)
lint: $(VENV)/.lint-deps
	$(BIN)/ruff check cspplan tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

## fuzz: the long hypothesis run (FUZZ_EXAMPLES per target; minutes, not part of `make test`)
FUZZ_EXAMPLES ?= 2000
fuzz: $(VENV)/.test-deps
	CSPPLAN_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_fuzz_text.py tests/test_fuzz_hardening.py

## bench: start-up, per-file cost and scaling, beside check-jsonschema and PyYAML alone; then
## the crime overview from raw police.uk files beside pandas and polars (bench/crime.py)
bench: $(VENV)/.bench-deps
	$(BIN)/python bench/run.py
	$(BIN)/python bench/crime.py

## template: rebuild templates/house-style.docx (a test fails when it is stale)
template: $(BIN)/cspplan
	$(BIN)/python -c "from pathlib import Path; from cspplan.render import house; house.build(Path('templates/house-style.docx'))"

## docs: regenerate docs/rules.md from the rules (a test fails when it is stale)
docs: $(BIN)/cspplan
	$(BIN)/cspplan rules --all --format markdown > docs/rules.md.tmp && mv docs/rules.md.tmp docs/rules.md

clean:
	rm -rf $(VENV) build dist .pytest_cache .hypothesis
