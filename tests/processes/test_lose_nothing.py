"""Two app processes and two workers on one PostgreSQL lose nothing (ARCHITECTURE.md, "Scale-out").

Two granian servers on two loopback ports and two deadline workers (`danvan sweep_deadlines`, run again and again)
share the test database while threads fire at both servers at once:

- every petition is sent four times with one ``Idempotency-Key``, twice to each server, at the same moment;
- every step (classify, accept, assign, verify) is taken twice at the same moment from the same ``version``, once
  on each server by two different officers: exactly one may win, the other must answer ``409 stale``;
- then a step from an old version (``409 stale``) and a step the status does not allow (``409 invalid_transition``).

Handlers with cases overdue and due soon exist before the workers start, so the two workers' first sweeps race to
tell them. Afterwards the record must add up: no 5xx; one case per key; each successful step once in the case's
history and once in the audit trail, by the officer whose request won; nothing from a 409; every case at version
1 + its successful writes; one assignment notice per successful assignment; and for each handler and deadline
state exactly what one sweep gives — one notification counting all their cases in that state (and one e-mail).

Only the public behaviour is used for the expectations (answers, the list's ``deadline`` filter, the history,
audit and notification rows), never the columns the sweep keeps for itself.
"""

from __future__ import annotations

import datetime as dt
import email
import http.client
import json
import re
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from email.header import decode_header, make_header
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from conftest import ensure_units, make_officer, unit
from danvan.accounts.models import Officer, Role
from danvan.accounts.services import api_token_create
from danvan.cases.models import CaseTransition
from danvan.core.models import AuditEntry
from danvan.notifications.models import Notification
from tests.processes.conftest import Server, SweepWorkers, tail

pytestmark = [
    pytest.mark.processes,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: separate processes cannot share the in-memory SQLite test database "
        "(run: bash scripts/with-postgres.sh .venv/bin/pytest -q -m processes tests/processes)",
    ),
]

UNIT_CODE = "22081"  # UBND Xã Đồng Xuân, the commune of the shared cast
CASES_PER_WAVE = 8
MIN_WAVES = 2
MIN_SWEEPS_DURING_LOAD = 2
LOAD_TIMEOUT = 120.0
SETTLE_TIMEOUT = 90.0
HTTP_TIMEOUT = 60.0
NOTIFIED_STATES = ("overdue", "due_soon")


@dataclass
class Answer:
    server: str
    actor: str
    method: str
    path: str
    status: int
    body: Any

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def __str__(self) -> str:
        return f"{self.method} {self.path} by {self.actor} on {self.server} → {self.status} {self.body}"


class Client:
    """Each officer's API token against either server; every answer is kept for the final checks."""

    def __init__(self, servers: list[Server], tokens: dict[str, str]) -> None:
        self.servers = servers
        self.tokens = tokens
        self.answers: list[Answer] = []
        self._lock = threading.Lock()

    def call(
        self, server: Server, actor: str, method: str, path: str, body: Any = None, headers: dict | None = None
    ) -> Answer:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=HTTP_TIMEOUT)
        try:
            conn.request(
                method,
                path,
                body=None if body is None else json.dumps(body),
                headers={
                    "Authorization": f"Bearer {self.tokens[actor]}",
                    "Content-Type": "application/json",
                    **(headers or {}),
                },
            )
            response = conn.getresponse()
            raw = response.read()
        finally:
            conn.close()
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = raw[:300].decode("utf-8", "replace")
        answer = Answer(server.name, actor, method, path, response.status, parsed)
        with self._lock:
            self.answers.append(answer)
        return answer

    def count(self, actor: str, query: str) -> int:
        answer = self.call(self.servers[0], actor, "GET", f"/api/v1/cases?{query}&limit=1")
        assert answer.status == 200, str(answer)
        return int(answer.body["count"])


def at_once(calls: list[Callable[[], Answer]]) -> list[Answer]:
    """Run the calls in threads released together (so the requests really collide); answers in order."""
    barrier = threading.Barrier(len(calls))
    answers: list[Answer | None] = [None] * len(calls)
    errors: list[BaseException] = []

    def run(index: int, call: Callable[[], Answer]) -> None:
        try:
            barrier.wait(timeout=HTTP_TIMEOUT)
            answers[index] = call()
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=2 * HTTP_TIMEOUT)
    assert not errors, errors
    assert all(answer is not None for answer in answers), "a request did not return in time"
    return [answer for answer in answers if answer is not None]


