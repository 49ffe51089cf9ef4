# Every target sets up what it needs: `make serve` and `make test` work on a fresh clone.
# CI (.ci/run) calls these same targets.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# ProperDocs, the maintained fork of MkDocs 1.x, in a venv of its own (`make properdocs`).
PROPERDOCS_VENV := .venv-properdocs
PROPERDOCS_STAMP := $(PROPERDOCS_VENV)/.installed
# Browser-test and audit tools from npm (axe-core, vnu-jar, iframe-worker, lighthouse);
# none needs an install script, and vnu-jar's would fetch a Java runtime.
NODE_STAMP := node_modules/.installed
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

# $(call venv,folder,lock file): a venv with exactly the lock's packages and this project.
define venv
	$(PYTHON) -m venv $(1)
	$(1)/bin/pip install --quiet --upgrade pip
	$(1)/bin/pip install --quiet -r $(2)
	$(1)/bin/pip install --quiet --no-deps -e .
	touch $(1)/.installed
endef

$(STAMP): requirements.txt pyproject.toml
	$(call venv,$(VENV),requirements.txt)

$(PROPERDOCS_STAMP): requirements-properdocs.txt pyproject.toml
	$(call venv,$(PROPERDOCS_VENV),requirements-properdocs.txt)

$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $(NODE_STAMP)

.PHONY: install
install: $(STAMP) $(NODE_STAMP) ## Create .venv and node_modules from the lock files

.PHONY: serve
serve: $(STAMP) ## Serve the site at http://127.0.0.1:8000 with live reload
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

.PHONY: build
build: $(STAMP) ## Strict build into site/
	$(BIN)/mkdocs build --strict

OFFLINE_DIR ?= build
.PHONY: offline
offline: $(STAMP) $(NODE_STAMP) ## Zip a copy that works from file://, with search: build/site-offline.zip
	rm -rf $(OFFLINE_DIR)/site-offline $(OFFLINE_DIR)/site-offline.zip
	$(BIN)/mkdocs build --strict -f mkdocs.offline.yml --site-dir $(abspath $(OFFLINE_DIR))/site-offline
	$(BIN)/python -c 'import shutil, sys; shutil.make_archive(sys.argv[1], "zip", sys.argv[1])' \
	  $(OFFLINE_DIR)/site-offline
	@echo "Wrote $(OFFLINE_DIR)/site-offline.zip: unzip it and open index.html in a browser."

.PHONY: audit
audit: build $(NODE_STAMP) ## Lighthouse (phone and desktop presets, gzip) on four pages: median of three runs
	$(BIN)/python scripts/audit.py site

.PHONY: check-data
check-data: $(STAMP) ## Validate every record and registry, and check their canonical form
	$(BIN)/consultations validate
	$(BIN)/consultations fmt --check

.PHONY: format-data
format-data: $(STAMP) ## Rewrite the data files in their canonical form
	$(BIN)/consultations fmt

.PHONY: field-guide
field-guide: $(STAMP) ## Write the field dictionary (from the schemas) into docs/contributing.md
	$(BIN)/consultations field-guide

.PHONY: lint
lint: $(STAMP) ## ruff, mypy and the package's import contracts (pyproject.toml)
	$(BIN)/ruff check src hooks tests scripts bench
	$(BIN)/ruff format --check src hooks tests scripts bench
	$(BIN)/mypy
	$(BIN)/lint-imports

.PHONY: test
test: $(STAMP) $(NODE_STAMP) lint check-data ## Lint, type-check, check the data, run every test
	$(BIN)/pytest

FUZZ_EXAMPLES ?= 3000
FUZZ_SEED ?= 20

.PHONY: fuzz
fuzz: $(STAMP) ## The fuzz test at length (FUZZ_EXAMPLES=3000, FUZZ_SEED=20): prints the count
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) FUZZ_SEED=$(FUZZ_SEED) $(BIN)/pytest -s -p no:cacheprovider \
		tests/reading/test_fuzz.py

