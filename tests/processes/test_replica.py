"""Reports read from a real streaming replica; writes never go there; /healthz shows its lag (issue 10).

Runs under scripts/with-postgres-replica.sh (a PostgreSQL primary and a hot standby made by pg_basebackup), with
two granian app servers started with both ``DANVAN_DATABASE_URL`` and ``DANVAN_REPLICA_URL``. The proof that a
report reads from the standby: with the standby's replay paused, a petition received through the API is on the
primary (its page shows it) but not yet in the statistics; once replay resumes, the statistics count it. Writes
never go to the standby: it refuses every write (read-only), and a whole write flow succeeds meanwhile. With the
standby stopped, /healthz answers 200 "degraded" and the statistics are read from the primary instead.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import urllib.request

import pytest
from django.db import connection
from django.utils import timezone

from conftest import ensure_units, make_officer, unit
from danvan.accounts.models import Role
from danvan.accounts.services import api_token_create
from tests.processes import replica
from tests.processes.conftest import Server
from tests.processes.test_lose_nothing import Client, complaint

pytestmark = [
    pytest.mark.processes,
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not replica.has_replica(),
        reason="needs a PostgreSQL primary and streaming replica "
        "(run: bash scripts/with-postgres-replica.sh .venv/bin/pytest -q tests/processes/test_replica.py)",
    ),
]

UNIT_CODE = "22081"


@pytest.fixture
def process_env(process_env: dict[str, str]) -> dict[str, str]:
    """The app servers' environment with the standby as their replica."""
    return {**process_env, "DANVAN_REPLICA_URL": replica.replica_url()}


def health(server: Server) -> dict:
    with urllib.request.urlopen(f"{server.url}/healthz", timeout=10) as answer:  # noqa: S310 - loopback only
        assert answer.status == 200
        return json.loads(answer.read())


def received(client: Client, server: Server, today: dt.date) -> int:
    answer = client.call(server, "l1", "GET", f"/api/v1/cases/statistics?year={today.year}")
    assert answer.status == 200, str(answer)
    return int(answer.body["current"]["received"])


def wait_for_lag(server: Server, *, behind: bool) -> dict:
    give_up = time.monotonic() + replica.WAIT
    while True:
        state = health(server)
        lagging = state["replica"]["status"] == "ok" and state["replica"]["lag_bytes"] > 0
        if lagging == behind:
            return state
        assert time.monotonic() < give_up, state
        time.sleep(0.1)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reports_read_from_the_replica_and_writes_never_go_there(app_servers: list[Server]) -> None:
    ensure_units()
    commune = unit(UNIT_CODE)
    officers = {
        "o1": make_officer("rp-o1", "Nguyễn Văn Một", UNIT_CODE, Role.OFFICER),
        "l1": make_officer("rp-l1", "Lê Văn Ba", UNIT_CODE, Role.LEADER),
    }
    tokens = {name: api_token_create(actor=o, officer=o, name="replica")[1] for name, o in officers.items()}
    client = Client(app_servers, tokens)
    first, second = app_servers
    today = timezone.localdate()

    replica.wait_until_replayed()
    state = health(first)
    assert state["status"] == "ok" and state["replica"]["status"] == "ok", state
    assert state["replica"]["lag_bytes"] == 0 and state["replica"]["lag_seconds"] == 0, state
    before = received(client, first, today)

    replica.on_standby("SELECT pg_wal_replay_pause()")
    try:
        # A whole write flow while the standby's copy stands still: every write goes to the primary.
        made = client.call(first, "o1", "POST", "/api/v1/cases", complaint(commune.pk, today, "Đơn đọc bản sao"))
        assert made.status == 201, str(made)
        case_id = made.body["id"]
        step = {"action": "classify", "is_eligible": True, "in_jurisdiction": True, "expected_version": 1}
        classified = client.call(second, "o1", "POST", f"/api/v1/cases/{case_id}/transitions", step)
        assert classified.status == 200, str(classified)
        # The case's own page reads the primary: the write is there at once (read-your-writes).
        shown = client.call(second, "l1", "GET", f"/api/v1/cases/{case_id}")
        assert (shown.status, shown.body["status"], shown.body["version"]) == (200, "classified", 2), str(shown)
        # The report reads the standby: not there yet, on either server.
        assert received(client, first, today) == before
        assert received(client, second, today) == before
        lagging = wait_for_lag(first, behind=True)
        assert lagging["status"] == "ok" and lagging["replica"]["lag_seconds"] >= 0, lagging
    finally:
        replica.on_standby("SELECT pg_wal_replay_resume()")

    replica.wait_until_replayed()
    assert received(client, first, today) == before + 1
    assert received(client, second, today) == before + 1
    caught_up = wait_for_lag(second, behind=False)
    assert caught_up["replica"] == {"status": "ok", "lag_bytes": 0, "lag_seconds": 0.0}, caught_up

    # The standby refuses writes: nothing the app wrote could have gone there.
    with pytest.raises(Exception, match="read-only"):
        replica.on_standby("CREATE TABLE never_here (id int)")
    assert replica.on_standby("SELECT pg_is_in_recovery()") == (True,)

    # The standby down: /healthz degrades (200), the reports read from the primary, writes go on.
    standby = replica.standby()
    standby.stop("immediate")
    try:
        state = health(first)
        assert (state["status"], state["database"], state["replica"]) == (
            "degraded",
            "postgresql",
            {"status": "unavailable"},
        ), state
        made = client.call(second, "o1", "POST", "/api/v1/cases", complaint(commune.pk, today, "Đơn khi bản sao tắt"))
        assert made.status == 201, str(made)
        assert received(client, first, today) == before + 2
        assert received(client, second, today) == before + 2
    finally:
        standby.start()
    replica.wait_until_replayed()
    assert health(first)["replica"]["status"] == "ok"
    errors = [str(answer) for answer in client.answers if answer.status >= 500]
    assert not errors, errors
