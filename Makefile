# Every target sets up what it needs: `make serve` and `make test` work on a fresh clone.
# CI (.ci/run) calls these same targets.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

.PHONY: install
install: $(STAMP) ## Create .venv from the lock file

.PHONY: serve
serve: $(STAMP) ## Serve the site at http://127.0.0.1:8000 with live reload
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

.PHONY: build
build: $(STAMP) ## Strict build into site/
	$(BIN)/mkdocs build --strict

.PHONY: check-data
check-data: $(STAMP) ## Validate every record and registry
	$(BIN)/consultations validate

.PHONY: lint
lint: $(STAMP) ## ruff and mypy
	$(BIN)/ruff check src hooks tests bench
	$(BIN)/ruff format --check src hooks tests bench
	$(BIN)/mypy

.PHONY: test
test: $(STAMP) lint ## Lint, type-check and run every test
	$(BIN)/pytest

BENCH_N ?= 10 100 1000
BENCH_RUNS ?= 3

.PHONY: bench
bench: $(STAMP) ## Benchmark our build against plain Material (BENCH_N="10 100 1000" BENCH_RUNS=3)
	$(BIN)/python -m bench.run --sizes $(BENCH_N) --runs $(BENCH_RUNS)

.PHONY: bench-smoke
bench-smoke: $(STAMP) ## The benchmark at N=10, one run each: checks it works, times nothing
	$(BIN)/python -m bench.run --sizes 10 --runs 1 --no-warmup --load-n 10 --serve-n 10 \
		--out artifacts/bench-smoke.md

.PHONY: format
format: $(STAMP) ## Format the Python code
	$(BIN)/ruff format src hooks tests bench
	$(BIN)/ruff check --fix src hooks tests bench

.PHONY: lock
lock: ## Re-resolve requirements.lock from pyproject.toml
	$(BIN)/pip install --quiet uv==0.13.9
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements.lock

.PHONY: clean
clean: ## Remove build outputs
	rm -rf site build
