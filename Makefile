# langfang-metrics: `make report` runs the main job, `make test` runs ruff and every test.
# Both create .venv on first use with the python3 on PATH (3.11.5+; override with PYTHON=...).

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help venv constraints report report-quick test lint format lab bench bench-accuracy bench-calibration bench-panel bench-load bench-main clean clean-bench

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[1m%-16s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11, 5) else "Python 3.11.5+ is needed: the pinned packages of constraints.txt require it (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP) ## create .venv and install the project with its dev extra, at the versions of constraints.txt

LOCK_VENV := .venv-constraints
constraints: ## resolve the newest versions pyproject.toml allows into constraints.txt (then make test; commit both)
	rm -rf $(LOCK_VENV)
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LOCK_VENV)/bin/python -m pip install --quiet -e '.[dev]'
	grep '^#' constraints.txt > constraints.txt.new
	$(LOCK_VENV)/bin/python -m pip freeze --exclude-editable >> constraints.txt.new
	mv constraints.txt.new constraints.txt
	rm -rf $(LOCK_VENV)

report: $(STAMP) ## the main job: regenerate data/processed/ and reports/ from data/raw/ (OBS=returns/ adds returned files, PREFER=file lets one file win conflicts, KNOWN_BY=2024-03-31 uses only the figures published by then; a path with spaces: use langfang-metrics run --observations)
	$(BIN)/langfang-metrics run $(if $(OBS),--observations $(OBS)) $(foreach p,$(PREFER),--prefer $(p)) $(if $(KNOWN_BY),--known-by $(KNOWN_BY))

report-quick: $(STAMP) ## the main job without executing the notebooks
	$(BIN)/langfang-metrics run --no-notebooks $(if $(OBS),--observations $(OBS)) $(foreach p,$(PREFER),--prefer $(p)) $(if $(KNOWN_BY),--known-by $(KNOWN_BY))

test: $(STAMP) ## ruff, then the whole test suite (notebooks included)
	$(BIN)/ruff check langfang_metrics tests benchmarks notebooks
	$(BIN)/ruff format --check langfang_metrics tests benchmarks notebooks
	$(BIN)/python -m pytest

lint: $(STAMP) ## ruff only (the same checks as the first step of make test)
	$(BIN)/ruff check langfang_metrics tests benchmarks notebooks
	$(BIN)/ruff format --check langfang_metrics tests benchmarks notebooks

format: $(STAMP) ## apply ruff's formatting and safe fixes
	$(BIN)/ruff check --fix langfang_metrics tests benchmarks notebooks
	$(BIN)/ruff format langfang_metrics tests benchmarks notebooks

lab: $(STAMP) ## open JupyterLab on notebooks/ with the project's kernel
	$(BIN)/jupyter lab --notebook-dir=notebooks

bench: bench-main bench-accuracy bench-calibration bench-panel bench-load ## every benchmark (prints tables, writes reports/benchmarks/)

bench-main: $(STAMP) ## wall time and peak memory of the main job and of the import
	$(BIN)/python -m benchmarks.main_job

bench-accuracy: $(STAMP) ## forecast accuracy on M1 and Tourism yearly
	$(BIN)/python -m benchmarks.forecast_accuracy

bench-calibration: $(STAMP) ## short-series calibration, leave one data set out (M1 <-> Tourism) and one kind of series out
	$(BIN)/python -m benchmarks.calibration

bench-panel: $(STAMP) ## panel forecasting speed at 1,000 / 10,000 / 100,000 series
	$(BIN)/python -m benchmarks.panel_scale

bench-load: $(STAMP) ## the 1,000,000-row input file
	$(BIN)/python -m benchmarks.load_large

clean: ## remove generated outputs (data/processed, reports but its benchmarks, notebook-output) but not .venv
	find data/processed reports -mindepth 1 ! -name .gitkeep ! -path 'reports/benchmarks*' -delete
	rm -rf notebook-output

clean-bench: ## remove the benchmark outputs (reports/benchmarks; `make bench` writes them again)
	rm -rf reports/benchmarks
