# Two commands on a fresh clone: `make run` and `make test`. Every target bootstraps .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: mutate run test lint unit nbval lab refresh bench site clean constraints

$(STAMP): requirements.txt constraints.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

## run: execute every notebook with papermill into build/default/ and write its HTML pages
run: $(STAMP)
	$(BIN)/karabakh run

## test: ruff, unit and data tests, then nbval against the stored outputs in notebooks/
test: lint unit nbval

lint: $(STAMP)
	$(BIN)/ruff check lib tests notebooks benchmarks
	$(BIN)/ruff format --check lib tests notebooks benchmarks

unit: $(STAMP)
	$(BIN)/python -m pytest -q tests

nbval: $(STAMP)
	$(BIN)/python -m pytest -q --nbval notebooks --nbval-sanitize-with tests/nbval_sanitize.cfg

## lab: open JupyterLab on the notebooks
lab: $(STAMP)
	$(BIN)/jupyter lab notebooks

## refresh: rewrite the stored reference outputs in notebooks/ from a default run
refresh: $(STAMP)
	$(BIN)/karabakh refresh

## bench: time the runner (results in benchmarks/results.json)
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_run.py

## mutate: mutation testing of evidence/, analysis/ and the parameter checks (benchmarks/MUTATION.md)
mutate: $(STAMP)
	$(BIN)/python benchmarks/mutate.py

## constraints: re-pin the full environment after a change of requirements.txt
constraints: $(STAMP)
	{ head -2 constraints.txt; $(BIN)/python -m pip freeze --exclude-editable; } > constraints.new
	mv constraints.new constraints.txt

clean:
	rm -rf build .pytest_cache .ruff_cache
