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

step "compile translations"
$BIN/danvan compilemessages -v 0 --ignore=.venv
took "compile translations"

# Beside the lint step (one process at a time, so a core is idle): each engine's test database migrated once for
# the whole run, and the browser tests' demo made from SQLite's (tests/dbtemplates.py, tests/browser/demo.py,
# decision 0028). Every later pytest run starts its test database as a copy; the chains migrate nothing.
# One folder for this `make test` only: a copy never outlives the code that migrated it.
export DANVAN_TEST_DB_TEMPLATES="$LOGS/templates"
mkdir -p "$DANVAN_TEST_DB_TEMPLATES"
step "lint, types, migrations (beside it: the test databases migrated once per engine, the browser demo)"
(
  set -e
  s=$SECONDS
  DANVAN_VAR_DIR="$(mktemp -d)" $BIN/python -m tests.dbtemplates
  echo "-- SQLite test database migrated: $((SECONDS - s)) s"
  s=$SECONDS
  $BIN/python -m tests.browser.demo
  echo "-- browser demo: $((SECONDS - s)) s"
  s=$SECONDS
  bash scripts/with-postgres.sh $BIN/python -m tests.dbtemplates
  echo "-- PostgreSQL test database migrated: $((SECONDS - s)) s"
) >"$LOGS/prepare" 2>&1 &
PREPARE_PID=$!
lint_status=0
make -s lint || lint_status=$?
prepare_status=0
wait $PREPARE_PID || prepare_status=$?
cat "$LOGS/prepare"
[ $lint_status -eq 0 ] || { echo "make test: lint failed"; exit 1; }
[ $prepare_status -eq 0 ] || { echo "make test: preparing the test databases failed"; exit 1; }
took "lint, types, migrations (beside it: the test databases migrated once per engine, the browser demo)"

# Two chains side by side, each a separate log printed when the chain ends: SQLite's tests then the browser tests
# (which serve SQLite databases of their own); PostgreSQL's tests (with S3 on SeaweedFS) then the streaming replica.
# The chains are independent (each has its own databases, ports and directories), and on a two-core machine this
# keeps both cores busy to the end where four steps one after another left one idle for minutes.
step "tests: [SQLite, then the browser] beside [PostgreSQL + S3, then the streaming replica]"
timed() {  # timed NAME COMMAND...: run COMMAND, then say how long it took (in the chain's log)
  local name=$1 s=$SECONDS rc=0
  shift
  printf '\n== %s\n' "$name"
  "$@" || rc=$?
  echo "-- $name: $((SECONDS - s)) s$([ $rc -eq 0 ] || echo ", FAILED ($rc)")"
  return $rc
}
(
  # DANVAN_WALK_SHARE: the walkers (route matrix, canary, fuzzers) split their roles and examples between the two
  # runs, which would otherwise repeat each other's checks (tests/walkshare.py); every test runs on both engines.
  timed "tests on SQLite" env DANVAN_VAR_DIR="$(mktemp -d)" DANVAN_WALK_SHARE=1/2 $BIN/pytest -q -m "not browser" &&
    mkdir -p test-artifacts &&
    timed "browser tests (Playwright + Debian chromium)" env DANVAN_VAR_DIR="$(mktemp -d)" $BIN/pytest -q -m browser
) >"$LOGS/sqlite" 2>&1 &
SQLITE_PID=$!
(
  # Beside a throw-away SeaweedFS: the tests marked `s3` run their files through a real S3 server; every other
  # test keeps the local disk (DANVAN_STORAGE=local).
  timed "tests on PostgreSQL (+ S3 on SeaweedFS)" env DANVAN_STORAGE=local DANVAN_WALK_SHARE=2/2 \
    bash scripts/with-postgres.sh bash scripts/with-seaweedfs.sh $BIN/pytest -q -m "not browser" &&
    # The whole cluster of the lose-nothing test: primary + replica, SeaweedFS, two app servers and two workers
    # (the replica test keeps the local disk; the node-dies test points its servers and workers at the S3 server).
    timed "streaming replica + S3: reports from a hot standby, lag on /healthz, nodes killed, PostgreSQL restarted" \
      env DANVAN_STORAGE=local bash scripts/with-postgres-replica.sh bash scripts/with-seaweedfs.sh \
      $BIN/pytest -q -p no:randomly -m processes tests/processes/test_replica.py tests/processes/test_node_dies.py
) >"$LOGS/postgres" 2>&1 &
POSTGRES_PID=$!
status=0
wait $SQLITE_PID || status=1
cat "$LOGS/sqlite"
wait $POSTGRES_PID || status=1
cat "$LOGS/postgres"
took "tests"
[ $status -eq 0 ] || { echo "make test: a test step failed (see above)"; exit 1; }

printf '\nmake test: all steps passed in %d s\n' $((SECONDS - START))
