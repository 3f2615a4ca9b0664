"""The PostgreSQL servers that scripts/with-postgres-replica.sh started, for process tests that read from the
standby, pause its replay, stop it or restart the primary."""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import psycopg
from django.db import connection

WAIT = 60.0


def has_replica() -> bool:
    return bool(os.environ.get("DANVAN_REPLICA_URL") and os.environ.get("DANVAN_TEST_PG_STANDBY_DATA"))


def has_primary_control() -> bool:
    return bool(os.environ.get("DANVAN_TEST_PG_PRIMARY_DATA"))


@dataclass
class Server:
    data: str
    options: str

    def pg_ctl(self, *args: str, log: str | None = None) -> None:
        run_as = os.environ.get("DANVAN_TEST_PG_RUN_AS", "").split()
        pg_ctl = os.path.join(os.environ["DANVAN_TEST_PG_BIN"], "pg_ctl")
        extra = ["-l", log] if log else []
        subprocess.run([*run_as, pg_ctl, "-D", self.data, *extra, *args], check=True, capture_output=True, timeout=WAIT)

    def stop(self, mode: str = "fast") -> None:
        self.pg_ctl("-m", mode, "-w", "stop")

    def start(self) -> None:
        self.pg_ctl("-w", "-o", self.options, "start", log=f"{self.data}.restart.log")

    def restart(self, mode: str = "fast") -> None:
        self.pg_ctl("-m", mode, "-w", "-o", self.options, "restart", log=f"{self.data}.restart.log")


def primary() -> Server:
    return Server(os.environ["DANVAN_TEST_PG_PRIMARY_DATA"], os.environ["DANVAN_TEST_PG_PRIMARY_OPTS"])


def standby() -> Server:
    return Server(os.environ["DANVAN_TEST_PG_STANDBY_DATA"], os.environ["DANVAN_TEST_PG_STANDBY_OPTS"])


def replica_url() -> str:
    """``DANVAN_REPLICA_URL`` for the test database: the standby holds pytest-django's ``test_…`` database too,
    copied from the primary like everything else."""
    parts = urlsplit(os.environ["DANVAN_REPLICA_URL"])
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))


def _conninfo(url: str) -> str:
    return url.replace("postgres://", "postgresql://", 1)


def on_standby(sql: str) -> tuple:
    with psycopg.connect(_conninfo(replica_url()), autocommit=True, connect_timeout=5) as conn:
        row = conn.execute(sql).fetchone()
    return tuple(row) if row else ()


def replay_lsn() -> str:
    return str(on_standby("SELECT pg_last_wal_replay_lsn()::text")[0])


def wait_until_replayed() -> None:
    """Wait until the standby has replayed everything the primary has written so far."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        (target,) = cursor.fetchone()
    give_up = time.monotonic() + WAIT
    while True:
        lsn = replay_lsn()
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_wal_lsn_diff(%s::pg_lsn, %s::pg_lsn)", [target, lsn])
            (behind,) = cursor.fetchone()
        if behind <= 0:
            return
        assert time.monotonic() < give_up, f"the standby did not replay up to {target} in {WAIT:.0f} s (at {lsn})"
        time.sleep(0.05)
