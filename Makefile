# Two commands on a fresh clone: `make run` and `make test`. Every target bootstraps .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# Python's own bytecode cache (__pycache__/, ignored by git) stays on even where the environment
# turns it off: without it every kernel, CLI and Sphinx process and every pytest worker compiles
# lib/ and tests/ again (pytest's collection alone took 4.2 s instead of 2.3 s here)
unexport PYTHONDONTWRITEBYTECODE

.PHONY: mutate run test lint unit nbval lab refresh bench site findings clean constraints

$(STAMP): requirements.txt constraints.txt pyproject.toml
	@$(BIN)/python -c "" 2>/dev/null || { rm -rf $(VENV); $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

## run: every notebook at the article's vantage (build/default/) and today (build/today/), then
## one site with both: build/default/site/index.html
run: $(STAMP)
	$(BIN)/karabakh run --no-html
	$(BIN)/karabakh run --preset today --no-html
	$(BIN)/karabakh site default today

## test: ruff, then one pytest session on two workers (pytest-xdist): the unit, data, runner, site
## and browser tests in tests/ and nbval against the stored outputs in notebooks/. A file's tests
## stay on one worker (--dist loadfile), in the order tests/conftest.py gives (longest files first).
## `make unit` and `make nbval` run the two halves alone, on one process.
WORKERS ?= 2
test: lint $(STAMP)
	KARABAKH_SCREENSHOTS=$(CURDIR)/build/screenshots $(BIN)/python -m pytest -q -n $(WORKERS) \
	  --dist loadfile --no-loadscope-reorder tests \
	  --nbval notebooks --nbval-sanitize-with tests/nbval_sanitize.cfg

lint: $(STAMP)
	$(BIN)/ruff check lib tests notebooks benchmarks site
	$(BIN)/ruff format --check lib tests notebooks benchmarks site

# The browser test keeps one screenshot per page of the site in build/screenshots/.
unit: $(STAMP)
	KARABAKH_SCREENSHOTS=$(CURDIR)/build/screenshots $(BIN)/python -m pytest -q -p no:xdist tests

nbval: $(STAMP)
	$(BIN)/python -m pytest -q -p no:xdist --nbval notebooks --nbval-sanitize-with tests/nbval_sanitize.cfg

## lab: JupyterLab on notebooks/ with the project's kernel (.venv's python3; works as root)
LAB_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)
lab: $(STAMP)
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	JUPYTER_PATH=$(CURDIR)/$(VENV)/share/jupyter $(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 \
	  --ServerApp.root_dir=$(CURDIR)/notebooks $(LAB_ROOT)

## refresh: rewrite the stored reference outputs in notebooks/ from a default run
refresh: $(STAMP)
	$(BIN)/karabakh refresh

## site: rebuild the site from the runs already in build/ (default and today)
site: $(STAMP)
	$(BIN)/karabakh site default today

## findings: regenerate the README's findings block from the stored outputs in notebooks/
findings: $(STAMP)
	$(BIN)/karabakh findings

## bench: time the runner against papermill and nbconvert (writes benchmarks/RESULTS.md)
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

## mutate: mutation testing of evidence/, analysis/ and the parameter checks (benchmarks/MUTATION.md)
mutate: $(STAMP)
	$(BIN)/python benchmarks/mutate.py

## constraints: re-pin the full environment after a change of requirements.txt
constraints: $(STAMP)
	{ head -2 constraints.txt; $(BIN)/python -m pip freeze --exclude-editable; } > constraints.new
	mv constraints.new constraints.txt

## clean: remove build/ and caches, and mark .venv for repair (the next target reinstalls it)
clean:
	rm -rf build .pytest_cache .ruff_cache $(STAMP)