@dataclass
class Step:
    """One step taken at the same moment by two officers from the same version: exactly one may win."""

    action: str  # a workflow action, or "assign"
    attempts: list[tuple[str, dict]]  # (officer, payload)
    answers: list[Answer] = field(default_factory=list)

    def won(self) -> list[tuple[str, dict]]:
        return [attempt for attempt, answer in zip(self.attempts, self.answers, strict=True) if answer.ok]


@dataclass
class CaseRun:
    """What one petition went through, request by request."""

    index: int
    key: str
    receiver: str
    creations: list[Answer] = field(default_factory=list)
    case_id: int | None = None
    steps: list[Step] = field(default_factory=list)
    refused: list[Answer] = field(default_factory=list)  # the deliberate 409s

    def __str__(self) -> str:
        answers = [*self.creations, *(a for step in self.steps for a in step.answers), *self.refused]
        return f"case {self.index} (id {self.case_id}, key {self.key}):\n  " + "\n  ".join(map(str, answers))


def complaint(unit_id: int, received_on: dt.date, title: str) -> dict:
    return {
        "unit_id": unit_id,
        "kind": "complaint",
        "channel": "web",
        "field": "dat-dai",
        "title": title,
        "summary": f"{title}: khiếu nại quyết định thu hồi đất của UBND xã.",
        "received_on": received_on.isoformat(),
        "event_known_on": received_on.isoformat(),
        "people": [{"full_name": "Nguyễn Văn Hùng", "address": "Thôn 1, xã Đồng Xuân"}],
    }


def run_case(client: Client, ids: dict[str, int], unit_id: int, today: dt.date, index: int) -> CaseRun:
    """One petition through the API: four creations with one key, four contested steps, two refused steps.

    Stops at the first step that does not have exactly one winner (the test reports it)."""
    first, second = client.servers if index % 2 == 0 else client.servers[::-1]
    run = CaseRun(index=index, key=f"lose-nothing-{uuid.uuid4()}", receiver=("o1", "o2")[index % 2])
    payload = complaint(unit_id, today, f"Đơn thử tải số {index}")
    headers = {"Idempotency-Key": run.key}
    run.creations = at_once(
        [
            lambda server=server: client.call(server, run.receiver, "POST", "/api/v1/cases", payload, headers)
            for server in (first, second, first, second)
        ]
    )
    created = {answer.body["id"] for answer in run.creations if answer.ok}
    if len(created) != 1 or not all(answer.ok for answer in run.creations):
        return run
    run.case_id = created.pop()
    version = 1
    classified = {"is_eligible": True, "in_jurisdiction": True}
    plan = [
        ("classify", [("o1", classified), ("o2", classified)]),
        ("accept", [("l1", {"document_no": f"TB-{index}-l1"}), ("l2", {"document_no": f"TB-{index}-l2"})]),
        ("assign", [("l1", {"assignee_id": ids["a1"]}), ("l2", {"assignee_id": ids["a2"]})]),
        ("verify", [("a1", {}), ("a2", {})]),
    ]
    for action, attempts in plan:
        step = Step(action, attempts)
        path = f"/api/v1/cases/{run.case_id}/" + ("assign" if action == "assign" else "transitions")
        verb = {} if action == "assign" else {"action": action}
        step.answers = at_once(
            [
                lambda server=server, actor=actor, body={**verb, **extra, "expected_version": version}, path=path: (
                    client.call(server, actor, "POST", path, body)
                )
                for server, (actor, extra) in zip((first, second), attempts, strict=True)
            ]
        )
        run.steps.append(step)
        winners = [answer for answer in step.answers if answer.ok]
        if len(winners) != 1:
            return run
        version = winners[0].body["version"]
    transitions = f"/api/v1/cases/{run.case_id}/transitions"
    stale = {
        "action": "resolve",
        "document_no": "QĐ-cũ",
        "document_date": today.isoformat(),
        "outcome": "wrong",
        "expected_version": version - 2,  # read before the assignment
    }
    run.refused.append(client.call(second, "l1", "POST", transitions, stale))
    # Not yet resolved and notified: closing is not a step the status allows.
    run.refused.append(client.call(first, "o1", "POST", transitions, {"action": "close", "expected_version": version}))
    return run


