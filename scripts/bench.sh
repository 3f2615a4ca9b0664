#!/usr/bin/env bash
# `make bench`: run every benchmark on SQLite, then on a throw-away PostgreSQL; a summary table at the end.
# `make bench-quick` runs the same with BENCH_SCALE=0.05 (every size a twentieth, bench/common.py `scaled`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
# One throw-away PostgreSQL server for the whole run (scripts/with-postgres.sh around this script), each bench on a
# database of its own: bench/common.py `prepare_database` migrates and loads the unit tree once per engine into a
# template (PostgreSQL: a template database on this server; SQLite: a file in var/bench/templates, kept while the
# migrations, settings and installed packages stay the same) and gives each bench a copy, instead of ~25 s of
# migrate and load_units per bench and engine. A bench run alone still prepares its own database.
if [ -z "${BENCH_PG_SERVER:-}" ]; then
  exec bash scripts/with-postgres.sh env BENCH_PG_SERVER=1 bash "$0" "$@"
fi
BENCH_PG_URL=${DANVAN_DATABASE_URL%/*}
unset DANVAN_DATABASE_URL
export BENCH_TEMPLATES="$PWD/var/bench/templates"
bench_db=0
# pg CMD...: run CMD against a database of its own on the run's server (dropped after it).
pg() {
  bench_db=$((bench_db + 1))
  local db="bench_$bench_db"
  DANVAN_DATABASE_URL="$BENCH_PG_URL/$db" "$@"
  /usr/lib/postgresql/15/bin/dropdb --if-exists --force --maintenance-db="$BENCH_PG_URL/postgres" "$db"
}
PY=.venv/bin/python
# Each bench appends its measures (ours, reference, ratio, target) here; the summary reads them, also after a failure.
mkdir -p var/bench
BENCH_RESULTS="$PWD/var/bench/$(date -u +%Y%m%dT%H%M%SZ)-scale${BENCH_SCALE:-1}.jsonl"
export BENCH_RESULTS
: >"$BENCH_RESULTS"
# Each bench's wall time, printed after it and listed again at the end (what to cut for bench-quick's 5 minutes).
TIMES="$PWD/var/bench/$(basename "$BENCH_RESULTS" .jsonl).times"
: >"$TIMES"
timed() {
  local started=$SECONDS status=0
  "$@" || status=$?
  local line
  line="$(printf '%4d s  %s' $((SECONDS - started)) "$(echo "$*" | sed -e "s|$PY ||g" -e "s|bash scripts/||g")")"
  echo "bench.sh: $line"
  echo "$line" >>"$TIMES"
  return $status
}
trap 'status=$?; $PY scripts/bench-summary.py "$BENCH_RESULTS" || true; echo "bench.sh: each bench:"; cat "$TIMES"; echo "bench.sh: $((SECONDS / 60)) min $((SECONDS % 60)) s"; exit $status' EXIT
# The SQLite half, then the PostgreSQL half (the replica bench in it). A quick run (BENCH_SCALE < 1, or
# BENCH_PARALLEL=1) runs the two halves side by side, each into its own log printed when it ends: on 2 cores that
# about halves bench-quick's wall time; its latencies are then indicative only, while each ratio still compares two
# measures taken in turns under the same load. `make bench` runs them one after the other.
sqlite_chain() {
  timed $PY bench/units_search.py
  timed $PY bench/initiatives_bench.py
  timed $PY bench/cases_bench.py
  # Attachments on the local disk vs an S3 server (SeaweedFS, started and stopped by the script), on each database.
  timed env DANVAN_STORAGE=local bash scripts/with-seaweedfs.sh $PY bench/storage_bench.py
  timed $PY bench/tasks_bench.py
  # Grassroots democracy at the issue's scale (bench/democracy_generator.py, inside the database): 10,000,000 households
  # over the real tree's villages, 300,000 disclosures, 50,000 decisions with 5,000,000 ballots — each bench generates
  # its own: the household register (import of 20,000 rows, the register on a day), the compliance boards, the tally
  # of a 20,000-household ballot and a ballot over HTTP. The decisions bench alone takes about 7 minutes on SQLite and
  # 11 on PostgreSQL on 2 cores.
  timed $PY bench/democracy_households_bench.py
  timed $PY bench/democracy_disclosures_bench.py
  timed $PY bench/democracy_decisions_bench.py
  # Grassroots democracy: year-end meetings, dialogues, raised items, compliance and the statistics page.
  timed $PY bench/democracy_meetings_bench.py
  # Grassroots democracy: 2,000,000 recommendations (BENCH_RECOMMENDATIONS): figures, ranking, inbox, sweep.
  timed $PY bench/democracy_recommendations_bench.py
  # Citizen feedback: 1,000,000 reports (BENCH_FEEDBACK_REPORTS to choose): public list and map,
  # nearby look-up, Open311 requests, statistics and the public ranking, each beside a bare view or hand-written SQL.
  timed $PY bench/feedback_bench.py
  # Citizen feedback: sustained Open311 submissions over HTTP for 60 s (BENCH_SUBMIT_SECONDS), every accepted one stored
  # once, replayed keys stored nothing [target >= 200/s on PostgreSQL], beside a bare one-INSERT view.
  timed $PY bench/feedback_submit_bench.py
  # Reporting (issue 14): a province's annual report over every source (100,000 initiatives, 1,000,000 petitions and
  # 1,000,000 feedback reports, 2,000,000 recommendations, 5,000,000 dossiers): every indicator beside one hand-written
  # SQL query per source, the national dashboard over granian, the DOCX report. Before it, the dossiers alone: the CCHC
  # indicators beside one hand-written aggregate and the import of 100,000 rows [target < 60 s].
  timed $PY bench/reporting_bench.py
  timed $PY bench/reporting_report_bench.py
}
pg_chain() {
  timed pg $PY bench/units_search.py
  timed pg $PY bench/initiatives_bench.py
  timed pg $PY bench/cases_bench.py
  timed pg env DANVAN_STORAGE=local bash scripts/with-seaweedfs.sh $PY bench/storage_bench.py
  # The replica bench has its own primary and standby: its database is restored from the run's template dump
  # (bench/common.py _prepare_postgres), seconds where migrate and load_units took half a minute.
  timed bash scripts/with-postgres-replica.sh $PY bench/replica_bench.py
  timed pg $PY bench/tasks_bench.py
  timed pg $PY bench/democracy_households_bench.py
  timed pg $PY bench/democracy_disclosures_bench.py
  timed pg $PY bench/democracy_decisions_bench.py
  timed pg $PY bench/democracy_meetings_bench.py
  timed pg $PY bench/democracy_recommendations_bench.py
  timed pg $PY bench/feedback_bench.py
  timed pg $PY bench/feedback_submit_bench.py
  timed pg $PY bench/reporting_bench.py
  timed pg $PY bench/reporting_report_bench.py
}
# BENCH_ENGINES="sqlite" or "postgresql" runs one half only: a full run of one engine fits a working session where
# both (about three hours on 2 cores) do not.
ENGINES=" ${BENCH_ENGINES:-sqlite postgresql} "
case "$ENGINES" in *" sqlite "* | *" postgresql "*) ;; *) echo "bench.sh: BENCH_ENGINES: sqlite and/or postgresql" >&2; exit 2 ;; esac
wanted() { case "$ENGINES" in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
if ! wanted sqlite; then sqlite_chain() { :; }; fi
if ! wanted postgresql; then pg_chain() { :; }; fi
if [ "${BENCH_PARALLEL:-$(awk -v s="${BENCH_SCALE:-1}" 'BEGIN { print (s < 1) ? 1 : 0 }')}" = 1 ]; then
  logs=$(mktemp -d)
  sqlite_chain >"$logs/sqlite.log" 2>&1 &
  sqlite_pid=$!
  pg_chain >"$logs/pg.log" 2>&1 &
  pg_pid=$!
  status=0
  wait $sqlite_pid || status=$?
  echo "bench.sh: === SQLite half"; cat "$logs/sqlite.log"
  wait $pg_pid || status=$?
  echo "bench.sh: === PostgreSQL half"; cat "$logs/pg.log"
  rm -rf "$logs"
  exit $status
fi
sqlite_chain
pg_chain
