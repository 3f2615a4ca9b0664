"""Fixtures of the case engine: a commune leader (grace, Chairman of Xã Đồng Xuân), a second commune officer
(ivan), the field "Đất đai", a received complaint and a denunciation; time frozen on Friday 20/11/2026."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.db import OperationalError, connection

from conftest import make_officer
from danvan.accounts.models import Role
from danvan.cases.models import Case, CaseKind, Channel, Field
from danvan.cases.services import PersonIn, case_receive
from danvan.cases.vault import DenouncerIdentity, DenouncerPerson

TODAY = dt.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC), tick=False)


@pytest.fixture
def grace(cast):
    return make_officer("grace", "Võ Thị Giang", "22081", Role.LEADER)


@pytest.fixture
def ivan(cast):
    return make_officer("ivan", "Bùi Văn Ích", "22081", Role.OFFICER)


@pytest.fixture
def land(db) -> Field:
    return Field.objects.get(code="dat-dai")


@pytest.fixture
def complaint(cast, land) -> Case:
    return case_receive(
        actor=cast.alice,
        unit=cast.dong_xuan,
        kind=CaseKind.COMPLAINT,
        channel=Channel.IN_PERSON,
        field=land,
        title="Khiếu nại quyết định thu hồi đất thửa 125",
        summary="Ông Nguyễn Văn Hùng khiếu nại Quyết định số 45/QĐ-UBND về việc thu hồi đất thửa số 125 tờ bản đồ 7.",
        received_on=dt.date(2026, 11, 2),
        people=[PersonIn("Nguyễn Văn Hùng", "Thôn 1, xã Đồng Xuân", id_number="066080001234")],
        subject_party="Quyết định số 45/QĐ-UBND",
        event_known_on=dt.date(2026, 10, 1),
    )


@pytest.fixture
def denunciation(cast, land) -> Case:
    return case_receive(
        actor=cast.alice,
        unit=cast.dong_xuan,
        kind=CaseKind.DENUNCIATION,
        channel=Channel.POST,
        field=land,
        title="Tố cáo cán bộ địa chính nhận tiền",
        summary="Tố cáo ông Trần Văn Cường, cán bộ địa chính xã, nhận tiền để hợp thức hóa đất lấn chiếm.",
        received_on=dt.date(2026, 11, 16),
        denouncer=DenouncerIdentity(
            people=(DenouncerPerson("Lê Thị Mật", "Thôn 3, xã Đồng Xuân", "0905123456", id_number="066190009999"),)
        ),
        subject_party="Trần Văn Cường",
    )


@pytest.fixture
def committed_audit_cleanup(transactional_db):
    """Let the flush after a transactional test empty the audit trail, whose rows triggers refuse to delete.

    PostgreSQL flushes with TRUNCATE, which the row triggers do not see; SQLite deletes row by row.
    """
    yield
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER IF EXISTS audit_no_delete")
        cursor.execute("DELETE FROM core_auditentry")
        cursor.execute(
            "CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON core_auditentry "
            "BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END"
        )


def wait_for_lock(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
    """Wait for a lock held by another thread, up to 20 s, as a file database's busy timeout does.

    The SQLite test database is a shared-cache in-memory one, where a held lock fails at once ("database table is
    locked") instead of waiting; PostgreSQL waits by itself and never gets here. Install it in each thread with
    ``connection.execute_wrapper(wait_for_lock)``."""
    deadline = time.monotonic() + 20
    while True:
        try:
            return execute(sql, params, many, context)
        except OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.005)