def read_mail(mail_dir: Path) -> Counter[tuple[str, str]]:
    """(recipient, subject) of every message the file e-mail backend wrote."""
    sent: Counter[tuple[str, str]] = Counter()
    for path in sorted(mail_dir.glob("*")):
        for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if not chunk.strip():
                continue
            message = email.message_from_bytes(chunk)
            subject = str(make_header(decode_header(message["Subject"] or "")))
            for recipient in (message["To"] or "").split(","):
                sent[(recipient.strip(), subject)] += 1
    return sent


CAST = [
    ("o1", "Nguyễn Văn Một", Role.OFFICER),  # receive and classify
    ("o2", "Trần Thị Hai", Role.OFFICER),
    ("l1", "Lê Văn Ba", Role.LEADER),  # accept and assign
    ("l2", "Phạm Thị Bốn", Role.LEADER),
    ("a1", "Hoàng Văn Năm", Role.OFFICER),  # the handlers the leaders assign
    ("a2", "Võ Thị Sáu", Role.OFFICER),
    ("dh1", "Đặng Văn Bảy", Role.OFFICER),  # handlers of the backlog (BACKLOG)
    ("dh2", "Bùi Thị Tám", Role.OFFICER),
    ("dh3", "Đỗ Văn Chín", Role.OFFICER),
    ("dh4", "Ngô Thị Mười", Role.OFFICER),
]
# Ages in days of the backlog's complaints. The intake limit is 7 working days: received 30 or 60 days ago a case
# is overdue; 1–16 days ago some fall due within the 3-working-day warning and some are just past (16 days reach
# back over a Tết holiday); received today it is on track, so dh4 is never told.
BACKLOG = {"dh1": [30, 60], "dh2": [60, *range(1, 9)], "dh3": list(range(1, 17)), "dh4": [0]}


def receive_backlog(client: Client, unit_id: int, today: dt.date) -> None:
    for handler, ages in BACKLOG.items():
        for age in ages:
            received_on = today - dt.timedelta(days=age)
            body = complaint(unit_id, received_on, f"Đơn tồn {handler} {age}")
            answer = client.call(client.servers[age % 2], handler, "POST", "/api/v1/cases", body)
            assert answer.status == 201, str(answer)


def run_load(client: Client, ids: dict[str, int], unit_id: int, today: dt.date, workers: SweepWorkers) -> list[CaseRun]:
    """Waves of concurrent petitions until both workers have swept at least ``MIN_SWEEPS_DURING_LOAD`` times."""
    runs: list[CaseRun] = []
    give_up = time.monotonic() + LOAD_TIMEOUT
    with ThreadPoolExecutor(max_workers=CASES_PER_WAVE) as pool:
        while True:
            wave = range(len(runs), len(runs) + CASES_PER_WAVE)
            runs += pool.map(lambda index: run_case(client, ids, unit_id, today, index), wave)
            if len(runs) >= MIN_WAVES * CASES_PER_WAVE and workers.completed() >= MIN_SWEEPS_DURING_LOAD:
                return runs
            assert time.monotonic() < give_up, f"{workers.completed()} sweeps per worker in {LOAD_TIMEOUT:.0f} s"


def check_case(run: CaseRun, client: Client, ids: dict[str, int]) -> None:
    """One case per key; one winner per step; each win once in the history and the audit trail; no 409 trace."""
    # The request that saved the case answers 201; its twins, sent at the same moment, 200 with the same case.
    assert sorted(answer.status for answer in run.creations) == [200] * (len(run.creations) - 1) + [201], str(run)
    assert {answer.body["id"] for answer in run.creations} == {run.case_id}, str(run)
    assert [len(step.won()) for step in run.steps] == [1, 1, 1, 1], str(run)
    for step in run.steps:
        assert [(a.status, a.body["code"]) for a in step.answers if not a.ok] == [(409, "stale")], str(run)
    assert [(a.status, a.body["code"]) for a in run.refused] == [(409, "stale"), (409, "invalid_transition")], str(run)
    winner = {step.action: step.won()[0] for step in run.steps}  # action → (officer, payload)
    steps = [step.action for step in run.steps if step.action != "assign"]

    history = CaseTransition.objects.filter(case_id=run.case_id).order_by("id").values_list("action", "actor_id")
    assert list(history) == [
        ("receive", ids[run.receiver]),
        *((action, ids[winner[action][0]]) for action in steps),
    ], str(run)
    audit = AuditEntry.objects.filter(object_type="cases.case", object_id=str(run.case_id))
    assert Counter(audit.values_list("action", "actor_id")) == Counter(
        [
            ("cases.case.received", ids[run.receiver]),
            ("cases.case.assigned", ids[winner["assign"][0]]),
            *((f"cases.case.{action}", ids[winner[action][0]]) for action in steps),
        ]
    ), str(run)

    writes = sum(answer.ok for step in run.steps for answer in step.answers) + sum(a.ok for a in run.refused)
    final = client.call(client.servers[run.index % 2], "l1", "GET", f"/api/v1/cases/{run.case_id}")
    assert final.status == 200, str(final)
    assignee = winner["assign"][1]["assignee_id"]
    assert (final.body["version"], final.body["status"], final.body["assignee_id"]) == (
        1 + writes,
        "verifying",
        assignee,
    ), str(run)
    notices = Notification.objects.filter(case_id=run.case_id, kind="case_assigned")
    assert list(notices.values_list("recipient_id", flat=True)) == [assignee], str(run)


