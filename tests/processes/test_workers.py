"""Two task workers on one PostgreSQL send every e-mail of the outbox exactly once, even when one is killed (−9)
mid-send and started again (issue 10).

Two ``danvan worker`` processes share the database queue (django-tasks-db). N notifications are written, each with
its e-mail in the outbox; the mail "server" is a slow file backend (``slow_mail.py``). When worker A is running a
delivery task, it is killed with SIGKILL: its task stays "running" in the queue and its outbox row "sending" with a
lease. Worker A is started again; after the lease (3 s here) the outbox flush (every second here) enqueues the row
again and one worker sends it. In the end every row is "sent" and the mail folder holds exactly one message per
row (by its Message-ID, fixed per row).

The one window where a message could go twice — the kill landing after the mail server accepted the message and
before the "sent" UPDATE commits — is a few milliseconds against the backend's 300 ms; the same Message-ID then
lets the receiving side drop the copy (docs/decisions/0015-tasks-and-notifications.md).
"""

from __future__ import annotations

import email
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from conftest import make_officer
from danvan.notifications.models import EmailOutbox, OutboxState
from danvan.notifications.services import Notice, notify_many
from tests.processes.conftest import ROOT, stop_process, tail

pytestmark = [
    pytest.mark.processes,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: separate processes cannot share the in-memory SQLite test database "
        "(run: bash scripts/with-postgres.sh .venv/bin/pytest -q -m processes tests/processes/test_workers.py)",
    ),
]

MAILS = 24
TIMEOUT = 120.0


class Workers:
    def __init__(self, env: dict[str, str], logs: Path) -> None:
        self.env, self.logs = env, logs
        self.processes: dict[str, subprocess.Popen] = {}

    def start(self, name: str) -> None:
        log = (self.logs / f"worker-{name}.log").open("ab")
        self.processes[name] = subprocess.Popen(
            [sys.executable, "-m", "danvan.cli", "worker", "--worker-id", name, "--tick-seconds", "1"],
            env=self.env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill(self, name: str) -> None:
        process = self.processes[name]
        os.killpg(process.pid, signal.SIGKILL)  # its own session: only what this test started
        process.wait(timeout=10)

    def stop(self) -> None:
        for process in self.processes.values():
            stop_process(process)

    def logs_text(self) -> str:
        return "\n".join(f"--- {path.name}\n{tail(path)}" for path in sorted(self.logs.glob("worker-*.log")))


@pytest.fixture
def workers(process_env: dict[str, str], tmp_path: Path) -> Iterator[Workers]:
    env = {
        **process_env,
        "DANVAN_EMAIL_BACKEND": "tests.processes.slow_mail.SlowFileBackend",
        "DANVAN_TEST_MAIL_DELAY": "0.3",
        "DANVAN_EMAIL_OUTBOX_LEASE_SECONDS": "3",
        "DANVAN_SCHEDULE_OUTBOX_SECONDS": "1",
        "DANVAN_SCHEDULE_SWEEP_SECONDS": "86400",
    }
    running = Workers(env, tmp_path)
    try:
        yield running
    finally:
        running.stop()


def message_ids(folder: Path) -> Counter[str]:
    found: Counter[str] = Counter()
    for path in folder.glob("*.log"):
        # The file backend appends each message followed by a line of dashes.
        for chunk in path.read_text(encoding="utf-8").split("-" * 79):
            if chunk.strip():
                found[str(email.message_from_string(chunk.strip())["Message-ID"])] += 1
    return found


def wait(condition, what: str, workers: Workers) -> None:
    give_up = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > give_up:
            pytest.fail(f"{what} did not happen in {TIMEOUT:.0f} s\n{workers.logs_text()}")
        time.sleep(0.05)


def test_every_email_is_sent_exactly_once_when_a_worker_is_killed_mid_send(workers, process_env):
    officers = [make_officer(f"mail{i}", f"Cán bộ {i}") for i in range(4)]
    notify_many(Notice(officers[i % 4].pk, "test", f"Thư số {i}") for i in range(MAILS))  # committed: enqueued
    rows = set(EmailOutbox.objects.values_list("pk", flat=True))
    assert len(rows) == MAILS and DBTaskResult.objects.filter(task_path__endswith="deliver_email").count() == MAILS

    workers.start("A")
    workers.start("B")

    def row_a_is_sending() -> int | None:
        """The outbox row that worker A has claimed and not yet sent, if any."""
        running = DBTaskResult.objects.filter(
            status="RUNNING", worker_ids__contains=["A"], task_path__endswith="deliver_email"
        ).values_list("args_kwargs", flat=True)
        ids = [args_kwargs["args"][0] for args_kwargs in running]
        return EmailOutbox.objects.filter(pk__in=ids, state=OutboxState.SENDING).values_list("pk", flat=True).first()

    wait(lambda: EmailOutbox.objects.filter(state=OutboxState.SENT).count() >= MAILS // 4, "a quarter sent", workers)
    # Kill A while it holds a row. A may finish that send between our look and the kill: then look again.
    killed_row = None
    for _attempt in range(5):
        wait(lambda: row_a_is_sending() is not None, "worker A sending", workers)
        held = row_a_is_sending()
        workers.kill("A")
        if held is not None and EmailOutbox.objects.filter(pk=held, state=OutboxState.SENDING).exists():
            killed_row = held
            workers.start("A")
            break
        workers.start("A")
    assert killed_row is not None, "the kill never landed in the middle of a send"

    wait(lambda: EmailOutbox.objects.filter(state=OutboxState.SENT).count() == MAILS, "every e-mail sent", workers)
    sent = message_ids(Path(process_env["DANVAN_EMAIL_FILE_PATH"]))
    assert set(sent) == {f"<outbox-{pk}@danvan>" for pk in rows}
    assert [mid for mid, n in sent.items() if n != 1] == []  # exactly once each
    assert EmailOutbox.objects.get(pk=killed_row).attempts > 1  # the row A died holding was taken again after its lease
