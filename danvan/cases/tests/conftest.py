"""Fixtures of the case engine: a commune leader (grace, Chairman of Xã Đồng Xuân), a second commune officer
(ivan), the field "Đất đai", a received complaint and a denunciation; time frozen on Friday 20/11/2026."""

from __future__ import annotations

import datetime as dt

import pytest

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