BENCH_N ?= 10 100 1000
BENCH_RUNS ?= 3
BENCH_SHAPE ?= spread
HISTORY_RECORDS ?= 1000
HISTORY_COMMITS ?= 300

.PHONY: bench
bench: $(STAMP) ## Benchmark our build against plain Material (BENCH_N="10 100 1000" BENCH_RUNS=3 BENCH_SHAPE=spread|repeated)
	$(BIN)/python -m bench.run --sizes $(BENCH_N) --runs $(BENCH_RUNS) --shape $(BENCH_SHAPE)

.PHONY: bench-smoke
bench-smoke: $(STAMP) ## The benchmark at N=10, one run each: checks it works, times nothing
	$(BIN)/python -m bench.run --sizes 10 --runs 1 --no-warmup --load-n 10 --serve-n 10 \
		--out artifacts/bench-smoke.md

.PHONY: bench-history
bench-history: $(STAMP) ## What reading the history costs: 1,000 records, 300 corrections (HISTORY_RECORDS, HISTORY_COMMITS)
	$(BIN)/python -m bench.history --records $(HISTORY_RECORDS) --commits $(HISTORY_COMMITS)

.PHONY: tile-positions
tile-positions: $(STAMP) $(NODE_STAMP) ## Rederive the tile map's positions from world-atlas (Natural Earth)
	$(BIN)/python scripts/derive_tile_positions.py

.PHONY: format
format: $(STAMP) ## Format the Python code
	$(BIN)/ruff format src hooks tests scripts bench
	$(BIN)/ruff check --fix src hooks tests scripts bench

.PHONY: properdocs
properdocs: $(STAMP) $(PROPERDOCS_STAMP) ## Build with ProperDocs too; compare pages, downloads, text
	rm -rf build/site-mkdocs build/site-properdocs
	$(BIN)/mkdocs build --strict --quiet --site-dir build/site-mkdocs
	$(PROPERDOCS_VENV)/bin/properdocs build --strict --quiet -f mkdocs.yml \
		--site-dir build/site-properdocs
	$(BIN)/python scripts/compare_builds.py build/site-mkdocs build/site-properdocs

# The lock files are plain requirements files (Dependabot reads them; it runs no make
# target). Resolved for CI's Python and platform whoever runs it; uv keeps the pins a
# lock already has unless they no longer fit pyproject.toml, so `make lock` after a
# change to pyproject.toml moves only what it must. ProperDocs' lock is held to the
# versions of the main one, so that a difference between the builds is the engine's.
UV_VERSION := 0.13.9
LOCK_DIR ?= .
COMPILE := $(BIN)/uv pip compile pyproject.toml --quiet --python-version 3.11 \
	--python-platform x86_64-unknown-linux-gnu --custom-compile-command "make lock"

.PHONY: lock
lock: $(STAMP) ## Re-resolve the lock files from pyproject.toml
	$(BIN)/pip install --quiet uv==$(UV_VERSION)
	$(COMPILE) --extra dev -o $(LOCK_DIR)/requirements.txt
	$(COMPILE) --extra properdocs -c requirements.txt -o $(LOCK_DIR)/requirements-properdocs.txt

.PHONY: check-lock
check-lock: $(STAMP) ## Fail if a lock file is not what `make lock` would write (asks PyPI)
	rm -rf build/lock-check
	mkdir -p build/lock-check
	cp requirements.txt requirements-properdocs.txt build/lock-check/
	$(MAKE) --no-print-directory lock LOCK_DIR=build/lock-check
	diff -u requirements.txt build/lock-check/requirements.txt
	diff -u requirements-properdocs.txt build/lock-check/requirements-properdocs.txt
	@echo "OK: the lock files are what make lock writes."

.PHONY: clean
clean: ## Remove build outputs
	rm -rf site build
