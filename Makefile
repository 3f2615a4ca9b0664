# danvan — the two commands are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint fmt bench bench-quick messages venv venv-dev serve setup-data clean

# Data packages come without their dependencies (requirements-data.txt); the uninstall line cleans a venv made
# before that (vietnamadminunits used to pull numpy, shapely and geopy in).
$(VENV)/.runtime: requirements.lock requirements-data.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -r requirements-data.txt
	$(BIN)/pip uninstall -q -y numpy shapely geopy geographiclib tqdm unidecode 2>/dev/null || true
	$(BIN)/pip install -q --no-deps -e .
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.lock
	$(BIN)/pip install -q -r requirements-dev.lock
	@touch $@

venv: $(VENV)/.runtime
venv-dev: $(VENV)/.dev

# DEBUG is off unless turned on: the developer's own commands turn it on (an environment value still wins).
run serve setup-data lint messages: export DANVAN_DEBUG ?= 1

setup-data: venv
	@mkdir -p var
	$(BIN)/danvan migrate --no-input -v 0
	$(BIN)/danvan load_units
	$(BIN)/danvan demo

# The web server and a background worker (tasks: e-mails, PDF, large exports/imports, the schedule), one command.
run: setup-data
	HOST=$(HOST) PORT=$(PORT) bash scripts/run.sh

serve: setup-data
	$(BIN)/danvan collectstatic --no-input -v 0
	$(BIN)/granian --interface wsgi --host $(HOST) --port $(PORT) --workers 2 danvan.wsgi:application

lint: venv-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy danvan
	$(BIN)/lint-imports --no-cache
	DANVAN_VAR_DIR=$$(mktemp -d) $(BIN)/danvan makemigrations --check --dry-run -v 1

test: venv-dev
	bash scripts/test.sh

fmt: venv-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: venv-dev
	$(BIN)/danvan makemessages -l en --ignore=.venv --ignore=var --no-location
	$(BIN)/danvan compilemessages --ignore=.venv

bench: venv-dev
	bash scripts/bench.sh

# The same benchmarks at 1/20 scale for use while developing, the SQLite and PostgreSQL halves side by side
# (scripts/bench.sh): indicative latencies, ratios still taken in turns within each bench.
bench-quick: venv-dev
	BENCH_SCALE=0.05 bash scripts/bench.sh

clean:
	rm -rf var .pytest_cache .mypy_cache .ruff_cache .import_linter_cache test-artifacts
