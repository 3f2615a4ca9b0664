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

# Beside the lint step (one process at a time, so a core is idle), each chain first prepares what it needs: each
# engine's test database migrated once for the whole run (tests/dbtemplates.py), and the browser tests' demo made
# from SQLite's (tests/browser/demo.py) while the SQLite tests run (decision 0028). Every later pytest run starts its
# test database as a copy; no chain waits for another's preparation, and the tests start once lint has passed.
# One folder for this `make test` only: a copy never outlives the code that migrated it.
export DANVAN_TEST_DB_TEMPLATES="$LOGS/templates"
mkdir -p "$DANVAN_TEST_DB_TEMPLATES"
timed() {  # timed NAME COMMAND...: run COMMAND, then say how long it took (in the chain's log)
  local name=$1 s=$SECONDS rc=0
  shift
  printf '\n== %s\n' "$name"
  "$@" || rc=$?
  echo "-- $name: $((SECONDS - s)) s$([ $rc -eq 0 ] || echo ", FAILED ($rc)")"
  return $rc
}
after_lint() {  # wait for the lint step's verdict (a file the main shell writes); fail when lint failed
  while [ ! -e "$LOGS/lint.status" ]; do sleep 1; done
  [ "$(cat "$LOGS/lint.status")" = 0 ]
}
# Two chains side by side, each a separate log printed when the chain ends: SQLite's tests then the browser tests
# (which serve SQLite databases of their own); PostgreSQL's tests (with S3 on SeaweedFS) then the streaming replica.
# The chains are independent (each has its own databases, ports and directories), and on a two-core machine this
# keeps both cores busy to the end where four steps one after another left one idle for minutes.
step "lint, types, migrations; beside it the chains prepare their databases, then [SQLite, then the browser] beside [PostgreSQL + S3, then the streaming replica]"
(
  timed "SQLite test database migrated once" env DANVAN_VAR_DIR="$(mktemp -d)" $BIN/python -m tests.dbtemplates &&
    { timed "browser demo prepared (beside the SQLite tests)" $BIN/python -m tests.browser.demo >"$LOGS/demo" 2>&1 &
      DEMO_PID=$!
      after_lint &&
        # DANVAN_WALK_SHARE: the walkers (route matrix, canary, fuzzers) split their roles and examples between the
        # two runs, which would otherwise repeat each other's checks (tests/walkshare.py); every test runs on both.
        # The heavier share (1/2) runs here since the phone walk opens two pages a route (the chains: ~850 s each).
        timed "tests on SQLite" env DANVAN_VAR_DIR="$(mktemp -d)" DANVAN_WALK_SHARE=1/2 $BIN/pytest -q --durations=15 -m "not browser"
      rc=$?
      wait $DEMO_PID || rc=1
      cat "$LOGS/demo"
      [ $rc -eq 0 ]; } &&
    mkdir -p test-artifacts &&
    timed "browser tests (Playwright + Debian chromium)" env DANVAN_VAR_DIR="$(mktemp -d)" $BIN/pytest -q --durations=10 -m browser
) >"$LOGS/sqlite" 2>&1 &
SQLITE_PID=$!
(
  timed "PostgreSQL test database migrated once" bash scripts/with-postgres.sh $BIN/python -m tests.dbtemplates &&
    after_lint &&
    # Beside a throw-away SeaweedFS: the tests marked `s3` run their files through a real S3 server; every other
    # test keeps the local disk (DANVAN_STORAGE=local).
    timed "tests on PostgreSQL (+ S3 on SeaweedFS)" env DANVAN_STORAGE=local DANVAN_WALK_SHARE=2/2 \
      bash scripts/with-postgres.sh bash scripts/with-seaweedfs.sh $BIN/pytest -q --durations=15 -m "not browser" &&
    # The whole cluster of the lose-nothing test: primary + replica, SeaweedFS, two app servers and two workers
    # (the replica test keeps the local disk; the node-dies test points its servers and workers at the S3 server).
    timed "streaming replica + S3: reports from a hot standby, lag on /healthz, nodes killed, PostgreSQL restarted" \
      env DANVAN_STORAGE=local bash scripts/with-postgres-replica.sh bash scripts/with-seaweedfs.sh \
      $BIN/pytest -q -p no:randomly -m processes tests/processes/test_replica.py tests/processes/test_node_dies.py
) >"$LOGS/postgres" 2>&1 &
POSTGRES_PID=$!
lint_status=0
make -s lint || lint_status=$?
echo $lint_status >"$LOGS/lint.status"
echo "-- lint, types, migrations: $((SECONDS - STEP_START)) s$([ $lint_status -eq 0 ] || echo ", FAILED")"
status=0
wait $SQLITE_PID || status=1
cat "$LOGS/sqlite"
wait $POSTGRES_PID || status=1
cat "$LOGS/postgres"
took "tests"
[ $lint_status -eq 0 ] || { echo "make test: lint failed (see above)"; exit 1; }
[ $status -eq 0 ] || { echo "make test: a test step failed (see above)"; exit 1; }

printf '\nmake test: all steps passed in %d s\n' $((SECONDS - START))
