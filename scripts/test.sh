#!/usr/bin/env bash
# `make test`: lint, types, migrations check, tests on SQLite and PostgreSQL, browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export DANVAN_TESTING=1
bash scripts/system-deps.sh

echo "== lint, types, migrations"
make -s lint

echo "== compile translations"
$BIN/danvan compilemessages -v 0 --ignore=.venv

echo "== tests on SQLite"
DANVAN_VAR_DIR=$(mktemp -d) $BIN/pytest -q -m "not browser"

echo "== tests on PostgreSQL"
bash scripts/with-postgres.sh $BIN/pytest -q -m "not browser"

echo "== browser tests (Playwright + Debian chromium)"
mkdir -p test-artifacts
DANVAN_VAR_DIR=$(mktemp -d) $BIN/pytest -q -m browser
