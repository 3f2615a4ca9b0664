#!/usr/bin/env bash
# Run a command against a throw-away PostgreSQL 15 server:
# initdb in a temporary directory, start on a loopback port, export
# DANVAN_DATABASE_URL, run "$@", and always stop and remove the server.
set -euo pipefail
PGBIN=/usr/lib/postgresql/15/bin
# A port nobody listens on (asked of the kernel: a fixed range could hold another server or an outgoing connection).
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT=${DANVAN_PG_PORT:-$(free_port)}
PGDIR=$(mktemp -d /tmp/danvan-pg.XXXXXX)
chmod 755 "$PGDIR"
RUN=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$PGDIR"
  RUN=(runuser -u postgres --)
fi
stop() {
  "${RUN[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PGDIR"
}
trap stop EXIT
"${RUN[@]}" "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
"${RUN[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
  -o "-p $PORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
"$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres danvan
export DANVAN_DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/danvan"
export DANVAN_TEST_PG_BIN="$PGBIN"  # its client programs (pg_dump, pg_restore: conftest.py)
echo "with-postgres: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT"
"$@"
