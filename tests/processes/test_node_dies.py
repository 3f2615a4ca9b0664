"""Nothing is lost when a node dies (issue 10). The cluster: two app servers (granian), two task workers
(``danvan worker``), a PostgreSQL primary with a streaming replica, and SeaweedFS as the S3 object store of every
app server and worker. Under a stream of intake requests with ``Idempotency-Key``s, one app server and one worker
(mid-task: sending an e-mail) are killed with SIGKILL and started again, and PostgreSQL is restarted once
(``-m immediate``: a crash).

Each client receives a petition, attaches a PDF, classifies it as outside the unit's competence and transfers it to
another unit inside danvan: the transfer writes the arrived case and, for the receiving unit's officer (who has an
e-mail address), a notification whose e-mail goes through the outbox to a worker. Clients behave as the API asks: on
a connection error or a 5xx they send the same request again, with the same key, to either server, until it is
answered (a transition retried after it committed answers 409, and the case shows the step done).

Afterwards every acknowledged case is stored exactly once (one case per key), none is half-written (each has its
receipt in the history and in the audit trail), no case exists that no answer acknowledged, every attachment row's
file is in the S3 bucket and readable through the API with the bytes uploaded, every transfer made exactly one
arrived case and one e-mail, and the mail folder holds each e-mail exactly once (by Message-ID).

Runs under scripts/with-postgres-replica.sh (where the primary lives, to restart it; the replica for the app
servers) and scripts/with-seaweedfs.sh (``DANVAN_S3_*``)::

    bash scripts/with-postgres-replica.sh bash scripts/with-seaweedfs.sh \
        .venv/bin/pytest -q -p no:randomly -m processes tests/processes/test_node_dies.py
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from storages.backends.s3 import S3Storage

from conftest import ensure_units, make_officer, unit
from danvan.accounts.models import Role
from danvan.accounts.services import api_token_create
from danvan.cases.models import Case, CaseLink, CaseStatus, CaseTransition, LinkKind
from danvan.core.models import Attachment, AuditEntry
from danvan.notifications.models import EmailOutbox, OutboxState
from tests.processes import replica
from tests.processes.conftest import (
    GRANIAN,
    ROOT,
    SERVER_THREADS,
    SERVER_WORKERS,
    Server,
    free_port,
    stop_process,
    wait_until_ready,
)
from tests.processes.conftest import tail as log_tail
from tests.processes.test_lose_nothing import complaint
from tests.processes.test_workers import message_ids

pytestmark = [
    pytest.mark.processes,
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not replica.has_primary_control(),
        reason="needs a PostgreSQL primary the test may restart (run it under scripts/with-postgres-replica.sh)",
    ),
    pytest.mark.skipif(
        not os.environ.get("DANVAN_S3_ENDPOINT_URL"),
        reason="needs an S3 server (run it under scripts/with-seaweedfs.sh too)",
    ),
]

UNIT_CODE = "22081"
TARGET_CODE = "24133"  # the unit petitions are transferred to; its officer is e-mailed of each arrival
CLIENTS = 4
ACKS_BETWEEN_EVENTS = 6
RETRY_FOR = 90.0  # a request is retried this long before the test gives up on it
HTTP_TIMEOUT = 30.0
STREAM_TIMEOUT = 240.0
TITLE = "Đơn khi nút hỏng"


class Node(Protocol):
    name: str

    def kill(self) -> None: ...

    def start(self) -> None: ...


@dataclass
class WorkerNode:
    """One ``danvan worker`` (its own process group) that can be killed with SIGKILL mid-task and started again."""

    worker_id: str
    env: dict[str, str]
    log: Path
    process: subprocess.Popen | None = None

    @property
    def name(self) -> str:
        return f"worker {self.worker_id}"

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "danvan.cli", "worker", "--worker-id", self.worker_id, "--tick-seconds", "1"],
                env=self.env,
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def busy(self) -> bool:
        """True while this worker runs an e-mail delivery (the moment to kill it: mid-send)."""
        return DBTaskResult.objects.filter(
            status="RUNNING", worker_ids__contains=[self.worker_id], task_path__endswith="deliver_email"
        ).exists()

    def kill(self) -> None:
        assert self.process is not None and self.process.poll() is None
        give_up = time.monotonic() + STREAM_TIMEOUT
        while not self.busy():
            assert time.monotonic() < give_up, f"{self.name} never ran a delivery"
            time.sleep(0.02)
        os.killpg(self.process.pid, signal.SIGKILL)  # its own session: only what this test started
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None:
            stop_process(self.process)


@dataclass
class AppServerNode:
    """One granian server (its own process group) that can be killed with SIGKILL and started again on its port."""

    server: Server
    env: dict[str, str]
    process: subprocess.Popen | None = None

    @property
    def name(self) -> str:
        return f"app server {self.server.name}"

    def start(self) -> None:
        with self.server.log.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    str(GRANIAN),
                    *("--interface", "wsgi", "--host", "127.0.0.1", "--port", str(self.server.port)),
                    *("--workers", str(SERVER_WORKERS), "--blocking-threads", str(SERVER_THREADS)),
                    *("--log-level", "warning", "danvan.wsgi:application"),
                ],
                env=self.env,
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_until_ready(self.server, self.process)

    def kill(self) -> None:
        """SIGKILL to the server and its workers (its own session: only what this test started), mid-request."""
        assert self.process is not None and self.process.poll() is None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None:
            stop_process(self.process)


@pytest.fixture
def process_env(process_env: dict[str, str]) -> dict[str, str]:
    """The servers' and workers' environment: the replica, the S3 store of scripts/with-seaweedfs.sh, a slow mail
    server (so that a worker is killed mid-send), a short outbox lease and a flush every second."""
    env = {
        **process_env,
        **{name: value for name, value in os.environ.items() if name.startswith("DANVAN_S3_")},
        "DANVAN_STORAGE": "s3",
        "DANVAN_EMAIL_BACKEND": "tests.processes.slow_mail.SlowFileBackend",
        "DANVAN_TEST_MAIL_DELAY": "0.3",
        # Long enough for a worker to record a send across the PostgreSQL restart, short for a killed one's row.
        "DANVAN_EMAIL_OUTBOX_LEASE_SECONDS": "10",
        "DANVAN_SCHEDULE_OUTBOX_SECONDS": "1",
        "DANVAN_SCHEDULE_SWEEP_SECONDS": "86400",
    }
    if replica.has_replica():
        env["DANVAN_REPLICA_URL"] = replica.replica_url()
    return env


@pytest.fixture
def app_nodes(process_env: dict[str, str], tmp_path: Path) -> Iterator[list[AppServerNode]]:
    nodes = [
        AppServerNode(Server(name, free_port(), tmp_path / f"server-{name}.log"), process_env) for name in ("A", "B")
    ]
    try:
        for node in nodes:
            node.start()
        yield nodes
    finally:
        for node in nodes:
            node.stop()


@pytest.fixture
def worker_nodes(process_env: dict[str, str], tmp_path: Path) -> Iterator[list[WorkerNode]]:
    nodes = [WorkerNode(name, process_env, tmp_path / f"worker-{name}.log") for name in ("W1", "W2")]
    try:
        for node in nodes:
            node.start()
        yield nodes
    finally:
        for node in nodes:
            node.stop()


def multipart(name: str, content: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


@dataclass
class Ack:
    key: str
    case_id: int
    attachment_id: int | None = None
    content: bytes = b""


@dataclass
class Stream:
    """``CLIENTS`` threads receiving petitions one after another, retrying each request until it is answered."""

    servers: list[Server]
    token: str
    unit_id: int
    target_id: int
    acks: list[Ack] = field(default_factory=list)
    retries: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def request(self, method: str, path: str, body: bytes | None, headers: dict[str, str]) -> tuple[int, Any]:
        """Send until a non-5xx answer, switching server after each failure; connection errors and 5xx are retried."""
        give_up = time.monotonic() + RETRY_FOR
        attempt = 0
        while True:
            server = self.servers[attempt % len(self.servers)]
            attempt += 1
            try:
                conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=HTTP_TIMEOUT)
                try:
                    conn.request(method, path, body=body, headers={"Authorization": f"Bearer {self.token}", **headers})
                    response = conn.getresponse()
                    raw = response.read()
                finally:
                    conn.close()
                if response.status < 500:
                    return response.status, (json.loads(raw) if raw else None)
                reason = f"{response.status}"
            except (OSError, http.client.HTTPException) as error:
                reason = type(error).__name__
            with self.lock:
                self.retries[reason] += 1
            assert time.monotonic() < give_up, f"{method} {path} not answered in {RETRY_FOR:.0f} s ({reason})"
            time.sleep(0.1)

    def receive_one(self) -> None:
        key = f"node-dies-{uuid.uuid4()}"
        payload = complaint(self.unit_id, timezone.localdate(), f"{TITLE} {key}")
        status, answer = self.request(
            "POST",
            "/api/v1/cases",
            json.dumps(payload).encode(),
            {"Content-Type": "application/json", "Idempotency-Key": key},
        )
        assert status in (200, 201), (status, answer)
        ack = Ack(key=key, case_id=int(answer["id"]))
        # A PDF whose bytes name the case, so a file swapped between cases would show.
        ack.content = b"%PDF-1.4\n% " + key.encode() + b"\n%%EOF\n"
        body, content_type = multipart(f"{key}.pdf", ack.content)
        status, answer = self.request(
            "POST", f"/api/v1/cases/{ack.case_id}/attachments", body, {"Content-Type": content_type}
        )
        assert status == 201, (status, answer)
        ack.attachment_id = int(answer["id"])
        # Out of this unit's competence: transferred inside danvan, which e-mails the receiving unit's officer.
        self.step(ack.case_id, {"action": "classify", "is_eligible": True, "in_jurisdiction": False}, "classified")
        transfer = {"action": "transfer", "document_no": "7", "target_unit_id": self.target_id}
        self.step(ack.case_id, transfer, "transferred")
        with self.lock:
            self.acks.append(ack)

    def step(self, case_id: int, payload: dict[str, Any], done: str) -> None:
        """One transition; a 409 (the same step, retried after it committed) is fine when the case shows it done."""
        path = f"/api/v1/cases/{case_id}/transitions"
        status, answer = self.request("POST", path, json.dumps(payload).encode(), {"Content-Type": "application/json"})
        if status == 409:
            status, answer = self.request("GET", f"/api/v1/cases/{case_id}", None, {})
        assert status == 200 and answer["status"] == done, (payload["action"], status, answer)

    def run(self) -> None:
        try:
            while not self.stopping.is_set():
                self.receive_one()
        except BaseException as error:  # reported by the test's thread
            with self.lock:
                self.errors.append(repr(error))

    def acknowledged(self) -> int:
        with self.lock:
            return len(self.acks)

    def wait_for_acks(self, count: int) -> None:
        give_up = time.monotonic() + STREAM_TIMEOUT
        while self.acknowledged() < count:
            assert not self.errors, self.errors
            assert time.monotonic() < give_up, f"only {self.acknowledged()} acknowledged cases"
            time.sleep(0.05)


def download(server: Server, token: str, attachment_id: int) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=HTTP_TIMEOUT)
    try:
        conn.request(
            "GET", f"/api/v1/attachments/{attachment_id}/download", headers={"Authorization": f"Bearer {token}"}
        )
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def s3_objects() -> S3Storage:
    """The bucket of scripts/with-seaweedfs.sh, read directly (not through the app servers)."""
    return S3Storage(
        bucket_name=os.environ["DANVAN_S3_BUCKET"],
        endpoint_url=os.environ["DANVAN_S3_ENDPOINT_URL"],
        access_key=os.environ["DANVAN_S3_ACCESS_KEY_ID"],
        secret_key=os.environ["DANVAN_S3_SECRET_ACCESS_KEY"],
        region_name=os.environ.get("DANVAN_S3_REGION", "us-east-1"),
    )


def wait_for(condition: Any, what: str, logs: Any) -> None:
    give_up = time.monotonic() + STREAM_TIMEOUT
    while not condition():
        assert time.monotonic() < give_up, f"{what} did not happen in {STREAM_TIMEOUT:.0f} s\n{logs()}"
        time.sleep(0.1)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_killed_nodes_and_a_restarted_database_lose_nothing(
    app_nodes: list[AppServerNode], worker_nodes: list[WorkerNode], process_env: dict[str, str]
) -> None:
    ensure_units()
    officer = make_officer("nd-o1", "Nguyễn Văn Một", UNIT_CODE, Role.OFFICER)
    make_officer("nd-r1", "Trần Thị Nhận", TARGET_CODE, Role.OFFICER)  # e-mailed of every arrival
    token = api_token_create(actor=officer, officer=officer, name="node-dies")[1]
    servers = [node.server for node in app_nodes]
    stream = Stream(servers, token, unit(UNIT_CODE).pk, unit(TARGET_CODE).pk)
    threads = [threading.Thread(target=stream.run, name=f"client-{i}", daemon=True) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    killable: list[Node] = [app_nodes[0], worker_nodes[0]]
    events: list[tuple[str, int]] = []

    def logs() -> str:
        parts = [(node.name, node.server.log) for node in app_nodes] + [(node.name, node.log) for node in worker_nodes]
        return "\n".join(f"--- {name}\n{log_tail(path)}" for name, path in parts)

    try:
        for node in killable:
            stream.wait_for_acks(stream.acknowledged() + ACKS_BETWEEN_EVENTS)
            node.kill()
            events.append((f"killed {node.name}", stream.acknowledged()))
            time.sleep(1.0)  # the stream goes on against the other node meanwhile
            node.start()
        stream.wait_for_acks(stream.acknowledged() + ACKS_BETWEEN_EVENTS)
        replica.primary().restart("immediate")
        events.append(("restarted PostgreSQL", stream.acknowledged()))
        connection.close()  # this process's connection died with the server
        stream.wait_for_acks(stream.acknowledged() + ACKS_BETWEEN_EVENTS)
    finally:
        stream.stopping.set()
        for thread in threads:
            thread.join(timeout=RETRY_FOR + 2 * HTTP_TIMEOUT)
    assert not stream.errors, f"{stream.errors}\n{logs()}"
    assert not any(thread.is_alive() for thread in threads)
    # The disruptions happened mid-stream: requests failed and were sent again.
    assert sum(stream.retries.values()) > 0, (events, stream.retries)

    acks = stream.acks
    keys = Counter(ack.key for ack in acks)
    assert len(keys) == len(acks)
    stored = Case.objects.filter(title__startswith=TITLE, unit__code=UNIT_CODE)
    by_title = Counter(stored.values_list("title", flat=True))
    # Exactly once: one case per acknowledged key, and no case that no answer acknowledged.
    assert by_title == Counter(f"{TITLE} {key}" for key in keys), (events, stream.retries)
    assert set(stored.values_list("pk", flat=True)) == {ack.case_id for ack in acks}
    # Nothing half-written: every case has its receipt in the history and in the audit trail, once.
    ids = [ack.case_id for ack in acks]
    receipts = Counter(
        CaseTransition.objects.filter(case_id__in=ids, action="receive").values_list("case_id", flat=True)
    )
    assert receipts == Counter(ids), receipts
    audited = AuditEntry.objects.filter(
        action="cases.case.received", object_type="cases.case", object_id__in=map(str, ids)
    )
    assert Counter(audited.values_list("object_id", flat=True)) == Counter(map(str, ids))
    # Every transfer happened once and whole: the case transferred, one arrived case linked to it, one notification.
    assert set(stored.values_list("status", flat=True)) == {CaseStatus.TRANSFERRED}
    arrivals = CaseLink.objects.filter(other_id__in=ids, kind=LinkKind.TRANSFER)
    assert Counter(arrivals.values_list("other_id", flat=True)) == Counter(ids)
    arrived = list(arrivals.values_list("case_id", flat=True))
    assert Case.objects.filter(unit__code=TARGET_CODE, title__startswith=TITLE).count() == len(ids)
    outbox = EmailOutbox.objects.filter(notification__case_id__in=arrived)
    assert outbox.count() == len(ids)
    # Every e-mail enqueued is sent, exactly once in effect (the mail folder holds each Message-ID once).
    wait_for(lambda: not outbox.exclude(state=OutboxState.SENT).exists(), "every e-mail sent", logs)
    sent = message_ids(Path(process_env["DANVAN_EMAIL_FILE_PATH"]))
    assert set(sent) == {f"<outbox-{pk}@danvan>" for pk in outbox.values_list("pk", flat=True)}
    assert [mid for mid, n in sent.items() if n != 1] == []
    # Both workers are still at work: the database restart did not end them.
    assert all(node.process is not None and node.process.poll() is None for node in worker_nodes), logs()
    # Every attachment row of these cases has its file in the bucket, and readable through the API, with the bytes
    # sent.
    contents = {str(ack.case_id): ack.content for ack in acks}
    rows = Attachment.objects.filter(object_type="cases.case", object_id__in=contents)
    assert {ack.attachment_id for ack in acks} <= set(rows.values_list("pk", flat=True))
    bucket = s3_objects()
    for row in rows:
        with bucket.open(row.file.name) as stored_file:
            assert stored_file.read() == contents[row.object_id], row.pk
        status, content = download(servers[row.pk % 2], token, row.pk)
        assert status == 200, (row.pk, status)
        assert content == contents[row.object_id] and hashlib.sha256(content).hexdigest() == row.sha256
    resent = EmailOutbox.objects.filter(pk__in=outbox, attempts__gt=1).count()
    print(
        f"node-dies: {len(acks)} cases, {len(sent)} e-mails ({resent} taken again after a lease), events {events}, "
        f"retries {dict(stream.retries)}",
        file=sys.stderr,
    )
