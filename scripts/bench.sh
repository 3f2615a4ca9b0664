#!/usr/bin/env bash
# `make bench`: run every benchmark on SQLite, then on a throw-away PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
PY=.venv/bin/python
$PY bench/units_search.py
bash scripts/with-postgres.sh $PY bench/units_search.py
$PY bench/initiatives_bench.py
bash scripts/with-postgres.sh $PY bench/initiatives_bench.py
$PY bench/cases_bench.py
bash scripts/with-postgres.sh $PY bench/cases_bench.py
$PY bench/tasks_bench.py
bash scripts/with-postgres.sh $PY bench/tasks_bench.py
