#!/usr/bin/env bash
# `make test`: lint, types, migrations check, tests on SQLite and PostgreSQL (with S3 on SeaweedFS), browser tests.
#
# The SQLite and PostgreSQL runs are independent (each has its own database), so they run side by side: on a
# two-core machine that halves the longest part. Each run writes its own log, printed when it ends; every step
# prints how long it took.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export DANVAN_TESTING=1
START=$SECONDS
LOGS=$(mktemp -d)

step() { printf '\n== %s\n' "$1"; STEP_START=$SECONDS; }
took() { printf -- '-- %s: %d s (total %d s)\n' "$1" $((SECONDS - STEP_START)) $((SECONDS - START)); }

step "system packages"
bash scripts/system-deps.sh
took "system packages"

step "lint, types, migrations"
make -s lint
took "lint, types, migrations"

step "compile translations"
$BIN/danvan compilemessages -v 0 --ignore=.venv
took "compile translations"

step "tests on SQLite and on PostgreSQL (+ S3 on SeaweedFS), side by side"
(
  s=$SECONDS
  rc=0
  DANVAN_VAR_DIR=$(mktemp -d) $BIN/pytest -q -m "not browser" >"$LOGS/sqlite" 2>&1 || rc=$?
  echo "-- SQLite: $((SECONDS - s)) s" >>"$LOGS/sqlite"
  exit $rc
) &
SQLITE_PID=$!
(
  s=$SECONDS
  rc=0
  # Beside a throw-away SeaweedFS: the tests marked `s3` run their files through a real S3 server; every other
  # test keeps the local disk (DANVAN_STORAGE=local).
  DANVAN_STORAGE=local bash scripts/with-postgres.sh bash scripts/with-seaweedfs.sh \
    $BIN/pytest -q -m "not browser" >"$LOGS/postgres" 2>&1 || rc=$?
  echo "-- PostgreSQL: $((SECONDS - s)) s" >>"$LOGS/postgres"
  exit $rc
) &
POSTGRES_PID=$!
status=0
wait $SQLITE_PID || status=1
printf '\n== tests on SQLite\n'
cat "$LOGS/sqlite"
wait $POSTGRES_PID || status=1
printf '\n== tests on PostgreSQL\n'
cat "$LOGS/postgres"
took "tests on SQLite and on PostgreSQL"
[ $status -eq 0 ] || { echo "make test: a database test run failed (see above)"; exit 1; }

step "streaming replica + S3: reports read from a hot standby, lag on /healthz, nodes killed, PostgreSQL restarted"
# The whole cluster of the lose-nothing test: primary + replica, SeaweedFS, two app servers and two workers (the
# replica test keeps the local disk; the node-dies test points its servers and workers at the S3 server).
DANVAN_STORAGE=local bash scripts/with-postgres-replica.sh bash scripts/with-seaweedfs.sh \
  $BIN/pytest -q -p no:randomly -m processes tests/processes/test_replica.py tests/processes/test_node_dies.py
took "streaming replica"

step "browser tests (Playwright + Debian chromium)"
mkdir -p test-artifacts
DANVAN_VAR_DIR=$(mktemp -d) $BIN/pytest -q -m browser
took "browser tests"

printf '\nmake test: all steps passed in %d s\n' $((SECONDS - START))