def check_deadline_notices(client: Client, officers: dict[str, Officer], mail_dir: Path, today: dt.date) -> None:
    """For each officer and state, what one sweep gives: one notification counting every open case of theirs in
    that state (as the list's ``deadline`` filter counts them), or none; and one e-mail for each notification."""
    told = list(
        Notification.objects.filter(kind__startswith="deadline_").values_list("recipient_id", "kind", "message")
    )
    assert {kind for _recipient, kind, _message in told} <= {f"deadline_{state}" for state in NOTIFIED_STATES}, told
    totals: Counter[str] = Counter()
    for name, officer in officers.items():
        for state in NOTIFIED_STATES:
            expected = client.count("l1", f"assignee={officer.pk}&deadline={state}&open=true")
            totals[state] += expected
            messages = [m for recipient, kind, m in told if recipient == officer.pk and kind == f"deadline_{state}"]
            assert len(messages) == (1 if expected else 0), (name, state, expected, messages)
            if expected:
                assert str(expected) in re.findall(r"\d+", messages[0]), (name, state, expected, messages)
    assert totals["overdue"] and totals["due_soon"], f"the backlog on {today} should hold both states: {totals}"
    addresses = {officer.pk: officer.email for officer in officers.values()}
    assert read_mail(mail_dir) == Counter((addresses[recipient], f"[danvan] {m}") for recipient, _kind, m in told)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_app_processes_and_two_workers_lose_nothing(
    app_servers: list[Server], sweep_workers: SweepWorkers, process_env: dict[str, str]
) -> None:
    ensure_units()
    commune = unit(UNIT_CODE)
    officers = {name: make_officer(f"ln-{name}", full_name, UNIT_CODE, role) for name, full_name, role in CAST}
    tokens = {name: api_token_create(actor=o, officer=o, name="lose-nothing")[1] for name, o in officers.items()}
    ids = {name: officer.pk for name, officer in officers.items()}
    client = Client(app_servers, tokens)
    today = timezone.localdate()
    receive_backlog(client, commune.pk, today)

    sweep_workers.start()  # both first sweeps race for the backlog while the load begins
    runs = run_load(client, ids, commune.pk, today, sweep_workers)
    load_ended = time.monotonic()
    sweep_workers.wait_for(1, since=load_ended, timeout=SETTLE_TIMEOUT)  # one more each, after the last write
    sweep_workers.stop()

    errors = [str(answer) for answer in client.answers if answer.status >= 500]
    logs = "\n".join(f"--- server {server.name}\n{tail(server.log)}" for server in app_servers)
    assert not errors, "\n".join(errors[:10]) + "\n" + logs
    failed = [
        f"worker {name}: exit {run.returncode}\n{run.output}" for name, run in sweep_workers.runs if run.returncode
    ]
    assert not failed, "\n".join(failed[:3])

    for run in runs:
        check_case(run, client, ids)
    assert len({run.case_id for run in runs}) == len(runs)
    # No case made behind an answer that named another: as many receipts as keys.
    receivers = [ids["o1"], ids["o2"]]
    assert AuditEntry.objects.filter(action="cases.case.received", actor_id__in=receivers).count() == len(runs)
    assert CaseTransition.objects.filter(action="receive", actor_id__in=receivers).count() == len(runs)

    check_deadline_notices(client, officers, Path(process_env["DANVAN_EMAIL_FILE_PATH"]), today)
