#!/usr/bin/env bash
# Run a command against a throw-away PostgreSQL 15 primary and a streaming replica (hot standby) of it:
# initdb the primary (wal_level=replica, a replication role), pg_basebackup -R its copy into a second data
# directory, start that as a standby on another port, export DANVAN_DATABASE_URL and DANVAN_REPLICA_URL (and
# where the standby lives, for tests that stop and start it), run "$@", and always stop and remove both servers.
set -euo pipefail
PGBIN=/usr/lib/postgresql/15/bin
# Two ports nobody listens on (other servers may run on this machine).
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT=${DANVAN_PG_PORT:-$(free_port)}
REPLICA_PORT=$(free_port)
while [ "$REPLICA_PORT" = "$PORT" ]; do REPLICA_PORT=$(free_port); done
PGDIR=$(mktemp -d /tmp/danvan-pgr.XXXXXX)
chmod 755 "$PGDIR"
RUN=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$PGDIR"
  RUN=(runuser -u postgres --)
fi
stop() {
  "${RUN[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/standby" -m immediate -w stop >/dev/null 2>&1 || true
  "${RUN[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PGDIR"
}
trap stop EXIT
# Both servers take these settings from the command line (pg_ctl -o), so the copy does not inherit the port.
# fsync is off for speed: a crashed *server* (pg_ctl -m immediate, as tests/processes/test_node_dies.py does) loses
# nothing the OS already holds. synchronous_commit stays on, as in production: with it off, a commit is
# acknowledged before its WAL leaves the server's memory, and a crash loses acknowledged transactions.
COMMON="-k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
PRIMARY_OPTS="-p $PORT $COMMON -c wal_level=replica -c max_wal_senders=5 -c wal_keep_size=256MB"
STANDBY_OPTS="-p $REPLICA_PORT $COMMON -c hot_standby=on -c hot_standby_feedback=on"
"${RUN[@]}" "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
"${RUN[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w -o "$PRIMARY_OPTS" start >/dev/null
"$PGBIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -q -v ON_ERROR_STOP=1 \
  -c "CREATE ROLE replicator WITH REPLICATION LOGIN" -c "CREATE DATABASE danvan" >/dev/null
# The copy: -R writes standby.signal and primary_conninfo; -X stream carries the WAL written meanwhile.
"${RUN[@]}" "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$PORT" -U replicator -D "$PGDIR/standby" -R -X stream -c fast
"${RUN[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/standby" -l "$PGDIR/standby.log" -w -o "$STANDBY_OPTS" start >/dev/null
export DANVAN_DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/danvan"
export DANVAN_REPLICA_URL="postgres://postgres@127.0.0.1:$REPLICA_PORT/danvan"
# For tests that pause, stop or restart a server: the data directories, the options each starts with, and
# the command prefix that runs pg_ctl as the servers' owner.
export DANVAN_TEST_PG_PRIMARY_DATA="$PGDIR/data" DANVAN_TEST_PG_PRIMARY_OPTS="$PRIMARY_OPTS"
export DANVAN_TEST_PG_STANDBY_DATA="$PGDIR/standby" DANVAN_TEST_PG_STANDBY_OPTS="$STANDBY_OPTS"
export DANVAN_TEST_PG_RUN_AS="${RUN[*]}" DANVAN_TEST_PG_BIN="$PGBIN"
echo "with-postgres-replica: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') primary 127.0.0.1:$PORT, standby 127.0.0.1:$REPLICA_PORT"
"$@"
